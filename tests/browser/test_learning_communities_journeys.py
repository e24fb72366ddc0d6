"""Communities of practice and events end to end (axe-clean pages): a learning lead records the summit's
actions, the owner updates one without JavaScript, and a senior leader follows the action log; a partner
council's member shares resources in a community, with a disguised file refused."""

from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from star.core.tests.factories import OrganisationFactory, UserFactory
from star.learning.models import CommittedAction, Resource

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PDF_BYTES = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


@pytest.fixture
def people(organisation, make_user, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return {
        "lead": make_user("learning_lead", first_name="Lena", last_name="Mensah", email="lena@northbridge.example"),
        "leader": make_user("senior_leader", first_name="Sade", last_name="Brown"),
        "owner": make_user("manager", first_name="Mo", last_name="Hassan", email="mo.hassan@northbridge.example"),
        "other": make_user("practitioner", first_name="Ade", last_name="Osei", email="ade.osei@northbridge.example"),
    }


def signed_in(browser, live_server, sign_in, user, *, javascript=True):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=javascript)
    context.set_default_timeout(15_000)
    page = context.new_page()
    sign_in(page, user)
    return page


def test_a_lead_records_the_summits_actions_and_a_senior_leader_follows_them(browser, live_server, people, sign_in,
                                                                              assert_accessible):
    day = timezone.localdate() - timedelta(days=60)
    lead = signed_in(browser, live_server, sign_in, people["lead"])
    lead.goto("/learning/events/")
    assert_accessible(lead)
    lead.click("text=Create an event")
    lead.fill("#id_name", "Northbridge Anti-Racism Summit")
    lead.fill("#id_starts_on", day.isoformat())
    lead.fill("#id_ends_on", (day - timedelta(days=1)).isoformat())
    lead.click("button:has-text('Create event')")
    expect(lead.locator(".govuk-error-summary")).to_contain_text("The last day must be the same as or after")
    expect(lead.locator("#id_name")).to_have_value("Northbridge Anti-Racism Summit")
    assert_accessible(lead)
    lead.fill("#id_ends_on", day.isoformat())
    lead.fill("#id_location", "Northbridge Town Hall")
    lead.click("button:has-text('Create event')")
    expect(lead.locator(".govuk-notification-banner")).to_contain_text("now add its programme")

    lead.click("text=Add a session")
    lead.fill("#id_title", "In our own words: a panel of young people and families")
    lead.fill("#id_starts", "10:00")
    lead.fill("#id_ends", "11:15")
    lead.fill("#id_hosts", "Young people from the Children in Care Council")
    lead.click("button:has-text('Add session')")
    expect(lead.locator("main")).to_contain_text("10:00 to 11:15")

    lead.click("text=See and add attendees")
    lead.fill("#id_emails", "mo.hassan@northbridge.example\nade.osei@northbridge.example")
    lead.click("button:has-text('Add attendees')")
    expect(lead.locator(".govuk-notification-banner")).to_contain_text("2 people added")
    assert_accessible(lead)
    lead.click("text=Back to the event")

    lead.click("text=Record an action")
    lead.fill("#id_description", "Make race, culture and identity a standing item in team supervision")
    lead.fill("#id_owner", "nobody@northbridge.example")
    lead.fill("#id_due_on", (day + timedelta(days=30)).isoformat())
    lead.click("button:has-text('Record it and add another')")
    expect(lead.locator(".govuk-error-summary")).to_contain_text("No one in your organisation has a STAR account")
    expect(lead.locator("#id_description")).to_have_value(
        "Make race, culture and identity a standing item in team supervision")
    assert_accessible(lead)
    lead.fill("#id_owner", "mo.hassan@northbridge.example")
    lead.click("button:has-text('Record it and add another')")
    expect(lead.locator(".govuk-notification-banner")).to_contain_text("its owner has been told")
    lead.fill("#id_description", "Bring the adultification workshop to my team meeting")
    lead.fill("#id_owner", "ade.osei@northbridge.example")
    lead.fill("#id_due_on", (day + timedelta(days=40)).isoformat())
    lead.click("button:has-text('Record the action')")
    expect(lead.locator("main")).to_contain_text("See these 2 actions in the action log")
    assert CommittedAction.objects.count() == 2

    owner = signed_in(browser, live_server, sign_in, people["owner"])
    owner.goto("/learning/actions/")
    expect(owner.locator("h1")).to_have_text("Your actions")
    expect(owner.locator("main")).to_contain_text("Overdue")
    owner.click("text=Make race, culture and identity a standing item")
    owner.check("input[name=status][value=dropped]")
    owner.click("button:has-text('Save the update')")
    expect(owner.locator(".govuk-error-summary")).to_contain_text("Say why the action was dropped")
    assert_accessible(owner)
    action_url = owner.url

    plain = signed_in(browser, live_server, sign_in, people["owner"], javascript=False)  # works without JavaScript
    plain.goto(action_url)
    plain.check("input[name=status][value=done]")
    plain.fill("#id_progress_note", "A standing item since September; the team reviews it each quarter.")
    plain.click("button:has-text('Save the update')")
    expect(plain.locator(".govuk-notification-banner")).to_contain_text("Action updated: done")
    owner.goto(action_url)
    expect(owner.locator("main")).to_contain_text("A standing item since September")
    assert_accessible(owner)
    done = CommittedAction.objects.get(owner=people["owner"])  # as if it had been marked done before its due date
    CommittedAction.objects.filter(pk=done.pk).update(updated_at=done.updated_at - timedelta(days=35))

    leader = signed_in(browser, live_server, sign_in, people["leader"])
    leader.goto("/learning/actions/")
    expect(leader.locator("h1")).to_have_text("Action log")
    expect(leader.locator("main")).to_contain_text("2 actions whose due date has passed")
    assert_accessible(leader)
    leader.click("text=Filter actions")
    leader.check("#id_overdue")
    leader.click("button:has-text('Apply filters')")
    expect(leader.locator("caption")).to_contain_text("1 action,")
    expect(leader.locator("main")).to_contain_text("Bring the adultification workshop")
    with leader.expect_download() as download:
        leader.click("text=Download these actions (CSV)")
    assert "Bring the adultification workshop" in Path(download.value.path()).read_text(encoding="utf-8-sig")
    leader.goto("/learning/events/")
    leader.click("text=Northbridge Anti-Racism Summit")
    expect(leader.locator("h2#after")).to_have_text("What happened after the summit?")
    expect(leader.locator("main")).to_contain_text("1 of 2 actions whose due date has passed (50.0%)")
    expect(leader.locator("main")).to_contain_text("Ade Osei")  # the overdue list
    assert_accessible(leader)


def test_a_partner_member_shares_resources_and_a_disguised_file_is_refused(browser, live_server, people, sign_in,
                                                                           assert_accessible, tmp_path):
    partner_org = OrganisationFactory(name="Eastmoor Council", slug="eastmoor")
    partner = UserFactory(roles=["practitioner"], organisation=partner_org, first_name="Priya", last_name="Shah",
                          email="priya.shah@eastmoor.example")
    lead = signed_in(browser, live_server, sign_in, people["lead"])
    lead.goto("/learning/communities/")
    lead.click("text=Start a community")
    lead.fill("#id_name", "Anti-racist practice leads network")
    lead.fill("#id_purpose", "Practice leads bring real dilemmas and take back one thing to try.")
    lead.check("text=Eastmoor Council")
    lead.click("button:has-text('Create community')")
    expect(lead.locator(".govuk-notification-banner")).to_contain_text("now add its members")
    lead.fill("#id_email", "priya.shah@eastmoor.example")
    lead.click("button:has-text('Add member')")
    expect(lead.locator("main")).to_contain_text("Priya Shah")
    lead.click("text=Add a meeting")
    lead.fill("#id_title", "Adultification in strategy discussions")
    lead.fill("#id_day", (timezone.localdate() + timedelta(days=20)).isoformat())
    lead.fill("#id_starts", "14:00")
    lead.fill("#id_ends", "15:30")
    lead.click("button:has-text('Add meeting')")
    assert_accessible(lead)

    member = signed_in(browser, live_server, sign_in, partner)
    member.goto("/learning/communities/")
    member.click("text=Anti-racist practice leads network")
    expect(member.locator("main")).to_contain_text("Adultification in strategy discussions")
    assert_accessible(member)
    member.click("text=Share a link or a file")
    disguised = tmp_path / "agenda.pdf"
    disguised.write_bytes(b"MZ\x90\x00" + b"\x00" * 200)  # a program renamed .pdf
    member.fill("#id_title", "Eastmoor's team action plan")
    member.set_input_files("#id_file", str(disguised))
    member.click("button:has-text('Share')")
    expect(member.locator(".govuk-error-summary")).to_contain_text("not a real PDF")
    expect(member.locator("#id_title")).to_have_value("Eastmoor's team action plan")
    assert_accessible(member)
    real = tmp_path / "plan.pdf"
    real.write_bytes(PDF_BYTES)
    member.set_input_files("#id_file", str(real))
    member.click("button:has-text('Share')")
    expect(member.locator(".govuk-notification-banner")).to_contain_text("Resource shared")
    assert Resource.objects.get().uploaded_by == partner

    lead.goto(f"/learning/communities/{Resource.objects.get().community_id}/")
    with lead.expect_download() as download:
        lead.click("text=Eastmoor's team action plan")
    assert download.value.suggested_filename == "eastmoors-team-action-plan.pdf"
    assert Path(download.value.path()).read_bytes() == PDF_BYTES
