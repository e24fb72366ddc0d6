"""Demo: two action learning sets at Northbridge, part-way through their cycles.

* "Anti-racist practice set: frontline practitioners": the principal social worker (``practicelead``)
  facilitates six practitioners, the ``practitioner`` login among them; every 6 weeks, 6 meetings
  committed, 4 held.
* "Leading anti-racist change: managers": the workforce development lead (``learninglead``) facilitates
  five managers, the ``manager`` login among them; every 8 weeks, 5 committed, 3 held.

So ``learninglead`` reads the content of the set they facilitate and only the metadata of the other.
Commitments are followed through: some done, some in progress and carried to the next meeting, some
changed; those made at the latest meeting are still open (the members see them on their learning home).
Written directly (no notifications, no audit entries), in the format the services use. All text is
fictional. The other members are staff accounts made by the practice demo (``northbridge.<pk>``).
"""

from datetime import timedelta

from auditlog.context import disable_auditlog
from django.utils import timezone

from star.core.models import User

from ..models import LearningSet, SetAttendance, SetCommitment, SetMeeting, SetMembership
from ..services.sets import review_history

D, P, C = "done", "in_progress", "changed"

FRONTLINE = {
    "name": "Anti-racist practice set: frontline practitioners",
    "theme": "Anti-racist practice in assessment and planning with Black, Asian, Mixed and other Global Majority "
             "families",
    "facilitator": "practicelead", "login": "practitioner", "role": "practitioner", "others": 5,
    "cadence": 6, "committed": 6,
    "ground_rules": (
        "What is said in the set stays in the set. We share what we learned, never who said what.\n"
        "We speak from our own experience and practice, and not for a whole community.\n"
        "We listen to understand before we question. Questions are open, not advice in disguise.\n"
        "Discomfort is part of learning; harm is not. Anyone can pause the conversation and we come back to it.\n"
        "We name racism when we see it, our own included. We own the impact of what we say, whatever we "
        "meant.\n"
        "We describe families with respect: no names, and no more case detail than the question needs."),
    "meetings": [
        {"absent": [], "presenters": [1, 3],
         "notes": "We agreed our ground rules and said why each of us joined. The first presenter brought a child "
                  "protection conference where the family's faith had been written up as a risk without evidence; "
                  "the questions helped separate what we knew from what we had assumed. The second brought a "
                  "strategy discussion about a 14-year-old Black boy described by his school as 'intimidating'. "
                  "We noticed how often 'hostile' and 'evasive' appear in our recording about Black fathers.",
         "commitments": {
             0: "Before my next three assessments are signed off, reread them for words like 'hostile', "
                "'aggressive' or 'evasive' and check each against what the parent actually said and did.",
             1: "At my next initial visit, ask the family how they describe their ethnicity, culture and faith, "
                "and record it in their words.",
             2: "Read the Child Q safeguarding practice review and bring one thing it changes in my practice.",
             3: "Find out why interpreters are booked late for Bengali-speaking families, and who decides.",
             4: "Use the Social GGRRAAACCEEESSS in my next supervision to reflect on a family I find hard to "
                "engage.",
             5: "Invite a father I have not yet met to the next core group, at a time he can make."}},
        {"absent": [4], "presenters": [0],
         "notes": "The presenter brought an assessment where she had written that a mother 'refused to engage'. "
                  "Questions about what engagement looked like from the mother's side opened up her experience of "
                  "a previous social worker and a police visit. The set talked about how a first visit can repeat "
                  "earlier harm, and about being honest with families about what we record and why.",
         "reviews": {
             (0, 1): (P, "Two of the three are reread. In one I changed 'hostile' to the mother's own words: "
                         "she was frightened and angry about the referral."),
             (1, 1): (D, "She described herself as Black British Caribbean and Christian; the record said "
                         "'Black Other'. I corrected it with her, and she noticed."),
             (2, 1): (D, "The adultification is not abstract. I now ask myself whether I would see a white child "
                         "of this age in the same way."),
             (3, 1): (C, "My manager says the booking rules sit with commissioning, so I will take the pattern "
                         "to the practice forum instead, with the dates."),
             (5, 1): (P, "He can only do evenings. The core group is moved to 5pm next week.")},
         "commitments": {
             1: "Share with my team how I now record ethnicity in the family's words, at our next team meeting.",
             2: "Ask my manager to look at the language in my next strategy discussion record with me.",
             3: "Bring three months of interpreter booking dates to the practice forum."}},
        {"absent": [2], "presenters": [4, 5],
         "notes": "One presenter brought her own discomfort at being the only Black social worker in a meeting "
                  "where a family's culture was discussed as if she were its expert. The set talked about the "
                  "extra load Global Majority colleagues carry and what allies in the room can do. The second "
                  "presenter brought a father's first core group: he came, and said no one had asked him before.",
         "reviews": {
             (0, 1): (D, "All three reread. My manager noticed the change and asked me to share the checklist."),
             (4, 1): (D, "I used it for a Roma family. It showed me I had not thought about their experience of "
                         "services in other countries."),
             (5, 1): (D, "He came and spoke about his son for the first time. He will come again."),
             (1, 2): (D, "Done. Two colleagues have started doing the same."),
             (3, 2): (P, "I have two months of dates; the forum is next month.")},
         "commitments": {
             0: "Write a one-page guide on checking assessment language and offer it to the team.",
             4: "Say out loud, the next time it happens, when a Global Majority colleague is treated as the "
                "expert on a family's culture.",
             5: "Ask every family in my next three assessments who matters to the child, not only who is family."}},
        {"absent": [], "presenters": [2],
         "notes": "The presenter came back to the strategy discussion record: her manager had helped her rewrite "
                  "it, and she brought both versions. The set compared them and talked about who reads our records "
                  "years later, including the young people themselves. We also looked ahead: two meetings left, "
                  "and what we want to have changed by then.",
         "reviews": {
             (2, 2): (P, "We have rewritten one record together; the second is booked for next week."),
             (3, 2): (D, "The forum agreed to ask commissioning for a same-day booking option."),
             (0, 3): (P, "The draft is written and my manager is reading it."),
             (4, 3): (C, "It has not happened again, so I have asked to raise it with the team as a whole instead."),
             (5, 3): (D, "Grandparents and a family friend came up in all three; one is now in the plan.")},
         "commitments": {
             0: "Ask two colleagues outside my team to try the language guide and tell me what is missing.",
             1: "Ask a young person I work with to read their own plan and tell me how it sounds.",
             3: "Bring the practice forum's response from commissioning to the next set meeting.",
             4: "Raise at the team meeting how we share cultural knowledge without putting it on one person.",
             5: "Reread my last two assessments as if I were the child reading them at 18."}},
    ],
}

MANAGERS = {
    "name": "Leading anti-racist change: managers",
    "theme": "Leading anti-racist change in teams: supervision, recruitment and progression",
    "facilitator": "learninglead", "login": "manager", "role": "manager", "others": 4,
    "cadence": 8, "committed": 5,
    "ground_rules": (
        "Confidential: what is said here stays here, including what we say about our own teams.\n"
        "We bring real dilemmas, including the ones where we got it wrong.\n"
        "We hold each other to account kindly and directly.\n"
        "We notice power in this room: grades, roles and who speaks most.\n"
        "We do not discuss named staff; we discuss patterns and our own part in them."),
    "meetings": [
        {"absent": [], "presenters": [0, 2],
         "notes": "We agreed our ground rules. The first presenter brought the workforce report showing that Black "
                  "staff in her service enter formal processes more often than white staff, and her worry about "
                  "how to raise it without blame. The second brought a shortlisting round where every candidate "
                  "shortlisted for a senior practitioner post was white.",
         "commitments": {
             0: "Look at the last two years of formal processes in my service with HR, and what triggered each.",
             1: "Ask each person in my team what gets in the way of talking about race in supervision.",
             2: "Ask for anonymised shortlisting for the next senior practitioner round.",
             3: "Make race, culture and identity a standing question in my supervision template.",
             4: "Find out how many Global Majority staff in my team have had acting-up opportunities."}},
        {"absent": [3], "presenters": [1],
         "notes": "The presenter shared what his team had told him: that they worry about saying the wrong thing, "
                  "and that race comes up in supervision only when a family raises it. The set talked about "
                  "modelling, about managers naming their own learning first, and about the difference between "
                  "a safe space and a comfortable one.",
         "reviews": {
             (0, 1): (P, "HR have pulled the data; we meet next month to go through it."),
             (1, 1): (D, "Everyone answered. Fear of getting it wrong came up most, then time."),
             (2, 1): (D, "Agreed for the next round, and the panel will have a Global Majority member."),
             (4, 1): (C, "The data is not held centrally, so I am starting a simple record from now.")},
         "commitments": {
             1: "Open my next team meeting with something I have learned and got wrong about race.",
             2: "Review the senior practitioner job description with the panel for unnecessary criteria.",
             4: "Offer the next acting-up opportunity through an open expression of interest."}},
        {"absent": [], "presenters": [3, 4],
         "notes": "One presenter talked about the supervision template change: most supervisions now touch on "
                  "race, culture and identity, but some feel like a box being ticked. The other brought the first "
                  "open expression of interest for acting up, which drew four applicants instead of the usual one. "
                  "We talked about how to keep changes like these when managers move on.",
         "reviews": {
             (0, 1): (D, "Referrals to formal processes often started with one complaint and no conversation first. "
                         "We have agreed an informal step."),
             (3, 1): (P, "In the template now; I am checking whether the conversations are real."),
             (1, 2): (D, "It changed the meeting. Two people stayed behind to talk."),
             (2, 2): (C, "We removed two criteria; the panel asked to look at the whole framework, so I am taking "
                         "that to the workforce board."),
             (4, 2): (D, "Four people applied. The process is written down so the next manager can use it.")},
         "commitments": {
             0: "Share the informal-step agreement with the other service managers.",
             2: "Take the recruitment framework to the workforce board with the panel's suggestions.",
             3: "Sit in on two supervisions in my team, with consent, to see how the race question is used."}},
    ],
}


def _people(organisation, role: str, exclude: set[str], count: int, rng) -> list[User]:
    """Staff accounts from the practice demo with this role, from different teams where possible."""
    candidates = list(User.objects.filter(organisation=organisation, username__startswith=f"{organisation.slug}.",
                                          groups__name=role, is_active=True)
                      .exclude(username__in=exclude).select_related("staff_profile").order_by("pk"))
    rng.shuffle(candidates)
    chosen, teams = [], set()
    for person in candidates:
        team = getattr(getattr(person, "staff_profile", None), "team_id", None)
        if team not in teams:
            chosen.append(person)
            teams.add(team)
        if len(chosen) == count:
            break
    return chosen


def _build(spec: dict, organisation, rng, today) -> LearningSet | None:
    facilitator = User.objects.filter(organisation=organisation, username=spec["facilitator"]).first()
    login = User.objects.filter(organisation=organisation, username=spec["login"]).first()
    others = _people(organisation, spec["role"], {spec["facilitator"], spec["login"]}, spec["others"], rng)
    if facilitator is None or login is None or len(others) < spec["others"]:
        return None
    members = [login, *others]
    cadence, meetings = timedelta(weeks=spec["cadence"]), spec["meetings"]
    # The latest meeting was two or three weeks ago, so the next is due in a few weeks.
    last = today - timedelta(weeks=2 if spec["cadence"] == 6 else 3)
    starts_on = last - cadence * (len(meetings) - 1)
    learning_set = LearningSet.objects.create(
        organisation=organisation, name=spec["name"], theme=spec["theme"], facilitator=facilitator,
        cadence_weeks=spec["cadence"], committed_meetings=spec["committed"], starts_on=starts_on,
        status=LearningSet.Status.RUNNING, ground_rules=spec["ground_rules"])
    joined = starts_on - timedelta(weeks=3)
    SetMembership.objects.bulk_create(SetMembership(learning_set=learning_set, user=person, joined_on=joined)
                                      for person in members)
    made: dict[tuple[int, int], SetCommitment] = {}
    for number, item in enumerate(meetings, start=1):
        meeting = SetMeeting.objects.create(learning_set=learning_set, number=number,
                                            held_on=starts_on + cadence * (number - 1), notes=item["notes"])
        SetAttendance.objects.bulk_create(SetAttendance(meeting=meeting, user=person,
                                                        attended=index not in item["absent"])
                                          for index, person in enumerate(members))
        meeting.presenters.set([members[index] for index in item["presenters"]])
        for (index, made_at), (outcome, reflection) in item.get("reviews", {}).items():
            commitment = made[(index, made_at)]
            commitment.review_reflection = review_history(commitment, number, outcome, reflection)
            commitment.review, commitment.reviewed_at = outcome, meeting
            commitment.save()
        for index, action in item["commitments"].items():
            made[(index, number)] = SetCommitment.objects.create(meeting=meeting, member=members[index],
                                                                 action=action)
    return learning_set


def build(ctx, organisation) -> None:
    rng, today = ctx.rng("learning-sets"), timezone.localdate()
    with disable_auditlog():
        built = [learning_set for spec in (FRONTLINE, MANAGERS)
                 if (learning_set := _build(spec, organisation, rng, today)) is not None]
    ctx.stdout.write(f"    {organisation.name}: {len(built)} action learning sets\n")
