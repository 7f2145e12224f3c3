"""The read-only API takes query parameters only; it has no forms."""
