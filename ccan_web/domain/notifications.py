"""What a person can be told about, and how they may choose to hear of it by email."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

NOW, DAILY, NEVER = "now", "daily", "never"
DELIVERIES = {
    NOW: _l("At once"),
    DAILY: _l("In a daily digest"),
    NEVER: _l("Never (on the site only)"),
}

# Each kind of notification, with its label on the preferences page and its email default.
KINDS = {
    "application_received": (_l("Your membership application was received"), NOW),
    "application_submitted": (_l("A new membership application waits for the Board"), NOW),
    "application_decided": (_l("Your membership application was decided"), NOW),
    "entry_decided": (_l("An entry you added to the catalog was published, returned or rejected"), NOW),
    "duplicate_flagged": (_l("An entry was flagged as a possible duplicate"), DAILY),
    "import_finished": (_l("A file you imported has been checked or imported"), NOW),
    "roadmap_changed": (_l("The regional roadmap changed since your country's adaptation"), DAILY),
    "role_changed": (_l("A role of yours was granted or revoked"), NOW),
    "association_changed": (_l("A national association changed its status or profile"), DAILY),
    "toolkit_changed": (_l("A checklist your association answers has a new published version"), NOW),
    "report_due": (_l("Your association's yearly reports are due soon"), NOW),
    "report_overdue": (_l("An association's yearly report is overdue"), NOW),
    "story_submitted": (_l("A success story waits for an editor's review"), NOW),
    "story_reviewed": (_l("Your success story was approved, or changes were asked for"), NOW),
    "story_published": (_l("Your success story was published or unpublished"), NOW),
    "competition_opened": (_l("A competition opened for applications"), DAILY),
    "competition_application": (_l("Your application to a competition was received or disqualified"), NOW),
    "competition_closed": (_l("A competition closed for applications"), NOW),
    "competition_jury": (_l("The judging began of a competition whose jury you are on"), NOW),
    "competition_results": (_l("The results of a competition you applied to were published"), NOW),
}
# Kinds that reach only the holders of a permission: the preferences page offers them to those alone.
FOR_PERMISSION = {
    "application_submitted": "board.view_applications",
    "duplicate_flagged": "catalog.moderate",
    "import_finished": "catalog.import",
    "roadmap_changed": "roadmap.edit_adaptation",
    "association_changed": "associations.suspend",
    "toolkit_changed": "roadmap.edit_adaptation",
    "report_due": "roadmap.edit_adaptation",
    "report_overdue": "associations.suspend",
    "story_submitted": "stories.moderate",
    "competition_closed": "competitions.run",
}


def default_delivery(kind: str) -> str:
    return KINDS[kind][1]


def kinds_for(may) -> list[str]:
    """The kinds a person can receive, given `may(permission)`."""
    return [kind for kind in KINDS if kind not in FOR_PERMISSION or may(FOR_PERMISSION[kind])]
