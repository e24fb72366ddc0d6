"""Journeys through the foundation: sign in as each role, browse the framework, be refused politely."""

import pytest
from playwright.sync_api import expect

from star.core.roles import ROLE_BY_NAME, ROLE_NAMES

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_sign_in_page_and_error_are_accessible(page, make_user, assert_accessible):
    make_user("practitioner", username="ama")
    page.goto("/")
    expect(page.locator("h1")).to_have_text("Sign in")
    assert_accessible(page)
    page.fill("#id_username", "ama")
    page.fill("#id_password", "not the password")
    page.click("button:has-text('Sign in')")
    expect(page.locator(".govuk-error-summary")).to_contain_text("Please enter a correct username and password")
    expect(page.locator("#id_username")).to_have_value("ama")
    assert_accessible(page)


@pytest.mark.parametrize("role", ROLE_NAMES)
def test_each_role_signs_in_and_lands_on_its_home_page(page, make_user, sign_in, framework, role,
                                                       assert_accessible):
    user = make_user(role)
    sign_in(page, user)
    expect(page.locator("h1")).to_have_text(ROLE_BY_NAME[role].home_heading)
    expect(page.locator(".govuk-service-navigation")).to_contain_text("Home")
    assert_accessible(page)


def test_practitioner_browses_the_framework(page, make_user, sign_in, framework, assert_accessible):
    sign_in(page, make_user("practitioner"))
    page.click("text=Read the STAR framework")
    expect(page.locator("h1")).to_have_text("The STAR framework")
    grid = page.locator("table", has_text="Think")
    expect(grid).to_contain_text("Reflect on your own biases, values and beliefs")
    assert_accessible(page)
    page.click("text=Reflect on your own biases, values and beliefs")
    expect(page.locator("main")).to_contain_text("Think")
    expect(page.locator("main")).to_contain_text("Yourself")
    assert_accessible(page)


def test_practice_lead_compares_versions(page, make_user, sign_in, framework, assert_accessible):
    sign_in(page, make_user("practice_lead"))
    page.goto("/framework/versions/")
    expect(page.locator("main")).to_contain_text("Current")
    assert_accessible(page)
    page.goto("/framework/diff/")
    assert_accessible(page)


def test_people_are_refused_politely_where_not_allowed(page, make_user, sign_in, assert_accessible):
    sign_in(page, make_user("practitioner"))
    response = page.goto("/audit/")
    assert response.status == 403
    expect(page.locator("h1")).to_have_text("You do not have permission to see this page")
    assert_accessible(page)


def test_admin_pages_are_accessible(page, make_user, sign_in, assert_accessible):
    from star.core.tests.factories import StaffProfileFactory

    admin = make_user("admin")
    StaffProfileFactory(organisation=admin.organisation, display_name="Kemi Adebayo")
    sign_in(page, admin)
    for path, heading in [("/people/", "People"), ("/audit/", "Audit trail"), ("/account/tokens/", "API tokens"),
                          ("/overview/", "Organisation overview"), ("/accounts/", "Accounts"),
                          ("/accounts/new/", "Add an account"),
                          ("/about/accessibility/", "Accessibility statement"), ("/about/privacy/edit/",
                                                                                  "Edit the privacy notice")]:
        page.goto(path)
        expect(page.locator("h1")).to_have_text(heading)
        assert_accessible(page)
    page.goto("/accounts/new/")
    page.fill("#id_first_name", "Ama")
    page.click("button:has-text('Add account')")
    expect(page.locator(".govuk-error-summary")).to_contain_text("Select at least one role")
    expect(page.locator("#id_first_name")).to_have_value("Ama")
    assert_accessible(page)
    page.goto("/account/tokens/")
    page.click("button:has-text('Create token')")
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter a name for the token")
    assert_accessible(page)
    page.goto("/no-such-page/")
    expect(page.locator("h1")).to_have_text("Page not found")
    assert_accessible(page)


def test_the_service_works_without_javascript(page_without_js, make_user, sign_in, framework):
    page = page_without_js
    sign_in(page, make_user("practitioner"))
    expect(page.locator("h1")).to_have_text("Your practice")
    page.click("text=Read the STAR framework")
    expect(page.locator("h1")).to_have_text("The STAR framework")
    page.click("button:has-text('Sign out')")
    expect(page.locator("h1")).to_have_text("Sign in")


def test_password_reset_pages_are_accessible(page, assert_accessible):
    page.goto("/account/password/reset/")
    expect(page.locator("h1")).to_have_text("Reset your password")
    assert_accessible(page)


def test_remaining_foundation_pages_are_accessible(page, make_user, sign_in, framework, assert_accessible):
    from star.core.tests.factories import StaffProfileFactory

    admin = make_user("admin")
    colleague = make_user("practitioner", username="colleague")
    profile = StaffProfileFactory(organisation=admin.organisation, display_name="Tendai Moyo")
    sign_in(page, admin)
    for path, heading in [
        (f"/people/{profile.pk}/", "Tendai Moyo"),
        (f"/accounts/{colleague.pk}/", colleague.get_full_name()),
        ("/about/privacy/", "Privacy notice"),
        ("/account/password/", "Change your password"),
        (f"/framework/versions/{framework.number}/", "The STAR framework"),
    ]:
        page.goto(path)
        expect(page.locator("h1")).to_contain_text(heading)
        assert_accessible(page)


def test_lockout_and_reset_confirmation_pages_are_accessible(page, make_user, assert_accessible):
    from django.conf import settings

    make_user("practitioner", username="ama")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        page.goto("/account/login/")
        page.fill("#id_username", "ama")
        page.fill("#id_password", "wrong password")
        page.click("button:has-text('Sign in')")
    expect(page.locator("h1")).to_have_text("Your account is locked for now")
    assert_accessible(page)
    page.goto("/account/password/reset/")
    page.fill("#id_email", "someone@example.test")
    page.click("button:has-text('Send reset link')")
    expect(page.locator("h1")).to_have_text("Check your email")
    assert_accessible(page)
