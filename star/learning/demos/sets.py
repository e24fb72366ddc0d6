"""Demo: sets."""


def build(ctx, organisation) -> None:
    """Filled in by the sets work."""
