"""Benchmark: importing national-scale statutory returns, against a bare lxml ``iterparse`` pass.

Generates (with :mod:`star.outcomes.synthetic`) a CIN census of about 400,000 children and an SSDA903
return of about 100,000 children, then, each in its own process (so peak memory is that step's own):

* a bare pass over the XML with ``lxml.etree.iterparse`` (every element, cleared as it ends: the least
  any streaming reader can do) — the baseline;
* the STAR reader (``read_cin`` / ``read_ssda903``): parse, check, count children by stage;
* the whole import (``import_return``: digest, read, reduce, save the counts) into a fresh SQLite database;

and prints times, the reader/baseline ratio and the peak resident memory of each process. Finally it times
``build_report`` (every stage and group, broad and detailed) on the imported counts.

Run: uv run python benchmarks/bench_outcomes.py [--cin-children 400000] [--ssda903-children 100000] [--keep DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

YEAR = 2025
# Children in the child population per child in each return (from the generator's national-like rates).
POPULATION_PER_CIN_CHILD = 15.2
POPULATION_PER_SSDA903_CHILD = 85.5


def _child(code: str, env: dict) -> dict:
    """Run ``code`` in a fresh Python; it prints one JSON line with its figures; peak memory is added.

    Peak memory is the process's VmHWM (it starts afresh at exec, unlike ru_maxrss, which keeps the
    high-water mark of the process that forked it)."""
    wrapper = (f"import json, time, sys\nsys.path.insert(0, {str(ROOT)!r})\n{code}\n"
               "hwm = next(line for line in open('/proc/self/status') if line.startswith('VmHWM'))\n"
               "result['peak_mb'] = int(hwm.split()[1]) / 1024\n"
               "print(json.dumps(result))")
    out = subprocess.run([sys.executable, "-c", wrapper], capture_output=True, text=True, env=env, check=False)
    if out.returncode:
        raise SystemExit(out.stderr)
    return json.loads(out.stdout.strip().splitlines()[-1])


BARE = """
from lxml import etree
start = time.perf_counter()
elements = 0
for _, element in etree.iterparse({path!r}, events=("end",)):
    elements += 1
    element.clear(keep_tail=False)
    while element.getprevious() is not None:
        del element.getparent()[0]
result = {{"seconds": time.perf_counter() - start, "elements": elements}}
"""

READ = """
from pathlib import Path
from star.outcomes.sources.{module} import {function}
start = time.perf_counter()
read = {function}({arg}, year={year})
result = {{"seconds": time.perf_counter() - start, "children": read.cube.children,
           "problems": read.cube.problem_count}}
"""

IMPORT = """
import os, django
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
django.setup()
from django.core.management import call_command
call_command("migrate", interactive=False, verbosity=0)
from pathlib import Path
from star.core.models import Organisation
from star.outcomes.services import import_return
from star.core.models import DataImport
organisation, _ = Organisation.objects.get_or_create(
    slug="national", defaults={{"name": "National", "la_code": "E92000001"}})
DataImport.objects.filter(organisation=organisation, kind="outcomes." + {source!r}).delete()  # measure afresh
start = time.perf_counter()
done = import_return(organisation=organisation, source={source!r}, paths=[Path(p) for p in {paths!r}], year={year})
result = {{"seconds": time.perf_counter() - start, "status": done.status, "children": done.summary.get("children")}}
"""

REPORT = """
import os, django, statistics
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
django.setup()
from star.core.models import Organisation, PopulationEstimate
from star.outcomes.report import build_report, returns_for
from star.outcomes.synthetic import DEFAULT_POPULATION
from star.outcomes.demo import POPULATION_CATEGORY
if not PopulationEstimate.objects.filter(area_code="E92000001").exists():
    total = sum(DEFAULT_POPULATION.values())
    PopulationEstimate.objects.bulk_create(PopulationEstimate(area_code="E92000001", area_name="England (synthetic)",
        year=2021, age_band="0-17", sex="all", ethnicity=POPULATION_CATEGORY[code], count=round({children} * w / total))
        for code, w in DEFAULT_POPULATION.items() if code != "WROM")
returns = returns_for(Organisation.objects.filter(slug="national"))
times = {{}}
for level in ("broad", "detailed"):
    build_report(returns, level=level)
    runs = []
    for _ in range(5):
        start = time.perf_counter()
        report = build_report(returns, level=level)
        runs.append(time.perf_counter() - start)
    times[level] = statistics.median(runs)
result = {{"broad": times["broad"], "detailed": times["detailed"], "tests": report["tests"],
           "stages": sum(1 for s in report["stages"] if s["groups"])}}
"""


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cin-children", type=int, default=400_000)
    parser.add_argument("--ssda903-children", type=int, default=100_000)
    parser.add_argument("--keep", help="Folder to keep (and reuse) the generated files in.")
    args = parser.parse_args()
    folder = Path(args.keep or tempfile.mkdtemp(prefix="star-bench-outcomes-"))
    folder.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{folder / 'bench.sqlite3'}", "STAR_LOG_LEVEL": "WARNING"}
    cin, ssda903 = folder / "cin.xml", folder / "ssda903.xml"
    if not cin.exists() or not ssda903.exists():
        from star.outcomes import synthetic

        start = time.perf_counter()
        population = round(args.cin_children * POPULATION_PER_CIN_CHILD)
        synthetic.write_cin_census(synthetic.iter_children(year=YEAR, children=population, seed=1), cin, year=YEAR)
        population_903 = round(args.ssda903_children * POPULATION_PER_SSDA903_CHILD)
        synthetic.write_ssda903_xml(synthetic.iter_children(year=YEAR, children=population_903, seed=2), ssda903,
                                    year=YEAR)
        print(f"generated in {time.perf_counter() - start:.1f} s: CIN census {cin.stat().st_size / 1e6:.0f} MB, "
              f"SSDA903 {ssda903.stat().st_size / 1e6:.0f} MB")
    rows = []
    for name, path, module, function, source in (("CIN census", cin, "cin", "read_cin", "cin"),
                                                 ("SSDA903 XML", ssda903, "ssda903", "read_ssda903", "ssda903")):
        arg = f"Path({str(path)!r})" if source == "cin" else f"[Path({str(path)!r})]"
        bare = [_child(BARE.format(path=str(path)), env) for _ in range(3)]
        read = [_child(READ.format(module=module, function=function, arg=arg, year=YEAR), env) for _ in range(3)]
        full = _child(IMPORT.format(source=source, paths=[str(path)], year=YEAR), env)
        bare_s = statistics.median(b["seconds"] for b in bare)
        read_s = statistics.median(r["seconds"] for r in read)
        rows.append((name, path.stat().st_size / 1e6, read[0]["children"], bare_s, read_s, full["seconds"],
                     max(b["peak_mb"] for b in bare), max(r["peak_mb"] for r in read), full["peak_mb"]))
        assert read[0]["problems"] == 0 and full["status"] == "succeeded", (read, full)
    print("\n| return | file | children | bare iterparse | STAR reader | ratio | whole import | peak MB (bare / "
          "reader / import) |")
    print("|---|---|---|---|---|---|---|---|")
    for name, size, children, bare_s, read_s, full_s, bare_mb, read_mb, full_mb in rows:
        print(f"| {name} | {size:.0f} MB | {children:,} | {bare_s:.1f} s | {read_s:.1f} s | {read_s / bare_s:.2f}x | "
              f"{full_s:.1f} s | {bare_mb:.0f} / {read_mb:.0f} / {full_mb:.0f} |")
    report = _child(REPORT.format(children=round(args.cin_children * POPULATION_PER_CIN_CHILD)), env)
    print(f"\nbuild_report (median of 5): broad {report['broad'] * 1000:.0f} ms, detailed "
          f"{report['detailed'] * 1000:.0f} ms ({report['stages']} stages, {report['tests']} tests); "
          f"peak {report['peak_mb']:.0f} MB")
    if not args.keep:
        print(f"(files in {folder}; delete when done, or pass --keep to reuse)")


if __name__ == "__main__":
    main()
