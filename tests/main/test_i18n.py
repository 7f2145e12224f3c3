"""The message catalogues: Flask-Babel's own, one per locale, following a forced locale."""
from __future__ import annotations

from flask import render_template_string
from flask_babel import force_locale, gettext, refresh

from ccan_web.extensions import babel


def test_the_request_language_chooses_the_catalogue(app):
    with app.test_request_context("/", headers={"Accept-Language": "ru"}):
        assert gettext("Everything") == "Всё"
        assert render_template_string("{{ _('Everything') }}") == "Всё"


def test_a_forced_locale_and_a_refresh_are_followed_within_one_request(app, monkeypatch):
    with app.test_request_context("/", headers={"Accept-Language": "ru"}):
        assert gettext("Everything") == "Всё"
        with force_locale("kk"):
            assert gettext("Everything") == "Барлығы"
            assert render_template_string("{{ _('Everything') }}") == "Барлығы"
        assert gettext("Everything") == "Всё"
        # As when a member saves another language and the page goes on in it.
        monkeypatch.setattr(app.extensions["babel"], "locale_selector", lambda: "uz")
        refresh()
        assert gettext("Everything") == "Hammasi"


def test_outside_an_app_context_strings_are_left_as_written():
    assert babel.domain_instance.get_translations().ugettext("Everything") == "Everything"
