"""Demo: three interventions at Northbridge and their reviews, before, during and after.

A racialised trauma support group for Global Majority staff (counts of members who feel safer to speak
up), an anti-racist supervision pilot (a question of the family feedback survey, when the feedback demo
made one, and the share of children starting a child protection plan who are Global Majority), and
systems work with schools on adultification, still running. Dates line up with the feedback demo's
year of responses and the outcomes demo's returns. The reviews say honestly whose voices are missing.
"""

from datetime import date

from star.core.demo import demo_step
from star.core.models import User
from star.voice.models import Survey
from star.voice.selectors.surveys import agreement_questions

from . import services
from .models import Intervention, Measure, Phase

SURVEY_TEMPLATE = "family-parents"
PREFERRED_QUESTION = "culture-respected"


def _user(organisation, username: str) -> User:
    return User.objects.get(username=username, organisation=organisation)


def _review(intervention, user, phase, start, end, *, counts=None, **text) -> None:
    services.review_create(intervention=intervention, user=user, phase=phase, period_start=start, period_end=end,
                           counts=counts, **text)


def _support_group(organisation) -> Intervention:
    adviser = _user(organisation, "supportadviser")
    group = services.intervention_create(
        user=adviser, title="Racialised trauma support group for Global Majority staff", kind="support_group",
        purpose="A confidential, facilitated space for Global Majority staff to share experiences of racism at work "
                "and in practice, make sense of their impact, and find support from each other.",
        intended_outcomes="Members feel safer to speak up about racism at work, know how to raise concerns and get "
                          "support, and feel less alone. Managers hear, through the group's anonymous themes, what "
                          "needs to change.",
        indicator_keys=["act-yourself-2", "act-those-you-work-with-1", "learn-those-you-work-with-1", "evaluate-2"],
        partners="Employee network for Global Majority staff; the council's employee assistance provider",
        starts_on=date(2025, 9, 1), ends_on=date(2026, 7, 31), status="finished")
    safer = services.measure_add(intervention=group, user=adviser, kind="count",
                                 label="Members who feel safer to speak up about racism at work")
    _review(group, adviser, Phase.BEFORE, date(2025, 9, 1), date(2025, 9, 30), counts={safer.pk: (9, 17)},
            expected="Members would join because they had experienced racism at work and had not felt able to "
                     "raise it. We expected trust to take time.",
            happened="17 people came to the first two sessions. Most had not told a manager about what happened. "
                     "Several said they had never been asked before.",
            evidence="Anonymous check-in at the first session (9 of 17 felt safe to speak up). Facilitator notes "
                     "of themes, agreed with the group.",
            perspectives=["global_majority_staff", "staff"],
            perspectives_missing="We did not hear from Global Majority staff who chose not to join, or from "
                                 "agency social workers, who are often not told about the group.",
            changes="Send the invitation through agency leads too, and offer a one-to-one conversation for people "
                    "who do not want to come to a group.")
    _review(group, adviser, Phase.DURING, date(2026, 1, 5), date(2026, 1, 31), counts={safer.pk: (12, 18)},
            expected="Members would start to use the routes for raising concerns the group talked about.",
            happened="Three members raised concerns formally, with a group member alongside them. Attendance held "
                     "at around 15. Two members said meetings in work time were hard to protect.",
            evidence="Mid-point anonymous check-in (12 of 18). Themes shared with the director, anonymised.",
            perspectives=["global_majority_staff", "leaders"],
            perspectives_missing="We did not hear from the managers of group members about what changed in "
                                 "their teams.",
            changes="Ask the director to write to team managers that the sessions are protected time.")
    _review(group, adviser, Phase.AFTER, date(2026, 7, 1), date(2026, 7, 31), counts={safer.pk: (14, 18)},
            expected="Most members would feel safer to speak up, and managers would have acted on the themes.",
            happened="14 of 18 members said they feel safer to speak up. Two themes led to changes: how racist "
                     "abuse from family members is recorded and followed up, and debriefs after visits where it "
                     "happens. Members asked for the group to continue, led by members.",
            evidence="Final anonymous check-in (14 of 18). Changes to the practice guidance on racist abuse.",
            perspectives=["global_majority_staff", "leaders", "staff"],
            perspectives_missing="We still did not hear from agency staff, and we did not ask the families "
                                 "whether anything changed for them.",
            changes="Continue as a member-led group with a facilitator each quarter. Include agency staff from the "
                    "start. Measure again in a year.")
    return group


def _family_question(organisation) -> tuple[Survey, str, str] | None:
    """The feedback demo's parents and carers survey and one of its agree-or-disagree questions."""
    survey = (Survey.objects.filter(organisation=organisation, template_key=SURVEY_TEMPLATE)
              .exclude(status=Survey.Status.DRAFT).first())
    if survey is None:
        return None
    questions = agreement_questions([survey]).get(survey.pk, {})
    if not questions:
        return None
    key = PREFERRED_QUESTION if PREFERRED_QUESTION in questions else next(iter(questions))
    return survey, key, questions[key]


def _supervision_pilot(organisation) -> Intervention:
    lead = _user(organisation, "practicelead")
    pilot = services.intervention_create(
        user=lead, title="Anti-racist supervision pilot in two family support teams", kind="practice_pilot",
        purpose="Supervision in two family support teams uses the STAR prompts every month, so that race, culture "
                "and identity, and the family's own account of them, shape the plan for every family.",
        intended_outcomes="Families feel their culture, faith and way of life are respected. Plans are built with "
                          "families. Over time, fewer Global Majority children move to child protection plans when "
                          "support at an earlier stage would keep them safe.",
        indicator_keys=["think-yourself-1", "think-those-you-work-with-1", "act-those-you-work-with-2",
                        "evaluate-1", "evaluate-2"],
        partners="Family Hub North", starts_on=date(2025, 12, 1), ends_on=date(2026, 10, 31), status="finished")
    found = _family_question(organisation)
    if found is not None:
        survey, key, text = found
        services.measure_add(intervention=pilot, user=lead, kind="survey", survey=survey, question_key=key,
                             label=f"Families agreeing: {text.rstrip('.')}")
    services.measure_add(intervention=pilot, user=lead, kind="outcome", stage="cp_plan", higher_is_better=False,
                         label="Children starting a child protection plan who are Global Majority")
    _review(pilot, lead, Phase.BEFORE, date(2025, 12, 1), date(2026, 3, 31),
            expected="Supervision discussed risk in detail but rarely the family's identity or experience of "
                     "racism. We expected families' feedback to reflect that.",
            happened="Baseline from the family feedback survey and the 2025-26 returns. Supervision audits in the "
                     "two teams found race and identity discussed in a third of sessions.",
            evidence="Family feedback survey; case audit of supervision records; child protection plan starts.",
            perspectives=["parents", "staff"],
            perspectives_missing="We did not hear from fathers or from young people directly. Families who needed "
                                 "an interpreter are few among survey responses.",
            changes="Offer the survey with an interpreter at the closing visit, and ask young people through the "
                    "youth participation group.")
    _review(pilot, lead, Phase.DURING, date(2026, 4, 1), date(2026, 6, 30),
            expected="Supervisors would use the prompts every month; workers would bring families' own words.",
            happened="Prompts used in most sessions. Workers said the question about the family's own account of "
                     "their identity changed what they asked at visits. One team lost its manager for six weeks "
                     "and sessions lapsed.",
            evidence="Supervision records (aggregated); a practice forum with both teams.",
            perspectives=["staff", "leaders"],
            perspectives_missing="Families were not asked during the pilot; we relied on the survey.",
            changes="Cover supervision with the practice lead when a manager is away.")
    _review(pilot, lead, Phase.AFTER, date(2026, 7, 1), date(2026, 10, 31),
            expected="More families would agree their culture was respected; the share of Global Majority children "
                     "starting a child protection plan would start to fall.",
            happened="Families' feedback is read over the period after the pilot. The returns for 2026-27 are not "
                     "in yet, so the outcome measure can be compared only next year.",
            evidence="Family feedback survey; statutory returns when they arrive.",
            perspectives=["parents", "staff", "partners"],
            perspectives_missing="We did not hear from fathers or from young people directly, and only a few "
                                 "families who speak a language other than English answered.",
            changes="Extend the prompts to all family support teams, and repeat the outcome comparison when the "
                    "2026-27 returns are imported.")
    return pilot


def _adultification(organisation) -> Intervention:
    lead = _user(organisation, "learninglead")
    work = services.intervention_create(
        user=lead, title="Working with schools on adultification", kind="systems_work",
        purpose="Work with schools and school nursing so that Black children, and boys in particular, are seen as "
                "children: in how concerns are described, in referrals and in how schools respond.",
        intended_outcomes="Designated safeguarding leads recognise adultification and describe children as "
                          "children in referrals. Fewer referrals from schools describe Black children in adult "
                          "terms.",
        indicator_keys=["think-wider-system-1", "act-wider-system-1", "learn-wider-system-1", "evaluate-2"],
        partners="Northbridge schools (designated safeguarding leads); the NHS trust's school nursing service",
        starts_on=date(2026, 2, 1), status="running")
    trained = services.measure_add(
        intervention=work, user=lead, kind="count",
        label="Schools whose safeguarding lead has completed the adultification workshop")
    _review(work, lead, Phase.BEFORE, date(2026, 2, 1), date(2026, 3, 31), counts={trained.pk: (3, 24)},
            expected="Few schools would have had training on adultification; referrals would show it.",
            happened="3 of 24 secondary and all-through schools had a lead who had been trained. A review of 40 "
                     "referrals found a third described a Black child in adult terms ('streetwise', 'intimidating').",
            evidence="Training records; review of a sample of referrals from schools.",
            perspectives=["partners", "staff"],
            perspectives_missing="We did not hear from young people or their parents, and primary schools were not "
                                 "part of the first phase.",
            changes="Co-design the workshop with the youth participation group and two parents.")
    _review(work, lead, Phase.DURING, date(2026, 6, 1), date(2026, 9, 30), counts={trained.pk: (11, 24)},
            expected="Half the schools would have a trained lead by the end of the summer term.",
            happened="11 of 24 schools now have a trained lead. School nurses asked to join. Two schools changed "
                     "how they record incidents involving Black boys.",
            evidence="Training records; feedback forms from the workshops.",
            perspectives=["partners", "children", "parents"],
            perspectives_missing="We heard from a small group of young people only, all from one school. We have "
                                 "not yet heard from community groups.",
            changes="Run a session with the community groups' forum, and follow up the schools that have not "
                    "taken part.")
    return work


@demo_step(order=70, name="Evaluation: three interventions and their reviews")
def build(ctx) -> None:
    organisation = ctx.organisations[0]
    interventions = [_support_group(organisation), _supervision_pilot(organisation), _adultification(organisation)]
    measures = Measure.objects.filter(intervention__in=interventions).count()
    ctx.stdout.write(f"    {organisation.name}: {len(interventions)} interventions, {measures} measures\n")
