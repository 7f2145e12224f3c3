"""Choosing the interface language with the switcher in the header."""
from __future__ import annotations

import re

from babel.support import Translations

from ccan_web.config import BaseConfig
from tests.e2e.support import expect, sign_in


def choose_language(page, name: str) -> None:
    switcher = page.locator("header details.language-switcher")
    switcher.locator("summary").click()
    switcher.get_by_role("button", name=name, exact=True).click()


def russian(message: str) -> str | None:
    """The Russian catalog's translation of `message`, or None while it is not translated yet."""
    catalog = Translations.load(BaseConfig.BABEL_TRANSLATION_DIRECTORIES, ["ru"])
    translated = catalog.gettext(message)
    return translated if translated != message else None


def test_choosing_russian_in_the_switcher_changes_the_page_language_and_is_remembered(browser_page):
    page = browser_page
    page.goto("/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    switcher_label = page.locator("header details.language-switcher summary")
    expect(switcher_label).to_contain_text("English")

    choose_language(page, "Русский")
    expect(page).to_have_url(re.compile(r"/$"))
    expect(page.locator("html")).to_have_attribute("lang", "ru")
    expect(switcher_label).to_contain_text("Русский")
    sign_in_in_russian = russian("Sign in")
    if sign_in_in_russian:  # only once the catalog is filled and compiled
        expect(page.locator("header").get_by_role("link", name=sign_in_in_russian)).to_be_visible()

    page.goto("/auth/login")
    expect(page.locator("html")).to_have_attribute("lang", "ru")
    expect(switcher_label).to_contain_text("Русский")
    page.reload()
    expect(page.locator("html")).to_have_attribute("lang", "ru")

    # The switcher sends the reader back to the page they were on, in the language they chose.
    choose_language(page, "English")
    expect(page).to_have_url(re.compile(r"/auth/login$"))
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(switcher_label).to_contain_text("English")


def test_a_members_language_follows_them_to_another_computer(new_browser_page, factories):
    email = factories.member(full_name="Aibek Toktogulov", country="KG").email
    at_home = new_browser_page()
    sign_in(at_home, email)
    choose_language(at_home, "Кыргызча")
    expect(at_home.locator("html")).to_have_attribute("lang", "ky")

    at_work = new_browser_page()  # another browser: no cookie, only the saved account setting
    at_work.goto("/")
    expect(at_work.locator("html")).to_have_attribute("lang", "en")
    sign_in(at_work, email)
    expect(at_work.locator("html")).to_have_attribute("lang", "ky")
    expect(at_work.locator("header details.language-switcher summary")).to_contain_text("Кыргызча")
