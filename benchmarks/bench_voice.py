"""Benchmark: survey results with anonymity and differencing protection, against the bare reads.

Builds the demo council in a fresh SQLite database (or ``DATABASE_URL``), then adds ``--links`` more
links to the parents' survey and ``--responses`` more responses spread over them, so the filter lattice
(links x ethnic groups x quarters) is as large as a big council's. Times:

* the baseline: reading every response's (link, ethnicity, day) and every answer's (question, choice):
  the least any results page must fetch;
* ``survey_groups`` over the whole lattice (primary and secondary suppression with the attacker check),
  computed afresh (the page caches it until a response arrives);
* the results page, unfiltered and filtered, with the pattern cached; and with the cache cleared.

Run: uv run python benchmarks/bench_voice.py [--links 12 --responses 1500]
"""

from __future__ import annotations

import argparse
import io
import os
import random
import sys
import tempfile
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from timing import median_time  # noqa: E402  (beside this file)

import star  # noqa: E402,F401  (one BLAS thread per process, before numpy loads)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--links", type=int, default=12)
    parser.add_argument("--responses", type=int, default=1500)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        os.environ.setdefault("DATABASE_URL", f"sqlite:///{Path(tmp) / 'bench.sqlite3'}")
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
        import django

        django.setup()
        from django.core.cache import cache
        from django.core.management import call_command
        from django.test import Client

        from star.analytics import SuppressionPolicy, survey_groups
        from star.core.demo import demo_build
        from star.core.models import User
        from star.voice.demo import FAMILY_MIX, YEAR_END
        from star.voice.models import Answer, Question, Response, Survey, SurveyLink
        from star.voice.selectors.results import DIMENSIONS, respondent_atoms

        call_command("migrate", verbosity=0)
        demo_build(seed=7, size="council", stdout=io.StringIO())
        survey = Survey.objects.get(template_key="family-parents")
        version = survey.current_version
        links = list(survey.links.all()) + [SurveyLink.objects.create(survey=survey, label=f"Bench link {index}")
                                            for index in range(args.links - survey.links.count())]
        rng = random.Random(3)
        listened = Question.objects.get(section__version=version, key="listened-to")
        responses = Response.objects.bulk_create(
            Response(survey=survey, version=version, link=rng.choice(links),
                     submitted_on=YEAR_END - timedelta(days=rng.randrange(360)),
                     ethnicity=rng.choices(list(FAMILY_MIX), weights=list(FAMILY_MIX.values()))[0])
            for _ in range(args.responses))
        Answer.objects.bulk_create(Answer(response=response, question=listened, choice=str(rng.randint(1, 5)))
                                   for response in responses)
        atoms = respondent_atoms(survey)
        print(f"{survey.responses.count():,} responses over {len(links)} links; {len(atoms)} non-empty atoms")

        def baseline():
            list(survey.responses.values_list("link_id", "ethnicity", "submitted_on"))
            list(Answer.objects.filter(response__survey=survey).values_list("question__key", "choice"))

        lead = User.objects.get(username="practicelead")
        client = Client()
        client.force_login(lead)
        page = f"/feedback/{survey.pk}/results/"
        filtered = f"{page}?link={links[0].pk}&ethnicity=white&quarter=all"
        policy = SuppressionPolicy(threshold=survey.anonymity_threshold)
        bare = median_time(baseline)
        pattern = median_time(lambda: survey_groups(atoms, DIMENSIONS, policy))
        cached = median_time(lambda: client.get(page))
        narrow = median_time(lambda: client.get(filtered))

        def cold():
            cache.clear()
            client.get(page)

        uncached = median_time(cold)
        print(f"baseline (responses and answers): {bare * 1000:8.1f} ms")
        print(f"survey_groups (whole lattice):    {pattern * 1000:8.1f} ms   ratio {pattern / bare:5.1f}x")
        print(f"results page, pattern cached:     {cached * 1000:8.1f} ms   ratio {cached / bare:5.1f}x")
        print(f"results page, one link and group: {narrow * 1000:8.1f} ms   ratio {narrow / bare:5.1f}x")
        print(f"results page, cache cleared:      {uncached * 1000:8.1f} ms   ratio {uncached / bare:5.1f}x")


if __name__ == "__main__":
    main()
