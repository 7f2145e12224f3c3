"""Numbers in URLs and query strings stop at the largest id the database stores."""
from __future__ import annotations

import pytest
from werkzeug.datastructures import MultiDict
from werkzeug.exceptions import NotFound

from ccan_web.db import LARGEST_INTEGER
from ccan_web.routing import number_arg

pytestmark = pytest.mark.no_db


def test_an_id_route_matches_up_to_the_largest_stored_integer_and_no_further(app):
    urls = app.url_map.bind("localhost")
    assert urls.match(f"/members/{LARGEST_INTEGER}") == ("members.member_detail", {"user_id": LARGEST_INTEGER})
    for too_large in (LARGEST_INTEGER + 1, 2**63, 2**64, "9" * 5000):
        with pytest.raises(NotFound):
            urls.match(f"/members/{too_large}")


def test_a_number_in_the_query_is_read_when_a_row_could_hold_it(app):
    with app.test_request_context():
        assert number_arg(MultiDict({"rev": str(LARGEST_INTEGER)}), "rev") == LARGEST_INTEGER
        assert number_arg(MultiDict({"rev": "abc"}), "rev") is None
        assert number_arg(MultiDict(), "rev") is None
        for too_large in (LARGEST_INTEGER + 1, 2**63, -1):
            with pytest.raises(NotFound):
                number_arg(MultiDict({"rev": str(too_large)}), "rev")
