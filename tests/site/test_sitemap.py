"""The sitemap and robots.txt as shared caches keep them."""
from __future__ import annotations



def test_a_cache_keeps_the_sitemap_a_minute_at_most_so_an_embargo_lifts_there_too(client):
    for path in ("/sitemap.xml", "/robots.txt"):
        response = client.get(path)
        assert response.status_code == 200
        assert response.cache_control.public and 0 < response.cache_control.max_age <= 60, path
