"""A council with the starter standards, two teams, a practice lead, two auditing managers and workers."""

from dataclasses import dataclass

import pytest

from star.audits import services
from star.core.imports import import_file
from star.core.models import User
from star.core.tests.factories import StaffProfileFactory, TeamFactory


@dataclass
class AuditWorld:
    organisation: object
    lead: User
    auditor: User
    moderator: User
    manager: User
    worker: User
    other_worker: User
    team_a: object
    team_b: object
    programme: object | None = None


CASE_LIST = """case_reference,team,worker,ethnicity,stage
NB-100001,Team A,worker@example.test,BCRB,Child in need
NB-100002,Team A,worker@example.test,WBRI,Child protection
NB-100003,Team A,other@example.test,ABAN,Child looked after
NB-100004,Team A,other@example.test,BAFR,Child in need
NB-100005,Team B,other@example.test,WBRI,Care leaver
NB-100006,Team B,worker@example.test,MWBC,Assessment
NB-100007,Team B,,WOTH,Early help
"""


def build_world(organisation, make_user) -> AuditWorld:
    team_a = TeamFactory(service__organisation=organisation, name="Team A")
    team_b = TeamFactory(service=team_a.service, name="Team B")
    lead = make_user("practice_lead", username="lead", first_name="Lena", last_name="Grant")
    auditor = make_user("manager", username="auditor", first_name="Ade", last_name="Osei")
    moderator = make_user("manager", username="moderator", first_name="Mo", last_name="Hassan")
    manager = make_user("manager", username="teammanager", first_name="Tia", last_name="Reid")
    StaffProfileFactory(organisation=organisation, user=manager, team=team_a)
    worker = make_user("practitioner", username="worker", email="worker@example.test")
    other = make_user("practitioner", username="other", email="other@example.test")
    services.standards_starter_install(organisation=organisation)
    return AuditWorld(organisation, lead, auditor, moderator, manager, worker, other, team_a, team_b)


def start_programme(world: AuditWorld, *, moderation_share: int = 0):
    from datetime import date

    programme = services.programme_create(
        user=world.lead, name="October routine audit", kind="routine", theme="", period_start=date(2026, 10, 1),
        period_end=date(2026, 10, 31), auditors=[world.auditor, world.moderator], moderation_share=moderation_share)
    data_import = import_file(organisation=world.organisation, kind="audits.cases", data=CASE_LIST.encode(),
                              filename="cases.csv", params={"programme": programme.pk})
    assert data_import.status == "succeeded", data_import.errors
    world.programme = programme
    return programme


@pytest.fixture
def world(db, organisation, make_user) -> AuditWorld:
    return build_world(organisation, make_user)
