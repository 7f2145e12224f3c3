"""The API reads the catalog's tables; it has none of its own."""
