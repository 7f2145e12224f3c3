"""A message kept as data reads in each reader's language, with its numbers in their format."""
from __future__ import annotations

import json

from flask_babel import force_locale
from markupsafe import Markup

from ccan_web.domain.messages import Message
from ccan_web.domain.numbers import Number


def test_a_message_reads_in_the_language_of_whoever_reads_it(app):
    message = Message("Enter a year between %(first)d and %(last)d.", first=1900, last=2026)
    with app.test_request_context():
        with force_locale("ru"):
            russian = str(message)
        with force_locale("en"):
            assert str(message) == "Enter a year between 1900 and 2026." == message
    assert russian != "Enter a year between 1900 and 2026." and "2026" in russian


def test_a_stored_message_comes_back_whole_through_json(app):
    message = Message("This workbook unpacks to %(size)s MB; workbooks may unpack to at most %(limit)s MB. "
                      "Delete what the import does not need (other sheets, pictures, unused columns), "
                      "or save the sheet as CSV.", size=Number("140.04", 1), limit=64)
    stored = json.loads(json.dumps(message.as_data()))
    with app.test_request_context(), force_locale("ru"):
        assert str(Message.from_data(stored)) == str(message)
        assert "140,0" in str(Message.from_data(stored))


def test_a_message_is_escaped_in_html_like_any_text(app):
    with app.test_request_context(), force_locale("en"):
        assert Markup("{}").format(Message("Remove the character %(code)s: it cannot be shown or stored.",
                                           code="<b>")) == "Remove the character &lt;b&gt;: it cannot be shown or stored."
