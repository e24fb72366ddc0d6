"""Themes and reporting: are the standards met, by team, over time, and equally for every child?

Every figure goes through the analytics core: shares by team and service with `protected_shares`,
the comparison by the child's broad ethnic group with `compare_groups` (White as the reference,
Benjamini-Hochberg across the table, suppression), and auditor agreement with `agreement`.
The unit is the audited case: a standard is "met" in an audit when every applicable question is met.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass

import numpy as np
from django.utils import timezone

from star.analytics import BROAD_GROUPS, SuppressionPolicy, agreement, compare_groups, protected_shares
from star.analytics.ethnicity import ALL_CATEGORIES
from star.core.models import User
from star.core.periods import Quarter

from .models import Answer, Audit, AuditAction, LearningPoint, Standard
from .outcomes import MET, NOT_APPLICABLE, SCALE, standard_result

BROAD_ORDER = ("white", "black", "asian", "mixed", "other")
TOTAL = ("total", 0)


@dataclass(frozen=True)
class Judgement:
    audit: Audit
    standard: str  # key
    result: str  # met | partly | not_met | na


def judgements(audits) -> dict[int, dict[str, str]]:
    """{audit id: {standard key: result}} from the answers of a queryset of audits (as a subquery)."""
    values: dict[int, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    rows = (Answer.objects.filter(audit__in=audits.values("pk"))
            .values_list("audit_id", "question__standard__key", "value"))
    for audit_id, key, value in rows:
        values[audit_id][key].append(value)
    results: dict[int, dict[str, str]] = {}
    for audit_id, by_standard in values.items():
        results[audit_id] = {key: result for key, answers in by_standard.items()
                             if (result := standard_result(answers)) is not None}
    return results


def _broad(category_key: str) -> str:
    category = ALL_CATEGORIES.get(category_key)
    return category.broad if category else "unknown"


def _team_rows(audits, results, standard_key: str | None, policy) -> list[dict]:
    """Per team, per service and in total: the share of standards met (one standard, or all pooled)."""
    met, applicable, cases = Counter(), Counter(), Counter()
    teams: dict[str, str] = {}
    for audit in audits:
        team = audit.case.team_name
        teams[team] = audit.case.team.service.name if audit.case.team_id else "Teams not in the organisation chart"
        cases[team] += 1
        for key, result in results.get(audit.pk, {}).items():
            if result == NOT_APPLICABLE or (standard_key and key != standard_key):
                continue
            applicable[team] += 1
            met[team] += result == MET
    names = sorted(teams, key=lambda name: (teams[name], name))
    if not names:
        return []
    services = [teams[name] for name in names]
    many = len(set(services)) > 1
    people = {name: cases[name] for name in names}
    for name in names:
        people[teams[name]] = people.get(teams[name], 0) + cases[name]
    people[TOTAL] = sum(cases.values())
    figures = protected_shares([met[name] for name in names], [applicable[name] for name in names], labels=names,
                               parents=services if many else None, people=people, total_label=TOTAL,
                               policy=policy, subject="judgements", outcome="met the standard")
    rows = []
    for service in dict.fromkeys(services):
        for name in (name for name in names if teams[name] == service):
            rows.append({"name": name, "kind": "team", "figure": figures[name], "audits": cases[name]})
        if many:
            rows.append({"name": f"{service} (all teams)", "kind": "service", "figure": figures[service],
                         "audits": sum(cases[name] for name in names if teams[name] == service)})
    rows.append({"name": "All audited cases", "kind": "total", "figure": figures[TOTAL],
                 "audits": people[TOTAL]})
    return rows


def _by_ethnicity(audits, results, standards: list[Standard], policy):
    """Standards met by the child's broad ethnic group, compared with White children."""
    groups = [key for key in BROAD_ORDER]
    labels = [BROAD_GROUPS[key].label for key in groups]
    x = np.zeros((len(standards), len(groups)), dtype=int)
    n = np.zeros_like(x)
    unknown = np.zeros(len(standards), dtype=int)
    for audit in audits:
        broad = _broad(audit.case.ethnicity)
        for row, standard in enumerate(standards):
            result = results.get(audit.pk, {}).get(standard.key)
            if result in (None, NOT_APPLICABLE):
                continue
            if broad not in groups:
                unknown[row] += 1
                continue
            n[row, groups.index(broad)] += 1
            x[row, groups.index(broad)] += result == MET
    if not n.any():
        return None
    return compare_groups(x, n, groups=labels, reference=BROAD_GROUPS["white"].label,
                          rows=[standard.title for standard in standards], policy=policy, unknown=unknown,
                          # No all-groups total: a total would force a second group hidden beside every small one.
                          publish_totals=False,
                          subject="children's cases", outcome="met the standard",
                          likely_to="have the standard met", total_label="All known ethnic groups")


def _trend(audits, results, policy) -> list[dict]:
    """Share of standards met by the quarter the audit was submitted."""
    met, applicable, cases = Counter(), Counter(), Counter()
    for audit in audits:
        quarter = Quarter.of(timezone.localdate(audit.submitted_at))
        cases[quarter] += 1
        for result in results.get(audit.pk, {}).values():
            if result != NOT_APPLICABLE:
                applicable[quarter] += 1
                met[quarter] += result == MET
    points = []
    for quarter in sorted(cases):
        figure = protected_shares([met[quarter]], [applicable[quarter]], labels=[quarter.key],
                                  people={quarter.key: cases[quarter]}, policy=policy,
                                  subject="judgements", outcome="met the standard")[quarter.key]
        points.append({"quarter": quarter, "audits": cases[quarter], "figure": figure})
    return points


def _agreement(audits_with_moderation, results, standards) -> dict:
    """Per standard and per first auditor: agreement between the audit and its independent moderation."""
    by_standard: dict[str, list] = defaultdict(list)
    by_auditor: dict[str, list] = defaultdict(list)
    auditors = {user.pk: user.get_full_name() or user.username
                for user in User.objects.filter(pk__in={audit.auditor_id for audit in audits_with_moderation})}
    grades: list = []
    for audit in audits_with_moderation:
        moderation = audit.submitted_moderation
        first, second = results.get(audit.pk, {}), results.get(moderation.pk, {})
        for standard in standards:
            pair = (first.get(standard.key), second.get(standard.key))
            if all(value in SCALE for value in pair):
                by_standard[standard.key].append(pair)
                by_auditor[auditors.get(audit.auditor_id, "A former auditor")].append(pair)
        if audit.grade and moderation.grade:
            grades.append((audit.grade, moderation.grade))
    from .models import Grade

    return {
        "standards": [{"standard": standard, "agreement": agreement(by_standard[standard.key], scale=SCALE)}
                      for standard in standards],
        "auditors": [{"auditor": name, "agreement": agreement(pairs, scale=SCALE)}
                     for name, pairs in sorted(by_auditor.items())],
        "grades": agreement(grades, scale=Grade.values),
        "moderated": len(audits_with_moderation),
    }


def _themes(audits) -> list[dict]:
    points = LearningPoint.objects.filter(audit__in=audits.values("pk"))
    tags, actions = Counter(), defaultdict(Counter)
    today = timezone.localdate()
    for tag_list in points.values_list("tags", flat=True):
        tags.update(tag_list)
    for action in AuditAction.objects.filter(learning_point__in=points).select_related("learning_point"):
        state = "done" if action.status == AuditAction.Status.DONE else ("overdue" if action.due_on < today else "open")
        for tag in action.learning_point.tags or ["untagged"]:
            actions[tag][state] += 1
    return [{"tag": tag, "learning_points": count, "actions": dict(actions[tag])}
            for tag, count in tags.most_common()]


def standards_report(audit_queryset, *, standards: list[Standard], standard_key: str | None = None) -> dict:
    """Everything the report page, its exports and the API show, for the given audits."""
    policy = SuppressionPolicy()
    submitted = audit_queryset.filter(status=Audit.Status.SUBMITTED, moderation_of__isnull=True)
    # Only the fields the report reads: building full model rows was half its time at 2,400 audits.
    audits = list(submitted.select_related("case__team__service").only(
        "pk", "grade", "submitted_at", "safeguarding_concern", "auditor_id", "case__team_name", "case__ethnicity",
        "case__team_id", "case__team__service__name"))
    moderated = {audit.moderation_of_id: audit for audit in
                 Audit.objects.filter(moderation_of__in=submitted.values("pk"), status=Audit.Status.SUBMITTED)
                 .only("pk", "grade", "status", "moderation_of_id")}
    for audit in audits:
        audit.submitted_moderation = moderated.get(audit.pk)
    moderations = [audit for audit in audits if audit.submitted_moderation is not None]
    results = judgements(submitted)
    results.update(judgements(Audit.objects.filter(moderation_of__in=submitted.values("pk"),
                                                   status=Audit.Status.SUBMITTED)))
    overall = []
    for standard in standards:
        met = sum(results.get(audit.pk, {}).get(standard.key) == MET for audit in audits)
        applicable = sum(results.get(audit.pk, {}).get(standard.key) not in (None, NOT_APPLICABLE)
                         for audit in audits)
        figure = protected_shares([met], [applicable], labels=["all"], people={"all": applicable}, policy=policy,
                                  subject="audited cases", outcome="met the standard")["all"]
        overall.append({"standard": standard, "figure": figure, "applicable": applicable})
    ethnicity = _by_ethnicity(audits, results, standards, policy)
    return {
        "audits": len(audits), "standards": standards, "overall": overall,
        "standard_key": standard_key,
        "standard_title": next((item.title for item in standards if item.key == standard_key), None),
        "teams": _team_rows(audits, results, standard_key, policy),
        "ethnicity": ethnicity,
        "ethnicity_rows": [] if ethnicity is None else [
            {"standard": standard, "cells": [{"value": value, "comparison": comparison}
                                             for value, comparison in zip(values, comparisons, strict=True)]}
            for standard, values, comparisons in zip(ethnicity.rows, ethnicity.values, ethnicity.comparisons,
                                                     strict=True)],
        "trend": _trend(audits, results, policy),
        "agreement": _agreement(moderations, results, standards),
        "themes": _themes(submitted),
        "grades": Counter(audit.get_grade_display() for audit in audits),
        "safeguarding": sum(audit.safeguarding_concern for audit in audits),
        "threshold": policy.threshold,
    }


EXPORT_COLUMNS = ["section", "row", "group", "numerator", "denominator", "percent", "lower_95", "upper_95",
                  "symbol", "reading"]


def _pct(value):
    return None if value is None else round(value * 100, 1)


def export_rows(report: dict):
    """The report's tables as flat rows ('c' where a figure is hidden)."""
    for item in report["overall"]:
        figure = item["figure"]
        yield {"section": "Standards met", "row": item["standard"].title, "group": "All", **_figure(figure)}
    for row in report["teams"]:
        yield {"section": "By team", "row": row["name"], "group": "All", **_figure(row["figure"])}
    table = report["ethnicity"]
    if table is not None:
        for r, standard in enumerate(table.rows):
            for g, group in enumerate(table.groups):
                yield {"section": "By the child's ethnic group", "row": standard, "group": group,
                       **_figure(table.values[r][g])}
    for point in report["trend"]:
        yield {"section": "Trend", "row": point["quarter"].label, "group": "All", **_figure(point["figure"])}


def _figure(figure) -> dict:
    return {"numerator": figure.numerator, "denominator": figure.denominator, "percent": _pct(figure.value),
            "lower_95": _pct(figure.lower), "upper_95": _pct(figure.upper), "symbol": figure.symbol,
            "reading": figure.reading}
