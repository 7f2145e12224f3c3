"""Demo data (placeholder until written below)."""


def load_demo() -> str:
    return "nothing"
