"""Demo: a year of feedback at Northbridge, with the patterns a council would really see.

Four surveys from the shipped templates: parents and carers (links per service and a paper form at a
Family Hub), young people, partner agencies and the staff inclusion pulse. Black families are
under-represented among respondents compared with the children referred, and the results page must
say so. Global Majority families agree less often that their culture, faith and language were
respected, and interpreters are a recurring theme in the comments. Comments are fictional and
written to read like real feedback without describing anyone. Bulk writes skip the audit trail.
"""

from datetime import date, timedelta

from django.utils import timezone

from star.core.demo import demo_step
from star.core.models import User

from .models import PREFER_NOT_TO_SAY, Action, Answer, Question, Response, Survey, SurveyLink, Theme
from .services import surveys as builder

YEAR_END = date(2026, 11, 27)
DAYS = 360
# Respondents' ethnicity (ONS 2021 keys): fewer Black families than among children referred.
FAMILY_MIX = {"white_british": 44, "white_other": 10, "white_irish": 2, "white_gypsy_irish_traveller": 1,
              "black_african": 4, "black_caribbean": 3, "black_other": 1, "asian_bangladeshi": 5,
              "asian_pakistani": 3, "asian_indian": 2, "asian_other": 1, "mixed_white_black_caribbean": 3,
              "mixed_white_asian": 2, "mixed_other": 2, "other_any": 2, "other_arab": 1,
              PREFER_NOT_TO_SAY: 7, "": 6}
STAFF_MIX = {"white_british": 40, "white_other": 6, "white_irish": 3, "black_african": 12, "black_caribbean": 9,
             "asian_bangladeshi": 5, "asian_indian": 4, "asian_pakistani": 3, "mixed_white_black_caribbean": 4,
             "mixed_other": 2, "other_any": 2, PREFER_NOT_TO_SAY: 7, "": 3}
THEMES = {
    "Felt listened to": "Being heard, or not, by the social worker and in meetings.",
    "Interpreters and language": "Interpreters, translated letters and plans, language at meetings.",
    "Culture, faith and identity": "Whether culture, faith, hair and skin care, diet and identity were respected.",
    "Keeping in touch": "Returning calls, knowing who the worker is, being told about changes.",
    "Fairness and bias": "Feeling judged or treated differently because of race, ethnicity or religion.",
    "Changes of social worker": "Changes of worker and having to tell the story again.",
}
COMMENTS = [
    ("She listened to me and did not rush me. I felt like a person, not a case.", ["Felt listened to"]),
    ("I had to ask three times for an interpreter. My son translated at the first visit and that was not right.",
     ["Interpreters and language"]),
    ("The letters were only in English so I did not understand the plan until the meeting.",
     ["Interpreters and language"]),
    ("They asked about our faith and made sure the meeting was not on Friday afternoon. Small thing but it mattered.",
     ["Culture, faith and identity"]),
    ("I felt judged from the first phone call. Nobody asked about our family, only about the problems.",
     ["Fairness and bias", "Felt listened to"]),
    ("We have had four social workers in a year. Every time I have to start again.", ["Changes of social worker"]),
    ("Please return calls. I left messages and heard nothing for two weeks.", ["Keeping in touch"]),
    ("The worker understood why my daughter's hair care matters and put it in the plan for the foster carer.",
     ["Culture, faith and identity"]),
    ("My son was spoken about like an adult in the meeting. He is fourteen.", ["Fairness and bias"]),
    ("The family group conference was the first time I felt we were part of the decision.", ["Felt listened to"]),
    ("Explain things in plain words. I did not know what a section 47 was.", ["Keeping in touch"]),
    ("The interpreter on the phone was good but it would be better in person for hard conversations.",
     ["Interpreters and language"]),
    ("I was worried that they would see us as a problem because of where we are from. They did not.",
     ["Fairness and bias"]),
    ("Nobody told me the social worker had changed until the new one came to the door.",
     ["Changes of social worker", "Keeping in touch"]),
    ("Thank you for sticking with us.", []),
    ("More help at the start would have stopped things getting so bad.", []),
]
ACTIONS = [
    ("Interpreters and language", "Interpreters were not always booked, and children were asked to interpret.",
     "Interpreters are now booked through one route with a same-week target, and practice guidance says family "
     "members, and never children, do not interpret. Plans are translated on request.", "underway"),
    ("Keeping in touch", "Calls were not returned and changes of worker were not explained.",
     "Every team now has a duty line answered the same day, and families get a letter naming their new worker "
     "before the change.", "done"),
    ("Fairness and bias", "Some families felt judged because of their race, ethnicity or faith.",
     "Every team is working through the anti-racist practice standards, and supervision now asks how race, "
     "culture and identity shape our view of each family.", "underway"),
]


def _weighted(rng, mix: dict) -> str:
    return rng.choices(list(mix), weights=list(mix.values()))[0]


def _likert(rng, base: float) -> str:
    value = round(rng.gauss(base, 1.0))
    return str(min(5, max(1, value)))


class _Answers:
    """Draws one respondent's answers to a version's questions, honouring follow-up conditions."""

    def __init__(self, rng, questions: list[Question], likert_base):
        self.rng, self.questions, self.likert_base = rng, questions, likert_base

    def draw(self, ethnicity: str) -> list[tuple[Question, dict]]:
        given: dict[str, str] = {}
        answers = []
        global_majority = bool(ethnicity) and ethnicity != PREFER_NOT_TO_SAY and not ethnicity.startswith("white")
        for question in self.questions:
            if question.shown_if_question and given.get(question.shown_if_question) != question.shown_if_answer:
                continue
            value = self._value(question, ethnicity, global_majority)
            if value is None:
                continue
            if "choice" in value:
                given[question.key] = value["choice"]
            answers.append((question, value))
        return answers

    def _value(self, question, ethnicity, global_majority):
        rng = self.rng
        if question.kind == Question.Kind.ETHNICITY:
            return {"choice": ethnicity} if ethnicity else None
        if rng.random() < 0.04:  # an optional question left blank
            return None
        if question.kind == Question.Kind.LIKERT:
            return {"choice": _likert(rng, self.likert_base(question.key, global_majority))}
        keys = [option["key"] for option in question.options]
        if question.kind == Question.Kind.SINGLE:
            if question.key == "interpreter-needed":
                return {"choice": keys[0] if global_majority and rng.random() < 0.3 else keys[-1]}
            weights = [3 if position == 1 else 1 for position in range(len(keys))]
            return {"choice": rng.choices(keys, weights=weights)[0]}
        if question.kind == Question.Kind.MULTIPLE:
            return {"choices": rng.sample(keys, k=rng.randint(1, min(2, len(keys))))}
        if rng.random() < 0.35:
            return {"text": rng.choice(COMMENTS)[0]}
        return None


def _family_base(key: str, global_majority: bool) -> float:
    base = 3.8
    if key in {"culture-respected", "background-understood", "treated-fairly"} and global_majority:
        base -= 0.7
    return base


def _staff_base(key: str, global_majority: bool) -> float:
    return 3.6 - (0.6 if global_majority else 0.0)


def _respond(ctx, survey: Survey, links: list[SurveyLink], count: int, mix: dict, base) -> int:
    rng = ctx.rng(f"voice:{survey.template_key}")
    version = survey.current_version
    questions = list(Question.objects.filter(section__version=version).order_by("section__order", "order"))
    drawer = _Answers(rng, questions, base)
    responses, drawn = [], []
    for _ in range(count):
        ethnicity = _weighted(rng, mix)
        day = YEAR_END - timedelta(days=int(rng.random() ** 0.8 * DAYS))
        responses.append(Response(survey=survey, version=version, link=rng.choice(links), submitted_on=day,
                                  language="en-gb", ethnicity=ethnicity))
        drawn.append(drawer.draw(ethnicity))
    Response.objects.bulk_create(responses)
    Answer.objects.bulk_create(
        Answer(response=response, question=question, **value)
        for response, answers in zip(responses, drawn, strict=True) for question, value in answers)
    return count


def _code_comments(organisation, themes: dict[str, Theme], coder: User) -> int:
    by_text = {text: names for text, names in COMMENTS}
    coded = 0
    now = timezone.now()
    through = Answer.themes.through
    links = []
    answers = Answer.objects.filter(response__survey__organisation=organisation, question__kind="text").exclude(text="")
    for answer in answers.order_by("pk")[: max(1, answers.count() * 3 // 4)]:
        names = by_text.get(answer.text, [])
        if not names:
            continue
        links += [through(answer_id=answer.pk, theme_id=themes[name].pk) for name in names]
        coded += 1
    through.objects.bulk_create(links)
    Answer.objects.filter(pk__in={link.answer_id for link in links}).update(coded_by=coder, coded_at=now)
    return coded


@demo_step(order=60, name="Feedback: a year of surveys of families, partners and staff")
def build(ctx) -> None:
    organisation = ctx.organisations[0]
    lead = User.objects.get(username="practicelead", organisation=organisation)
    analyst = User.objects.get(username="equalityanalyst", organisation=organisation)

    def survey(template: str, owner, link_labels: list[str]) -> tuple[Survey, list[SurveyLink]]:
        item = builder.survey_create(organisation=organisation, user=owner, title="", audience="",
                                     template_key=template)
        builder.version_publish(version=item.draft_version, user=owner)
        links = list(item.links.all())
        links[0].label = link_labels[0]
        links[0].save(update_fields=["label"])
        links += [builder.link_add(survey=item, user=owner, label=label) for label in link_labels[1:]]
        return item, links

    parents, parent_links = survey("family-parents", lead, [
        "Access and Assessment", "Child Protection and Court", "Children in Care and Leaving Care",
        "Family Hub North (paper forms)"])
    total = _respond(ctx, parents, parent_links, 264, FAMILY_MIX, _family_base)
    young, young_links = survey("family-young-people", lead, ["Children in Care and Leaving Care",
                                                              "Youth participation group"])
    total += _respond(ctx, young, young_links, 71, FAMILY_MIX, _family_base)
    partners, partner_links = survey("partner-agencies", lead, ["Schools", "Health", "Police"])
    total += _respond(ctx, partners, partner_links, 58, {"": 1}, _family_base)
    staff, staff_links = survey("staff-inclusion-pulse", analyst, ["All staff"])
    total += _respond(ctx, staff, staff_links, 143, STAFF_MIX, _staff_base)
    _easy_read, _links = survey("family-easy-read", lead, ["Disabled Children's Service"])

    themes = {name: Theme.objects.create(organisation=organisation, name=name, description=description)
              for name, description in THEMES.items()}
    coded = _code_comments(organisation, themes, lead)
    for theme, said, did, status in ACTIONS:
        Action.objects.create(organisation=organisation, survey=parents, theme=themes[theme], you_said=said,
                              we_did=did, status=status, is_public=True, owner=lead)
    ctx.stdout.write(f"    {organisation.name}: 5 surveys, {total} anonymous responses, {coded} comments coded\n")
