"""Time zones of the region. Moments are stored as naive UTC; people enter and read them in a named
zone. Central Asia spans UTC+5 (Tashkent, Dushanbe, Ashgabat, and Almaty since March 2024, when
Kazakhstan moved to one zone) and UTC+6 (Bishkek); the IANA database knows the history, so a
moment before that change is shown as it was then."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from flask_babel import lazy_gettext as _l

from ccan_web.domain.errors import DomainError


@dataclass(frozen=True)
class Zone:
    name: str  # the IANA name, stored with the moment it was entered in
    city: object  # a lazy translated string: the city people know the zone by
    country: str  # the country it is the capital zone of


ZONES: tuple[Zone, ...] = (
    Zone("Asia/Almaty", _l("Almaty"), "KZ"),
    Zone("Asia/Bishkek", _l("Bishkek"), "KG"),
    Zone("Asia/Dushanbe", _l("Dushanbe"), "TJ"),
    Zone("Asia/Ashgabat", _l("Ashgabat"), "TM"),
    Zone("Asia/Tashkent", _l("Tashkent"), "UZ"),
)
ZONE_NAMES: frozenset[str] = frozenset(z.name for z in ZONES)
_BY_NAME = {z.name: z for z in ZONES}


class UnknownZone(DomainError):
    def __init__(self, name: str | None):
        super().__init__(_l("Choose one of the time zones of the region."))
        self.name = name


def zone_choices() -> list[tuple[str, object]]:
    """(IANA name, city) for a select: the five capitals' zones."""
    return [(z.name, z.city) for z in ZONES]


def zone_city(name: str | None):
    zone = _BY_NAME.get(name or "")
    return zone.city if zone else name or ""


def zone_info(name: str | None) -> ZoneInfo:
    """The ZoneInfo of one of the five zones; anything else (a typo, 'Europe/Moscow', '../etc')
    is refused, so a stored zone is always one the pages know how to name."""
    if name not in ZONE_NAMES:
        raise UnknownZone(name)
    try:
        return ZoneInfo(name)
    except ZoneInfoNotFoundError as error:  # the machine lacks tzdata: a deployment fault, said loudly
        raise RuntimeError(f"time zone {name} is missing on this machine; install tzdata") from error


def to_utc(local: datetime, zone: str) -> datetime:
    """A wall-clock time entered in `zone` as the naive UTC moment it names."""
    if local.tzinfo is not None:
        return local.astimezone(UTC).replace(tzinfo=None)
    return local.replace(tzinfo=zone_info(zone)).astimezone(UTC).replace(tzinfo=None)


def in_zone(moment: datetime, zone: str) -> datetime:
    """A stored naive-UTC moment as an aware time in `zone` (to fill a form or show a clock)."""
    return moment.replace(tzinfo=UTC).astimezone(zone_info(zone))


def local_input(moment: datetime | None, zone: str) -> datetime | None:
    """The naive wall-clock value a datetime-local input shows for `moment` in `zone`."""
    return None if moment is None else in_zone(moment, zone).replace(tzinfo=None)
