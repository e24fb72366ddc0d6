"""Demo: a year of learning at Northbridge: sessions and records, two action learning sets, a community
of practice with a neighbouring council, and the Anti-Racism Summit with its action log."""

from star.core.demo import demo_step

from .demos import catalogue, communities, sets


@demo_step(order=65, name="Learning: a year of sessions, two action learning sets and the summit")
def build(ctx) -> None:
    organisation = ctx.organisations[0]
    catalogue.build(ctx, organisation)
    sets.build(ctx, organisation)
    communities.build(ctx, organisation)
