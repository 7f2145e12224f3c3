"""The members area has no forms of its own yet: the directory's search form is a plain GET."""
