"""For the media: the Atom feeds (read by feedparser), the press kit (opened), social cards, JSON-LD,
translations marked with hreflang, and the JSON API."""
from __future__ import annotations

import io
import json
import re
import zipfile

import feedparser
import pytest

from tests.stories.conftest import png


def test_the_feed_is_valid_atom_with_full_content_image_author_and_dates(client, write):
    write("published")
    response = client.get("/stories/feed.atom")
    assert response.content_type.startswith("application/atom+xml")
    feed = feedparser.parse(response.data)
    assert not feed.bozo, feed.bozo_exception
    assert feed.version == "atom10"
    entry = feed.entries[0]
    assert entry.title == "Felt that travels"
    assert entry.link == "http://localhost/stories/felt-that-travels"
    assert entry.author == "Aida Author"
    assert entry.updated_parsed and entry.published_parsed
    content = entry.content[0].value
    assert "They moved to <strong>online</strong> orders." in content
    assert "Revenue went from" in content and 'src="http://localhost/files/stories/' in content
    assert [link.type for link in entry.links if link.rel == "enclosure"] == ["image/png"]


def test_the_country_feed_holds_that_country_only_and_pages_link_to_the_feeds(client, write):
    write("published")
    write("published", title="Games from Tashkent", country="UZ", sector="games-esports")
    feed = feedparser.parse(client.get("/stories/feed.atom?country=UZ").data)
    assert [e.title for e in feed.entries] == ["Games from Tashkent"]
    assert "Uzbekistan" in feed.feed.title
    page = client.get("/stories/games-from-tashkent").get_data(as_text=True)
    assert 'type="application/atom+xml"' in page and "/stories/feed.atom?country=UZ" in page
    assert 'type="application/atom+xml"' in client.get("/stories/").get_data(as_text=True)


def test_hostile_markdown_reaches_neither_page_nor_feed(client, write):
    write("published", body="Hello <script>alert(1)</script> [x](javascript:alert(2)) <img src=x onerror=alert(3)>\n")
    page = client.get("/stories/felt-that-travels").get_data(as_text=True)
    feed = client.get("/stories/feed.atom").get_data(as_text=True)
    for text in (page, feed):
        # Shown as the text it is, never as markup.
        assert "<script>alert" not in text and 'href="javascript:' not in text and "<img src=x" not in text


def test_the_press_kit_holds_the_texts_the_images_with_credits_and_a_fact_sheet(client, write, db, people):
    from ccan_web.blueprints.stories import services

    story = write("published")
    services.add_image(story, people["editor"], services.Upload(png(80, 60), "team.png"), "The team at work",
                       "Photo: A. Author", "CC BY 4.0")
    db.session.commit()
    response = client.get("/stories/felt-that-travels/press-kit.zip")
    assert response.status_code == 200 and response.content_type == "application/zip"
    kit = zipfile.ZipFile(io.BytesIO(response.data))
    names = set(kit.namelist())
    assert {"story.md", "story.txt", "fact-sheet.txt", "images/credits.txt", "images/1-lead.png",
            "images/2.png"} <= names
    assert kit.read("story.md").decode().startswith("# Felt that travels")
    text = kit.read("story.txt").decode()
    assert "They moved to online orders." in text and "**" not in text and "<" not in text
    facts = kit.read("fact-sheet.txt").decode()
    for fact in ("Company: Kiyiz Studio", "Country: Kyrgyzstan", "Sector: Fashion, design and crafts",
                 "+75.0 %", "Source of the figures: The studio's accounts", "Contact for the press: press@kiyiz.example"):
        assert fact in facts
    credits = kit.read("images/credits.txt").decode()
    assert "Kiyiz Studio" in credits and "CC BY 4.0" in credits and "Photo: A. Author" in credits
    assert kit.read("images/1-lead.png")[:4] == b"\x89PNG"  # the image at full size, as stored


def test_json_ld_is_a_news_article_that_no_story_text_can_break_out_of(client, write):
    write("published", title="Felt </script><script>alert(1)</script>", slug="felt")
    page = client.get("/stories/felt").get_data(as_text=True)
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S).group(1)
    data = json.loads(block)
    assert data["@type"] == "NewsArticle" and data["headline"].startswith("Felt </script>")
    assert data["publisher"]["name"] == "Creative Central Asia Network"
    assert page.count("<script") == page.count("<script src=") + 1  # the data block, nothing else


def test_the_open_graph_image_is_the_1200_by_630_card(client, write):
    write("published")
    page = client.get("/stories/felt-that-travels").get_data(as_text=True)
    assert '<meta property="og:image:width" content="1200">' in page
    assert '<meta property="og:image:height" content="630">' in page


def test_translations_link_to_each_other_with_hreflang(client, write):
    write("published")
    write("published", title="Войлок, который путешествует", slug="voilok", language="ru",
          translation_of="felt-that-travels")
    english = client.get("/stories/felt-that-travels").get_data(as_text=True)
    russian = client.get("/stories/voilok").get_data(as_text=True)
    assert '<link rel="alternate" hreflang="ru" href="http://localhost/stories/voilok">' in english
    assert '<link rel="alternate" hreflang="en" href="http://localhost/stories/felt-that-travels">' in russian
    assert 'hreflang="kk"' not in english  # the interface's own languages are not this page's
    # One story in two languages counts once towards the goal.
    assert "1 of 10 success stories published" in client.get("/stories/").get_data(as_text=True)


def test_the_api_lists_published_stories_and_refuses_unknown_filters(client, write):
    write("published")
    write("submitted", title="Not yet")
    listing = client.get("/api/v1/stories").get_json()
    assert [s["slug"] for s in listing["items"]] == ["felt-that-travels"] and listing["total"] == 1
    item = client.get("/api/v1/stories/felt-that-travels").get_json()
    assert item["revenue"] == {"before": "1000000.00", "after": "1750000.00", "currency": "KGS",
                               "period": "2019 and 2021", "change_percent": "75.0"}
    assert item["lead_image"]["alt"] == "Felt slippers on a table"
    assert client.get("/api/v1/stories/not-yet").status_code == 404
    assert client.get("/api/v1/stories?country=XX").status_code == 400
    assert client.get("/api/v1/stories?page=0").status_code == 400


def test_further_images_are_moved_and_removed_by_those_who_may_edit(client, auth, write, db, people):
    from ccan_web.blueprints.stories import services
    from ccan_web.blueprints.stories.models import Story

    story = write("approved")
    for alt in ("Felt on the loom", "The shop online", "Packing orders"):
        services.add_image(story, people["editor"], services.Upload(png(80, 60), "i.png"), alt)
    db.session.commit()
    ids = {image.alt: image.id for image in story.images}

    def order():
        db.session.expire_all()
        return [image.alt for image in db.session.get(Story, story.id).images]

    auth.login(people["editor"].email)
    page = client.get("/stories/felt-that-travels").get_data(as_text=True)
    assert 'id="story-images"' in page and "Move “The shop online” up" in page
    assert client.post(f"/stories/felt-that-travels/images/{ids['Packing orders']}/up").status_code == 303
    assert order() == ["Felt on the loom", "Packing orders", "The shop online"]
    assert client.post(f"/stories/felt-that-travels/images/{ids['Felt on the loom']}/down").status_code == 303
    assert order() == ["Packing orders", "Felt on the loom", "The shop online"]
    assert client.post(f"/stories/felt-that-travels/images/{ids['Packing orders']}/up").status_code == 303  # first stays
    assert order() == ["Packing orders", "Felt on the loom", "The shop online"]
    assert client.post(f"/stories/felt-that-travels/images/{ids['Felt on the loom']}/remove").status_code == 303
    assert order() == ["Packing orders", "The shop online"]
    db.session.expire_all()
    assert [image.position for image in db.session.get(Story, story.id).images] == [0, 1]
    # An image of no story, or already removed: 404, nothing changed.
    assert client.post(f"/stories/felt-that-travels/images/{ids['Felt on the loom']}/up").status_code == 404
    assert client.post("/stories/felt-that-travels/images/2147483648/up").status_code == 404
    auth.logout()
    auth.login(people["other"].email)  # a member who is neither its author nor an editor: the story is not theirs to see
    assert client.post(f"/stories/felt-that-travels/images/{ids['Packing orders']}/remove").status_code == 404
    assert order() == ["Packing orders", "The shop online"]
