"""The demo council: Northbridge (and, with --size regional, two neighbouring councils).

Fictional organisations and people. Names are drawn from one diverse pool independently of the
ethnicity recorded for each person, so no name stands for an ethnic group. The ethnicity mix
reflects what the seed describes: a frontline with a large Global Majority share and a leadership
that is less diverse than its frontline.
"""

from dataclasses import dataclass

from .demo import DEMO_PASSWORD, DemoContext, demo_step
from .models import Grade, Organisation, Region, Service, StaffEqualityRecord, StaffProfile, Team, staff_key_for
from .services import roles_ensure, user_create

GRADES = [
    # code, name, rank, tier
    ("S4", "Scale 4: Business support officer", 1, Grade.Tier.SUPPORT),
    ("S6", "Scale 6: Family support worker", 2, Grade.Tier.PRACTITIONER),
    ("PO1", "PO1 to PO3: Social worker", 3, Grade.Tier.PRACTITIONER),
    ("PO4", "PO4 to PO5: Senior practitioner", 4, Grade.Tier.PRACTITIONER),
    ("PO6", "PO6 to PO7: Practice manager", 5, Grade.Tier.MANAGER),
    ("PO8", "PO8: Team manager", 6, Grade.Tier.MANAGER),
    ("SM1", "SM1: Service manager", 7, Grade.Tier.MIDDLE),
    ("SM2", "SM2: Head of service", 8, Grade.Tier.MIDDLE),
    ("CO2", "CO2: Assistant director", 9, Grade.Tier.SENIOR),
    ("CO1", "CO1: Director of children's services", 10, Grade.Tier.SENIOR),
]

SERVICES = {
    "Access and Assessment": ["Multi-Agency Safeguarding Hub", "Assessment Team 1", "Assessment Team 2"],
    "Child Protection and Court": ["Child Protection Team 1", "Child Protection Team 2", "Court and Proceedings Team"],
    "Children in Care and Leaving Care": ["Children in Care Team 1", "Children in Care Team 2", "Leaving Care Team"],
    "Family Help": ["Family Help North", "Family Help South", "Family Group Conferencing"],
    "Fostering and Adoption": ["Fostering Recruitment and Assessment", "Supervising Social Work Team"],
    "Disabled Children's Service": ["Disabled Children's Team"],
    "Safeguarding and Quality Assurance": [
        "Child Protection Chairs", "Independent Reviewing Officers", "Quality Assurance and Practice Development",
    ],
    "Business Support": ["Business Support"],
}

# Share of each tier recording a Global Majority ethnicity, and the mix within each aggregate.
GLOBAL_MAJORITY_SHARE = {
    Grade.Tier.SUPPORT: 0.56, Grade.Tier.PRACTITIONER: 0.52, Grade.Tier.MANAGER: 0.36,
    Grade.Tier.MIDDLE: 0.24, Grade.Tier.SENIOR: 0.14,
}
GLOBAL_MAJORITY_MIX = {
    "black_african": 30, "black_caribbean": 22, "black_other": 4, "asian_indian": 8, "asian_pakistani": 5,
    "asian_bangladeshi": 6, "asian_chinese": 2, "asian_other": 4, "mixed_white_black_caribbean": 6,
    "mixed_white_black_african": 3, "mixed_white_asian": 3, "mixed_other": 3, "other_arab": 2, "other_any": 2,
}
WHITE_MIX = {"white_british": 70, "white_irish": 8, "white_other": 20, "white_gypsy_irish_traveller": 1,
             "white_roma": 1}
UNKNOWN_MIX = {"refused": 4, "not_obtained": 3}  # percentage of all staff

FIRST_NAMES = [
    "Abena", "Adaeze", "Aisha", "Alex", "Amara", "Amir", "Ana", "Anjali", "Ayo", "Bea", "Bilal", "Bogdan",
    "Bukola", "Callum", "Chen", "Chidi", "Chloe", "Ciara", "Daniel", "Deepa", "Demi", "Dylan", "Efua", "Elif",
    "Emeka", "Emma", "Esi", "Fatima", "Femi", "Finn", "Grace", "Hamza", "Hannah", "Hui", "Ibrahim", "Imani",
    "Isla", "Jack", "Jade", "Jamal", "Jaspreet", "Jia", "Joel", "Kai", "Kemi", "Kwame", "Laila", "Layla",
    "Leon", "Liam", "Lina", "Lucy", "Maya", "Mei", "Michael", "Mohammed", "Nadia", "Naledi", "Nia", "Niamh",
    "Noah", "Nuala", "Olu", "Omar", "Oscar", "Priya", "Rafael", "Rhys", "Rosa", "Ruth", "Sadia", "Sam", "Sara",
    "Sean", "Simone", "Sofia", "Sunita", "Tariq", "Tendai", "Thomas", "Tomasz", "Uchenna", "Wei", "Yasmin",
    "Yusuf", "Zainab", "Zara", "Zofia"
]
SURNAMES = [
    "Adebayo", "Ahmed", "Ali", "Anderson", "Appiah", "Baker", "Begum", "Bennett", "Boateng", "Brown",
    "Campbell", "Chowdhury", "Clarke", "Costa", "Davies", "Edwards", "Evans", "Fernandes", "Francis", "Gill",
    "Grant", "Green", "Hall", "Hassan", "Hughes", "Hussain", "Ibrahim", "Iqbal", "James", "Johnson", "Jones",
    "Kaur", "Kelly", "Khan", "Kowalski", "Lee", "Lewis", "Li", "Mahmood", "Martin", "Mensah", "Miah", "Murphy",
    "Nowak", "Nwosu", "O'Brien", "Okafor", "Okonkwo", "Osei", "Owusu", "Patel", "Phillips", "Popescu", "Rahman",
    "Reid", "Roberts", "Robinson", "Santos", "Scott", "Shah", "Singh", "Smith", "Taylor", "Thomas", "Thompson",
    "Walker", "Wang", "Williams", "Wilson", "Wright", "Yilmaz", "Young", "Zhang"
]

TEAM_PRACTITIONER_GRADES = [("PO4", "Senior practitioner", 20), ("PO1", "Social worker", 50),
                            ("S6", "Family support worker", 15), ("S4", "Business support officer", 15)]


@dataclass(frozen=True)
class CouncilSpec:
    name: str
    slug: str
    la_code: str
    staff: int
    prefix: str


NORTHBRIDGE = CouncilSpec("Northbridge Council", "northbridge", "E09000901", 800, "NB")
NEIGHBOURS = [
    CouncilSpec("Eastmoor Council", "eastmoor", "E09000902", 420, "EM"),
    CouncilSpec("Westvale Council", "westvale", "E09000903", 380, "WV"),
]
REGION_NAME = "Riverside Regional Alliance"

# One demo login per role: (role, username, service, team, job title, grade code)
DEMO_LOGINS = [
    ("practitioner", "practitioner", "Access and Assessment", "Assessment Team 1", "Social worker", "PO1"),
    ("manager", "manager", "Access and Assessment", "Assessment Team 1", "Team manager", "PO8"),
    ("practice_lead", "practicelead", "Safeguarding and Quality Assurance",
     "Quality Assurance and Practice Development", "Principal social worker", "SM1"),
    ("learning_lead", "learninglead", "Safeguarding and Quality Assurance",
     "Quality Assurance and Practice Development", "Workforce development lead", "PO6"),
    ("equality_analyst", "equalityanalyst", "Business Support", "Business Support",
     "Equality, diversity and inclusion analyst", "PO4"),
    ("performance_analyst", "performanceanalyst", "Business Support", "Business Support",
     "Performance and data analyst", "PO4"),
    ("support_adviser", "supportadviser", "Safeguarding and Quality Assurance",
     "Quality Assurance and Practice Development", "Racial equity support adviser", "PO4"),
    ("senior_leader", "seniorleader", None, None, "Director of children's services", "CO1"),
    ("admin", "admin", "Business Support", "Business Support", "Systems administrator", "PO4"),
    ("regional_lead", "regionallead", None, None, "Regional anti-racism programme lead", "SM2"),
]


def _weighted(rng, weights: dict[str, float]) -> str:
    keys = list(weights)
    return rng.choices(keys, weights=[weights[key] for key in keys], k=1)[0]


def _ethnicity(rng, tier) -> str:
    draw = rng.random() * 100
    if draw < UNKNOWN_MIX["refused"]:
        return "refused"
    if draw < UNKNOWN_MIX["refused"] + UNKNOWN_MIX["not_obtained"]:
        return "not_obtained"
    if rng.random() < GLOBAL_MAJORITY_SHARE[tier]:
        return _weighted(rng, GLOBAL_MAJORITY_MIX)
    return _weighted(rng, WHITE_MIX)


class _CouncilBuilder:
    """Builds one council's structure and staff in bulk (demo only: bulk writes skip the audit trail)."""

    def __init__(self, ctx: DemoContext, spec: CouncilSpec, region: Region):
        self.ctx, self.spec = ctx, spec
        self.rng = ctx.rng(f"council:{spec.slug}")
        self.organisation = Organisation.objects.create(
            name=spec.name, slug=spec.slug, la_code=spec.la_code, region=region, is_demo=True
        )
        self.grades = {
            code: Grade.objects.create(organisation=self.organisation, code=code, name=name, rank=rank, tier=tier)
            for code, name, rank, tier in GRADES
        }
        self.teams: dict[str, list[Team]] = {}
        for service_name, team_names in SERVICES.items():
            service = Service.objects.create(organisation=self.organisation, name=service_name)
            self.teams[service_name] = [Team.objects.create(service=service, name=name) for name in team_names]
        self.profiles: list[StaffProfile] = []
        self.managers: dict[int, StaffProfile] = {}

    def person(self, *, grade: str, job_title: str, team: Team | None) -> StaffProfile:
        number = len(self.profiles) + 1
        profile = StaffProfile(
            organisation=self.organisation,
            staff_key=staff_key_for(f"{self.spec.prefix}{number:05d}"),
            display_name=f"{self.rng.choice(FIRST_NAMES)} {self.rng.choice(SURNAMES)}",
            job_title=job_title, grade=self.grades[grade], team=team,
        )
        self.profiles.append(profile)
        return profile

    def build(self) -> None:
        director = self.person(grade="CO1", job_title="Director of children's services", team=None)
        assistant_directors = [
            self.person(grade="CO2", job_title=title, team=None)
            for title in ("Assistant director: Safeguarding", "Assistant director: Children in care",
                          "Assistant director: Early help and quality")
        ]
        hierarchy = {id(ad): director for ad in assistant_directors}
        team_leads = []
        for index, (service_name, teams) in enumerate(self.teams.items()):
            head = self.person(grade="SM2", job_title=f"Head of service: {service_name}", team=None)
            hierarchy[id(head)] = assistant_directors[index % len(assistant_directors)]
            service_managers = [self.person(grade="SM1", job_title="Service manager", team=None) for _ in range(2)]
            for manager in service_managers:
                hierarchy[id(manager)] = head
            for team_index, team in enumerate(teams):
                team_manager = self.person(grade="PO8", job_title="Team manager", team=team)
                hierarchy[id(team_manager)] = service_managers[team_index % 2]
                practice_manager = self.person(grade="PO6", job_title="Practice manager", team=team)
                hierarchy[id(practice_manager)] = team_manager
                team_leads.append((team, team_manager, practice_manager))
        remaining = self.spec.staff - len(self.profiles)
        for number in range(remaining):
            team, team_manager, practice_manager = team_leads[number % len(team_leads)]
            if team.name == "Business Support":
                grade, title = "S4", "Business support officer"
            else:
                choice = _weighted(self.rng, {f"{code}|{title}": weight
                                              for code, title, weight in TEAM_PRACTITIONER_GRADES})
                grade, title = choice.split("|")
            member = self.person(grade=grade, job_title=title, team=team)
            hierarchy[id(member)] = practice_manager if self.rng.random() < 0.5 else team_manager
        StaffProfile.objects.bulk_create(self.profiles)
        for profile in self.profiles:
            profile.line_manager = hierarchy.get(id(profile))
        StaffProfile.objects.bulk_update(self.profiles, ["line_manager"])
        equality_rng = self.ctx.rng(f"equality:{self.spec.slug}")
        StaffEqualityRecord.objects.bulk_create(
            StaffEqualityRecord(organisation=self.organisation, staff_key=profile.staff_key,
                                ethnicity=_ethnicity(equality_rng, profile.grade.tier))
            for profile in self.profiles
        )

    def attach_login(self, *, role: str, username: str, service: str | None, team: str | None,
                     job_title: str, grade: str) -> None:
        """Give a demo login to a suitable person (the team's manager, or a new post for specialists)."""
        team_obj = next((t for t in self.teams.get(service, []) if t.name == team), None) if service else None
        candidates = [p for p in self.profiles if p.user_id is None and p.team == team_obj
                      and p.grade.code == grade and p.job_title == job_title]
        profile = candidates[0] if candidates else None
        if profile is None:
            profile = self.person(grade=grade, job_title=job_title, team=team_obj)
            profile.line_manager = next((p for p in self.profiles if p.grade.code == "CO1"), None)
            profile.save()
            StaffEqualityRecord.objects.create(
                organisation=self.organisation, staff_key=profile.staff_key,
                ethnicity=_ethnicity(self.ctx.rng(f"login:{username}"), profile.grade.tier),
            )
        first, _, last = profile.display_name.partition(" ")
        user = user_create(
            username=username, email=f"{username}@{self.spec.slug}.example", password=DEMO_PASSWORD,
            organisation=self.organisation, roles=[role], first_name=first, last_name=last,
        )
        profile.user = user
        profile.save(update_fields=["user"])
        self.ctx.logins.append((role, username))


@demo_step(order=0, name="Demo council, services, teams and staff")
def build(ctx: DemoContext) -> None:
    roles_ensure()
    region, _ = Region.objects.get_or_create(name=REGION_NAME)
    builder = _CouncilBuilder(ctx, NORTHBRIDGE, region)
    builder.build()
    ctx.organisations.append(builder.organisation)
    for role, username, service, team, job_title, grade in DEMO_LOGINS:
        builder.attach_login(role=role, username=username, service=service, team=team,
                             job_title=job_title, grade=grade)
    ctx.stdout.write(f"    {builder.organisation.name}: {len(builder.profiles)} staff\n")
    if ctx.size == "regional":
        for spec in NEIGHBOURS:
            neighbour = _CouncilBuilder(ctx, spec, region)
            neighbour.build()
            neighbour.attach_login(role="practitioner", username=f"practitioner.{spec.slug}",
                                   service="Family Help", team="Family Help North",
                                   job_title="Social worker", grade="PO1")
            ctx.organisations.append(neighbour.organisation)
            ctx.stdout.write(f"    {spec.name}: {len(neighbour.profiles)} staff\n")
