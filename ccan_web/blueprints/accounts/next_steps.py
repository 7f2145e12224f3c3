"""What a signed-in person can do next, by what they are: applicant, member, Board, editor, officer."""
from __future__ import annotations

from dataclasses import dataclass, field

from flask_babel import lazy_gettext as _l
from flask_babel import ngettext

from ccan_web.domain.roles import Role
from ccan_web.permissions import can


@dataclass(frozen=True)
class NextStep:
    """One thing to do: a link (an endpoint and its arguments) with a line saying why."""

    title: object
    text: object
    endpoint: str
    args: dict = field(default_factory=dict)
    urgent: bool = False  # something waits for this person


def _waiting_for(user) -> tuple[int, int]:
    """The applications waiting for the Board and the entries waiting for an editor, as far as
    `user` decides on them (0 otherwise)."""
    # Imported here: board.services imports accounts.services, and importing it loads this package.
    from ccan_web.blueprints.board.services import status_counts
    from ccan_web.blueprints.catalog.moderation import moderation_queue

    applications = status_counts()["pending"] if can(user, "board.view_applications") else 0
    entries = 0
    if can(user, "catalog.moderate"):
        queue = moderation_queue()
        entries = len(queue.businesses) + len(queue.courses) + len(queue.duplicates)
    return applications, entries


def next_steps(user) -> list[NextStep]:
    """The steps open to `user`, their own work (and what waits for it) first."""
    pending_applications, entries_to_moderate = _waiting_for(user)
    steps: list[NextStep] = []
    application = user.application
    if can(user, "board.view_applications"):
        steps.append(NextStep(
            _l("Decide on applications"),
            ngettext("%(num)d application is waiting for the Board.", "%(num)d applications are waiting for the Board.",
                     pending_applications) if pending_applications else _l("No application is waiting."),
            "board.applications", urgent=bool(pending_applications)))
    if can(user, "catalog.moderate"):
        steps.append(NextStep(
            _l("Moderate the catalog"),
            ngettext("%(num)d entry is waiting for an editor.", "%(num)d entries are waiting for an editor.",
                     entries_to_moderate) if entries_to_moderate else _l("Nothing is waiting for an editor."),
            "catalog.moderation", urgent=bool(entries_to_moderate)))
    if can(user, "catalog.import"):
        steps.append(NextStep(_l("Import a spreadsheet"),
                              _l("Add many businesses or courses at once, with a dry run first."),
                              "catalog.import_start"))
    if can(user, "roadmap.edit_regional"):
        steps.append(NextStep(_l("Edit the regional roadmap"),
                              _l("Write with the other leaders; every revision is kept."),
                              "roadmap.document_view", {"doc": "regional"}))
    for grant in user.role_grants:
        if grant.role == Role.ASSOCIATION_OFFICER and grant.scope:
            code = grant.scope.lower()
            steps.append(NextStep(_l("Adapt the roadmap for your country"),
                                  _l("The national version of the regional roadmap that your association keeps."),
                                  "roadmap.document_view", {"doc": code}))
            steps.append(NextStep(_l("Your association's page"),
                                  _l("Its officers and national roadmap, as the public sees them."),
                                  "associations.detail", {"cc": code}))
    if can(user, "members.browse"):
        steps.append(NextStep(_l("Find other members"),
                              _l("The member directory: people and organisations by country and sector."),
                              "members.directory"))
    if can(user, "catalog.submit"):
        steps.append(NextStep(_l("Add a creative business"),
                              _l("Suggest a business for the catalog; an editor checks it first."),
                              "catalog.entry_new", {"kind": "businesses"}))
    if application is not None and application.status == "pending" and not user.is_member:
        steps.append(NextStep(_l("Complete your profile"),
                              _l("The Board reads it with your application, and members will find you by it."),
                              "accounts.profile"))
    elif application is not None and application.status == "rejected" and not user.is_member:
        steps.append(NextStep(_l("Apply again"),
                              _l("Tell the Board what has changed since its decision."),
                              "accounts.account", {"_anchor": "reapply"}, urgent=True))
    else:
        steps.append(NextStep(_l("Keep your profile up to date"),
                              _l("Other members see it in the directory."),
                              "accounts.profile"))
    steps.append(NextStep(_l("Read the roadmap"),
                          _l("The regional roadmap and the five national versions."),
                          "roadmap.index"))
    steps.append(NextStep(_l("Search the catalog"),
                          _l("Creative businesses and online courses of the five countries."),
                          "catalog.index"))
    return steps
