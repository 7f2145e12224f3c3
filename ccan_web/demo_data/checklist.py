"""The demo founding checklist: 21 items in three levels (preparation, founding, operation), with the
answers of the partner (Kazakhstan) and of the registered association (Tajikistan), evidence included;
and the yearly reports: last year's due a month ago (one association overdue), this year's to come."""
from __future__ import annotations

from datetime import date, timedelta

from ccan_web.blueprints.accounts.services import user_by_email
from ccan_web.blueprints.associations import answers, reports
from ccan_web.blueprints.associations.services import Upload
from ccan_web.blueprints.toolkit import checklists, services
from ccan_web.demo_data.people import DEMO_DOMAIN

SLUG = "founding-checklist"
BOARD = "aigerim.sarsenbaikyzy"
# (level, item, evidence required)
ITEMS = (
    (1, "An initiative group of at least five organisers is formed", False),
    (1, "The organisers come from at least two creative sectors", False),
    (1, "The initiative group has agreed its aims in writing", True),
    (1, "A first meeting with creative businesses of the country has been held", True),
    (1, "The organisers have read the CCAN mission and principles", False),
    (1, "One organiser is named as the contact for CCAN", False),
    (1, "The legal structure has been chosen", False),
    (2, "The charter is drafted from the CCAN model charter", True),
    (2, "The founding meeting has been held and minuted", True),
    (2, "The board of the association is elected", True),
    (2, "Membership fees, if any, are set", False),
    (2, "The association is registered with the Ministry of Justice", True),
    (2, "A bank account is open in the association's name", False),
    (2, "The association's name is set in the national language, Russian and English", False),
    (3, "The association has a website or a public page", True),
    (3, "A membership application form is published", True),
    (3, "The first yearly activity plan is adopted", True),
    (3, "A budget for the year is adopted", True),
    (3, "The national adaptation of the regional roadmap is started", False),
    (3, "A data-protection notice for members is published", True),
    (3, "The association reports to CCAN once a year", False),
)
# The partner has met everything; Tajikistan (registered) is working through level 3.
ANSWERS = {"KZ": {i: "met" for i in range(len(ITEMS))},
           "TJ": {**{i: "met" for i in range(14)}, 13: "not_applicable", 14: "in_progress", 15: "not_met",
                  16: "in_progress"}}
OFFICERS = {"KZ": "dauren.abilkasymov", "TJ": "nigina.sharipova"}


def load_checklist_demo() -> str:
    entry = services.find(SLUG)
    board = user_by_email(f"{BOARD}@{DEMO_DOMAIN}")
    if checklists.items_of(entry):
        return "Checklist: the demo answers and reports already exist; nothing added."
    items = [checklists.add_item(entry, level, text, evidence, board) for level, text, evidence in ITEMS]
    for code, states in ANSWERS.items():
        officer = user_by_email(f"{OFFICERS[code]}@{DEMO_DOMAIN}")
        for index, state in states.items():
            item = items[index]
            evidence = f"https://creative-{code.lower()}.example/documents/{index + 1}" if item.evidence_required and state == "met" else ""
            answers.answer(code, entry, item.id, state, "Checked at the board meeting." if state == "met" else "",
                           evidence, officer)
    _load_reports(board)
    return f"Demo checklist: {len(items)} items, answered by {len(ANSWERS)} associations; reports due, one overdue."


# A minimal valid PDF: what the storage service accepts as a document.
PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


def _load_reports(board) -> None:
    """Last year's reports were due a month ago (Kazakhstan sent both; Tajikistan its activity report
    only, so it is overdue); this year's are due in two months."""
    today = date.today()
    last, this = today.year - 1, today.year
    reports.set_year(last, today - timedelta(days=30), board)
    reports.set_year(this, today + timedelta(days=60), board)
    for code, kinds in (("KZ", ("activity", "financial")), ("TJ", ("activity",))):
        officer = user_by_email(f"{OFFICERS[code]}@{DEMO_DOMAIN}")
        for kind in kinds:
            reports.upload(code, last, kind, Upload(PDF, f"{kind}-report-{last}.pdf"), officer)
