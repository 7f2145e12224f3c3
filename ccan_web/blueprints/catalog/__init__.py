"""The research databases. Routes come with the catalog pages; the rules and queries are here."""
