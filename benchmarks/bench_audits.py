"""Benchmark: the practice standards report against the bare reads it cannot do without.

Builds the demo council in a fresh SQLite database (or ``DATABASE_URL``), adds ``--programmes`` more
routine audit programmes with the demo's builder (about 100 audits each), then times, for every
programme together:

* the baseline: reading the submitted audits (with case and team) and every answer's (audit, standard,
  value): the least any report must fetch;
* ``report_for``: standard results, shares by team and service with joint suppression, the comparison by
  the child's ethnic group (Wilson and Katz intervals, Benjamini-Hochberg, suppression, readings), the
  trend, moderation agreement (weighted kappa) and themes;
* the report page through the Django test client.

Run: uv run python benchmarks/bench_audits.py [--programmes 20]
"""

from __future__ import annotations

import argparse
import io
import os
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from timing import median_time  # noqa: E402  (beside this file)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--programmes", type=int, default=20)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        os.environ.setdefault("DATABASE_URL", f"sqlite:///{Path(tmp) / 'bench.sqlite3'}")
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
        import django

        django.setup()
        from django.core.management import call_command
        from django.test import Client
        from django.utils import timezone

        from star.audits import demo as audits_demo
        from star.audits.models import Answer, Audit
        from star.audits.selectors import report_for
        from star.core.demo import DemoContext, demo_build
        from star.core.models import Organisation, User

        call_command("migrate", verbosity=0)
        demo_build(seed=7, size="council", stdout=io.StringIO())
        organisation = Organisation.objects.get(slug="northbridge")
        builder = audits_demo._Builder(DemoContext(seed=8, size="council", stdout=io.StringIO()), organisation,
                                       install=False)
        today = timezone.localdate()
        started = time.perf_counter()
        for index in range(args.programmes):
            builder.programme(name=f"Bench programme {index}", kind="routine", theme="",
                              start=today - timedelta(days=400 - 15 * index), per_team=20, quota=5,
                              stratify=False, done=1.0)
        audits = Audit.objects.filter(status="submitted").count()
        answers = Answer.objects.count()
        print(f"{audits:,} submitted audits, {answers:,} answers (built in {time.perf_counter() - started:.0f} s)")

        def baseline():
            submitted = Audit.objects.filter(status="submitted", moderation_of__isnull=True)
            list(submitted.select_related("case__team__service"))
            list(Answer.objects.filter(audit__in=submitted.values("pk"))
                 .values_list("audit_id", "question__standard__key", "value"))

        lead = User.objects.get(username="practicelead")
        client = Client()
        client.force_login(lead)
        bare = median_time(baseline)
        report = median_time(lambda: report_for(lead))
        page = median_time(lambda: client.get("/audits/report/"))
        print(f"baseline (audits and answers): {bare * 1000:8.1f} ms")
        print(f"report_for (every programme):  {report * 1000:8.1f} ms   ratio {report / bare:5.1f}x")
        print(f"the report page:               {page * 1000:8.1f} ms   ratio {page / bare:5.1f}x")


if __name__ == "__main__":
    main()
