"""Demo: catalogue."""


def build(ctx, organisation) -> None:
    """Filled in by the catalogue work."""
