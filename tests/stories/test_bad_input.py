"""Bad input: a clear answer beside the field, what was typed kept, nothing stored, nothing leaked."""
from __future__ import annotations

import io
from decimal import Decimal

import pytest
import sqlalchemy as sa

from ccan_web.blueprints.stories.models import Story
from ccan_web.domain import stories as rules
from ccan_web.domain.errors import DomainError
from ccan_web.storage.models import StoredFile
from tests.stories.conftest import png, story_data


def _form(**changes):
    return {k: v for k, v in story_data(**changes).__dict__.items() if v is not None}


def _error_beside(html: str, field: str) -> str:
    import re
    found = re.search(rf'id="{field}-error" class="field-error">([^<]*)<', html)
    return found.group(1) if found else ""


def _post_new(client, auth, people, image=None, **changes):
    auth.login(people["author"].email)
    data = _form(**changes)
    if image is not None:
        data["lead_image"] = (io.BytesIO(image[0]), image[1])
    return client.post("/stories/new", data=data, content_type="multipart/form-data")


@pytest.mark.parametrize("image, field, message", [
    ((b"%PDF-1.4 not an image", "story.pdf"), "lead_image", "A PDF document is not accepted here"),
    ((b"GIF89a garbage", "story.gif"), "lead_image", "This is not an image we accept"),
    ((b"\x89PNG" + b"0" * (11 * 1024 * 1024), "huge.png"), "lead_image", "the largest accepted here is 10 MB"),
])
def test_an_upload_that_is_no_image_or_too_large_is_refused_beside_the_field(client, auth, people, db, app, image,
                                                                            field, message, monkeypatch):
    monkeypatch.setitem(app.config, "MAX_CONTENT_LENGTH", 20 * 1024 * 1024)
    response = _post_new(client, auth, people, image=image, title="Kept title")
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert message in _error_beside(html, field)
    assert 'value="Kept title"' in html  # what was typed is shown again
    assert db.session.scalar(sa.select(sa.func.count(Story.id))) == 0
    assert db.session.scalar(sa.select(sa.func.count(StoredFile.id))) == 0


def test_an_image_without_alt_text_is_refused_and_nothing_is_stored(client, auth, people, db):
    response = _post_new(client, auth, people, image=(png(), "felt.png"), lead_alt="")
    assert response.status_code == 422
    assert "Describe the image" in _error_beside(response.get_data(as_text=True), "lead_alt")
    assert db.session.scalar(sa.select(sa.func.count(StoredFile.id))) == 0


def test_a_colliding_slug_is_refused_beside_the_field(client, auth, people, write):
    write(slug="felt")
    response = _post_new(client, auth, people, slug="felt", title="Another felt story")
    assert response.status_code == 422
    assert "Another story has this address" in _error_beside(response.get_data(as_text=True), "slug")
    # Without a slug asked for, a free one is made from the title.
    assert _post_new(client, auth, people, title="Felt").status_code == 303


@pytest.mark.parametrize("changes, field, message", [
    ({"revenue_before": "-5"}, "revenue_before", "cannot be negative"),
    ({"revenue_after": "lots"}, "revenue_after", "Enter a number"),
    ({"revenue_after": "NaN"}, "revenue_after", "Enter a number"),
    ({"currency": "XXX"}, "currency", "Choose one of the currencies"),
    ({"revenue_before": "", "revenue_after": "", "growth_percent": ""}, "revenue_before", "or the growth in percent"),
    ({"revenue_after": ""}, "revenue_after", "both before and after"),
    ({"growth_percent": "1e9"}, "growth_percent", "from -100 to 100000"),
    ({"country": "XX"}, "country", "five countries"),
    ({"slug": "Not A Slug!"}, "slug", "small Latin letters"),
])
def test_bad_figures_and_choices_are_answered_beside_their_field(client, auth, people, db, changes, field, message):
    response = _post_new(client, auth, people, **changes)
    assert response.status_code == 422
    assert message in _error_beside(response.get_data(as_text=True), field)
    assert db.session.scalar(sa.select(sa.func.count(Story.id))) == 0


def test_the_revenue_rules():
    revenue = rules.checked_revenue("1 000 000", "1750000,5", "KZT", "2019–2021", None)
    assert revenue.before == Decimal("1000000.00") and revenue.change_percent == Decimal("75.0")
    assert rules.checked_revenue(None, None, "", "", "48").change_percent == Decimal("48.0")
    assert rules.chart_bars(revenue) == (57, 100)
    with pytest.raises(DomainError):
        rules.checked_revenue("0", "100", "KZT", "", None)
    assert rules.checked_revenue("0", "100", "KZT", "", "300").change_percent == Decimal("300.0")


def test_the_workflow_rules():
    with pytest.raises(DomainError):
        rules.step_for("publish", "draft", is_editor=True, is_author=False)
    with pytest.raises(DomainError):
        rules.step_for("approve", "submitted", is_editor=False, is_author=True)
    assert rules.step_for("submit", "changes_requested", is_editor=False, is_author=True).target == "submitted"
    assert rules.slugify("Кийиз үй: felt in Bishkek!") == "kiyiz-uy-felt-in-bishkek"
    assert rules.slug_problem("new") is not None


def test_a_story_cannot_be_approved_twice_or_published_before_approval(client, auth, people, write):
    write("submitted")
    auth.login(people["editor"].email)
    assert client.post("/stories/felt-that-travels/publish", data={}).status_code == 422
    assert client.post("/stories/felt-that-travels/approve").status_code == 303
    again = client.post("/stories/felt-that-travels/approve")
    assert again.status_code == 422 and "this step is not open to it" in again.get_data(as_text=True)


def test_a_bad_embargo_value_is_an_error_not_a_500(client, auth, people, write):
    write("approved")
    auth.login(people["editor"].email)
    response = client.post("/stories/felt-that-travels/publish", data={"publish_at": "tomorrow-ish"})
    assert response.status_code == 422


def test_an_unknown_story_and_a_tampered_kit_revision_are_404(client, auth, people, write):
    write("published")
    assert client.get("/stories/no-such-story").status_code == 404
    assert client.get("/stories/no-such-story/press-kit.zip").status_code == 404
    auth.login(people["editor"].email)
    assert client.get("/stories/felt-that-travels/text/rev/99").status_code == 404
    assert client.get("/stories/felt-that-travels/text/rev/99999999999999").status_code == 404


def test_another_member_cannot_edit_or_step_a_published_story(client, auth, people, write):
    write("published")
    auth.login(people["other"].email)
    assert client.get("/stories/felt-that-travels/edit").status_code == 403
    assert client.post("/stories/felt-that-travels/unpublish", data={"note": "x"}).status_code == 403
    assert client.post("/stories/felt-that-travels/images").status_code == 403


def test_the_author_cannot_edit_a_story_under_review(client, auth, people, write):
    write("submitted")
    auth.login(people["author"].email)
    assert client.get("/stories/felt-that-travels/edit").status_code == 403
    assert client.get("/stories/felt-that-travels/text/edit").status_code == 403


def test_a_further_image_needs_alt_text(client, auth, people, write):
    write()
    auth.login(people["author"].email)
    response = client.post("/stories/felt-that-travels/images", data={"image": (io.BytesIO(png()), "a.png"),
                                                                       "image_alt": ""},
                           content_type="multipart/form-data")
    assert response.status_code == 422
    assert "Describe the image" in _error_beside(response.get_data(as_text=True), "image_alt")
