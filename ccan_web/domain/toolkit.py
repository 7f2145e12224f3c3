"""The regional toolkit's kinds of document and the terms a partnership accepts."""
from __future__ import annotations

import re

from flask_babel import lazy_gettext as _l

CATEGORIES = {
    "standard": _l("Standards"),
    "checklist": _l("Checklists"),
    "procedure": _l("Procedures"),
    "process": _l("Business processes"),
}
CATEGORY_NAMES = {
    "standard": _l("Standard"),
    "checklist": _l("Checklist"),
    "procedure": _l("Procedure"),
    "process": _l("Business process"),
}
# The toolkit documents an association accepts to become a CCAN partner: their published revisions.
PARTNERSHIP_TERMS = ("mission", "principles", "logo-use")
# Slugs the toolkit's own pages use, which no document may take.
RESERVED_SLUGS = frozenset({"new", "brand"})
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

# The checklist answers' states; "met" and "not applicable" complete an item.
ANSWER_STATES = {
    "met": _l("Met"),
    "in_progress": _l("In progress"),
    "not_met": _l("Not met"),
    "not_applicable": _l("Not applicable"),
}
COMPLETE_STATES = frozenset({"met", "not_applicable"})
