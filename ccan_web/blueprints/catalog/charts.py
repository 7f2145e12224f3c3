"""The research overview's charts: each value's share of the whole beside its rule's threshold."""
from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction

from ccan_web.domain.countries import country_name
from ccan_web.domain.languages import LOCALES
from ccan_web.domain.quotas import ShareCheck
from ccan_web.domain.sectors import SECTORS


@dataclass(frozen=True)
class ChartRow:
    check: ShareCheck
    label: object  # the value's full name, in the reader's language

    @property
    def count(self) -> int:
        return self.check.count

    @property
    def share(self) -> Fraction:
        return self.check.share

    @property
    def met(self) -> bool:
        return self.check.met

    @property
    def needed(self) -> int:
        return self.check.needed


@dataclass(frozen=True)
class QuotaChart:
    """Bars of the shares of one rule, on a scale from 0 to `scale` that always shows the threshold."""

    rows: list[ChartRow]
    threshold: Fraction
    at_least: bool  # a floor ("at least"); else a cap ("at most")
    scale: Fraction

    def position(self, share: Fraction) -> float:
        """Where `share` lies on the chart, from 0 to 100 (an SVG's width)."""
        return round(float(min(share, self.scale) / self.scale * 100), 2)

    @property
    def threshold_at(self) -> float:
        return self.position(self.threshold)

    @property
    def met_count(self) -> int:
        return sum(1 for row in self.rows if row.met)


def chart_scale(shares: Sequence[Fraction], threshold: Fraction) -> Fraction:
    """The next round share above every bar and the threshold: in steps of 5 % up to a half, then
    of 10 % (at most the whole), so the threshold line never sits on the chart's edge."""
    top = max([threshold, *shares])
    step = Fraction(5, 100) if top < Fraction(1, 2) else Fraction(10, 100)
    return min(Fraction(1), (math.floor(top / step) + 1) * step)


def quota_chart(checks: Sequence[ShareCheck], labels: Mapping[str, object]) -> QuotaChart:
    first = checks[0]
    return QuotaChart([ChartRow(check, labels.get(check.key, check.key)) for check in checks], first.threshold,
                      first.at_least, chart_scale([check.share for check in checks], first.threshold))


def overview_charts(businesses, courses) -> dict[str, QuotaChart]:
    """The overview's four rules as charts: countries and sectors of businesses, languages and
    sectors of courses."""
    countries = {check.key: country_name(check.key) for check in businesses.country_checks}
    return {
        "countries": quota_chart(businesses.country_checks, countries),
        "sectors": quota_chart(businesses.sector_checks, SECTORS),
        "languages": quota_chart(courses.language_checks, LOCALES),
        "course_sectors": quota_chart(courses.sector_checks, SECTORS),
    }
