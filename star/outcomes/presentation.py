"""Report figures shaped for the dashboard: pathway matrix cells, charts (each with its table beside it)."""

import math

import numpy as np

from star.analytics import funnel_limits_ratio
from star.core.charts import Point, interval_chart, line_chart
from star.core.charts import funnel_chart as draw_funnel


def rri_class(rri: dict | None) -> str:
    """Shading for a pathway cell. Colour is never the only cue: the cell also says higher or lower."""
    if not rri or rri.get("value") is None:
        return "star-rri--none"
    if "reference" in rri["flags"]:
        return "star-rri--reference"
    if not rri["significant"]:
        return "star-rri--similar"
    if rri["value"] >= 2:
        return "star-rri--much-higher"
    return "star-rri--higher" if rri["value"] > 1 else "star-rri--lower"


def direction(rri: dict | None) -> str:
    if not rri or rri.get("value") is None or "reference" in rri["flags"]:
        return ""
    if not rri["significant"]:
        return "no clear difference"
    return "higher" if rri["value"] > 1 else "lower"


def pathway(report: dict, key: str = "rri") -> dict:
    """Groups as rows, stages (with data) as columns; ``key`` is rri or conditional_rri."""
    stages = [stage for stage in report["stages"] if stage["groups"]]
    rows = {}
    for stage in stages:
        for group in stage["groups"]:
            row = rows.setdefault(group["key"], {"label": group["ethnicity"], "short": group["short"], "cells": {}})
            figure = group[key]
            row["cells"][stage["id"]] = {"figure": figure, "css": rri_class(figure), "direction": direction(figure),
                                         "count": group["count"], "symbol": group["symbol"]}
    table_rows = [{"label": row["label"], "short": row["short"],
                   "cells": [row["cells"].get(stage["id"]) for stage in stages]} for row in rows.values()]
    return {"stages": stages, "rows": table_rows}


def stage_chart(report: dict, stage_id: str) -> str | None:
    stage = next((item for item in report["stages"] if item["id"] == stage_id), None)
    if not stage or not stage["groups"]:
        return None
    points = [Point(group["short"], group["rri"]["value"], group["rri"]["ci_low"], group["rri"]["ci_high"])
              for group in stage["groups"] if group["rri"] and "reference" not in group["rri"]["flags"]]
    if not any(point.value is not None for point in points):
        return None
    return interval_chart(points, title=f"{stage['label']}: relative rate index against {report['reference_group']} "
                                        "children", axis_label="Relative rate index (1 = the same rate)", reference=1)


def trend_chart(trend: dict, stage_label: str) -> str | None:
    if len(trend["years"]) < 2:
        return None
    series = {group["short"]: [point["rri"]["value"] if point["rri"] else None for point in group["points"]]
              for group in trend["groups"] if any(p["rri"] and "reference" not in p["rri"]["flags"]
                                                  for p in group["points"])}
    if not series:
        return None
    return line_chart([f"{year - 1}–{str(year)[-2:]}" for year in trend["years"]], series,
                      title=f"{stage_label}: relative rate index by year", axis_label="Relative rate index")


def funnel_chart(funnel: dict | None) -> str | None:
    """The funnel for the areas (limits drawn along a grid of expected counts)."""
    if not funnel:
        return None
    shown = [area for area in funnel["areas"] if area["ratio"] is not None]
    if not shown:
        return None
    top = max(area["expected"] for area in funnel["areas"]) * 1.2
    grid = np.linspace(max(top / 200, 0.5), top, 80)
    bands = funnel_limits_ratio(grid)
    limits = {f"{round(level * 100, 1):g}%": (list(low), list(high)) for level, (low, high) in bands.items()}
    return draw_funnel([(area["name"], area["expected"], area["ratio"]) for area in shown], limits, list(grid),
                title=f"{funnel['group']}: {funnel['stage_label']} by area, {funnel['year'] - 1} to {funnel['year']}",
                axis_label="Observed ÷ expected")


def findings(report: dict, limit: int = 5) -> list[str]:
    """The largest significant differences in the report, read in plain English (largest first)."""
    found = []
    for stage in report["stages"]:
        for group in stage["groups"]:
            rri = group["rri"]
            if rri and rri["significant"] and rri["value"]:
                found.append((abs(math.log(rri["value"])), rri["reading"]))
    return [reading for _, reading in sorted(found, reverse=True)[:limit]]
