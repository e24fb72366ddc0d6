"""Benchmark: the team practice view against the bare aggregation queries it cannot do without.

Builds a large council with the demo builders (default 4,000 staff, so about 30,000 supervisions, 15,000
reflections and 20,000 commitments over a year) in a fresh SQLite database (or ``DATABASE_URL``), then
times, as an organisation-wide leader:

* the baseline: the grouped COUNT queries the page's numbers need and nothing else (supervisions by team
  with the three prompts for each of four quarters, shared reflections and their lens tags by team,
  commitments due by team, indicator tags by quarter): the least any implementation must ask the
  database, with no intervals, readings or disclosure control;
* ``team_view`` for one quarter: the same counts plus lens and indicator coverage, the four-quarter trend,
  Wilson intervals, readings and joint primary and secondary suppression over teams and services;
* the whole page through the Django test client (the above, plus the SVG chart and the template).

Prints medians of 5 runs after a warm-up, and the ratios.

Run: uv run python benchmarks/bench_practice.py [--staff 4000]
"""

from __future__ import annotations

import argparse
import io
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from timing import median_time  # noqa: E402  (beside this file)


def setup_django(tmp: Path) -> None:
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{tmp / 'bench.sqlite3'}")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def build(staff: int):
    from star.core import demo_council
    from star.core.demo import DemoContext
    from star.core.models import Region, User
    from star.core.services import roles_ensure
    from star.framework.services import framework_ensure_default
    from star.practice import demo as practice_demo

    roles_ensure()
    framework_ensure_default()
    ctx = DemoContext(seed=7, size="council", stdout=io.StringIO())
    spec = demo_council.CouncilSpec("Benchmark Council", "benchmark", "E09000999", staff, "BM")
    builder = demo_council._CouncilBuilder(ctx, spec, Region.objects.create(name="Bench region"))
    builder.build()
    leader = User.objects.create_user("leader", organisation=builder.organisation)
    from django.contrib.auth.models import Group

    leader.groups.add(Group.objects.get(name="senior_leader"))
    practice = practice_demo._Builder(ctx, builder.organisation)
    for profile in practice.accounts():
        practice.year_of(profile)
    practice.save()
    return leader, practice


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--staff", type=int, default=4000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        setup_django(Path(tmp))
        started = time.perf_counter()
        leader, practice = build(args.staff)
        print(f"Built {args.staff:,} staff: {len(practice.supervisions):,} supervisions, "
              f"{len(practice.reflections):,} reflections, {len(practice.commitments):,} commitments "
              f"in {time.perf_counter() - started:.1f} s")

        from django.db.models import Count, Exists, OuterRef, Q
        from django.test import Client
        from django.utils import timezone

        from star.core.periods import Quarter, day_start
        from star.practice.models import Commitment, Reflection, ReflectionShare, SupervisionRecord
        from star.practice.team import team_view

        quarter = Quarter.of(timezone.localdate()).shift(-1)

        def baseline():
            for each in (quarter.shift(-3), quarter.shift(-2), quarter.shift(-1), quarter):
                in_quarter = {"held_on__gte": each.start, "held_on__lt": each.end}
                list(SupervisionRecord.objects.filter(**in_quarter).values("team_id").annotate(
                    n=Count("id"), people=Count("supervisee", distinct=True),
                    race=Count("id", filter=Q(race_identity_discussed=True)),
                    trauma=Count("id", filter=Q(trauma_considered=True)),
                    wider=Count("id", filter=Q(wider_system_considered=True))).order_by())
                list(SupervisionRecord.indicators.through.objects.filter(
                    supervisionrecord__held_on__gte=each.start, supervisionrecord__held_on__lt=each.end)
                    .values("indicator__key").annotate(n=Count("id")).order_by())
            shared = ReflectionShare.objects.filter(reflection=OuterRef("pk"))
            reflections = Reflection.objects.filter(created_at__gte=day_start(quarter.start),
                                                    created_at__lt=day_start(quarter.end)).filter(Exists(shared))
            list(reflections.values("team_id").annotate(n=Count("id")).order_by())
            list(Reflection.lenses.through.objects.filter(reflection__in=reflections)
                 .values("reflection__team_id", "lens__key").annotate(n=Count("id")).order_by())
            list(Commitment.objects.filter(due_on__gte=quarter.start, due_on__lt=quarter.end)
                 .values("team_id").annotate(n=Count("id"), open=Count("id", filter=Q(status="open"))).order_by())

        client = Client()
        client.force_login(leader)
        bare = median_time(baseline)
        view = median_time(lambda: team_view(leader, quarter=quarter))
        page = median_time(lambda: client.get(f"/practice/team/?quarter={quarter.key}"))
        print(f"baseline (grouped counts):       {bare * 1000:8.1f} ms")
        print(f"team_view (one quarter, all):    {view * 1000:8.1f} ms   ratio {view / bare:5.1f}x")
        print(f"the page (test client):          {page * 1000:8.1f} ms   ratio {page / bare:5.1f}x")


if __name__ == "__main__":
    main()
