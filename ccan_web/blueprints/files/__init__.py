"""Public stored files (logos, photos and their web variants), cached for a year."""
from .views import bp  # noqa: F401
