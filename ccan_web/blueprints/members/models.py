"""The members area reads the accounts area's tables; it has none of its own yet."""
