"""`flask ccan ...`: administration from the command line."""
from __future__ import annotations

from pathlib import Path

import click
from flask import current_app
from flask.cli import AppGroup
from sqlalchemy import select

from ccan_web import outbox
from ccan_web.domain.errors import DomainError
from ccan_web.extensions import db

ccan_cli = AppGroup("ccan", help="CCAN administration.")


def _user_or_fail(email: str):
    from ccan_web.blueprints.accounts.services import user_by_email

    user = user_by_email(email)
    if user is None:
        raise click.ClickException(f"No account uses {email}.")
    return user


def _change_role(action: str, email: str, role: str, scope: str | None):
    """Apply a role change in its own transaction, through the same service as /admin/roles; a
    refused one is a clear CLI error."""
    from ccan_web.blueprints.admin.services import Grantor, RoleChange, change_role

    try:
        result = change_role(_user_or_fail(email), RoleChange(action, role, scope), Grantor.command_line())
    except DomainError as error:
        db.session.rollback()
        raise click.ClickException(str(error.message))
    db.session.commit()
    return result


SCOPE_HELP = "Country code, for roles scoped to one association (KZ KG TJ TM UZ)."


@ccan_cli.command("grant")
@click.argument("email")
@click.argument("role")
@click.option("--scope", help=SCOPE_HELP)
def grant(email: str, role: str, scope: str | None):
    """Give ROLE to the account EMAIL."""
    result = _change_role("grant", email, role, scope)
    if result.changed:
        click.echo(f"Granted {role}{' for ' + result.scope if result.scope else ''} to {email}.")
    else:
        click.echo(f"{email} already has {role}.")


@ccan_cli.command("revoke")
@click.argument("email")
@click.argument("role")
@click.option("--scope", help=SCOPE_HELP)
def revoke(email: str, role: str, scope: str | None):
    """Take ROLE away from the account EMAIL."""
    if _change_role("revoke", email, role, scope).changed:
        click.echo(f"Revoked {role} from {email}.")
    else:
        click.echo(f"{email} did not have {role}.")


@ccan_cli.group("steering-committee")
def steering_committee():
    """The 2021 Steering Committee roster, whose members form the Board."""


@steering_committee.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def steering_committee_import(file: Path):
    """Import FILE.csv (columns: name, email, country, organisation)."""
    from ccan_web.blueprints.board.services import import_roster, parse_roster_csv

    try:
        text = file.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise click.ClickException(f"{file} is not UTF-8 text; save it as CSV UTF-8 and try again.")
    rows, errors = parse_roster_csv(text)
    if errors:
        raise click.ClickException("Nothing imported; fix these lines first:\n  " + "\n  ".join(errors))
    result = import_roster(rows)
    db.session.commit()
    click.echo(f"{result.added} added, {result.updated} updated, "
               f"{len(result.admitted)} existing account(s) admitted to the Board.")
    for email in result.admitted:
        click.echo(f"  Board: {email}")


@ccan_cli.command("outbox")
@click.option("--send", is_flag=True, help="Send what is waiting over SMTP (MAIL_SERVER must be set).")
@click.option("--limit", default=20, show_default=True, help="How many messages to show.")
def outbox_command(send: bool, limit: int):
    """Show the newest mail in the outbox, or send what is waiting."""
    if send:
        if not outbox.smtp_configured():
            raise click.ClickException("MAIL_SERVER is not set; the mail stays in the outbox.")
        sent, failed = outbox.deliver_pending(limit=10_000)
        click.echo(f"{sent} sent, {failed} failed.")
        return
    messages = db.session.scalars(
        select(outbox.OutboxMessage).order_by(outbox.OutboxMessage.id.desc()).limit(limit)
    ).all()
    if not messages:
        click.echo("The outbox is empty.")
    for message in messages:
        state = f"sent {message.sent_at:%Y-%m-%d %H:%M}" if message.sent_at else "waiting"
        click.echo(f"#{message.id}  {message.created_at:%Y-%m-%d %H:%M}  {state}")
        click.echo(f"To: {message.recipient}\nSubject: {message.subject}\n\n{message.body}\n{'-' * 60}")


@ccan_cli.command("demo")
@click.option("--if-empty", is_flag=True, help="Only when the database has no accounts yet.")
def demo(if_empty: bool):
    """Load realistic demo data (idempotent: running it again adds nothing twice)."""
    from ccan_web.blueprints.accounts.services import count_users
    from ccan_web.demo import load_demo

    if if_empty and count_users() > 0:
        click.echo("The database already has accounts; demo data not loaded.")
        return
    summary = load_demo()
    db.session.commit()
    click.echo(summary)


@ccan_cli.command("backup")
@click.argument("target", type=click.Path(path_type=Path), default=Path("instance/backups"))
def backup_command(target: Path):
    """Copy the SQLite database, online and checked, to TARGET (a directory, instance/backups/ unless
    given, or a file name). Keep instance/secret_key and instance/uploads/ beside it."""
    from ccan_web import backup

    try:
        written = backup.backup(current_app.config["SQLALCHEMY_DATABASE_URI"], target)
    except DomainError as error:
        raise click.ClickException(str(error.message))
    click.echo(f"Backed up to {written} ({written.stat().st_size:,} bytes).")


@ccan_cli.command("restore")
@click.argument("backup_file", type=click.Path(path_type=Path))
@click.confirmation_option(prompt="This replaces everything in the database with the backup. Stop the platform "
                                  "first. Go on?")
def restore_command(backup_file: Path):
    """Replace the SQLite database's content with BACKUP_FILE's, after checking it."""
    from ccan_web import backup

    try:
        database = backup.restore(current_app.config["SQLALCHEMY_DATABASE_URI"], backup_file)
    except DomainError as error:
        raise click.ClickException(str(error.message))
    click.echo(f"Restored {database} from {backup_file}.\nNow run: flask --app wsgi db upgrade, then "
               "flask --app wsgi search rebuild, then start the platform.")


@ccan_cli.command("files-clean")
@click.option("--days", default=1, show_default=True, help="Keep files uploaded more recently than this.")
def files_clean(days: int):
    """Remove stored files that no record refers to any more (from the store and the database)."""
    from datetime import timedelta

    from ccan_web.storage.files import remove_orphans

    removed = remove_orphans(timedelta(days=days))
    db.session.commit()
    click.echo(f"Removed {removed} stored file(s) that nothing refers to.")


@ccan_cli.command("translations-fill-en")
def translations_fill_en():
    """Copy each message id into the English catalog (English is the source language)."""
    from babel.messages.pofile import read_po, write_po

    path = Path(current_app.config["BABEL_TRANSLATION_DIRECTORIES"]) / "en" / "LC_MESSAGES" / "messages.po"
    with path.open("rb") as handle:
        catalog = read_po(handle, locale="en")
    for message in catalog:
        if not message.id:
            continue
        message.string = message.id
        message.flags.discard("fuzzy")
    with path.open("wb") as handle:
        write_po(handle, catalog, width=100)
    click.echo(f"English catalog filled: {path}")


search_cli = AppGroup("search", help="The search index: rebuild it, check it against the database.")


@search_cli.command("rebuild")
def search_rebuild():
    """Replace the index with every searchable record of the database, whatever state it is in."""
    from sqlalchemy.orm import Session

    from ccan_web.search.indexing import search_index

    index = search_index()
    try:
        with Session(db.engine) as session:
            total = index.expected_count(session)
        with click.progressbar(length=total, label="Indexing", show_pos=True) as bar:
            indexed = index.rebuild(progress=bar.update)
    except Exception as error:  # the disk, the database, a lock: said plainly, not as a traceback
        raise click.ClickException(f"The index could not be rebuilt: {type(error).__name__}: {error}")
    click.echo(f"Indexed {indexed} records ({current_app.config['SEARCH_BACKEND']}).")


@search_cli.command("verify")
@click.option("--fix", is_flag=True, help="Add what is missing or stale, remove what should not be there; "
                                          "rebuild an index that cannot be read.")
def search_verify(fix: bool):
    """Compare the database with the index; exit status 1 if they differ, or the index cannot be
    read, and --fix was not given or could not repair it."""
    from ccan_web.search.indexing import search_index

    index = search_index()
    try:
        result = index.verify(fix=fix)
        after = index.verify() if fix and not result.in_step else result
    except Exception as error:  # as in rebuild: a clear message and a non-zero status
        raise click.ClickException(f"The index could not be {'repaired' if fix else 'checked'}: "
                                   f"{type(error).__name__}: {error}")
    if result.problem:
        click.echo(f"The search index cannot be read: {result.problem}")
    else:
        click.echo(f"{result.expected} searchable records; missing from the index: {len(result.missing)}, "
                   f"stale: {len(result.stale)}, not in the database: {len(result.extra)}.")
        for label, keys in (("missing", result.missing), ("stale", result.stale), ("extra", result.extra)):
            if keys:
                click.echo(f"  {label}: {', '.join(keys[:20])}{' …' if len(keys) > 20 else ''}")
    if result.in_step:
        click.echo("The index is in step with the database.")
    elif not fix:
        click.echo("Run `flask search verify --fix` to repair it.")
        raise SystemExit(1)
    elif after.in_step:
        click.echo(f"Repaired by a rebuild: {after.expected} records indexed." if result.rebuilt else "Repaired.")
    else:
        raise click.ClickException("Still out of step after repairing: "
                                   + (after.problem or f"missing {len(after.missing)}, stale {len(after.stale)}, "
                                                       f"extra {len(after.extra)}"))


@ccan_cli.command("worker")
@click.option("--workers", type=int, default=None, help="Threads running jobs (default: JOBS_WORKERS).")
def worker(workers: int | None):
    """Run the job queue's worker: mail, imports, image variants, the search index and the
    scheduled tasks. Stop it with Ctrl-C or SIGTERM; a job cut off is run again."""
    queue = current_app.extensions["ccan_huey"]
    if queue.huey.immediate:
        raise click.ClickException("JOBS_BROKER is 'immediate': jobs run in the web process; no worker is needed.")
    queue.consumer(workers or current_app.config["JOBS_WORKERS"]).run()


@ccan_cli.command("jobs")
@click.option("--failed", is_flag=True, help="Only the jobs that failed for good.")
@click.option("--retry", "retry_id", type=int, help="Queue failed job ID once more.")
@click.option("--run", "run_now", is_flag=True, help="Run every due job here and now, without a worker.")
@click.option("--limit", default=20, show_default=True)
def jobs_command(failed: bool, retry_id: int | None, run_now: bool, limit: int):
    """Show the newest jobs with their state and last error; retry a failed one."""
    from ccan_web import jobs

    if retry_id is not None:
        if not jobs.retry(retry_id):
            raise click.ClickException(f"Job {retry_id} has not failed (or does not exist).")
        db.session.commit()
        click.echo(f"Job {retry_id} is queued again.")
        return
    if run_now:
        outcomes = jobs.run_due()
        click.echo(", ".join(f"{outcomes.count(o)} {o}" for o in sorted(set(outcomes))) or "Nothing was due.")
        return
    listed = jobs.recent("failed" if failed else None, limit)
    if not listed:
        click.echo("No jobs.")
    for job in listed:
        click.echo(f"#{job.id}  {job.created_at:%Y-%m-%d %H:%M}  {job.name}  {job.state}  "
                   f"attempt {job.attempts} of {job.max_attempts}")
        if job.last_error:
            click.echo(f"    {job.last_error.splitlines()[-1]}")
