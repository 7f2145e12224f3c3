"""The embargo: before publish_at nothing of the story is visible anywhere (pages, search, feeds,
sitemap, API); at it, it appears, and the job marks it published within a minute."""
from __future__ import annotations

import re
from datetime import timedelta

import feedparser
import pytest
import sqlalchemy as sa

from ccan_web.blueprints.stories import services
from ccan_web.blueprints.stories.models import Story
from ccan_web.jobs import PERIODIC
from ccan_web.search.documents import SearchQuery
from tests.stories.conftest import T0

EMBARGO = T0 + timedelta(days=7)


def _everywhere(client, search) -> dict[str, bool]:
    """Where the story shows, as the public sees it."""
    sitemap = client.get("/sitemap.xml").get_data(as_text=True)
    stories_sitemap = client.get("/sitemap-stories-1.xml")
    feed = feedparser.parse(client.get("/stories/feed.atom").data)
    country_feed = feedparser.parse(client.get("/stories/feed.atom?country=KG").data)
    hits = search.search(SearchQuery(text="felt")).hits
    return {
        "page": client.get("/stories/felt-that-travels").status_code == 200,
        "list": "Felt that travels" in client.get("/stories/").get_data(as_text=True),
        "home": "Felt that travels" in client.get("/").get_data(as_text=True),
        "feed": any(e.title == "Felt that travels" for e in feed.entries),
        "country_feed": any(e.title == "Felt that travels" for e in country_feed.entries),
        "sitemap": "sitemap-stories-1.xml" in sitemap and stories_sitemap.status_code == 200
                   and "felt-that-travels" in stories_sitemap.get_data(as_text=True),
        "api_list": any(s["slug"] == "felt-that-travels" for s in client.get("/api/v1/stories").get_json()["items"]),
        "api_item": client.get("/api/v1/stories/felt-that-travels").status_code == 200,
        "press_kit": client.get("/stories/felt-that-travels/press-kit.zip").status_code == 200,
        "search": any(hit.key.startswith("story:") for hit in hits),
    }


def test_nothing_shows_a_second_before_the_embargo_and_everything_a_second_after(client, write, clock, search, db):
    story = write("published", publish_at=EMBARGO)
    assert story.status == "scheduled"
    clock.set(EMBARGO - timedelta(seconds=1))
    services.publish_due()
    db.session.commit()
    assert not any(_everywhere(client, search).values())

    clock.set(EMBARGO + timedelta(seconds=1))
    # The pages, feeds, sitemap and API follow the clock at once; search follows the job, which
    # runs every minute.
    published = services.publish_due()
    db.session.commit()
    assert [s.slug for s in published] == ["felt-that-travels"]
    shown = _everywhere(client, search)
    assert all(shown.values()), shown
    db.session.expire_all()
    assert db.session.scalar(sa.select(Story.status)) == "published"


def test_the_job_that_lifts_embargoes_runs_every_minute():
    assert PERIODIC["stories.publish_due"].schedule == {"minute": "*"}


def test_an_embargo_in_the_past_is_refused_beside_the_field(client, auth, people, write, clock):
    write("approved")
    auth.login(people["editor"].email)
    response = client.post("/stories/felt-that-travels/publish", data={"publish_at": "2020-01-01T10:00"})
    assert response.status_code == 422
    assert "The embargo is in the past" in response.get_data(as_text=True)
    assert 'id="publish-at-error"' in response.get_data(as_text=True)


def test_a_scheduled_story_is_not_in_the_search_index_until_the_job_publishes_it(write, clock, search, db):
    write("published", publish_at=EMBARGO)
    assert search.search(SearchQuery(text="felt")).hits == []


@pytest.mark.parametrize("path", ["/stories/felt-that-travels", "/stories/felt-that-travels/press-kit.zip",
                                  "/api/v1/stories/felt-that-travels"])
def test_an_unpublished_story_is_a_404_for_the_public(client, write, clock, path):
    write("approved")
    assert client.get(path).status_code == 404


def test_the_search_page_finds_a_published_story_and_not_a_draft(client, write, search):
    write("published")
    write(title="Felt in draft", slug="felt-draft")
    page = client.get("/search?q=felt").get_data(as_text=True)
    assert 'href="/stories/felt-that-travels"' in page
    assert "felt-draft" not in page


@pytest.mark.parametrize("zone, utc_hour", [("Asia/Almaty", 10), ("Asia/Bishkek", 9), ("Asia/Tashkent", 10),
                                            ("Asia/Dushanbe", 10), ("Asia/Ashgabat", 10)])
def test_an_embargo_is_entered_in_the_zone_chosen_beside_it(client, auth, people, write, clock, db, zone, utc_hour):
    write("approved")
    auth.login(people["editor"].email)
    moment = (T0 + timedelta(days=3)).strftime("%Y-%m-%dT15:00")
    response = client.post("/stories/felt-that-travels/publish", data={"publish_at": moment, "publish_zone": zone})
    assert response.status_code == 303
    db.session.expire_all()
    story = db.session.scalar(sa.select(Story).where(Story.slug == "felt-that-travels"))
    assert story.status == "scheduled" and story.publish_at.hour == utc_hour and story.publish_at.minute == 0


def test_an_embargo_in_a_zone_outside_the_region_is_refused_beside_the_field(client, auth, people, write, clock, db):
    write("approved")
    auth.login(people["editor"].email)
    moment = (T0 + timedelta(days=3)).strftime("%Y-%m-%dT15:00")
    response = client.post("/stories/felt-that-travels/publish",
                           data={"publish_at": moment, "publish_zone": "Europe/Moscow"})
    assert response.status_code == 422 and 'id="publish-zone-error"' in response.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.scalar(sa.select(Story.status).where(Story.slug == "felt-that-travels")) == "approved"


def test_the_embargo_form_starts_in_the_editors_own_zone(client, auth, people, write):
    write("approved")
    auth.login(people["editor"].email)
    page = client.get("/stories/felt-that-travels").get_data(as_text=True)
    assert 'id="publish-zone"' in page
    assert re.search(r'<option selected value="Asia/\w+">|<option value="Asia/\w+" selected>', page)
