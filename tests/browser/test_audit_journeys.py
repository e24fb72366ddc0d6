"""Case audits end to end: programme, case list, sample, audit, moderation, report (axe-clean pages)."""

import pytest
from playwright.sync_api import expect

from star.audits.models import Audit
from star.audits.tests.conftest import CASE_LIST, build_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def world(framework, organisation, make_user):
    return build_world(organisation, make_user)


def answer_everything(page, value):
    for radio in page.locator(f"input[type=radio][value={value}]").all():
        radio.check()


def test_programme_to_sample_to_audit_to_moderation_to_themes(browser, live_server, world, sign_in, tmp_path,
                                                              assert_accessible):
    def signed_in(user):
        page = browser.new_context(base_url=live_server.url).new_page()
        sign_in(page, user)
        return page

    lead = signed_in(world.lead)
    lead.goto("/audits/")
    lead.click("text=Start an audit programme")
    lead.fill("#id_name", "November routine audit")
    lead.check("#id_kind_0")
    lead.fill("#id_period_start", "2026-11-01")
    lead.fill("#id_period_end", "2026-10-01")
    lead.check("text=Ade Osei")
    lead.check("text=Mo Hassan")
    lead.fill("#id_moderation_share", "100")
    lead.click("button:has-text('Create programme')")
    expect(lead.locator(".govuk-error-summary")).to_contain_text("The end of the period must be on or after")
    assert_accessible(lead)
    lead.fill("#id_period_end", "2026-11-30")
    lead.click("button:has-text('Create programme')")
    expect(lead.locator(".govuk-notification-banner")).to_contain_text("now import its case list")

    cases = tmp_path / "cases.csv"
    cases.write_text(CASE_LIST)
    lead.set_input_files("#id_file", str(cases))
    lead.click("button:has-text('Import case list')")
    expect(lead.locator(".govuk-notification-banner")).to_contain_text("7 cases")
    lead.fill("#id_quota", "1")
    lead.fill("#id_seed", "5")
    lead.click("button:has-text('Draw the sample')")
    expect(lead.locator(".govuk-notification-banner")).to_contain_text("seed 5")
    assert_accessible(lead)

    audit = Audit.objects.filter(auditor=world.auditor).first()
    auditor = signed_in(world.auditor)
    auditor.goto("/audits/")
    auditor.click(f"text={audit.case.case_reference}")
    expect(auditor.locator("h1")).to_contain_text(audit.case.case_reference)
    assert_accessible(auditor)
    answer_everything(auditor, "met")
    auditor.check("#id_grade_1")
    auditor.fill("#id_grade_rationale", "Identity analysed throughout; the child's voice is strong.")
    auditor.click("button:has-text('Submit audit')")
    expect(auditor.locator(".govuk-notification-banner")).to_contain_text("Audit submitted")

    moderation = Audit.objects.get(moderation_of=audit)
    moderator = signed_in(moderation.auditor)
    moderator.goto(f"/audits/{moderation.pk}/")
    expect(moderator.locator("main")).to_contain_text("you will see the first auditor's answers after you submit")
    answer_everything(moderator, "partly")
    moderator.check("#id_grade_2")
    moderator.fill("#id_grade_rationale", "Much is listed rather than analysed.")
    moderator.click("button:has-text('Submit audit')")
    expect(moderator.locator("main")).to_contain_text("The first auditor's findings")

    lead.goto(f"/audits/{audit.pk}/")
    expect(lead.locator("main")).to_contain_text("The moderator's findings")
    lead.check("#id_agreed_grade_1")
    lead.fill("#id_notes", "Agreed at panel: good, with analysis of identity to strengthen.")
    lead.click("button:has-text('Record the resolution')")
    expect(lead.locator(".govuk-notification-banner")).to_contain_text("Moderation resolved")
    lead.fill("#id_text", "Identity is listed but not analysed in assessments.")
    lead.fill("#id_tags", "identity analysis")
    lead.click("button:has-text('Add learning point')")
    expect(lead.locator("main")).to_contain_text("Themes: identity analysis")
    lead.goto("/audits/report/")
    expect(lead.locator("h1")).to_have_text("Practice standards report")
    expect(lead.locator("main")).to_contain_text("identity analysis")
    assert_accessible(lead)


def test_an_audit_can_be_answered_and_submitted_without_javascript(page_without_js, world, sign_in):
    from star.audits import services
    from star.audits.tests.conftest import start_programme

    programme = start_programme(world)
    services.programme_sample(programme=programme, user=world.lead, quota=1, stratify=False, seed=5)
    audit = programme.audits.filter(auditor=world.auditor).first()
    sign_in(page_without_js, world.auditor)
    page_without_js.goto(f"/audits/{audit.pk}/")
    answer_everything(page_without_js, "partly")
    page_without_js.check("#id_grade_2")
    page_without_js.fill("#id_grade_rationale", "Listed rather than analysed.")
    page_without_js.click("button:has-text('Submit audit')")
    expect(page_without_js.locator(".govuk-notification-banner")).to_contain_text("Audit submitted")
    audit.refresh_from_db()
    assert audit.status == "submitted" and audit.grade == "requires_improvement"
