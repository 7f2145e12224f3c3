"""Routes of the success stories: the public list, a story, its feed and press kit; writing, the
workflow and the editors' queue; the text's history and compare pages are the document kit's."""
from __future__ import annotations

from flask import Blueprint, abort, flash, g, make_response, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ccan_web.blueprints.stories import feeds, media, press_kit, services
from ccan_web.blueprints.stories.forms import ImageForm, StepForm, StoryForm
from ccan_web.blueprints.stories.services import Filters, StoryData, Upload
from ccan_web.domain.errors import NotFound
from ccan_web.domain.stories import EVENT_LABELS, STATUS_LABELS, StoryStatus
from ccan_web.documents.forms import ActionForm
from ccan_web.documents.pages import DocumentPages
from ccan_web.forms import commit_or_show_error, form_status, show_version
from ccan_web.htmx import htmx_redirect, render_page_or_partial
from ccan_web.i18n import select_timezone
from ccan_web.markdown import render_document
from ccan_web.permissions import DocumentRights, require

bp = Blueprint("stories", __name__, url_prefix="/stories")


@bp.app_context_processor
def stories_template_helpers():
    # The count is a callable, so it is queried only where a page shows it.
    return {"stories_waiting_count": services.waiting_count,
            "story_status_label": lambda status: STATUS_LABELS.get(status, status),
            "story_event_label": lambda action: EVENT_LABELS.get(action, action)}


def _user():
    return current_user._get_current_object()


def _story_or_404(slug: str, readable: bool = True):
    try:
        story = services.story_by_slug(slug)
    except NotFound:
        abort(404)
    if readable and not services.may_see(story, _user()):
        abort(404)  # nothing is told of a story before its time, not even that it exists
    return story


# The text's history, compare and revisions: the document kit, for the author and the editors.
def _kit_story(slug: str):
    story = g.get("kit_story")
    if story is None or story.slug != slug:
        try:
            story = g.kit_story = services.story_by_slug(slug)
        except NotFound:
            raise
    if not (services.is_editor(_user()) or services.is_author(story, _user())):
        raise NotFound(_("There is no such story."))
    return story


def _kit_rights(slug: str) -> DocumentRights:
    story = _kit_story(slug)
    edit = ("stories.write", None) if services.may_edit(story, _user()) else ("stories.moderate", None)
    return DocumentRights(("stories.write", None), edit, ("stories.moderate", None))


TEXT_PAGES = DocumentPages(
    "stories", "/<slug>/text", lambda slug: _kit_story(slug).document, _kit_rights,
    lambda document, slug: _kit_story(slug).title, "stories/_text_nav.html", args=("slug",),
    endpoint_prefix="text_", endpoint_names={"view": "story_detail"})
TEXT_PAGES.mount(bp)


# Reading -----------------------------------------------------------------------------------------

@bp.route("/")
def story_list():
    filters = Filters.from_args(request.args)
    return render_page_or_partial("stories/story_list.html", "stories/_results.html", filters=filters,
                                  stories=services.public_stories(filters), goal=services.goal())


@bp.route("/feed.atom")
def feed():
    filters = Filters.from_args(request.args)
    response = make_response(feeds.atom(filters))
    response.content_type = "application/atom+xml; charset=utf-8"
    response.cache_control.public = True
    response.cache_control.max_age = 60  # the embargo lifts within a minute here too
    return response


@bp.route("/<slug>")
def story_detail(slug: str):
    return _render_story(_story_or_404(slug))


def _render_story(story, status: int = 200, step_form=None, image_form=None):
    user = _user()
    revision = services.shown_revision(story, user)
    return render_template(
        "stories/story_detail.html", story=story, revision=revision,
        rendered=render_document(revision.body) if revision else None,
        translations=services.translations(story), media=media.StoryMedia(story),
        is_public=services.is_public(story), may_edit=services.may_edit(story, user),
        is_editor=services.is_editor(user), is_author=services.is_author(story, user),
        step_form=step_form or StepForm(formdata=None, publish_zone=select_timezone()), image_form=image_form or ImageForm(formdata=None),
        failed_action=(request.view_args or {}).get("action") if step_form else None,
    ), status


@bp.route("/<slug>/press-kit.zip")
def press_kit_zip(slug: str):
    story = _story_or_404(slug, readable=False)
    if not services.is_public(story):
        abort(404)  # a press kit is for what the public may already read
    response = make_response(press_kit.build(story))
    response.content_type = "application/zip"
    response.headers["Content-Disposition"] = f'attachment; filename="{story.slug}-press-kit.zip"'
    return response


# Writing -----------------------------------------------------------------------------------------

def _data(form: StoryForm) -> StoryData:
    fields = StoryData.__dataclass_fields__
    return StoryData(**{name: (form[name].data or "") for name in fields})


def _upload(field) -> Upload | None:
    file = field.data
    if file is None or not getattr(file, "filename", None):
        return None
    return Upload(file.read(), file.filename)


@bp.route("/new", methods=["GET", "POST"])
@require("stories.write")
def story_new():
    form = StoryForm()
    if form.validate_on_submit():
        saved, story = commit_or_show_error(
            lambda: services.create_story(_data(form), _user(), _upload(form.lead_image)), form)
        if saved:
            flash(_("The draft is saved. Submit it for review when it is ready."), "success")
            return redirect(url_for("stories.story_detail", slug=story.slug), 303)
    return render_template("stories/story_form.html", form=form, story=None), form_status(form)


@bp.route("/<slug>/edit", methods=["GET", "POST"])
@require("stories.write")
def story_edit(slug: str):
    story = _story_or_404(slug)
    if not services.may_edit(story, _user()):
        abort(403)
    form = StoryForm(data=services.data_of(story) if request.method == "GET" else None)
    if request.method == "POST" and form.validate_on_submit():
        saved, _story = commit_or_show_error(lambda: services.update_story(
            story, _data(form), _user(), _int(form.version.data), _int(form.base_number.data),
            _upload(form.lead_image)), form)
        if saved:
            flash(_("The story is saved."), "success")
            return redirect(url_for("stories.story_detail", slug=story.slug), 303)
        # Asked because someone saved in between: the form now names their version, so saving again
        # keeps this one (the body keeps its base revision: it is merged three-way, not replaced).
        show_version(form.version, services.current_version(story.id))
    return render_template("stories/story_form.html", form=form, story=story), form_status(form)


def _int(value) -> int:
    return int(value) if str(value or "").isdigit() and len(str(value)) < 10 else 0


@bp.route("/<slug>/images/<int:image_id>/<any(up, down, remove):action>", methods=["POST"])
@require("stories.write")
def image_change(slug: str, image_id: int, action: str):
    story = _story_or_404(slug)
    if not services.may_edit(story, _user()):
        abort(403)
    if not any(found.id == image_id for found in story.images):
        abort(404)
    if not ActionForm().validate_on_submit():
        abort(400)
    saved, _result = commit_or_show_error(lambda: services.change_image(story, _user(), image_id, action))
    if saved:
        flash(_("The image is removed.") if action == "remove" else _("The images are in their new order."), "success")
    target = url_for("stories.story_detail", slug=story.slug) + "#story-images"
    return htmx_redirect(target, redirect(target, 303))


@bp.route("/<slug>/images", methods=["POST"])
@require("stories.write")
def image_add(slug: str):
    story = _story_or_404(slug)
    if not services.may_edit(story, _user()):
        abort(403)
    form = ImageForm()
    upload = _upload(form.image)
    if form.validate_on_submit() and upload is None:
        form.image.errors = [_("Choose an image.")]
    elif form.validate_on_submit():
        saved, _image = commit_or_show_error(lambda: services.add_image(
            story, _user(), upload, form.image_alt.data or "", form.image_credit.data or "",
            form.image_licence.data or ""), form)
        if saved:
            flash(_("The image is added."), "success")
            return redirect(url_for("stories.story_detail", slug=story.slug), 303)
    if "csrf_token" in form.errors:
        abort(400)
    return _render_story(story, 422, image_form=form)


@bp.route("/<slug>/<any(submit, approve, request_changes, publish, unpublish):action>", methods=["POST"])
@require("stories.write")
def story_step(slug: str, action: str):
    story = _story_or_404(slug)
    if not (services.is_editor(_user()) or services.is_author(story, _user())):
        abort(403)
    form = StepForm()
    saved = False
    if form.validate_on_submit():
        saved, _story = commit_or_show_error(lambda: services.take_step(
            story, action, _user(), form.note.data or "", media.as_utc(form.publish_at.data, form.publish_zone.data)), form)
    if "csrf_token" in form.errors:
        abort(400)
    if not saved:
        return _render_story(story, 422, step_form=form)
    flash(str(media.STEP_DONE[story.status]), "success")
    target = url_for("stories.story_detail", slug=story.slug)
    return htmx_redirect(target, redirect(target, 303))


@bp.route("/mine")
@require("stories.write")
def mine():
    return render_template("stories/mine.html", stories=services.stories_of(_user()))


@bp.route("/queue")
@require("stories.moderate")
def queue():
    return render_template("stories/queue.html", queue=services.editor_queue(), StoryStatus=StoryStatus)
