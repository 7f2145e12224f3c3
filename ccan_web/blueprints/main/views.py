"""Routes of the main area: home, the language switcher and the search page."""
from __future__ import annotations

from flask import Blueprint, abort, redirect, render_template, request, url_for
from flask_login import current_user

from ccan_web.blueprints.accounts.services import set_locale
from ccan_web.blueprints.catalog.overview import business_overview, course_overview
from ccan_web.blueprints.associations import services as association_services
from ccan_web.blueprints.main import services
from ccan_web.blueprints.roadmap import services as roadmap_services
from ccan_web.blueprints.stories import services as stories_services
from ccan_web.blueprints.events import services as events_services
from ccan_web.blueprints.main.forms import LanguageForm
from ccan_web.domain.errors import DomainError
from ccan_web.domain.plan import COMING
from ccan_web.extensions import db
from ccan_web.i18n import LOCALE_COOKIE, current_locale_code
from ccan_web.htmx import render_page_or_partial
from ccan_web.links import active_filters, known_args
from ccan_web.permissions import can, is_safe_redirect

bp = Blueprint("main", __name__)

ONE_YEAR = 60 * 60 * 24 * 365


@bp.route("/")
def home():
    return render_template("main/home.html", coming=COMING, figures=services.network_figures(),
                           associations=association_services.figures(),
                           roadmaps=roadmap_services.overview(), businesses=business_overview(),
                           courses=course_overview(), stories_goal=stories_services.goal(),
                           latest_stories=stories_services.public_stories(limit=3),
                           next_event=events_services.next_event())


@bp.route("/language", methods=["GET", "POST"])
def set_language():
    # A visitor who is not signed in chooses with a GET form: it sets a cookie and nothing else, so
    # it needs no CSRF token, and a page that carries it needs no session (a proxy may cache it).
    # A member's choice is also saved to their account, which only a POST with its token may do.
    posted = request.method == "POST"
    form = LanguageForm() if posted else LanguageForm(request.args, meta={"csrf": False})
    if not form.validate():
        abort(400)
    user = current_user._get_current_object() if posted and current_user.is_authenticated else None
    try:
        code = set_locale(user, form.locale.data)
    except DomainError:
        abort(400)
    db.session.commit()
    target = form.next.data if is_safe_redirect(form.next.data) else url_for("main.home")
    response = redirect(target, 303)
    response.set_cookie(LOCALE_COOKIE, code, max_age=ONE_YEAR, samesite="Lax",
                        secure=request.is_secure, httponly=True)
    return response


@bp.route("/search")
def search():
    query = services.search_query_from_args(request.args, include_members=can(current_user, "members.browse"))
    page, locale = services.run_search(query), current_locale_code()
    link_args = known_args(request.args, services.SEARCH_PARAMS)
    active = active_filters(link_args, services.search_choices(page, locale), services.SEARCH_FILTER_PARAMS)
    return render_page_or_partial("main/search.html", "main/_search_results.html", search=page,
                                  filters=services.search_filters(page, locale), labels=services.search_labels(locale),
                                  link_args=link_args, active=active)
