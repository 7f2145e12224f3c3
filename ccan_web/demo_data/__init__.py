"""Data for `flask ccan demo`: fictional people, organisations and applications (see people.py)."""
