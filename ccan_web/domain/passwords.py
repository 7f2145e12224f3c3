"""What makes a password acceptable."""
from __future__ import annotations

MIN_PASSWORD_LENGTH = 10
MAX_PASSWORD_LENGTH = 128

# The most used passwords that pass the length rule; a real breach list would be larger, but
# these are the ones people actually type first.
COMMON_PASSWORDS = frozenset(
    {
        "1234567890", "12345678910", "0123456789", "qwertyuiop", "password12", "password123",
        "password1234", "1q2w3e4r5t", "qwerty1234", "qwerty12345", "1qaz2wsx3edc", "abcdefghij",
        "iloveyou12", "passw0rd123", "adminadmin", "qazwsxedcrfv", "1111111111", "0000000000",
        "йцукенгшщз", "пароль1234", "parol12345",
    }
)


def password_problems(password: str, *, email: str = "", name: str = "") -> list[str]:
    """Codes of the rules a password breaks; empty when it is acceptable."""
    problems = []
    if len(password) < MIN_PASSWORD_LENGTH:
        problems.append("too_short")
    if len(password) > MAX_PASSWORD_LENGTH:
        problems.append("too_long")
    lowered = password.lower()
    if lowered in COMMON_PASSWORDS or len(set(lowered)) < 4:
        problems.append("too_common")
    local_part = email.split("@")[0].lower()
    if (local_part and len(local_part) >= 4 and local_part in lowered) or (
        name and name.lower().replace(" ", "") == lowered
    ):
        problems.append("personal")
    return problems
