"""Every action the services record in the audit log has a label: the log never shows a raw code."""
from __future__ import annotations

import re
from pathlib import Path

from ccan_web.domain.audit_actions import ACTION_LABELS

PACKAGE = Path(__file__).resolve().parent.parent / "ccan_web"
RECORD = re.compile(r"audit\.record\(\s*(f?)\"([^\"]+)\"")

# Actions made from a pattern, and every value the pattern takes.
PATTERNS = {
    "association.{kind}": ("status", "profile", "partnership"),
    "catalog.correction_{outcome}": ("done", "dismissed"),
    "catalog.{status}": ("published", "returned", "rejected"),
    "story.{action}": ("submit", "approve", "request_changes", "publish", "unpublish"),
    "competition.{action}": ("announce", "close", "judge", "publish"),
    "event.{action}": ("publish", "cancel", "held"),
}


def _recorded() -> list[tuple[bool, str, str]]:
    found = []
    for path in PACKAGE.rglob("*.py"):
        for is_pattern, action in RECORD.findall(path.read_text(encoding="utf-8")):
            found.append((bool(is_pattern), action, str(path.relative_to(PACKAGE))))
    return found


def test_every_recorded_action_has_a_label():
    recorded = _recorded()
    assert len(recorded) > 20
    missing = [(action, where) for is_pattern, action, where in recorded if not is_pattern and action not in ACTION_LABELS]
    assert missing == []


def test_every_pattern_of_actions_is_listed_here_with_a_label_for_each_value():
    patterns = {action for is_pattern, action, _ in _recorded() if is_pattern}
    assert patterns <= set(PATTERNS), f"list the values of {patterns - set(PATTERNS)} in PATTERNS"
    for pattern, values in PATTERNS.items():
        for value in values:
            name = re.sub(r"\{\w+\}", value, pattern)
            assert name in ACTION_LABELS, name


def test_the_log_shows_the_label_and_the_association(client, db, factories, auth):
    from ccan_web.blueprints.associations import services

    officer = factories.user(roles=("association_officer:KG",))
    services.change_status("KG", "initiative_group", "", officer)
    db.session.commit()
    factories.board_member(email="board@example.kg")
    auth.login("board@example.kg")
    page = client.get("/board/audit").get_data(as_text=True)
    assert "Association status changed" in page and "association.status" not in page
    assert 'href="/associations/kg"' in page
