"""Form pieces shared by every area: every field people type text into is held to a text rule."""
from __future__ import annotations

import importlib
import re
import pkgutil

from flask_wtf import FlaskForm
from wtforms import HiddenField, PasswordField, StringField

import ccan_web.blueprints
from ccan_web.forms import TextRule


def _form_classes() -> list[type]:
    for module in pkgutil.iter_modules(ccan_web.blueprints.__path__):
        importlib.import_module(f"ccan_web.blueprints.{module.name}.forms")

    def subclasses(cls):
        for sub in cls.__subclasses__():
            yield sub
            yield from subclasses(sub)

    return sorted({c for c in subclasses(FlaskForm) if c.__module__.startswith("ccan_web.")},
                  key=lambda c: f"{c.__module__}.{c.__name__}")


def test_every_text_field_of_every_form_has_a_text_rule(app):
    """A name, a line or a longer text: no field lets a NUL or a direction override through
    because someone forgot it. Passwords are taken as typed; hidden fields carry what the
    page itself put there."""
    missing, forms = [], _form_classes()
    assert {"RegistrationForm", "BusinessForm", "EditForm", "RejectForm"} <= {f.__name__ for f in forms}
    with app.test_request_context():
        for form_class in forms:
            for field in form_class(formdata=None):
                if isinstance(field, StringField) and not isinstance(field, (PasswordField, HiddenField)):
                    if not any(isinstance(v, TextRule) for v in field.validators):
                        missing.append(f"{form_class.__name__}.{field.name}")
    assert missing == []



def test_a_typed_value_no_url_or_number_input_may_hold_comes_back_as_text(client, auth, factories):
    """Nothing typed is lost, and the page stays valid HTML: an input of type url or number may
    not hold "not a web address", so such a field comes back as text, with the keyboard of its kind."""
    editor = factories.user(roles=("editor",))
    auth.login(editor.email)
    page = client.post("/catalog/businesses/new", data={"name": "Steppe Sound", "website": "not a web address",
                                                        "founded_year": "next"}).get_data(as_text=True)
    assert 'inputmode="url"' in page and 'value="not a web address"' in page
    assert re.search(r'<input[^>]*id="founded_year"[^>]*type="text"', page) and 'value="next"' in page
    assert 'type="url"' not in re.search(r'<input[^>]*id="website"[^>]*>', page).group()
