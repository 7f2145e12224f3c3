"""The main area (home, search page, "coming" pages) has no tables of its own."""
