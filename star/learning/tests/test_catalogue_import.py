"""Attendance files: all rows or none, each problem with its row."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from star.core.imports import import_file
from star.learning.importers import KIND
from star.learning.models import Attendance, LearningRecord

from .test_catalogue_world import build_catalogue_world, place

pytestmark = pytest.mark.django_db
TITLE = "Adultification: what it is and how to challenge it"


@pytest.fixture
def world(organisation, make_user):
    return build_catalogue_world(organisation, make_user)


def _day(session):
    return timezone.localdate(session.starts_at)


def _csv(*rows, header="email,activity,session_date,status") -> bytes:
    return ("\n".join([header, *rows]) + "\n").encode()


def _import(world, data: bytes, user=None):
    return import_file(organisation=world.organisation, kind=KIND, data=data, filename="attendance.csv",
                       user=user or world.lead)


def test_a_valid_file_records_attendance_and_the_records_it_makes(world):
    held, upcoming = _day(world.held), _day(world.upcoming)
    data = _csv(f"alice@northbridge.example,{TITLE},{held:%d/%m/%Y},attended",
                f"BOB@northbridge.example,  adultification: WHAT it is and how to challenge it ,{held},No show",
                f"cara@northbridge.example,{TITLE},{held},DNA",
                f"dan@northbridge.example,{TITLE},{upcoming},registered")
    result = _import(world, data)
    assert result.status == "succeeded", result.errors
    assert result.summary["created"] == {"attendances": 4, "learning records": 1}
    statuses = dict(Attendance.objects.values_list("user__username", "status"))
    assert statuses == {"alice": "attended", "bob": "no_show", "cara": "no_show", "dan": "registered"}
    record = LearningRecord.objects.get()
    assert (record.user, record.session, record.source) == (world.alice, world.held, "import")
    assert _import(world, data).noop  # the same file again changes nothing


def test_a_later_file_corrects_earlier_attendance(world):
    (alice,) = place(world, world.held, world.alice, status="attended")
    LearningRecord.objects.create(organisation=world.organisation, user=world.alice, session=world.held,
                                  activity=world.activity, title=TITLE, kind="training",
                                  completed_on=_day(world.held), source="attendance")
    result = _import(world, _csv(f"alice@northbridge.example,{TITLE},{_day(world.held)},no_show"))
    assert result.status == "succeeded", result.errors
    alice.refresh_from_db()
    assert alice.status == "no_show" and not LearningRecord.objects.exists()


def test_a_malformed_file_imports_nothing_and_lists_every_problem_by_row(world):
    held = _day(world.held)
    data = _csv(f"alice@northbridge.example,{TITLE},{held},attended",          # row 2: fine
                f"nobody@northbridge.example,{TITLE},{held},attended",         # row 3: unknown email
                f"bob@northbridge.example,{TITLE},{held},maybe",               # row 4: unknown status
                f"alice@northbridge.example,{TITLE},{held},no_show",           # row 5: duplicate of row 2
                f"cara@northbridge.example,Knitting for beginners,{held},attended",  # row 6: unknown activity
                f"dan@northbridge.example,{TITLE},31/02/2026,attended",        # row 7: impossible date
                f"eve@northbridge.example,{TITLE},{held + timedelta(days=1)},attended",  # row 8: no session that day
                f"not-an-email,{TITLE},{held},attended",                       # row 9: not an email
                f"fay@northbridge.example,{TITLE},{_day(world.upcoming)},attended",  # row 10: not happened yet
                f"gus@northbridge.example,{TITLE},,attended")                  # row 11: blank date
    result = _import(world, data)
    assert result.status == "failed"
    problems = {(error["row"], error["field"]): error["message"] for error in result.errors}
    assert set(problems) == {(3, "email"), (4, "status"), (5, ""), (6, "activity"), (7, "session_date"),
                             (8, "session_date"), (9, "email"), (10, "status"), (11, "session_date")}
    assert "No one in Northbridge Council has a STAR account with the email address" in problems[(3, "email")]
    assert "‘maybe’ is not one of: attended, no_show, registered" in problems[(4, "status")]
    assert "is already on row 2" in problems[(5, "")]
    assert "There is no activity called ‘Knitting for beginners’" in problems[(6, "activity")]
    assert "not a real date" in problems[(7, "session_date")]
    assert "has no session on" in problems[(8, "session_date")]
    assert "has not happened yet" in problems[(10, "status")]
    assert not Attendance.objects.exists() and not LearningRecord.objects.exists()


def test_a_file_without_the_required_columns_is_refused(world):
    result = _import(world, _csv("alice@northbridge.example,attended", header="email,status"))
    assert result.status == "failed"
    assert {error["field"] for error in result.errors} == {"activity", "session_date"}


def test_registrations_in_a_file_must_fit_the_sessions_capacity(world):
    place(world, world.upcoming, world.alice)
    day = _day(world.upcoming)
    data = _csv(f"alice@northbridge.example,{TITLE},{day},registered",  # already has a place: fine
                f"bob@northbridge.example,{TITLE},{day},registered",    # the last place
                f"cara@northbridge.example,{TITLE},{day},registered")   # one too many
    result = _import(world, data)
    assert result.status == "failed"
    assert [(error["row"], error["field"]) for error in result.errors] == [(4, "status")]
    assert "is full (2 places)" in result.errors[0]["message"]
    assert Attendance.objects.count() == 1


def test_only_learning_leads_may_import_attendance(world):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        _import(world, _csv(f"alice@northbridge.example,{TITLE},{_day(world.held)},attended"), user=world.alice)


def test_the_import_page_shows_the_outcome_and_the_problems(client, world):
    client.force_login(world.lead)
    assert "Download a template" in client.get("/learning/attendance/import/").content.decode()
    template = client.get("/learning/attendance/import/template.csv")
    assert template.content.decode("utf-8-sig").startswith("email,activity,session_date,status")
    bad = SimpleUploadedFile("attendance.csv", _csv(f"nobody@northbridge.example,{TITLE},{_day(world.held)},attended"),
                             content_type="text/csv")
    response = client.post("/learning/attendance/import/", {"file": bad}, follow=True)
    page = response.content.decode()
    assert "Nothing was imported" in page and "nobody@northbridge.example" in page
    good = SimpleUploadedFile("attendance.csv", _csv(f"alice@northbridge.example,{TITLE},{_day(world.held)},attended"),
                              content_type="text/csv")
    page = client.post("/learning/attendance/import/", {"file": good}, follow=True).content.decode()
    assert "Imported" in page and "Learning records" in page
    assert LearningRecord.objects.filter(user=world.alice).exists()
    empty = client.post("/learning/attendance/import/", {})
    assert "Choose the attendance file" in empty.content.decode()
