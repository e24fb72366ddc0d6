"""Demo: a community of practice and the Anti-Racism Summit, with what happened after it.

* "Anti-racist practice leads network", hosted by Northbridge: the workforce development lead
  (``learninglead``) and the principal social worker (``practicelead``) coordinate it; practice and team
  managers and senior practitioners are members, with ``manager`` among them. With ``--size regional`` the
  neighbouring councils are partners and their practitioners are members (one coordinates); with one
  council, the members are all from Northbridge. Six meetings over the year (the last one still to come)
  and a few shared links (no files).
* "Northbridge Anti-Racism Summit <year>", on 18 June (of this year once it is well past, otherwise last
  year): a programme of six sessions, about sixty attendees, and 25 actions committed to in the room, each
  with an owner, a due date and a status, so that "what happened after the summit?" has a story: most done
  by their due date, some done late, some in progress or not started past their due date (overdue), one
  dropped with a reason, the latest ones not due yet.

Written directly (no notifications, no audit entries). All names and text are fictional.
"""

from datetime import date, datetime, time, timedelta

from auditlog.context import disable_auditlog
from django.utils import timezone

from star.core.models import StaffProfile, User

from ..models import CommittedAction, Community, CommunityMeeting, CommunityMembership, Event, EventSession, Resource

COMMUNITY = {
    "name": "Anti-racist practice leads network",
    "purpose": "A network for the people who lead practice in teams: practice managers, team managers and senior "
               "practitioners. We bring real dilemmas from supervision and casework, share what is helping "
               "teams to name race, culture and identity in their work, and take back one thing to try. Open "
               "to colleagues from partner councils in the region.",
    "lenses": ["anti_racist", "systemic"],
}

# days from today, start "HH:MM", minutes, title, location, summary
MEETINGS = [
    (-292, "14:00", 90, "Starting out: what do we mean by anti-racist practice leadership?", "Online (Teams)",
     "Introductions, ground rules, and each of us named one practice moment from the last month where race was "
     "present but not spoken about. We agreed to meet every two months."),
    (-232, "14:00", 90, "Supervision that talks about race, culture and identity",
     "Northbridge Civic Centre, Room 2.14",
     "Two team managers shared how they open the conversation in supervision. Agreed to try the reflective "
     "prompts in the STAR framework for two months and report back."),
    (-172, "14:00", 90, "Adultification in strategy discussions", "Online (Teams)",
     "A case study (anonymised) from the MASH. We looked at the language used about a 15-year-old Black boy and "
     "rewrote the risk analysis together."),
    (-110, "14:00", 90, "After the summit: turning commitments into practice", "Northbridge Civic Centre, Room 3.02",
     "Each member brought one commitment from the summit and the first step they had taken. Eastmoor shared their "
     "approach to team action plans."),
    (-48, "14:00", 90, "Recruitment and progression: what practice leads can do", "Online (Teams)",
     "With the HR business partner: shortlisting panels, stretch opportunities and who gets asked to act up."),
    (16, "14:00", 90, "Looking back on the year, and what next", "Northbridge Civic Centre, Room 2.14",
     "Reviewing a year of the network: what changed in our teams, what did not, and the plan for next year."),
]

# title, address, when it was shared (days from today, or days after the summit)
LINKS = [
    ("Network terms of reference", "https://learning.northbridge.example/networks/practice-leads/terms",
     ("today", -289)),
    ("STAR framework: prompts for supervision", "https://learning.northbridge.example/star/supervision-prompts",
     ("today", -230)),
    ("Reading list: adultification and racial trauma", "https://learning.northbridge.example/reading/adultification",
     ("today", -170)),
    ("Summit slides and workshop notes", "https://learning.northbridge.example/summit/slides", ("summit", 2)),
]

# start "HH:MM", end "HH:MM", title, hosts, description
PROGRAMME = [
    ("09:30", "10:00", "Opening: why this summit, and why now", "{director}, Director of children's services",
     "What the data tells us about the experiences of Black, Asian, Mixed and other Global Majority children, "
     "families and staff in Northbridge, and what the council has committed to."),
    ("10:00", "11:15", "In our own words: a panel of young people and families",
     "Young people from the Children in Care Council and parents from the family participation group, with "
     "the participation team",
     "Young people and parents who have worked with Northbridge social workers talk about what helped, what did "
     "not, and how it felt when their identity, culture or faith was understood, or missed. Panel members chose "
     "the questions they wanted to answer and were paid for their time. The session was not recorded."),
    ("11:30", "12:45", "Workshop: adultification, and seeing Black children as children",
     "The principal social worker, with an external trainer",
     "How adultification shows up in referrals, strategy discussions and risk analyses, and how to name it and "
     "challenge it, including when it is a colleague's language."),
    ("13:30", "14:45", "Workshop: supervision that talks about race, culture and identity",
     "Team managers from Assessment Team 1 and Family Help North",
     "Two early-adopter teams share how they make space for identity in supervision, and what changed for "
     "practitioners and families."),
    ("13:30", "14:45", "Workshop: recruitment and progression, who gets on in Northbridge?",
     "The workforce development lead and the HR business partner",
     "The workforce race equality figures: shortlisting, appointments, acting-up and progression. What each "
     "manager can change in the next recruitment they run."),
    ("15:00", "16:00", "Commitments: what will you do next?", "The workforce development lead",
     "Everyone wrote down one or two things they will do, with a date. Each commitment is in the action log, "
     "and the summit's steering group follows them up."),
]

# owner ("staff" = a staff attendee), days after the summit it is due, what happened, the action
ACTIONS = [
    ("seniorleader", 60, "done", "Publish the council's anti-racism commitments on the staff intranet, with the "
                                 "summit's 'you said, we did'"),
    ("seniorleader", 150, "in_progress", "Add the workforce race equality measures to the quarterly performance "
                                         "report to the lead member"),
    ("practicelead", 45, "done", "Add the adultification briefing to the induction for every new social worker"),
    ("practicelead", 120, "in_progress", "Review the strategy discussion template with the MASH so that identity "
                                         "and culture are recorded, not assumed"),
    ("learninglead", 30, "done", "Share the summit slides and workshop notes with all attendees"),
    ("learninglead", 90, "done_late", "Set up an action learning set for managers on leading anti-racist change"),
    ("learninglead", 200, "open", "Run the summit survey again a year on and compare"),
    ("manager", 40, "done", "Make race, culture and identity a standing item in Assessment Team 1 supervision"),
    ("manager", 100, "open", "Review who in the team has acted up in the last two years, and why"),
    ("staff", 30, "done", "Bring the adultification workshop to my team meeting"),
    ("staff", 45, "done", "Ask every family I work with how they describe their own identity, and record it in "
                          "their words"),
    ("staff", 60, "done", "Book professional interpreters for every home visit where a family's first language is "
                          "not English"),
    ("staff", 60, "done_late", "Audit five of my assessments for assumptions about culture and faith"),
    ("staff", 75, "done", "Join the anti-racist practice leads network"),
    ("staff", 75, "in_progress", "Rewrite the team's referral triage guidance with the adultification lens"),
    ("staff", 90, "done", "Use the STAR reflective prompts in supervision with my team for three months"),
    ("staff", 90, "dropped", "Set up a peer reflection group for Black staff in Family Help South"),
    ("staff", 100, "done", "Talk with the IRO service about how identity is covered in care plans"),
    ("staff", 110, "open", "Invite a parent from the participation group to our team away day"),
    ("staff", 120, "in_progress", "Make sure every recruitment panel I chair has a diverse panel and structured "
                                  "questions"),
    ("staff", 120, "done_late", "Read 'Tackling racial disproportionality' with my team and agree one change"),
    ("staff", 135, "done", "Shadow a colleague from the Children in Care Council sessions"),
    ("staff", 150, "in_progress", "Offer stretch opportunities in the team by expression of interest, not "
                                  "tap on the shoulder"),
    ("staff", 190, "open", "Review the language in our chronologies for adultification"),
    ("staff", 220, "open", "Present what changed in the team at next year's summit"),
]

NOTES = {
    "done": "Done, and shared at the team meeting.",
    "done_late": "Done later than planned: we had to wait for the next team away day.",
    "in_progress": "Started: the first part is done and the rest is booked in.",
    "dropped": "Dropped after talking with staff: the staff network is setting up a group across the service "
               "instead, which we will support.",
}

ATTENDEES = 60


def summit_day(today: date) -> date:
    """18 June of this year once it is well past (at least 100 days), otherwise of last year."""
    this_year = date(today.year, 6, 18)
    return this_year if this_year <= today - timedelta(days=100) else date(today.year - 1, 6, 18)


def _moment(day: date, clock: str) -> datetime:
    hours, minutes = (int(part) for part in clock.split(":"))
    return timezone.make_aware(datetime.combine(day, time(hours, minutes)))


def _people(organisation) -> tuple[dict[str, User], list[User], list[User]]:
    """The demo logins, the staff accounts in practice-lead grades, and every other staff account."""
    logins = {user.username: user for user in User.objects.filter(
        organisation=organisation, username__in=["seniorleader", "practicelead", "learninglead", "manager",
                                                 "practitioner", "supportadviser"])}
    staff = list(StaffProfile.objects.filter(organisation=organisation,
                                             user__username__startswith=f"{organisation.slug}.")
                 .select_related("user", "grade").order_by("pk"))
    leads = [profile.user for profile in staff if profile.grade.code in ("PO4", "PO6", "PO8")]
    return logins, leads, [profile.user for profile in staff]


def _community(ctx, organisation, logins, leads, rng, today) -> Community:
    partners = list(ctx.organisations[1:])
    community = Community.objects.create(organisation=organisation, name=COMMUNITY["name"],
                                         purpose=COMMUNITY["purpose"], lens_keys=COMMUNITY["lenses"])
    community.partner_organisations.set(partners)
    members = [(logins[name], name in ("learninglead", "practicelead"))
               for name in ("learninglead", "practicelead", "manager", "supportadviser") if name in logins]
    members += [(user, False) for user in rng.sample(leads, min(12, len(leads)))]
    for index, partner in enumerate(partners):
        members += [(user, index == 0) for user in User.objects.filter(organisation=partner).order_by("pk")[:3]]
    CommunityMembership.objects.bulk_create(CommunityMembership(community=community, user=user, is_coordinator=coord)
                                            for user, coord in members)
    first = today + timedelta(days=MEETINGS[0][0])
    CommunityMembership.objects.filter(community=community).update(joined_on=first - timedelta(days=14))
    CommunityMeeting.objects.bulk_create(
        CommunityMeeting(community=community, title=title, location=location, summary=summary if days < 0 else "",
                         starts_at=_moment(today + timedelta(days=days), clock),
                         ends_at=_moment(today + timedelta(days=days), clock) + timedelta(minutes=minutes))
        for days, clock, minutes, title, location, summary in MEETINGS)
    sharers = [user for user, _ in members]
    summit = summit_day(today)
    for index, (title, link, (base, days)) in enumerate(LINKS):
        resource = Resource.objects.create(community=community, title=title, kind=Resource.Kind.LINK, link=link,
                                           uploaded_by=sharers[index % len(sharers)])
        shared = _moment((summit if base == "summit" else today) + timedelta(days=days), "10:00")
        Resource.objects.filter(pk=resource.pk).update(created_at=min(shared, timezone.now()))
    return community


def _summit(organisation, logins, staff, rng, today) -> Event:
    day = summit_day(today)
    director = logins.get("seniorleader")
    event = Event.objects.create(
        organisation=organisation, name=f"Northbridge Anti-Racism Summit {day.year}", starts_on=day, ends_on=day,
        location="Northbridge Town Hall",
        description="A day for everyone in Children & Families to hear from young people and families, learn "
                    "together and commit to what each of us will do next. Part of the council's anti-racism "
                    "programme.")
    director_name = director.get_full_name() if director else "The director"
    EventSession.objects.bulk_create(
        EventSession(event=event, title=title, hosts=hosts.format(director=director_name), description=description,
                     starts_at=_moment(day, start), ends_at=_moment(day, end))
        for start, end, title, hosts, description in PROGRAMME)
    known = list(logins.values())
    others = [user for user in staff if user not in known]
    attendees = known + rng.sample(others, min(ATTENDEES - len(known), len(others)))
    event.attendees.set(attendees)
    return event


def _actions(organisation, event, logins, rng, today) -> list[CommittedAction]:
    day = event.starts_on
    attendees = list(event.attendees.order_by("pk"))
    staff = [user for user in attendees if user.username.startswith(f"{organisation.slug}.")] or attendees
    owners = rng.sample(staff, min(len(staff), sum(1 for action in ACTIONS if action[0] == "staff")))
    made, outcomes = [], []
    for owner_key, due_after, outcome, text in ACTIONS:
        owner = logins.get(owner_key) if owner_key != "staff" else (owners.pop(0) if owners else None)
        if owner is None:
            continue
        due_on = day + timedelta(days=due_after)
        made.append(CommittedAction(organisation=organisation, event=event, description=text, owner=owner,
                                    due_on=due_on))
        outcomes.append(outcome)
    CommittedAction.objects.bulk_create(made)
    summit_end = _moment(day, "16:00")
    for action, outcome in zip(made, outcomes, strict=True):
        due_passed = action.due_on < today
        status, changed = CommittedAction.Status.OPEN, summit_end
        if outcome == "done" and (due_passed or rng.random() < 0.5):
            status = CommittedAction.Status.DONE
            changed = _moment(min(action.due_on - timedelta(days=rng.randint(0, 14)), today), "15:00")
        elif outcome == "done_late":
            if due_passed:
                status = CommittedAction.Status.DONE
                changed = _moment(min(action.due_on + timedelta(days=rng.randint(5, 25)), today), "15:00")
            else:
                status, changed = CommittedAction.Status.IN_PROGRESS, _moment(min(day + timedelta(days=20), today),
                                                                               "11:00")
        elif outcome in ("in_progress", "done"):
            status = CommittedAction.Status.IN_PROGRESS
            changed = _moment(min(day + timedelta(days=rng.randint(14, 40)), today), "11:00")
        elif outcome == "dropped":
            status = CommittedAction.Status.DROPPED
            changed = _moment(min(action.due_on - timedelta(days=10), today), "11:00")
        changed = min(max(changed, summit_end), timezone.now())
        note = {CommittedAction.Status.DONE: NOTES["done_late" if outcome == "done_late" else "done"],
                CommittedAction.Status.IN_PROGRESS: NOTES["in_progress"],
                CommittedAction.Status.DROPPED: NOTES["dropped"]}.get(status, "")
        CommittedAction.objects.filter(pk=action.pk).update(status=status, progress_note=note, updated_at=changed,
                                                            created_at=summit_end)
    return made


def build(ctx, organisation) -> None:
    rng, today = ctx.rng("learning-communities"), timezone.localdate()
    logins, leads, staff = _people(organisation)
    with disable_auditlog():
        community = _community(ctx, organisation, logins, leads, rng, today)
        event = _summit(organisation, logins, staff, rng, today)
        actions = _actions(organisation, event, logins, rng, today)
    partners = community.partner_organisations.count()
    ctx.stdout.write(f"    {organisation.name}: a community of practice ({community.memberships.count()} members"
                     f"{f', {partners} partner councils' if partners else ''}), {event.name} with "
                     f"{event.attendees.count()} attendees and {len(actions)} actions\n")
