"""What each audited action is called in the Board's audit log. Every action a service records
(`audit.record`) has its label here; tests/test_audit_labels.py finds the actions in the code and
fails on one without a label, so no entry of the log shows a raw code."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

ACTION_LABELS = {
    "application.submitted": _l("Application submitted"),
    "application.resubmitted": _l("Application sent again"),
    "application.approval": _l("Approval given"),
    "application.approved": _l("Member admitted"),
    "application.rejected": _l("Application rejected"),
    "role.granted": _l("Role granted"),
    "role.revoked": _l("Role revoked"),
    "document.published": _l("Document published"),
    "catalog.published": _l("Published"),
    "catalog.returned": _l("Returned for changes"),
    "catalog.rejected": _l("Rejected"),
    "catalog.merged": _l("Merged into another entry"),
    "catalog.duplicate_dismissed": _l("Not the same business"),
    "catalog.imported": _l("Imported"),
    "catalog.correction_suggested": _l("Correction suggested"),
    "catalog.correction_done": _l("Suggested correction made"),
    "catalog.correction_dismissed": _l("Suggested correction dismissed"),
    "story.created": _l("Draft written"),
    "story.edited": _l("Edited"),
    "story.submit": _l("Submitted for review"),
    "story.approve": _l("Approved"),
    "story.request_changes": _l("Changes asked for"),
    "story.publish": _l("Published"),
    "story.published_on_schedule": _l("Published"),
    "story.unpublish": _l("Unpublished"),
    "association.status": _l("Association status changed"),
    "association.profile": _l("Association profile updated"),
    "association.partnership": _l("Partnership with CCAN declared"),
    "checklist.answered": _l("Checklist item answered"),
    "checklist.item_added": _l("Checklist item added"),
    "checklist.item_changed": _l("Checklist item changed"),
    "checklist.item_removed": _l("Checklist item removed"),
    "reports.uploaded": _l("Yearly report uploaded"),
    "reports.year_closed": _l("Reporting year closed"),
    "reports.year_set": _l("Reporting year set"),
    "toolkit.create": _l("Toolkit document created"),
    "story.image_added": _l("Image added to a story"),
    "story.image_moved": _l("Images of a story reordered"),
    "story.image_removed": _l("Image removed from a story"),
}


def action_label(action: str):
    """The action's label; an action of an older release that has none shows as recorded."""
    return ACTION_LABELS.get(action, action)
