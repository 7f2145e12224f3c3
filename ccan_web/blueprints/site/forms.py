"""Forms of the site area: none, as robots.txt, the sitemap and the health check take no input."""
