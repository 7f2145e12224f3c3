"""An entry as the downloads and the API give it: stable field names, contact details only where allowed."""
from __future__ import annotations

from ccan_web.blueprints.catalog.models import Business, Course

BUSINESS_FIELDS = ("id", "name", "legal_form", "country", "region", "city", "primary_sector", "sectors",
                   "founded_year", "size_band", "website", "social_links", "contact_email", "contact_phone",
                   "description", "source_kind", "source_detail", "published_at", "verified_at")
COURSE_FIELDS = ("id", "title", "provider", "url", "language", "all_sectors", "sectors", "format", "improves",
                 "outcome", "level", "is_free", "duration", "description", "source_kind", "source_detail",
                 "published_at")


def business_record(entry: Business) -> dict:
    public_contact = entry.contact_public
    return {
        "id": entry.id, "name": entry.name, "legal_form": entry.legal_form, "country": entry.country,
        "region": entry.region, "city": entry.city, "primary_sector": entry.primary_sector,
        "sectors": entry.sector_slugs, "founded_year": entry.founded_year, "size_band": entry.size_band or None,
        "website": entry.website or None, "social_links": list(entry.social_links or []),
        "contact_email": (entry.contact_email or None) if public_contact else None,
        "contact_phone": (entry.contact_phone or None) if public_contact else None,
        "description": entry.description, "source_kind": entry.source_kind, "source_detail": entry.source_detail,
        "published_at": entry.published_at.isoformat() if entry.published_at else None,
        "verified_at": entry.verified_at.isoformat() if entry.verified_at else None,
    }


def course_record(entry: Course) -> dict:
    return {
        "id": entry.id, "title": entry.title, "provider": entry.provider, "url": entry.url,
        "language": entry.language, "all_sectors": entry.all_sectors, "sectors": entry.sector_slugs,
        "format": entry.format, "improves": entry.improves, "outcome": entry.outcome, "level": entry.level,
        "is_free": entry.is_free, "duration": entry.duration, "description": entry.description,
        "source_kind": entry.source_kind, "source_detail": entry.source_detail,
        "published_at": entry.published_at.isoformat() if entry.published_at else None,
    }
