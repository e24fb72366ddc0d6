"""The demo-data registry. Each app adds a step; `star demo` runs them in order.

    from star.core.demo import demo_step

    @demo_step(order=10, name="STAR framework")
    def build(ctx): ...

Steps must be deterministic for a given ``ctx.seed`` and safe to run on a database that already holds
the demo (they are only re-run after the previous demo organisations have been removed).
"""

import importlib
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TextIO

from django.apps import apps
from django.db import transaction

SIZES = ("council", "regional")


@dataclass
class DemoContext:
    seed: int
    size: str
    stdout: TextIO
    organisations: list = field(default_factory=list)
    logins: list = field(default_factory=list)  # (role label, username) pairs to print

    def rng(self, purpose: str) -> random.Random:
        """An independent, reproducible random stream for one purpose."""
        return random.Random(f"{self.seed}:{purpose}")


@dataclass(frozen=True)
class DemoStep:
    order: int
    name: str
    build: Callable[[DemoContext], None]


_STEPS: dict[str, DemoStep] = {}


def demo_step(*, order: int, name: str):
    def register(build):
        _STEPS[name] = DemoStep(order=order, name=name, build=build)
        return build

    return register


def registered_steps() -> list[DemoStep]:
    """Import every installed app's demo module, then return the steps in order."""
    for config in apps.get_app_configs():
        if config.name.startswith("star."):
            try:
                importlib.import_module(f"{config.name}.demo")
            except ModuleNotFoundError as error:
                if error.name != f"{config.name}.demo":
                    raise
    return sorted(_STEPS.values(), key=lambda step: step.order)


DEMO_PASSWORD = "star-demo-2026"  # noqa: S105  (published demo login, demo databases only)


def demo_build(*, seed: int, size: str, stdout: TextIO, rebuild: bool = False) -> DemoContext | None:
    """Build the demo council(s). Returns None when the same demo is already present."""
    from .models import DemoRun, Organisation, StaffProfile, User

    if size not in SIZES:
        raise ValueError(f"Unknown demo size {size!r}; choose one of {', '.join(SIZES)}")
    existing = DemoRun.objects.order_by("-created_at").first()
    if existing and existing.seed == seed and existing.size == size and not rebuild:
        return None
    ctx = DemoContext(seed=seed, size=size, stdout=stdout)
    with transaction.atomic():
        # People first: profiles protect grades, and users protect their organisation.
        StaffProfile.objects.filter(organisation__is_demo=True).delete()
        User.objects.filter(organisation__is_demo=True).delete()
        Organisation.objects.filter(is_demo=True).delete()
        DemoRun.objects.all().delete()
        for step in registered_steps():
            stdout.write(f"  {step.name}…\n")
            step.build(ctx)
        DemoRun.objects.create(seed=seed, size=size)
    return ctx
from . import demo_council  # noqa: E402,F401  (the council step lives beside the registry)
