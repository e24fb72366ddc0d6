"""Demo: Northbridge's learning catalogue and a year of sessions, attendance and learning records.

Seventeen activities of every kind, tagged with STAR lenses and indicators; sessions from eleven months
ago to three months ahead; places taken mostly by people in the early-adopter teams, then everyone else;
records from attendance and learning people logged themselves (reading, e-learning, another team's
meeting), some with a few lines on what they took from it. The published practitioner login has attended
the adultification session, is registered for a session coming up and has logged reading linked to one of
their reflections. Suggestions are then worked out by the service, as the daily command would. Bulk
writes skip the audit trail, as in the other demo steps. All names and text are fictional.
"""

from datetime import datetime, time, timedelta

from django.utils import timezone

from star.core.models import StaffProfile, User
from star.practice.models import Reflection

from ..models import Activity, ActivityKind, Attendance, LearningRecord, Session
from ..services.catalogue import suggestions_refresh

EARLY_ADOPTERS = {"Assessment Team 1", "Family Help North"}
HOLIDAYS = {(12, 25), (12, 26), (1, 1)}
FACILITATORS = ["Grace Adeyemi", "Tom Fletcher", "Amina Hussain", "Leon Campbell", "Priya Desai", "Ruth Mensah"]
K = ActivityKind

# title, kind, provider, partners, lenses, indicators, minutes, description,
# sessions: (days from today of the first, every N days, how many, start "HH:MM", minutes, capacity, location)
ACTIVITIES = [
    ("Adultification: what it is and how to challenge it", K.TRAINING, "In-house, with an external trainer", "",
     ["anti_racist", "trauma_informed"], ["think-yourself-1", "act-yourself-2", "think-those-you-work-with-2"], 180,
     "Adultification is when Black children, and Black boys in particular, are seen as older, less innocent and "
     "less in need of protection than their white peers. The session looks at how it shows up in referrals, "
     "strategy discussions and risk analyses, and how to name and challenge it.",
     (-320, 56, 8, "09:30", 180, 24, "Northbridge Civic Centre, Room 2.14")),
    ("Show and Tell: the family network meeting in Hackney's model", K.SHOW_AND_TELL, "Family Help North", "",
     ["systemic"], ["learn-those-you-work-with-1", "think-those-you-work-with-3"], 60,
     "Practitioners from Family Help North show how they run family network meetings: who they invite, how they "
     "ask families who matters to them, and what changed when they stopped assuming who 'family' is.",
     (-300, 91, 5, "12:30", 60, None, "Online (Teams)")),
    ("Exclusions and race: a joint session with Northbridge schools", K.JOINT_WORKING, "Education Inclusion Service",
     "Northbridge secondary schools; Education Inclusion Service", ["anti_racist", "systemic"],
     ["act-wider-system-1", "think-wider-system-1", "learn-those-you-work-with-1"], 150,
     "Designated safeguarding leads, heads of year and social workers look together at who is excluded, why, and "
     "what each of us can do before a Black or mixed-heritage child reaches exclusion.",
     (-250, 120, 4, "13:30", 150, 30, "Northbridge Academy, Learning Centre")),
    ("Understanding racial trauma", K.E_LEARNING, "Northbridge Learning Hub", "", ["trauma_informed", "anti_racist"],
     ["think-those-you-work-with-2", "learn-yourself-2"], 75,
     "An e-learning module on racial trauma: what it is, how it can show in children and adults, and how to "
     "respond without re-traumatising. Do it at your own pace.", None),
    ("Tackling racial disproportionality in children's social care (report)", K.READING, "", "",
     ["anti_racist", "systemic"], ["learn-yourself-2", "think-wider-system-2"], 90,
     "Read the report and bring one thing it made you think about to your next team meeting or supervision.", None),
    ("Cultural humility in assessments", K.WORKSHOP, "Principal social worker", "", ["anti_racist", "systemic"],
     ["think-those-you-work-with-1", "act-those-you-work-with-1"], 150,
     "A workshop on asking rather than assuming: culture, faith, language and identity in assessments, using "
     "anonymised extracts from Northbridge records.",
     (-280, 63, 6, "09:30", 150, 18, "Northbridge Civic Centre, Room 3.02")),
    ("Working with interpreters: good practice on home visits", K.TRAINING, "In-house", "",
     ["trauma_informed", "anti_racist"], ["act-those-you-work-with-3", "think-those-you-work-with-2"], 120,
     "Booking professional interpreters, briefing them, and why family members and children should not interpret "
     "on home visits or in meetings.",
     (-200, 70, 4, "10:00", 120, 20, "Online (Teams)")),
    ("Racial trauma and the body: a session with a clinical psychologist", K.EXPERT,
     "External clinical psychologist", "", ["trauma_informed"], ["think-those-you-work-with-2", "learn-wider-system-1"],
     120, "How racism and racial trauma affect the body and behaviour, what this means for the children and parents "
          "we work with, and for ourselves.",
     (-150, 120, 2, "14:00", 120, 60, "Northbridge Civic Centre, Council Chamber")),
    ("Joint working with the police: strategy discussions and Black children", K.JOINT_WORKING, "In-house",
     "Northbridge Police Public Protection Unit", ["anti_racist", "systemic"],
     ["act-wider-system-1", "act-wider-system-2"], 120,
     "Police and social workers review anonymised strategy discussions together: the language used about Black "
     "children, and how we agree what happens next.",
     (-180, 90, 3, "10:00", 120, 24, "Northbridge Police Station, Training Suite")),
    ("Joint session with health visitors: culture, faith and infant feeding", K.JOINT_WORKING,
     "Community health", "Northbridge NHS community health services", ["systemic"],
     ["think-wider-system-1", "learn-those-you-work-with-1"], 90,
     "Health visitors and social workers share what they see on visits: culture, faith, diet and feeding, and "
     "what good placement matching looks like for babies in care.",
     (-220, 150, 2, "13:30", 90, 25, "Northbridge Health Centre")),
    ("Sitting in on the Family Help North team meeting", K.TEAM_VISIT, "Family Help North", "", ["systemic"],
     ["think-wider-system-1", "learn-those-you-work-with-1"], 60,
     "Join another team's weekly meeting to see how they work and how they talk about race and identity in "
     "case discussion. Ask the team manager first.",
     (-260, 28, 12, "09:00", 60, 4, "Family Help North office")),
    ("Anti-racist practice community of practice", K.COMMUNITY, "Practice Development", "",
     ["anti_racist"], ["learn-wider-system-2", "learn-those-you-work-with-1"], 60,
     "A monthly space for anyone in Children and Families to bring a dilemma, share what worked and learn from "
     "each other.",
     (-330, 30, 14, "16:00", 60, None, "Online (Teams)")),
    ("Regional community of practice: supervision that talks about race", K.COMMUNITY,
     "Riverside Regional Alliance", "Eastmoor Council; Westvale Council", ["systemic", "anti_racist"],
     ["learn-wider-system-2"], 90,
     "Team managers from three councils share how they make space for race, culture and identity in supervision, "
     "and what they record.",
     (-240, 84, 4, "14:00", 90, 30, "Online (Teams)")),
    ("Hearing the child's voice on identity", K.WORKSHOP, "Participation team",
     "Northbridge Children in Care Council", ["anti_racist", "trauma_informed"],
     ["think-those-you-work-with-1", "act-those-you-work-with-2"], 120,
     "Young people from the Children in Care Council lead a workshop on how they want to be asked about their "
     "identity, and how to record it in their own words.",
     (-120, 90, 2, "15:30", 120, 20, "Northbridge Youth Hub")),
    ("Cost of living and the families we work with", K.EXPERT, "Northbridge Welfare Rights", "",
     ["systemic"], ["act-wider-system-2", "think-wider-system-2"], 90,
     "Welfare rights advisers on benefits, debt and housing: what is outside families' control, and how to "
     "adjust plans and expectations.",
     (-160, 100, 3, "10:00", 90, 40, "Online (Teams)")),
    ("Reflecting on my own biases: an introduction to anti-racist practice", K.E_LEARNING,
     "Northbridge Learning Hub", "", ["anti_racist"], ["think-yourself-1", "learn-yourself-2", "act-yourself-1"], 60,
     "A short module to start from: bias, privilege and power, with questions to take to supervision.", None),
    ("Evaluating what we do: before, during and after", K.WORKSHOP, "Performance and Quality", "", ["systemic"],
     ["evaluate-1", "evaluate-2"], 120,
     "How to plan an evaluation from the start, whose views to gather, and how to notice whose are missing.",
     (-90, 120, 2, "13:30", 120, 16, "Northbridge Civic Centre, Room 2.14")),
]

TAKEAWAYS = [
    "I had not thought about how often I describe teenagers as 'mature for their age'. I will check my wording.",
    "Useful to hear how the school sees it. We agreed to phone each other before an exclusion meeting.",
    "The network meeting example made me realise I only ever invite parents. I will ask the family who matters.",
    "I will book a professional interpreter for every visit now, even when the family offers to interpret.",
    "It helped me understand a father's reaction in a meeting last month. I want to talk it through in supervision.",
    "Good reminder that families' circumstances are often outside their control. I will adjust my expectations.",
    "I noticed my own discomfort in the discussion. I will take that to my next reflection.",
    "Hearing the young people directly was powerful. I will ask them how they describe themselves.",
    "",
    "",
]
SELF_LOGGED = [
    ("Tackling racial disproportionality in children's social care (report)", K.READING, 90),
    ("Understanding racial trauma", K.E_LEARNING, 75),
    ("Reflecting on my own biases: an introduction to anti-racist practice", K.E_LEARNING, 60),
    ("Sat in on the Court and Proceedings Team meeting", K.TEAM_VISIT, 60),
    ("Podcast episode on adultification and the care system", K.OTHER, 45),
    ("Chapter on cultural humility in the team's book club", K.READING, 60),
]


def _at(day, clock: str):
    hours, minutes = (int(part) for part in clock.split(":"))
    return timezone.make_aware(datetime.combine(day, time(hours, minutes)))


class _Builder:
    def __init__(self, ctx, organisation):
        self.ctx, self.organisation, self.rng = ctx, organisation, ctx.rng("learning-catalogue")
        self.today = timezone.localdate()
        self.lead = User.objects.filter(organisation=organisation, username="learninglead").first()
        profiles = (StaffProfile.objects.filter(organisation=organisation, team__isnull=False, user__isnull=False)
                    .select_related("user", "team").order_by("pk"))
        self.people = [(profile.user, self._engagement(profile)) for profile in profiles]
        self.activities: dict[str, Activity] = {}
        self.sessions: list[tuple[Session, int | None]] = []
        self.attendances: list[Attendance] = []
        self.records: list[LearningRecord] = []

    def _engagement(self, profile) -> float:
        if profile.user.username in ("practitioner", "manager"):
            return 0.0  # given their own, written history below
        return (2.2 if profile.team.name in EARLY_ADOPTERS else 1.0) * (0.4 + self.rng.random())

    def catalogue(self) -> None:
        for title, kind, provider, partners, lenses, indicators, minutes, description, _ in ACTIVITIES:
            self.activities[title] = Activity(
                organisation=self.organisation, title=title, kind=kind, provider=provider, partners=partners,
                lens_keys=lenses, indicator_keys=indicators, minutes=minutes, description=description,
                created_by=self.lead)
        Activity.objects.bulk_create(self.activities.values())
        for title, *_, plan in ACTIVITIES:
            if plan is None:
                continue
            first, every, count, clock, length, capacity, location = plan
            for number in range(count):
                day = self.today + timedelta(days=first + every * number)
                while day.weekday() >= 5 or (day.month, day.day) in HOLIDAYS:  # on working days
                    day -= timedelta(days=1)
                starts = _at(day, clock)
                session = Session(activity=self.activities[title], starts_at=starts,
                                  ends_at=starts + timedelta(minutes=length), location=location, capacity=capacity,
                                  facilitator=self.rng.choice(FACILITATORS))
                self.sessions.append((session, capacity))
        Session.objects.bulk_create([session for session, _ in self.sessions])

    def _choose(self, count: int, *, exclude=()) -> list[User]:
        pool = [(user, weight) for user, weight in self.people if weight > 0 and user.pk not in exclude]
        chosen = []
        while pool and len(chosen) < count:
            total = sum(weight for _, weight in pool)
            draw, running = self.rng.random() * total, 0.0
            for index, (user, weight) in enumerate(pool):
                running += weight
                if running >= draw:
                    chosen.append(user)
                    pool.pop(index)
                    break
        return chosen

    def record(self, user, *, title, kind, day, minutes, activity=None, session=None, source, reflection="",
               practice_reflection=None) -> None:
        self.records.append(LearningRecord(
            organisation=self.organisation, user=user, activity=activity, session=session, title=title, kind=kind,
            completed_on=day, minutes=minutes, lens_keys=list(activity.lens_keys) if activity else [],
            indicator_keys=list(activity.indicator_keys) if activity else [], reflection=reflection,
            practice_reflection=practice_reflection, source=source))

    def attendance(self) -> None:
        now = timezone.now()
        for session, capacity in self.sessions:
            past = session.starts_at < now
            if not past and session.starts_at > now + timedelta(days=60):
                continue
            places = capacity or self.rng.randint(12, 30)
            share = self.rng.uniform(0.65, 1.0) if past else self.rng.uniform(0.3, 0.7)
            for user in self._choose(max(1, round(places * share))):
                status = Attendance.Status.REGISTERED
                if past:
                    status = Attendance.Status.ATTENDED if self.rng.random() < 0.87 else Attendance.Status.NO_SHOW
                self.attendances.append(Attendance(session=session, user=user, status=status))
                if status == Attendance.Status.ATTENDED:
                    activity = session.activity
                    self.record(user, title=activity.title, kind=activity.kind,
                                day=timezone.localdate(session.starts_at), minutes=activity.minutes,
                                activity=activity, session=session, source=LearningRecord.Source.ATTENDANCE,
                                reflection=self.rng.choice(TAKEAWAYS) if self.rng.random() < 0.4 else "")

    def self_logged(self) -> None:
        for user, weight in self.people:
            if weight <= 0 or self.rng.random() > 0.18 * weight:
                continue
            for _ in range(self.rng.randint(1, 3)):
                title, kind, minutes = self.rng.choice(SELF_LOGGED)
                activity = self.activities.get(title)
                self.record(user, title=title, kind=kind, day=self.today - timedelta(days=self.rng.randint(3, 340)),
                            minutes=minutes, activity=activity, source=LearningRecord.Source.SELF,
                            reflection=self.rng.choice(TAKEAWAYS))

    def demo_logins(self) -> None:
        """The published practitioner and manager logins: a short, readable history."""
        now = timezone.now()
        practitioner = User.objects.filter(organisation=self.organisation, username="practitioner").first()
        manager = User.objects.filter(organisation=self.organisation, username="manager").first()
        adultification = self.activities[ACTIVITIES[0][0]]
        taken = {(attendance.session, attendance.user) for attendance in self.attendances}
        past = [session for session, _ in self.sessions if session.activity == adultification
                and session.starts_at < now - timedelta(days=20)]
        coming = sorted((session for session, _ in self.sessions if session.starts_at > now + timedelta(days=5)
                         and session.activity.kind in (K.WORKSHOP, K.TRAINING, K.EXPERT)
                         and session.activity != adultification), key=lambda session: session.starts_at)
        if practitioner is not None and past:
            session = past[-1]
            self.attendances.append(Attendance(session=session, user=practitioner, status=Attendance.Status.ATTENDED))
            self.record(practitioner, title=adultification.title, kind=adultification.kind,
                        day=timezone.localdate(session.starts_at), minutes=adultification.minutes,
                        activity=adultification, session=session, source=LearningRecord.Source.ATTENDANCE,
                        reflection=TAKEAWAYS[0])
        if practitioner is not None and coming:
            session = coming[0]
            if (session, practitioner) not in taken:
                self.attendances.append(Attendance(session=session, user=practitioner,
                                                   status=Attendance.Status.REGISTERED))
        if practitioner is not None:
            reading = self.activities[ACTIVITIES[4][0]]
            linked = Reflection.objects.filter(author=practitioner).order_by("-created_at").first()
            self.record(practitioner, title=reading.title, kind=reading.kind, day=self.today - timedelta(days=12),
                        minutes=reading.minutes, activity=reading, source=LearningRecord.Source.SELF,
                        reflection="The section on thresholds made me look again at how we decide which families "
                                   "get an assessment. I have written a fuller reflection in My STAR.",
                        practice_reflection=linked)
        show_and_tell = [session for session, _ in self.sessions
                         if session.activity.kind == K.SHOW_AND_TELL and session.starts_at < now]
        if manager is not None and show_and_tell:
            session = show_and_tell[-1]
            self.attendances.append(Attendance(session=session, user=manager, status=Attendance.Status.ATTENDED))
            self.record(manager, title=session.activity.title, kind=session.activity.kind,
                        day=timezone.localdate(session.starts_at), minutes=session.activity.minutes,
                        activity=session.activity, session=session, source=LearningRecord.Source.ATTENDANCE,
                        reflection=TAKEAWAYS[2])

    def save(self) -> None:
        Attendance.objects.bulk_create(self.attendances, batch_size=2_000)
        LearningRecord.objects.bulk_create(self.records, batch_size=2_000)


def build(ctx, organisation) -> None:
    builder = _Builder(ctx, organisation)
    builder.catalogue()
    builder.attendance()
    builder.self_logged()
    builder.demo_logins()
    builder.save()
    counts = suggestions_refresh(organisation=organisation)
    ctx.stdout.write(f"    {organisation.name}: {len(builder.activities)} activities, {len(builder.sessions)} "
                     f"sessions, {len(builder.attendances):,} places, {len(builder.records):,} learning records, "
                     f"{sum(value for key, value in counts.items() if key != 'removed'):,} suggestions\n")
