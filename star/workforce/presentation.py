"""Turns the report (plain data) into what the dashboard shows: charts and headline figures.

No statistics here: every number was computed, corrected and disclosure-controlled by the report.
"""

from star.core.charts import Point, interval_chart, line_chart

PERCENT = "Percentage of staff with known ethnicity"
RATIO_INDICATORS = ("shortlisting_from_application", "appointment_from_shortlisting", "disciplinary_entry",
                    "fitness_to_practise_entry", "development_access", "leaving", "promotion")


def _share_point(label: str, share: dict | None) -> Point:
    if not share or share.get("percent") is None:
        return Point(label, None)
    return Point(label, share["percent"] / 100, _pct(share.get("ci_low")), _pct(share.get("ci_high")))


def _pct(value):
    return None if value is None else value / 100


def headline(report: dict) -> dict:
    """Leadership vs workforce vs residents: the three numbers a senior leader asks for first."""
    indicators = {indicator["id"]: indicator for indicator in report["indicators"]}
    leadership = indicators.get("leadership_vs_workforce", {})
    population = indicators.get("leadership_vs_population", {})
    gap = leadership.get("gap") or {}
    workforce = leadership.get("workforce_share")
    leadership_percent = None
    if workforce and gap.get("value") is not None and workforce.get("percent") is not None:
        leadership_percent = round(workforce["percent"] + gap["value"], 1)
    return {
        "leadership_percent": leadership_percent,
        "workforce_percent": workforce.get("percent") if workforce else None,
        "population_percent": (population.get("population") or {}).get("percent"),
        "population_source": (population.get("population") or {}).get("source"),
        "trend_reading": (leadership.get("trend") or {}).get("reading"),
        "leadership_reading": leadership.get("reading"),
        "population_reading": population.get("reading"),
    }


def ratio_chart(indicator: dict) -> str | None:
    """Each group's rate with its interval (the same figures as the counts table)."""
    counts = indicator.get("counts") or []
    points = [Point(row["group"], _pct(row.get("percent")), _pct(row.get("ci_low")), _pct(row.get("ci_high")))
              for row in counts if isinstance(row, dict)]
    if not any(point.value is not None for point in points):
        return None
    return interval_chart(points, title=indicator["title"], axis_label="Percentage (95% confidence interval)",
                          percent=True)


def trend_chart(indicator: dict) -> str | None:
    trend = indicator.get("trend") or {}
    points = trend.get("points") or []
    if len(points) < 2:
        return None
    return line_chart([p["as_at"][:4] for p in points], {"Leadership gap": [p["gap"] for p in points]},
                      title="Leadership gap over time (percentage points; 0 means leadership reflects the workforce)",
                      axis_label="Percentage points")


def tier_chart(indicator: dict) -> str | None:
    workforce = indicator.get("workforce_share")
    rows = indicator.get("by_tier") or []
    points = []
    for row in rows:
        gap = row.get("gap") or {}
        if gap.get("value") is None or not workforce:
            points.append(Point(row["label"], None))
            continue
        base = workforce["percent"]
        points.append(Point(row["label"].capitalize(), (base + gap["value"]) / 100,
                            _pct(base + gap["ci_low"]) if gap.get("ci_low") is not None else None,
                            _pct(base + gap["ci_high"]) if gap.get("ci_high") is not None else None))
    if not any(point.value is not None for point in points):
        return None
    return interval_chart(points, title=f"{indicator['comparison_group']} share of each leadership tier",
                          axis_label=PERCENT, percent=True, reference=workforce["percent"] / 100)
