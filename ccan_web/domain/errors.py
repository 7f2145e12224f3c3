"""Domain errors: raised by services, turned by views into form errors or flash messages."""
from __future__ import annotations


class DomainError(Exception):
    """A rule was broken. `field` names the form field the message belongs beside, if any."""

    def __init__(self, message, field: str | None = None):
        super().__init__(str(message))
        self.message = message
        self.field = field


class NotFound(DomainError):
    pass


class NotAllowed(DomainError):
    pass


class Conflict(DomainError):
    """The record changed under the user (decided by someone else, already exists, ...)."""


class Invalid(DomainError):
    """Several rules broken at once, each beside its own field: `problems` holds a DomainError
    for each, so a form shows them all and an import reports them all, not only the first."""

    def __init__(self, problems: list[DomainError]):
        super().__init__(problems[0].message, field=problems[0].field)
        self.problems = list(problems)
