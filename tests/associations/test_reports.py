"""Yearly reports: the Board sets the years and due dates; each founded association sends its activity
and financial reports (private files); standing computed; reminders before and the Board told after;
a closed year takes nothing more."""
from __future__ import annotations

import io
from datetime import date, timedelta

import pytest
import sqlalchemy as sa

from ccan_web.blueprints.associations import reports, services
from ccan_web.blueprints.associations.models import AssociationReport
from ccan_web.notifications.models import Notification

PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


@pytest.fixture
def setup(db, factories):
    board = factories.board_member(email="b@example.kz")
    officer = factories.user(email="officer@example.kz", roles=("association_officer:KZ",))
    for step in ("initiative_group", "founding", "registered"):
        services.change_status("KZ", step, "", board)
    reports.set_year(2026, date.today() + timedelta(days=14), board)
    db.session.commit()
    return board, officer


def _send(client, kind="activity", data=PDF, year=2026):
    return client.post(f"/associations/kz/reports/{year}/{kind}", content_type="multipart/form-data",
                       data={f"report-{year}-{kind}-file": (io.BytesIO(data), f"{kind}.pdf")})


def test_an_officer_sends_a_report_that_only_the_board_and_the_association_read(client, db, factories, auth, setup):
    auth.login("officer@example.kz")
    assert _send(client).status_code == 303
    report = db.session.scalar(sa.select(AssociationReport))
    assert report.file is not None and not report.file.public
    assert client.get("/associations/kz/reports/2026/activity").data == PDF
    assert client.get(f"/files/{report.file.key}").status_code == 404
    auth.logout()
    factories.user(email="uz@example.uz", roles=("association_officer:UZ",))
    auth.login("uz@example.uz")
    assert client.get("/associations/kz/reports/2026/activity").status_code == 403
    auth.logout()
    auth.login("b@example.kz")
    assert client.get("/associations/kz/reports/2026/activity").data == PDF


def test_a_report_that_is_not_a_pdf_is_refused_beside_the_field(client, db, auth, setup):
    auth.login("officer@example.kz")
    response = _send(client, data=b"just text")
    assert response.status_code == 422 and 'id="report-2026-activity-file-error"' in response.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count(AssociationReport.id))) == 0


def test_a_report_after_the_board_closed_the_year_is_refused_and_nothing_changes(client, db, auth, setup):
    auth.login("b@example.kz")
    assert client.post("/associations/reports/2026/close").status_code == 303
    auth.logout()
    auth.login("officer@example.kz")
    response = _send(client)
    page = response.get_data(as_text=True)
    assert response.status_code == 422 and "closed 2026" in page and 'id="report-2026-activity-file-error"' in page
    assert db.session.scalar(sa.select(sa.func.count(AssociationReport.id))) == 0


def test_standing_is_good_until_a_due_date_passes_with_a_report_missing(client, db, setup):
    board, officer = setup
    rows = services.by_country()
    assert reports.standings(rows)["KZ"].key == "good_standing" and reports.standings(rows)["UZ"] is None
    later = date.today() + timedelta(days=15)
    assert reports.standings(rows, later)["KZ"].key == "report_overdue"
    for kind in ("activity", "financial"):
        reports.upload("KZ", 2026, kind, services.Upload(PDF, "r.pdf"), officer)
    db.session.commit()
    assert reports.standings(services.by_country(), later)["KZ"].key == "good_standing"


def test_officers_are_reminded_before_and_the_board_told_after_the_due_date(db, setup):
    board, officer = setup
    due = date.today() + timedelta(days=14)
    assert reports.remind(due.isoformat()) == 0  # on the day itself: nothing
    assert reports.remind((due - timedelta(days=14)).isoformat()) == 1
    assert reports.remind((due - timedelta(days=5)).isoformat()) == 0
    assert reports.remind((due + timedelta(days=1)).isoformat()) == 1
    kinds = {(n.user_id, n.kind) for n in db.session.scalars(sa.select(Notification))}
    assert (officer.id, "report_due") in kinds and (board.id, "report_overdue") in kinds


def test_the_board_sets_a_year_and_others_may_not(client, db, factories, auth, setup):
    auth.login("officer@example.kz")
    assert client.post("/associations/reports", data={"year": "2027", "due_date": "2028-03-31"}).status_code == 403
    auth.logout()
    auth.login("b@example.kz")
    response = client.post("/associations/reports", data={"year": "1900", "due_date": "2028-03-31"})
    assert response.status_code == 422 and 'id="year-error"' in response.get_data(as_text=True)
    assert client.post("/associations/reports", data={"year": "2027", "due_date": "2028-03-31"}).status_code == 303
    assert "Reports of 2027" in client.get("/associations/reports").get_data(as_text=True)
