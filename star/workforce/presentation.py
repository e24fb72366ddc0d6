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
    workforce = leadership.get("workforce_share") or {}
    return {
        "leadership_percent": (leadership.get("share") or {}).get("percent"),
        "workforce_percent": workforce.get("percent"),
        "population_percent": (population.get("population") or {}).get("percent"),
        "population_source": (population.get("population") or {}).get("source"),
        "trend_reading": (leadership.get("trend") or {}).get("reading"),
        "leadership_reading": leadership.get("reading"),
        "population_reading": population.get("reading"),
    }


def ratio_chart(indicator: dict) -> str | None:
    """Each group's rate with its interval (the same figures as the counts table)."""
    points = [_share_point(row["group"], row) for row in indicator.get("counts") or [] if isinstance(row, dict)]
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
    """Each tier's share with its own interval, against the whole workforce's share."""
    workforce = indicator.get("workforce_share")
    points = [_share_point(row["label"].removeprefix("staff in ").capitalize(), row.get("share"))
              for row in indicator.get("by_tier") or []]
    if not workforce or not any(point.value is not None for point in points):
        return None
    return interval_chart(points, title=f"{indicator['comparison_group']} share of each leadership tier",
                          axis_label=PERCENT, percent=True, reference=workforce["percent"] / 100)
