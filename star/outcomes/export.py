"""The report as flat rows (CSV and XLSX downloads, `star outcomes report --format csv`)."""

ROW_FIELDS = ["year", "area", "reference_group", "stage", "stage_label", "source", "ethnicity", "level", "count",
              "population", "rate_per_10000", "rate_ci_low", "rate_ci_high", "rri", "rri_ci_low", "rri_ci_high",
              "rri_significant", "rri_p_adjusted", "rri_flags", "conditional_rri", "conditional_ci_low",
              "conditional_ci_high", "conditional_significant", "conditional_base_stage", "conditional_method",
              "unknown_ethnicity_share"]


def _value(figure: dict | None, key: str = "value"):
    if not figure:
        return ""
    if figure.get("symbol") and key == "value":
        return figure["symbol"]
    value = figure.get(key)
    return "" if value is None else value


def report_rows(report: dict) -> list[dict]:
    rows = []
    for stage in report["stages"]:
        unknown = stage["unknown_ethnicity"] or {}
        for group in stage["groups"]:
            rri, conditional = group["rri"], group["conditional_rri"]
            rows.append({
                "year": report["year"], "area": report["area"], "reference_group": report["reference_group"],
                "stage": stage["id"], "stage_label": stage["label"], "source": stage["source"],
                "ethnicity": group["ethnicity"], "level": group["level"],
                "count": group["symbol"] or group["count"], "population": group["population"] or "",
                "rate_per_10000": _value(group["rate_per_10000"]),
                "rate_ci_low": _value(group["rate_per_10000"], "ci_low"),
                "rate_ci_high": _value(group["rate_per_10000"], "ci_high"),
                "rri": _value(rri), "rri_ci_low": _value(rri, "ci_low"), "rri_ci_high": _value(rri, "ci_high"),
                "rri_significant": rri["significant"] if rri else "", "rri_p_adjusted": _value(rri, "p_adjusted"),
                "rri_flags": " ".join(rri["flags"] + group["flags"]) if rri else " ".join(group["flags"]),
                "conditional_rri": _value(conditional), "conditional_ci_low": _value(conditional, "ci_low"),
                "conditional_ci_high": _value(conditional, "ci_high"),
                "conditional_significant": conditional["significant"] if conditional else "",
                "conditional_base_stage": conditional["base_stage"] if conditional else "",
                "conditional_method": conditional["method"] if conditional else "",
                "unknown_ethnicity_share": unknown.get("symbol") or _value(unknown, "share"),
            })
    return rows
