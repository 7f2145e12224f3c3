"""Fixtures of the success stories: an image, a story written through the services, signed-in roles."""
from __future__ import annotations

import io
from datetime import datetime, timedelta, timezone

import pytest
from PIL import Image

from ccan_web.blueprints.stories import services
from ccan_web.blueprints.stories.services import StoryData, Upload

T0 = datetime(2026, 12, 6, 9, 0, tzinfo=timezone.utc)


def png(width: int = 64, height: int = 40, colour=(200, 120, 40)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), colour).save(out, format="PNG")
    return out.getvalue()


def story_data(**changes) -> StoryData:
    values = dict(title="Felt that travels", summary="A felt workshop in Bishkek sold online when the bazaars closed.",
                  body="## The year the bazaars closed\n\nThey moved to **online** orders.\n", company_name="Kiyiz Studio",
                  country="KG", sector="fashion-design-crafts", language="en", revenue_before="1000000",
                  revenue_after="1750000", currency="KGS", period="2019 and 2021", figures_source="The studio's accounts",
                  press_contact="press@kiyiz.example", tags="felt, e-commerce", lead_alt="Felt slippers on a table",
                  lead_credit="Kiyiz Studio", lead_licence="CC BY 4.0")
    values.update(changes)
    return StoryData(**values)


@pytest.fixture
def clock(monkeypatch):
    """The stories' clock, set by the test: `clock.set(moment)`."""
    class Clock:
        moment = T0

        def set(self, moment):
            self.moment = moment

    c = Clock()
    monkeypatch.setattr(services, "now", lambda: c.moment)
    return c


@pytest.fixture
def people(factories):
    return {"author": factories.member(full_name="Aida Author"), "editor": factories.user(full_name="Erlan Editor",
                                                                                          roles=("editor",)),
            "other": factories.member(full_name="Olga Other")}


@pytest.fixture
def write(db, people):
    def make(status: str = "draft", image: bool = True, publish_at=None, **changes):
        story = services.create_story(story_data(**changes), people["author"], Upload(png(), "felt.png") if image else None)
        db.session.commit()
        if status == "draft":
            return story
        services.take_step(story, "submit", people["author"])
        if status == "submitted":
            db.session.commit()
            return story
        services.take_step(story, "approve", people["editor"])
        if status == "approved":
            db.session.commit()
            return story
        services.take_step(story, "publish", people["editor"], publish_at=publish_at)
        db.session.commit()
        return story
    return make


def later(**delta):
    return T0 + timedelta(**delta)
