"""`flask ccan ...` commands: roles and the Steering Committee roster; `flask search ...` as an
operator runs it, in a process of its own."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def invoke(app, *args):
    return app.test_cli_runner().invoke(args=["ccan", *args])


def test_granting_and_revoking_roles(app, db, factories):
    user = factories.member(email="cholpon@example.kg")
    result = invoke(app, "grant", "Cholpon@example.kg", "association_officer", "--scope", "kg")
    assert result.exit_code == 0 and "Granted" in result.output
    db.session.refresh(user)
    assert user.has_role("association_officer", "KG")
    assert "already has" in invoke(app, "grant", "cholpon@example.kg", "association_officer", "--scope", "KG").output
    assert invoke(app, "revoke", "cholpon@example.kg", "association_officer", "--scope", "KG").exit_code == 0
    db.session.expire_all()
    assert not user.has_role("association_officer", "KG")


def test_granting_refuses_unknown_people_roles_and_scopes(app, factories):
    factories.member(email="cholpon@example.kg")
    assert "No account" in invoke(app, "grant", "nobody@example.kg", "board").output
    assert "Unknown role" in invoke(app, "grant", "cholpon@example.kg", "king").output
    assert "needs a country" in invoke(app, "grant", "cholpon@example.kg", "association_officer").output
    assert invoke(app, "grant", "cholpon@example.kg", "board", "--scope", "KG").exit_code != 0


def test_importing_the_steering_committee_roster(app, db, factories, tmp_path):
    existing = factories.applicant(email="aida@example.kg")
    roster = tmp_path / "roster.csv"
    roster.write_text("\ufeffname,email,country,organisation\nAida Sadykova,aida@example.kg,KG,Art Hub\n"
                      "Jane Smith,jane@bc.example,,British Council\n", encoding="utf-8")
    result = invoke(app, "steering-committee", "import", str(roster))
    assert result.exit_code == 0, result.output
    assert "2 added" in result.output and "Board: aida@example.kg" in result.output
    db.session.refresh(existing)
    assert existing.has_role("board")


def test_a_broken_roster_imports_nothing(app, db, tmp_path):
    from ccan_web.blueprints.board.models import SteeringCommitteeMember

    roster = tmp_path / "roster.csv"
    roster.write_text("name,email,country\nGood Person,good@example.kz,KZ\nBad,bad-email,KZ\n")
    result = invoke(app, "steering-committee", "import", str(roster))
    assert result.exit_code != 0 and "row 3" in result.output
    assert db.session.query(SteeringCommitteeMember).count() == 0
    cp1251 = tmp_path / "cp1251.csv"
    cp1251.write_bytes("name,email\nАйдар,aidar@example.kz\n".encode("cp1251"))
    assert "not UTF-8" in invoke(app, "steering-committee", "import", str(cp1251)).output


def test_search_verify_says_what_is_wrong_without_a_traceback_and_fix_repairs_it(db, factories, database_url,
                                                                                tmp_path):
    from ccan_web.blueprints.catalog.entries import BusinessData, submit_business
    from ccan_web.blueprints.catalog.moderation import publish

    editor = factories.user(roles=("editor",))
    publish(submit_business(BusinessData(
        name="Steppe Sound", country="KZ", city="Almaty", primary_sector="music"), editor).entry, editor)
    db.session.commit()
    index_dir = tmp_path / "index"
    index_dir.write_text("not an index\n")  # the index path is a file

    def flask(*args) -> subprocess.CompletedProcess:
        env = {**os.environ, "DATABASE_URL": database_url, "SEARCH_BACKEND": "whoosh",
               "SEARCH_INDEX_DIR": str(index_dir), "SECRET_KEY": "cli-test"}
        return subprocess.run([sys.executable, "-m", "flask", "--app", "wsgi", "search", *args], env=env,
                              cwd=Path(__file__).resolve().parents[1], capture_output=True, text=True, timeout=120)

    checked = flask("verify")
    assert checked.returncode == 1 and "Traceback" not in checked.stderr, checked.stderr
    assert f"The search index cannot be read: {index_dir} is a file" in checked.stdout
    fixed = flask("verify", "--fix")
    assert fixed.returncode == 0 and "Traceback" not in fixed.stderr, fixed.stderr
    assert "Repaired by a rebuild: 1 records indexed." in fixed.stdout and index_dir.is_dir()
    assert flask("verify").returncode == 0
