"""The search engine: documents, analysis, the backend interface and the Whoosh and PostgreSQL
backends. It knows no blueprint and no model; the application feeds it `SearchDocument`s."""
