"""Survey figures, always through the analytics core.

Respondents can be grouped by three dimensions: the link they answered through, their broad ethnic
group (or "prefer not to say" / "not answered") and the quarter. Every group a viewer could ask for
is protected together (``survey_groups``): a group smaller than the survey's anonymity threshold is
hidden, and so is any group whose figures, taken from other groups', would reveal a hidden one. Each
question is protected the same way over the people who answered it, because optional and follow-up
questions are answered by fewer people than the survey. Comments are never filtered by who answered:
only by quarter, and only from quarters with enough respondents.

Figures change as answers arrive, so someone watching them could learn one person's answers from the
difference. By default a survey therefore releases its answers a quarter at a time: only answers from
quarters that have ended count (quarters are already a protected dimension). A survey can be set to
show answers as they arrive, for one-off events, with that risk explained.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date

import numpy as np
from django.core.cache import caches
from django.db.models import Count, Max, Q
from django.utils import timezone

from star.analytics import (
    BROAD_GROUPS,
    SuppressionPolicy,
    SurveyGroups,
    comments_releasable,
    hierarchical_table,
    proportion,
    protect,
    representation,
    survey_groups,
)
from star.analytics.ethnicity import ALL_CATEGORIES
from star.analytics.reading import read_proportion
from star.analytics.surveys import ALL
from star.core.models import StaffEqualityRecord, StaffProfile
from star.core.periods import Quarter
from star.outcomes.models import StageCount
from star.outcomes.stages import BY_ID
from star.voice.models import PREFER_NOT_TO_SAY, Answer, Audience, Question, Survey
from star.voice.questionnaire_library import EASY_READ_LIKERT_OPTIONS, LIKERT_OPTIONS, questionnaire

DIMENSIONS = ("link", "ethnicity", "quarter")
NOT_ANSWERED = "not_answered"
ETHNICITY_LABELS = {**{key: broad.label for key, broad in BROAD_GROUPS.items()},
                    PREFER_NOT_TO_SAY: "Prefer not to say", NOT_ANSWERED: "Did not answer"}
AGREE = frozenset({"4", "5"})
# How prompts and readings name each broad group's members.
PEOPLE = {"asian": "Asian {noun}", "black": "Black {noun}", "mixed": "{noun} of Mixed or Multiple ethnic groups",
          "white": "White {noun}", "other": "{noun} of other ethnic groups"}
DEFAULT_STAGE = "referral"


def question_agreement(survey: Survey, question_key: str, start: date, end: date) -> tuple[int, int, int]:
    """(agreeing, answered, responses) for a Likert question over every version, in responses that arrived
    from ``start`` to ``end`` inclusive, among the answers the survey has released. "Agreeing" is Agree or
    Strongly agree. Callers publish these only
    through the analytics core, hidden below the survey's threshold."""
    responses = released_responses(survey).filter(submitted_on__gte=start, submitted_on__lte=end)
    answers = Answer.objects.filter(response__in=responses, question__key=question_key,
                                    question__kind=Question.Kind.LIKERT).exclude(choice="")
    return answers.filter(choice__in=AGREE).count(), answers.count(), responses.count()


def broad_of(ethnicity: str) -> str:
    if not ethnicity:
        return NOT_ANSWERED
    if ethnicity == PREFER_NOT_TO_SAY:
        return PREFER_NOT_TO_SAY
    category = ALL_CATEGORIES.get(ethnicity)
    return category.broad if category and category.broad in BROAD_GROUPS else NOT_ANSWERED


def _cell(link_id, ethnicity: str, day: date) -> tuple[str, str, str]:
    return (str(link_id or 0), broad_of(ethnicity), Quarter.of(day).key)


@dataclass(frozen=True)
class Filters:
    link: str = ALL
    ethnicity: str = ALL
    quarter: str = ALL

    @property
    def group(self) -> tuple[str, str, str]:
        return (self.link, self.ethnicity, self.quarter)

    @property
    def is_filtered(self) -> bool:
        return self.group != (ALL, ALL, ALL)


def policy_for(survey: Survey) -> SuppressionPolicy:
    return SuppressionPolicy(threshold=survey.anonymity_threshold)


def released_until(survey: Survey) -> date | None:
    """The first day whose answers are not yet released (None: everything is, as it arrives)."""
    if survey.results_release == Survey.Release.LIVE:
        return None
    return Quarter.of(timezone.localdate()).start


def released_responses(survey: Survey):
    responses = survey.responses.all()
    if (until := released_until(survey)) is not None:
        responses = responses.filter(submitted_on__lt=until)
    return responses


def respondent_atoms(survey: Survey) -> Counter:
    return Counter(_cell(link, ethnicity, day) for link, ethnicity, day
                   in released_responses(survey).values_list("link_id", "ethnicity", "submitted_on"))


@dataclass(frozen=True)
class Protection:
    atoms: Counter
    groups: SurveyGroups  # who answered the survey
    questions: dict  # question key -> SurveyGroups over who answered that question


def protection(survey: Survey) -> Protection:
    """The protection patterns for the survey and each question, kept in the shared cache until a
    released answer arrives or the threshold changes (all of them take up to a few seconds for a
    large survey, so they are worked out once, not per page view)."""
    released = released_responses(survey)
    state = released.aggregate(count=Count("pk"), last=Max("pk"))
    key = (f"voice:protection:{survey.pk}:{survey.anonymity_threshold}:{survey.results_release}:"
           f"{state['count']}:{state['last']}")
    shared = caches["shared"]
    if (cached := shared.get(key)) is not None:
        return cached
    policy = policy_for(survey)
    atoms = respondent_atoms(survey)
    answered: dict[str, Counter] = defaultdict(Counter)
    rows = (Answer.objects.filter(response__in=released.values("pk")).exclude(question__kind=Question.Kind.ETHNICITY)
            .values_list("question__key", "response__link_id", "response__ethnicity", "response__submitted_on"))
    for question_key, link, ethnicity, day in rows:
        answered[question_key][_cell(link, ethnicity, day)] += 1
    groups = survey_groups(atoms, DIMENSIONS, policy)
    questions = {question_key: groups if counts == atoms else survey_groups(counts, DIMENSIONS, policy)
                 for question_key, counts in answered.items()}
    found = Protection(atoms, groups, questions)
    shared.set(key, found, timeout=7 * 24 * 60 * 60)
    return found


def protected_groups(survey: Survey) -> tuple[Counter, SurveyGroups]:
    found = protection(survey)
    return found.atoms, found.groups


def filter_choices(survey: Survey) -> dict:
    quarters = sorted({Quarter.of(day) for day in
                       released_responses(survey).values_list("submitted_on", flat=True)})
    return {
        "links": [(str(link.pk), link.label) for link in survey.links.all()],
        "ethnicities": list(ETHNICITY_LABELS.items()),
        "quarters": [(quarter.key, quarter.label) for quarter in reversed(quarters)],
    }


def likert_options(survey: Survey):
    easy = False
    if survey.template_key:
        try:
            easy = questionnaire(survey.template_key).easy_read
        except KeyError:
            easy = False
    return EASY_READ_LIKERT_OPTIONS if easy else LIKERT_OPTIONS


def _questions(survey: Survey) -> list[Question]:
    """The questions of the latest published version (others' answers are matched by key)."""
    version = survey.current_version
    if version is None:
        return []
    return list(Question.objects.filter(section__version=version).select_related("section")
                .order_by("section__order", "order"))


def _option_rows(options, counts: Counter, answered: int) -> list[dict]:
    rows = []
    for key, label in options:
        figure = proportion(counts.get(key, 0), answered)
        rows.append({"key": key, "label": label, "count": counts.get(key, 0), "figure": figure,
                     "reading": read_proportion(figure, subject="people who answered", outcome=f"chose '{label}'")})
    return rows


def survey_results(survey: Survey, filters: Filters) -> dict:
    """The figures for one group of respondents, or why they are hidden."""
    policy = policy_for(survey)
    found = protection(survey)
    groups = found.groups
    group = filters.group
    summary = {"threshold": policy.threshold, "group_shown": groups.is_shown(group), "count": groups.count(group),
               "reason": groups.reason(group), "total": groups.count((ALL, ALL, ALL)),
               "released_until": released_until(survey),
               "waiting": survey.responses.count() - sum(found.atoms.values())}
    if not summary["group_shown"] or not summary["count"]:
        return {**summary, "questions": []}
    responses = released_responses(survey)
    if filters.link != ALL:
        responses = responses.filter(link_id=int(filters.link) or None)
    if filters.quarter != ALL:
        quarter = Quarter.parse(filters.quarter)
        responses = responses.filter(submitted_on__gte=quarter.start, submitted_on__lt=quarter.end)
    answers = (Answer.objects.filter(response__in=responses.values("pk"))
               .values_list("question__key", "response__ethnicity", "choice", "choices", "text"))
    chosen: dict[str, Counter] = defaultdict(Counter)
    answered: Counter = Counter()
    for key, ethnicity, choice, choices, text in answers:
        if filters.ethnicity != ALL and broad_of(ethnicity) != filters.ethnicity:
            continue
        if choice:
            chosen[key][choice] += 1
        for item in choices or ():
            chosen[key][item] += 1
        if choice or choices or text:
            answered[key] += 1
    likert = likert_options(survey)
    questions = []
    for question in _questions(survey):
        if question.kind == Question.Kind.ETHNICITY:
            continue
        n = answered.get(question.key, 0)
        question_groups = found.questions.get(question.key)
        shown = question_groups is not None and question_groups.is_shown(group) and n > 0
        item = {"question": question, "answered": n, "shown": shown,
                "reason": question_groups.reason(group) if question_groups else None}
        if item["shown"] and question.kind != Question.Kind.TEXT:
            options = likert if question.kind == Question.Kind.LIKERT else [
                (option["key"], option["label"]) for option in question.options]
            item["options"] = _option_rows(options, chosen[question.key], n)
            if question.kind == Question.Kind.LIKERT:
                agree = sum(chosen[question.key].get(key, 0) for key in AGREE)
                figure = proportion(agree, n)
                item["agree"] = figure
                item["agree_reading"] = read_proportion(figure, subject="people who answered",
                                                        outcome="agreed or strongly agreed")
        questions.append(item)
    return {**summary, "questions": questions}


# --- whose voices are missing -----------------------------------------------------------------------

def population_counts(survey: Survey) -> tuple[dict[str, int], str]:
    """Counts by broad ethnic group of the people the survey is meant to hear from, and what they are.

    Staff surveys compare with staff in post (their self-declared ethnicity); the others with the
    children at the survey's outcomes stage (default: referred) in the latest return.
    """
    counts: Counter = Counter()
    if survey.audience == Audience.STAFF:
        keys = StaffProfile.objects.filter(organisation=survey.organisation, is_active=True).values("staff_key")
        for ethnicity in StaffEqualityRecord.objects.filter(organisation=survey.organisation,
                                                            staff_key__in=keys).values_list("ethnicity", flat=True):
            if (broad := broad_of(ethnicity)) in BROAD_GROUPS:
                counts[broad] += 1
        return dict(counts), "staff in post"
    stage = BY_ID.get(survey.population_stage or DEFAULT_STAGE, BY_ID[DEFAULT_STAGE])
    cells = StageCount.objects.filter(outcome_return__organisation=survey.organisation, stage=stage.id)
    latest = cells.order_by("-outcome_return__year").values_list("outcome_return__year", flat=True).first()
    if latest is None:
        return {}, f"children at the stage '{stage.label}'"
    for ethnicity, count in cells.filter(outcome_return__year=latest).values_list("ethnicity", "count"):
        if (broad := broad_of(ethnicity)) in BROAD_GROUPS:
            counts[broad] += count
    return dict(counts), f"children at the stage '{stage.label.lower()}' ({latest - 1} to {latest})"


def voices(survey: Survey, quarter: str = ALL) -> dict:
    """Respondents' broad ethnic groups against the population served, with intervals and prompts."""
    population, population_label = population_counts(survey)
    policy = policy_for(survey)
    atoms, groups = protected_groups(survey)
    respondents = {key: groups.count((ALL, key, quarter)) for key in BROAD_GROUPS}
    hidden = {key for key, count in respondents.items() if count is None}
    exact = Counter()
    for (_link, ethnicity, period), count in atoms.items():
        if quarter in (ALL, period) and ethnicity in BROAD_GROUPS:
            exact[ethnicity] += count
    # People who preferred not to say or skipped the question: an exact number only when both groups are shown.
    not_said_counts = [groups.count((ALL, key, quarter)) for key in (PREFER_NOT_TO_SAY, NOT_ANSWERED)]
    not_said = None if None in not_said_counts else sum(not_said_counts)
    labels = {key: BROAD_GROUPS[key].label for key in BROAD_GROUPS}
    noun = {Audience.PARENTS_CARERS: "families", Audience.YOUNG_PEOPLE: "young people",
            Audience.STAFF: "staff", Audience.FOSTER_CARERS: "foster carers"}.get(survey.audience, "people")
    people = {labels[key]: PEOPLE[key].format(noun=noun) for key in BROAD_GROUPS}
    if not population or sum(exact.values()) == 0:
        return {"available": False, "population_label": population_label, "not_said": not_said}
    result = representation({labels[key]: exact[key] for key in BROAD_GROUPS},
                            {labels[key]: population.get(key, 0) for key in BROAD_GROUPS},
                            policy=policy, subject=noun, population_label=population_label,
                            hidden={labels[key] for key in hidden}, people=people)
    return {"available": True, "result": result, "population_label": population_label, "not_said": not_said}


# --- comments and themes ------------------------------------------------------------------------------

def releasable_quarters(survey: Survey) -> set[str]:
    per_quarter = Counter(Quarter.of(day).key for day in
                          released_responses(survey).values_list("submitted_on", flat=True))
    return set(comments_releasable(per_quarter, policy_for(survey)))


def comments(survey: Survey, *, quarter: str = ALL, theme=None, uncoded: bool = False):
    """Free-text answers from quarters with enough respondents; never filtered by who answered."""
    released = releasable_quarters(survey)
    if quarter != ALL:
        released &= {quarter}
    ranges = [Quarter.parse(key) for key in released]
    answers = (Answer.objects.filter(response__survey=survey, question__kind=Question.Kind.TEXT)
               .exclude(text="").select_related("question", "response").prefetch_related("themes")
               .order_by("-response__submitted_on", "-pk"))
    if not ranges:
        return answers.none(), released
    window = Q()
    for item in ranges:
        window |= Q(response__submitted_on__gte=item.start, response__submitted_on__lt=item.end)
    answers = answers.filter(window)
    if theme is not None:
        answers = answers.filter(themes=theme)
    if uncoded:
        answers = answers.filter(themes__isnull=True)
    return answers, released


def held_back_comments(survey: Survey, released: set[str]) -> int:
    answers = (Answer.objects.filter(response__survey=survey, question__kind=Question.Kind.TEXT).exclude(text="")
               .values_list("response__submitted_on", flat=True))
    return sum(Quarter.of(day).key not in released for day in answers)


def theme_trend(survey: Survey | None, themes, organisation) -> dict:
    """Coded comments per theme per quarter (a comment can carry several themes), suppressed and
    protected together with each theme's total."""
    answers = Answer.objects.filter(response__survey__organisation=organisation, themes__isnull=False)
    if survey is not None:
        answers = answers.filter(response__survey=survey)
    rows = answers.values_list("themes__name", "response__submitted_on")
    counts: Counter = Counter((name, Quarter.of(day).key) for name, day in rows)
    quarters = sorted({quarter for _name, quarter in counts})
    names = [theme.name for theme in themes if any(name == theme.name for name, _q in counts)]
    if not names or not quarters:
        return {"themes": [], "quarters": []}
    values = np.array([[counts.get((name, quarter), 0) for quarter in quarters] for name in names])
    table = hierarchical_table(values, names, quarters, row_total=False, total_label="All quarters")
    protected = protect(table, SuppressionPolicy(threshold=survey.anonymity_threshold if survey else 5))
    published = protected.grid(names, [*quarters, "All quarters"])
    return {"quarters": [Quarter.parse(key).label for key in quarters],
            "themes": [{"name": name, "cells": cells[:-1], "total": cells[-1]}
                       for name, cells in zip(names, published, strict=True)]}
