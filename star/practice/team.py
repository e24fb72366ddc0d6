"""The team view: aggregates of supervision, shared reflections and commitments, never content.

Figures are per team, per service and for the whole scope, for one calendar quarter, with the
analytics core's disclosure control (see `star.analytics.protected_shares`). Only reflections their
authors have shared are counted; private reflections never appear, not even as a number.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Exists, F, OuterRef, Q
from django.utils import timezone

from star.analytics import GSS_SYMBOLS, Figure, SuppressionPolicy, primary_mask, protected_shares
from star.core.charts import line_chart
from star.core.models import Service, StaffProfile, Team
from star.core.periods import Quarter, day_start, last_quarters
from star.framework.models import Lens
from star.framework.selectors import current_version, version_indicators

from .models import Commitment, Reflection, ReflectionShare, SupervisionRecord

QUARTERS_SHOWN = 4
ORGANISATION_WIDE_ROLES = ("practice_lead", "senior_leader", "admin")
# (field, column heading, what the records did: for the plain-English reading)
SUPERVISION_MEASURES = (
    ("race_identity_discussed", "Race, culture and identity discussed", "discussed race, culture and identity"),
    ("trauma_considered", "Impact of trauma considered", "considered the impact of trauma"),
    ("wider_system_considered", "Wider-system factors considered", "considered wider-system factors"),
)
COMMITMENT_MEASURES = (
    ("on_time", "Done by the due date", "were done by the due date"),
    ("overdue", "Still open after the due date", "are still open after the due date"),
)
TOTAL = ("total", 0)


def teams_in_scope(user, *, service_id: int | None = None) -> list[Team]:
    """Every team (or one service's) for organisation-wide roles; for a manager, their own team and their
    direct reports' teams."""
    teams = Team.objects.for_user(user).select_related("service")
    if user.has_role(*ORGANISATION_WIDE_ROLES):
        return list(teams.filter(service_id=service_id) if service_id else teams)
    profiles = StaffProfile.objects.for_user(user).filter(Q(user=user) | Q(line_manager__user=user))
    return list(teams.filter(pk__in=profiles.values("team_id")))


@dataclass
class Row:
    key: tuple
    name: str
    kind: str  # team | service | total
    records: int | str
    figures: dict[str, Figure]


def _counts_by_team(queryset, team_ids, **aggregates) -> dict[int, dict]:
    return {row.pop("team_id"): row for row in
            queryset.filter(team_id__in=team_ids).values("team_id").annotate(**aggregates).order_by()}


def _published_count(value: int, policy: SuppressionPolicy) -> int | str:
    return "c" if primary_mask([value], policy)[0] else value


def _hierarchy_rows(teams, by_team, measures, *, record_key, people_key, noun, scope_name, policy) -> list[Row]:
    """Rows for each team, each service (when there are several) and the whole scope."""
    services = {team.service_id: team.service.name for team in teams}
    many_services = len(services) > 1
    labels = [("team", team.pk) for team in teams]
    parents = [("service", team.service_id) for team in teams] if many_services else None
    people: dict[tuple, int] = {}
    for team in teams:
        count = by_team.get(team.pk, {}).get(people_key, 0)
        people[("team", team.pk)] = count
        people[("service", team.service_id)] = people.get(("service", team.service_id), 0) + count
        people[TOTAL] = people.get(TOTAL, 0) + count
    figures: dict[tuple, dict[str, Figure]] = defaultdict(dict)
    for key, _label, outcome in measures:
        shares = protected_shares(
            [by_team.get(team.pk, {}).get(key, 0) for team in teams],
            [by_team.get(team.pk, {}).get(record_key, 0) for team in teams],
            labels=labels, parents=parents, people=people, total_label=TOTAL, policy=policy,
            subject=noun, outcome=outcome,
        )
        for node, figure in shares.items():
            figures[node][key] = figure
    rows = []
    for service_id, service_name in sorted(services.items(), key=lambda item: item[1]):
        for team in (team for team in teams if team.service_id == service_id):
            rows.append(Row(("team", team.pk), team.name, "team",
                            _published_count(by_team.get(team.pk, {}).get(record_key, 0), policy),
                            figures[("team", team.pk)]))
        if many_services:
            total = sum(by_team.get(team.pk, {}).get(record_key, 0) for team in teams if team.service_id == service_id)
            rows.append(Row(("service", service_id), f"{service_name} (all teams)", "service",
                            _published_count(total, policy), figures[("service", service_id)]))
    rows.append(Row(TOTAL, scope_name, "total",
                    _published_count(sum(row.get(record_key, 0) for row in by_team.values()), policy),
                    figures[TOTAL]))
    return rows


def _supervision_counts(team_ids, quarter: Quarter) -> dict[int, dict]:
    in_quarter = SupervisionRecord.objects.filter(held_on__gte=quarter.start, held_on__lt=quarter.end)
    return _counts_by_team(
        in_quarter, team_ids, records=Count("id"), people=Count("supervisee", distinct=True),
        **{key: Count("id", filter=Q(**{key: True})) for key, _, _ in SUPERVISION_MEASURES},
    )


def _shared_reflections(team_ids, quarter: Quarter):
    shared = ReflectionShare.objects.filter(reflection=OuterRef("pk"))
    return Reflection.objects.filter(team_id__in=team_ids, created_at__gte=day_start(quarter.start),
                                     created_at__lt=day_start(quarter.end)).filter(Exists(shared))


def _lens_counts(team_ids, quarter: Quarter) -> dict[int, dict]:
    """Per team: supervisions plus shared reflections, and how many of them touched each lens (by key).

    People behind a team's records are counted as the larger of its supervisees and its reflection
    authors: never more than the true number, so suppression errs on the side of hiding."""
    counts: dict[int, dict] = defaultdict(lambda: defaultdict(int))
    supervisions = SupervisionRecord.objects.filter(team_id__in=team_ids, held_on__gte=quarter.start,
                                                    held_on__lt=quarter.end)
    reflections = _shared_reflections(team_ids, quarter)
    for queryset, person in ((supervisions, "supervisee"), (reflections, "author")):
        for row in queryset.values("team_id").annotate(n=Count("id"), people=Count(person, distinct=True)).order_by():
            counts[row["team_id"]]["records"] += row["n"]
            counts[row["team_id"]]["people"] = max(counts[row["team_id"]]["people"], row["people"])
        owner = queryset.model._meta.model_name
        lens_rows = (queryset.model.lenses.through.objects.filter(**{f"{owner}__in": queryset})
                     .values(f"{owner}__team_id", "lens__key").annotate(n=Count("id")).order_by())
        for row in lens_rows:
            counts[row[f"{owner}__team_id"]][row["lens__key"]] += row["n"]
    return counts


def _commitment_counts(team_ids, quarter: Quarter, today: date) -> dict[int, dict]:
    """Commitments due in the quarter: how many were done by their due date, and how many are overdue now."""
    due = Commitment.objects.filter(due_on__gte=quarter.start, due_on__lt=min(quarter.end, today))
    return _counts_by_team(
        due, team_ids, records=Count("id"), people=Count("owner", distinct=True),
        on_time=Count("id", filter=Q(status=Commitment.Status.DONE, closed_on__lte=F("due_on"))),
        overdue=Count("id", filter=Q(status=Commitment.Status.OPEN)),
    )


def _indicator_tag_counts(team_ids, quarter: Quarter) -> dict[str, int]:
    """Supervisions and shared reflections in a quarter tagged with each indicator key."""
    counts: dict[str, int] = defaultdict(int)
    supervision_tags = SupervisionRecord.indicators.through.objects.filter(
        supervisionrecord__team_id__in=team_ids, supervisionrecord__held_on__gte=quarter.start,
        supervisionrecord__held_on__lt=quarter.end)
    shared = ReflectionShare.objects.filter(reflection=OuterRef("reflection_id"))
    reflection_tags = Reflection.indicators.through.objects.filter(
        reflection__team_id__in=team_ids, reflection__created_at__gte=day_start(quarter.start),
        reflection__created_at__lt=day_start(quarter.end)).filter(Exists(shared))
    for tags in (supervision_tags, reflection_tags):
        for key, count in tags.values("indicator__key").annotate(n=Count("id")).values_list("indicator__key", "n"):
            counts[key] += count
    return counts


def _indicator_coverage(team_ids, quarters: list[Quarter], policy) -> list[dict]:
    """Per indicator and quarter: supervisions and shared reflections tagged with it (counts, suppressed)."""
    by_quarter = [_indicator_tag_counts(team_ids, quarter) for quarter in quarters]
    version = current_version()
    indicators = list(version_indicators(version)) if version else []
    return [{"indicator": indicator,
             "counts": [_published_count(counts.get(indicator.key, 0), policy) for counts in by_quarter],
             "untouched": not any(counts.get(indicator.key) for counts in by_quarter)}
            for indicator in indicators]


def services_in_scope(user) -> list[Service]:
    """Services an organisation-wide role can narrow the team view to (none for a manager)."""
    if not user.has_role(*ORGANISATION_WIDE_ROLES):
        return []
    return list(Service.objects.for_user(user).order_by("name"))


def team_view(user, *, quarter: Quarter | None = None, service: Service | None = None,
              today: date | None = None) -> dict:
    """Everything the team view page, its export and the API show.

    For an organisation-wide role without a service chosen, team rows are left out (services and the
    total only) to keep the page short; suppression is still worked out over every team.
    """
    today = today or timezone.localdate()
    quarters = last_quarters(today, QUARTERS_SHOWN)
    quarter = quarter if quarter in quarters else quarters[-1]
    policy = SuppressionPolicy()
    teams = teams_in_scope(user, service_id=service.pk if service else None)
    team_ids = [team.pk for team in teams]
    organisation_wide = user.has_role(*ORGANISATION_WIDE_ROLES)
    if service is not None:
        scope_name = f"All of {service.name}"
    else:
        scope_name = f"All of {user.organisation.name}" if organisation_wide else "All your teams"
    services_only = organisation_wide and service is None
    lenses = list(Lens.objects.filter(version__is_current=True).order_by("order"))
    lens_measures = [(lens.key, f"{lens.name} lens", f"touched the {lens.name.lower()} lens") for lens in lenses]
    common = {"scope_name": scope_name, "policy": policy}
    supervision_rows = _hierarchy_rows(teams, _supervision_counts(team_ids, quarter), SUPERVISION_MEASURES,
                                       record_key="records", people_key="people", noun="supervisions", **common)
    lens_rows = _hierarchy_rows(teams, _lens_counts(team_ids, quarter), lens_measures,
                                record_key="records", people_key="people",
                                noun="supervisions and shared reflections", **common)
    commitment_rows = _hierarchy_rows(teams, _commitment_counts(team_ids, quarter, today),
                                      COMMITMENT_MEASURES,
                                      record_key="records", people_key="people", noun="commitments due", **common)
    if services_only:
        supervision_rows, lens_rows, commitment_rows = (
            [row for row in rows if row.kind != "team"] for rows in (supervision_rows, lens_rows, commitment_rows))
    trend = []
    for each in quarters:
        # The chosen quarter's total is already worked out above (each measure is protected on its own).
        total = supervision_rows[-1] if each == quarter else _hierarchy_rows(
            teams, _supervision_counts(team_ids, each), SUPERVISION_MEASURES[:1], record_key="records",
            people_key="people", noun="supervisions", **common)[-1]
        trend.append({"quarter": each, "records": total.records, "figure": total.figures["race_identity_discussed"]})
    return {
        "quarters": quarters, "quarter": quarter, "today": today, "teams": teams, "scope_name": scope_name,
        "service": service, "services_only": services_only,
        "organisation_wide": organisation_wide, "supervision_measures": SUPERVISION_MEASURES,
        "supervision_rows": supervision_rows, "lens_measures": lens_measures, "lens_rows": lens_rows,
        "commitment_measures": COMMITMENT_MEASURES, "commitment_rows": commitment_rows, "trend": trend,
        "indicators": _indicator_coverage(team_ids, quarters, policy) if teams else [],
        "threshold": policy.threshold, "symbols": GSS_SYMBOLS,
        "headline": supervision_rows[-1].figures.get("race_identity_discussed"),
    }


def trend_chart(view: dict) -> str | None:
    """The share of supervisions that discussed race, culture and identity, by quarter (table beside it)."""
    values = [point["figure"].value for point in view["trend"]]
    if all(value is None for value in values):
        return None
    return line_chart([point["quarter"].label for point in view["trend"]],
                      {"Race, culture and identity discussed": values},
                      title="Supervisions that discussed race, culture and identity", axis_label="Per cent",
                      percent=True)


EXPORT_COLUMNS = ["quarter", "section", "row", "row_type", "records", "measure", "numerator", "denominator",
                  "percent", "lower_95", "upper_95", "symbol", "reading"]


def export_rows(view: dict):
    """The tables the page shows, one line per figure ('c' where a figure is suppressed)."""
    sections = (("Supervision", view["supervision_rows"], view["supervision_measures"]),
                ("Lenses in supervisions and shared reflections", view["lens_rows"], view["lens_measures"]),
                ("Commitments due", view["commitment_rows"], view["commitment_measures"]))
    for section, rows, measures in sections:
        for row in rows:
            for key, label, _ in measures:
                figure = row.figures[key]
                yield {"quarter": view["quarter"].label, "section": section, "row": row.name, "row_type": row.kind,
                       "records": row.records, "measure": label, "numerator": figure.numerator,
                       "denominator": figure.denominator,
                       "percent": None if figure.value is None else round(figure.value * 100, 1),
                       "lower_95": None if figure.lower is None else round(figure.lower * 100, 1),
                       "upper_95": None if figure.upper is None else round(figure.upper * 100, 1),
                       "symbol": figure.symbol, "reading": figure.reading}
