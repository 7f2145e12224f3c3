"""Pure rules of the research databases: cross-script keys, duplicate names, balance quotas."""
from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ccan_web.domain.catalog import business_name_key, same_business
from ccan_web.domain.quotas import COUNTRY_MIN_SHARE, LANGUAGE_MAX_SHARE, caps, floors
from ccan_web.domain.transliteration import latin_key

pytestmark = pytest.mark.no_db


@pytest.mark.parametrize("cyrillic, latin", [
    ("Алматы", "Almaty"), ("Тошкент", "Toshkent"), ("Бишкек", "Bishkek"), ("Хива", "Xiva"),
    ("Самарқанд", "Samarqand"), ("Худжанд", "Khujand"), ("Қўқон", "Qoʻqon"),
    ("Туркменбаши", "Türkmenbaşy"), ("Өскемен", "Öskemen"), ("Жалал-Абад", "Jalal-Abad"),
])
def test_each_script_finds_the_other(cyrillic, latin):
    assert latin_key(cyrillic) == latin_key(latin)


@pytest.mark.parametrize("first, second", [
    ('ТОО "Steppe Sound"', "Steppe Sound LLC"),
    ("ООО «Ала-Тоо Медиа»", "Ala-Too Media"),
    ("Ipak Yoʻli Dizayn MChJ", "«Ипак Йўли Дизайн» МЧЖ"),
    ("ИП Иванов Дизайн", "Ivanov Dizayn"),
    ("ҶДММ Ҳунари Истаравшан", "Hunari Istaravshan"),
    ("ОсОО «Ала-Тоо Медиа»", "Ala-Too Media"),  # the mountains' Тоо is no legal form
])
def test_legal_forms_case_and_script_do_not_make_a_new_business(first, second):
    assert business_name_key(first) == business_name_key(second)


def test_the_same_name_in_another_city_is_another_business():
    assert same_business("Steppe Sound", "Алматы", "Steppe Sound LLC", "Almaty")
    assert not same_business("Steppe Sound", "Almaty", "Steppe Sound", "Astana")
    assert not same_business("LLC", "Almaty", "ТОО", "Almaty")  # nothing left to compare


def test_a_country_below_the_floor_says_how_many_more_it_needs():
    counts = {"KZ": 300, "KG": 100, "TJ": 60, "TM": 3, "UZ": 200}
    checks = {c.key: c for c in floors(counts, ["KZ", "KG", "TJ", "TM", "UZ"], COUNTRY_MIN_SHARE)}
    assert checks["KZ"].met and not checks["TM"].met
    # (3 + n) / (663 + n) >= 8%  first holds at n = 55
    assert checks["TM"].needed == 55
    assert Fraction(3 + 55, 663 + 55) >= COUNTRY_MIN_SHARE > Fraction(3 + 54, 663 + 54)


def test_exactly_at_the_floor_meets_it_and_an_empty_database_meets_nothing():
    assert floors({"KZ": 8, "UZ": 92}, ["KZ"], COUNTRY_MIN_SHARE)[0].met
    assert floors({}, ["KZ"], COUNTRY_MIN_SHARE)[0].needed == 1


def test_a_language_over_the_cap_says_how_many_others_are_needed():
    check = caps({"ru": 60, "en": 40}, ["ru"], LANGUAGE_MAX_SHARE)[0]
    assert not check.met and check.needed == 34  # 60 / (100 + 34) <= 45%
    assert Fraction(60, 134) <= LANGUAGE_MAX_SHARE < Fraction(60, 133)


@settings(max_examples=300, deadline=None)
@given(st.integers(0, 5_000), st.integers(0, 5_000), st.integers(1, 99))
def test_the_number_needed_is_the_least_that_meets_the_floor(count, others, percent):
    floor = Fraction(percent, 100)
    needed = floors({"a": count, "b": others}, ["a"], floor)[0].needed
    total = count + others
    if total == 0:
        assert needed == 1
        return
    assert Fraction(count + needed, total + needed) >= floor
    if needed:
        assert Fraction(count + needed - 1, total + needed - 1) < floor


@settings(max_examples=300, deadline=None)
@given(st.integers(0, 5_000), st.integers(0, 5_000), st.integers(1, 99))
def test_the_number_needed_is_the_least_that_gets_under_the_cap(count, others, percent):
    cap = Fraction(percent, 100)
    needed = caps({"a": count, "b": others}, ["a"], cap)[0].needed
    total = count + others
    if total == 0:
        assert needed == 0
        return
    assert Fraction(count, total + needed) <= cap
    if needed:
        assert Fraction(count, total + needed - 1) > cap
