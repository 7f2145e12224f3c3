"""Routes of catalog imports: upload, the dry run's progress and report, import, discard."""
from __future__ import annotations

from flask import abort, current_app, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ccan_web.blueprints.catalog import importing
from ccan_web.blueprints.catalog.forms import ImportConfirmForm, ImportForm
from ccan_web.blueprints.catalog.views import bp, csv_response
from ccan_web.domain.errors import NotFound
from ccan_web.forms import commit_or_show_error, form_status
from ccan_web.htmx import render_page_or_partial
from ccan_web.permissions import require

REPORT_ROWS_SHOWN = 100


@bp.before_request
def _fail_runs_left_stalled():
    """A process's first catalog request fails the import runs that a stopped process left
    behind (whoever reads a job does the same for that job); later requests see a flag."""
    if not current_app.extensions.get("ccan_import_runs_checked"):
        current_app.extensions["ccan_import_runs_checked"] = True
        importing.fail_stalled()


def _job_or_404(job_id: int):
    try:
        return importing.get_job(job_id)
    except NotFound:
        abort(404)


@bp.route("/import", methods=["GET", "POST"])
@require("catalog.import")
def import_start():
    form = ImportForm()
    if form.validate_on_submit():
        upload = form.file.data
        content = upload.read()  # whole (MAX_CONTENT_LENGTH bounds it), so a refusal can say its size
        saved, job = commit_or_show_error(lambda: importing.start_job(
            form.kind.data, upload.filename, content, current_user, form.source_kind.data,
            form.source_detail.data or ""), form)
        if saved:
            importing.run_in_background(job.id, job.attempt, importing.check_job)
            return redirect(url_for("catalog.import_job", job_id=job.id), 303)
    return render_template("catalog/import_start.html", form=form, jobs=importing.recent_jobs(),
                           columns=importing.COLUMNS, required=importing.REQUIRED,
                           state_labels=importing.STATE_LABELS), form_status(form)


@bp.route("/import/<int:job_id>")
@require("catalog.import")
def import_job(job_id: int):
    job = _job_or_404(job_id)
    return render_page_or_partial("catalog/import_job.html", "catalog/_import_status.html", job=job,
                                  form=ImportConfirmForm(), shown=REPORT_ROWS_SHOWN, readable=importing.readable)


@bp.route("/import/<int:job_id>/import", methods=["POST"])
@require("catalog.import")
def import_commit(job_id: int):
    job = _job_or_404(job_id)
    form = ImportConfirmForm()
    if form.validate_on_submit():
        saved, _none = commit_or_show_error(lambda: importing.claim_for_import(
            job, publish=form.publish.data, skip_duplicates=form.duplicates.data != "flag"))
        if saved:
            importing.run_in_background(job.id, job.attempt, importing.import_job)
        # Refused (already imported, discarded): the job's page says what happened to it.
        return redirect(url_for("catalog.import_job", job_id=job.id), 303)
    # Kept as chosen, with the problem in the form's summary and beside its field.
    return render_template("catalog/import_job.html", job=job, form=form, shown=REPORT_ROWS_SHOWN,
                           readable=importing.readable), 422


@bp.route("/import/<int:job_id>/rerun", methods=["POST"])
@require("catalog.import")
def import_rerun(job_id: int):
    """Check a failed job's file again (a run cut off by a restart, say)."""
    job = _job_or_404(job_id)
    if not ImportConfirmForm().validate_on_submit():
        abort(400)
    saved, _none = commit_or_show_error(lambda: importing.rerun(job))
    if saved:
        importing.run_in_background(job.id, job.attempt, importing.check_job)
    return redirect(url_for("catalog.import_job", job_id=job.id), 303)


@bp.route("/import/<int:job_id>/discard", methods=["POST"])
@require("catalog.import")
def import_discard(job_id: int):
    job = _job_or_404(job_id)
    if not ImportConfirmForm().validate_on_submit():
        abort(400)
    saved, _none = commit_or_show_error(lambda: importing.cancel(job))
    if saved:
        flash(_("The file is discarded; nothing was imported."), "success")
    return redirect(url_for("catalog.import_start"), 303)


@bp.route("/import/<int:job_id>/report.csv")
@require("catalog.import")
def import_report(job_id: int):
    """Every error and duplicate of the check, for fixing the file in a spreadsheet."""
    job = _job_or_404(job_id)
    report = job.report or {}
    rows = [["row", "column", "value", "problem"]]
    rows += [[e["row"], e["column"], e["value"], importing.readable(e["message"])] for e in report.get("errors", [])]
    for duplicate in report.get("duplicates", []):
        problem = (_("Already in the catalog as entry %(id)s.", id=duplicate["existing_id"])
                   if duplicate["existing_id"] else _("Repeats row %(row)s.", row=duplicate["same_as_row"]))
        rows.append([duplicate["row"], "", duplicate["name"], problem])
    return csv_response(rows, f"ccan-import-{job.id}-report.csv")


@bp.route("/import/template-<any(businesses, courses):kind>.csv")
@require("catalog.import")
def import_template(kind: str):
    """An empty file with every column the import knows, under its first English name."""
    columns = importing.COLUMNS[kind]
    return csv_response([[aliases[0] for aliases in columns.values()]], f"ccan-{kind}-template.csv")
