"""Every table of the platform, imported in one place for Alembic and the shell."""
from ccan_web.audit import AuditEntry  # noqa: F401
from ccan_web.blueprints.accounts.models import RoleGrant, User, UserSector  # noqa: F401
from ccan_web.blueprints.associations.models import (  # noqa: F401
    Association, AssociationChange, AssociationReport, ChecklistAnswer, PartnershipDeclaration, ReportYear)
from ccan_web.blueprints.board.models import Application, ApplicationVote, SteeringCommitteeMember  # noqa: F401
from ccan_web.blueprints.catalog.models import Business, BusinessSector, Course, CourseSector, DuplicateFlag  # noqa: F401
from ccan_web.documents.models import Document, Revision  # noqa: F401
from ccan_web.blueprints.toolkit.models import ChecklistItem, ToolkitDocument  # noqa: F401
from ccan_web.figures import figure_versions  # noqa: F401
from ccan_web.jobs.models import Job  # noqa: F401
from ccan_web.notifications.models import Notification, NotificationSetting  # noqa: F401
from ccan_web.storage.models import StoredFile  # noqa: F401
from ccan_web.outbox import OutboxMessage  # noqa: F401
from ccan_web.search.pending import pending_updates  # noqa: F401
from ccan_web.blueprints.stories.models import Story, StoryEvent, StoryImage  # noqa: F401
from ccan_web.blueprints.competitions.models import (  # noqa: F401
    Assignment, Competition, Criterion, Entry, EntryFile, Juror, PlaceOverride, Question)
from ccan_web.blueprints.events.models import Event, EventMaterial, Registration, ReminderSent  # noqa: F401
