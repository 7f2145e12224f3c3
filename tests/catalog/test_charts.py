"""The overview's charts: a scale that always shows the rule's threshold, bars placed on it."""
from __future__ import annotations

from fractions import Fraction

import pytest

from ccan_web.blueprints.catalog.charts import chart_scale, quota_chart
from ccan_web.domain import quotas

pytestmark = pytest.mark.no_db


@pytest.mark.parametrize("shares, threshold, scale", [
    ([Fraction(283, 1000), Fraction(13, 100)], Fraction(8, 100), Fraction(30, 100)),
    ([Fraction(20, 100)], Fraction(45, 100), Fraction(50, 100)),  # the cap line is not on the edge
    ([Fraction(30, 100)], Fraction(30, 100), Fraction(35, 100)),
    ([Fraction(1)], Fraction(45, 100), Fraction(1)),  # never beyond the whole
    ([Fraction(0)], Fraction(1, 100), Fraction(5, 100)),
])
def test_the_scale_is_the_next_round_share_above_every_bar_and_the_threshold(shares, threshold, scale):
    assert chart_scale(shares, threshold) == scale


def test_bars_and_the_threshold_are_placed_on_the_same_scale():
    checks = quotas.floors({"KZ": 3, "UZ": 1}, ["KZ", "UZ", "TM"], quotas.COUNTRY_MIN_SHARE)
    chart = quota_chart(checks, {"KZ": "Kazakhstan"})
    assert chart.scale == Fraction(80, 100) and chart.threshold_at == 10.0
    assert [chart.position(row.share) for row in chart.rows] == [93.75, 31.25, 0.0]
    assert [row.label for row in chart.rows] == ["Kazakhstan", "UZ", "TM"]
    assert [row.met for row in chart.rows] == [True, True, False]
