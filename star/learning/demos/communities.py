"""Demo: communities."""


def build(ctx, organisation) -> None:
    """Filled in by the communities work."""
