"""Forms of public files: none, as a file is only read here."""
