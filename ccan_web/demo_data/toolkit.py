"""The demo regional toolkit: the partnership's terms (mission, principles, logo-use terms), a
founding checklist, a procedure, a standard and a members-only business process, written and
published by a roadmap editor and the Board through the services, as the pages do."""
from __future__ import annotations

from ccan_web.blueprints.accounts.services import user_by_email
from ccan_web.blueprints.toolkit import services
from ccan_web.demo_data.people import DEMO_DOMAIN
from ccan_web.documents import services as documents
from ccan_web.domain.errors import NotFound

WRITER = "cholpon.sydykova"  # a roadmap editor
PUBLISHER = "aigerim.sarsenbaikyzy"  # a Board member

DOCUMENTS = (
    ("mission", "The mission of CCAN", "standard", False, """\
## Our mission

The Creative Central Asia Network contributes to the development of the creative economy in Central Asia and creates the basis for associations of creative entrepreneurs in each of the Central Asian countries: Kazakhstan, Kyrgyzstan, Tajikistan, Turkmenistan and Uzbekistan.

## What a partner association commits to

1. To represent the creative entrepreneurs of its country, whatever their sector, size or form of ownership.
2. To share what it learns with the other four associations and with the network.
3. To adapt the regional roadmap for the creative economy to its country and to keep the adaptation up to date.
"""),
    ("principles", "The principles of CCAN", "standard", False, """\
## Principles

- **Openness.** Membership is open to every creative business and professional of the country who meets the criteria.
- **Independence.** The association chooses its own legal structure, funding sources and size, and answers to its members.
- **Transparency.** The association publishes its charter, its board and a yearly activity and financial report.
- **Cooperation.** The association works with the other national associations as equals and settles disagreements in good faith.
- **Non-partisanship.** The association and the CCAN brand are never used for a political party or campaign.
"""),
    ("logo-use", "Terms of the CCAN logo's use", "standard", False, """\
## Who may use the logo

A national association that has declared its partnership with CCAN, and events that CCAN supports.

## How

- Use the files of the brand section unchanged: no new colours, no stretching, no effects.
- Keep clear space around the logo of at least a quarter of its width.
- On dark backgrounds use the white one-colour version; on light ones the colour or ink version.
- The logo never endorses a product, a party or a person.
"""),
    ("founding-checklist", "Founding checklist for a national association", "checklist", False, """\
## How to use this checklist

The checklist has three levels: **preparation**, **founding** and **operation**. Answer every item; an item that asks for evidence needs a link or a file. A level counts as complete only when the level before it is complete.
"""),
    ("founding-procedure", "Procedure: from initiative group to registration", "procedure", False, """\
## Steps

1. Gather an initiative group of at least five organisers from at least two sectors.
2. Agree the legal structure and draft the charter from the CCAN model charter.
3. Hold the founding meeting; record the decisions and the board elected.
4. Register the association with the Ministry of Justice of the country.
5. Declare the partnership with CCAN.
"""),
    ("membership-fees-process", "Business process: collecting membership fees", "process", True, """\
## The process

1. The treasurer sends the yearly invoices in January.
2. Members pay by bank transfer; the treasurer records each payment.
3. A reminder goes out after 30 days; after 90 days the board decides.
4. The financial report lists the fees collected and outstanding.
"""),
)


def _user(handle: str):
    return user_by_email(f"{handle}@{DEMO_DOMAIN}")


def load_toolkit_demo() -> str:
    """Add the toolkit documents that are missing (matched by their address)."""
    writer, publisher = _user(WRITER), _user(PUBLISHER)
    added = 0
    for slug, title, category, members_only, body in DOCUMENTS:
        try:
            services.find(slug)
            continue
        except NotFound:
            pass
        entry = services.create(slug, title, category, members_only, body, writer)
        documents.publish(entry.document, 1, publisher)
        added += 1
    return f"Demo toolkit: {added} documents added." if added else "Toolkit: the demo documents already exist; nothing added."
