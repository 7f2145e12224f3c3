"""Fixtures of the competitions: a call built through the services, its people, and a clock the test sets."""
from __future__ import annotations

import io
from datetime import UTC, datetime, timedelta

import pytest
from PIL import Image

from ccan_web.blueprints.competitions import applications, jury, services
from ccan_web.blueprints.competitions.applications import EntryData, Upload
from ccan_web.blueprints.competitions.services import CallData

T0 = datetime(2026, 12, 6, 9, 0, tzinfo=UTC)
OPENS = T0 - timedelta(days=1)
CLOSES = T0 + timedelta(days=30)


def png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (40, 30), (20, 120, 200)).save(out, format="PNG")
    return out.getvalue()


PDF = b"%PDF-1.4\n% a test document\n"


def call_data(**changes) -> CallData:
    # Entered in Bishkek's time (UTC+6): 09:00 UTC on the day before T0 is 15:00 there.
    values = dict(title="Database of creative businesses", slug="business-db", objective="Compile the database.",
                  description="## What is asked\n\nA list of **businesses**.", eligible_countries=("KZ", "KG", "TJ", "UZ"),
                  languages=("en", "ru"), opens_local=datetime(2026, 12, 5, 15, 0),
                  closes_local=datetime(2027, 1, 5, 15, 0), zone="Asia/Bishkek", scale=10, min_scores=2, prizes=3)
    values.update(changes)
    return CallData(**values)


@pytest.fixture
def clock(monkeypatch):
    """The competitions' clock, set by the test: `clock.set(moment)`."""
    class Clock:
        moment = T0

        def set(self, moment):
            self.moment = moment

    c = Clock()
    monkeypatch.setattr(services, "now", lambda: c.moment)
    return c


@pytest.fixture
def people(factories):
    return {"board": factories.board_member(full_name="Bolot Board", email="board@example.org"),
            "board2": factories.board_member(full_name="Saida Second", email="board2@example.org"),
            "applicant": factories.member(full_name="Aida Applicant", email="aida@example.org", country="KG"),
            "other": factories.member(full_name="Olim Other", email="olim@example.org", country="TJ"),
            "tm": factories.member(full_name="Merdan Turkmen", email="merdan@example.org", country="TM"),
            "juror1": factories.member(full_name="Jamila Juror", email="juror1@example.org", country="UZ"),
            "juror2": factories.member(full_name="Jasur Juror", email="juror2@example.org", country="KZ"),
            "stranger": factories.member(full_name="Sasha Stranger", email="stranger@example.org")}


def entry_data(competition, **changes) -> EntryData:
    answers, files = {}, {}
    for question in competition.questions:
        if question.kind == "file":
            files[question.id] = Upload(PDF, "plan.pdf")
        elif question.kind == "url":
            answers[question.id] = "https://example.org"
        elif question.kind == "number":
            answers[question.id] = "12"
        elif question.kind == "choice":
            answers[question.id] = question.options[0]
        else:
            answers[question.id] = "We compile creative businesses."
    values = dict(applicant_kind="organisation", name="Kiyiz Studio", country="KG", sector="fashion-design-crafts",
                  answers=answers, files=files)
    values.update(changes)
    return EntryData(**values)


@pytest.fixture
def make_call(db, people, clock):
    """A call in the state asked for: draft, open, closed, judging (jurors assigned), published."""
    def make(state: str = "open", entries=("applicant", "other"), scores=True, **changes):
        board = people["board"]
        competition = services.create_call(call_data(**changes), board)
        services.add_question(competition, "long_text", {"en": "What will you compile?", "ru": "Что вы соберёте?"},
                              [], True, board)
        services.add_question(competition, "file", {"en": "Your plan", "ru": "Ваш план"}, [], True, board)
        services.add_criterion(competition, "Relevance", "", 2, board)
        services.add_criterion(competition, "Feasibility", "", 1, board)
        services.add_juror(competition, people["juror1"].email, board)
        services.add_juror(competition, people["juror2"].email, board)
        db.session.commit()
        if state == "draft":
            return competition
        services.take_step(competition, "announce", board)
        db.session.commit()
        for n, who in enumerate(entries):
            person = people[who]
            applications.save_entry(competition, person, entry_data(competition, name=person.full_name,
                                                                     country=person.country), True)
            db.session.commit()
        if state == "open":
            return competition
        clock.set(CLOSES + timedelta(seconds=1))
        services.run_clock()
        db.session.commit()
        if state == "closed":
            return competition
        services.take_step(competition, "judge", board)
        db.session.commit()
        if scores:
            for n, assignment in enumerate(sorted(_all_assignments(db), key=lambda a: a.id)):
                values = {c.id: 8 - (n % 3) for c in competition.criteria}
                jury.score(competition, assignment, values, "Good work.", assignment.juror.user)
            db.session.commit()
        if state == "judging":
            return competition
        services.take_step(competition, "publish", board)
        db.session.commit()
        return competition
    return make


def _all_assignments(db):
    import sqlalchemy as sa

    from ccan_web.blueprints.competitions.models import Assignment
    return list(db.session.scalars(sa.select(Assignment)))
