import pytest
from django.urls import reverse

from star.framework.models import FrameworkVersion

pytestmark = pytest.mark.django_db


@pytest.fixture
def practitioner_client(client, make_user):
    client.force_login(make_user("practitioner"))
    return client


@pytest.fixture
def lead_client(client, make_user):
    client.force_login(make_user("practice_lead"))
    return client


@pytest.mark.parametrize("url", [
    "/framework/", "/framework/versions/", "/framework/versions/1/",
    "/framework/versions/1/indicators/think-yourself-1/", "/framework/diff/",
])
def test_anonymous_people_are_sent_to_sign_in(client, v1, url):
    response = client.get(url)
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_overview_shows_lenses_and_the_grid(practitioner_client, v1):
    response = practitioner_client.get(reverse("framework:overview"))
    html = response.content.decode()
    assert response.status_code == 200
    assert '<h1 class="govuk-heading-xl">The STAR framework</h1>' in html
    assert "Being systemic is all about context." in html
    assert "Practice stages by level" in html and "<caption" in html
    assert 'colspan="3"' in html and "Evaluation applies at every level." in html
    assert html.count('href="/framework/versions/1/indicators/') == 21
    for heading in ("Yourself", "Those you work with", "The wider system"):
        assert f'<th scope="col" class="govuk-table__header">{heading}</th>' in html


def test_overview_without_a_current_version_is_friendly(practitioner_client, db):
    response = practitioner_client.get(reverse("framework:overview"))
    assert response.status_code == 200
    assert "No version of the STAR framework has been published yet." in response.content.decode()


def test_a_draft_version_page_says_it_is_not_current(practitioner_client, v2_draft):
    html = practitioner_client.get(reverse("framework:version", args=[2])).content.decode()
    assert "a draft and not yet in use" in html and "See the current version (version 1)" in html


def test_indicator_page(practitioner_client, v1):
    response = practitioner_client.get(reverse("framework:indicator", args=[1, "evaluate-1"]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Ensure you reflect on, review and analyse the quality and impact" in html
    assert "Every level" in html and "Version 1: STAR treatment practice model" in html
    assert "Back to the framework" in html


def test_unknown_indicator_or_version_is_404(practitioner_client, v1):
    assert practitioner_client.get(reverse("framework:indicator", args=[1, "no-such-thing"])).status_code == 404
    assert practitioner_client.get(reverse("framework:version", args=[7])).status_code == 404


def test_versions_page_shows_buttons_only_to_managers(practitioner_client, v2_draft, make_user, client):
    html = practitioner_client.get(reverse("framework:versions")).content.decode()
    assert "govuk-tag--green" in html and "Draft" in html
    assert "/framework/versions/2/publish/" not in html
    client.force_login(make_user("practice_lead"))
    html = client.get(reverse("framework:versions")).content.decode()
    assert 'action="/framework/versions/2/publish/"' in html and "csrfmiddlewaretoken" in html


def test_a_practitioner_cannot_publish(practitioner_client, v2_draft):
    response = practitioner_client.post(reverse("framework:publish", args=[2]))
    assert response.status_code == 403
    v2_draft.refresh_from_db()
    assert v2_draft.status == FrameworkVersion.Status.DRAFT


def test_a_practice_lead_can_publish(lead_client, v2_draft):
    response = lead_client.post(reverse("framework:publish", args=[2]), follow=True)
    assert response.redirect_chain[-1][0] == reverse("framework:versions")
    assert "Version 2 is published" in response.content.decode()
    v2_draft.refresh_from_db()
    assert v2_draft.is_current


def test_publish_needs_post(lead_client, v2_draft):
    assert lead_client.get(reverse("framework:publish", args=[2])).status_code == 405


def test_refused_retire_is_explained(lead_client, v1):
    response = lead_client.post(reverse("framework:retire", args=[1]), follow=True)
    assert "cannot be retired" in response.content.decode()
    v1.refresh_from_db()
    assert v1.is_current


def test_an_admin_can_retire_a_draft(client, make_user, v2_draft):
    client.force_login(make_user("admin"))
    client.post(reverse("framework:retire", args=[2]))
    v2_draft.refresh_from_db()
    assert v2_draft.status == FrameworkVersion.Status.RETIRED


def test_diff_page(practitioner_client, v2_draft):
    html = practitioner_client.get(reverse("framework:diff"), {"from": 1, "to": 2}).content.decode()
    assert '<select name="from"' in html and "govuk-fieldset" in html
    assert "Added (1)" in html and "Changed (1)" in html and "Removed (1)" in html
    assert "Share what you learn with partners in the wider system" in html
    assert "Build a holistic, culturally informed picture of those you work with" in html
    assert "govuk-error-summary" not in html


def test_diff_page_errors(practitioner_client, v2_draft):
    html = practitioner_client.get(reverse("framework:diff"), {"from": 1, "to": 1}).content.decode()
    assert "govuk-error-summary" in html and "Choose a different version to compare to" in html
    assert "<title>Error: " in html
