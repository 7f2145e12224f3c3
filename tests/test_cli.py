"""`flask ccan ...` commands: roles and the Steering Committee roster."""
from __future__ import annotations


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
