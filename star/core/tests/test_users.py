import re

import pytest
from django.core import mail
from django.urls import reverse

from star.core.models import User

from .factories import OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("role", ["practitioner", "manager", "senior_leader", "equality_analyst"])
def test_account_management_is_for_admins_only(client, make_user, role):
    client.force_login(make_user(role))
    assert client.get(reverse("core:users")).status_code == 403
    assert client.get(reverse("core:user_invite")).status_code == 403


def test_admin_adds_an_account_and_the_person_is_emailed_a_link(client, make_user, organisation,
                                                                django_capture_on_commit_callbacks):
    client.force_login(make_user("admin"))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("core:user_invite"), {
            "first_name": "Kwame", "last_name": "Boateng", "email": "kwame.boateng@northbridge.example",
            "username": "kboateng", "roles": ["practitioner", "learning_lead"],
        })
    assert response.status_code == 302
    person = User.objects.get(username="kboateng")
    assert person.organisation == organisation and not person.has_usable_password()
    assert person.role_names == {"practitioner", "learning_lead"}
    assert len(mail.outbox) == 1 and "kboateng" in mail.outbox[0].body
    link = re.search(r"http://testserver(\S+)", mail.outbox[0].body).group(1)
    assert "Choose a new password" in client.get(link, follow=True).content.decode()


def test_invalid_invitation_keeps_what_was_typed(client, make_user):
    existing = make_user("practitioner", username="taken")
    client.force_login(make_user("admin"))
    page = client.post(reverse("core:user_invite"), {
        "first_name": "Ana", "last_name": "", "email": "not-an-email", "username": existing.username,
    }).content.decode()
    for message in ("Enter their last name", "Enter an email address in the correct format",
                    "That username is already taken", "Select at least one role"):
        assert message in page
    assert 'value="Ana"' in page and 'value="not-an-email"' in page
    assert 'href="#id_roles_0"' in page


def test_admin_changes_roles_but_cannot_lock_themselves_out(client, make_user):
    admin = make_user("admin")
    person = make_user("practitioner")
    client.force_login(admin)
    response = client.post(reverse("core:user_edit", args=[person.pk]), {"roles": ["manager"], "is_active": "on"})
    assert response.status_code == 302
    assert User.objects.get(pk=person.pk).role_names == {"manager"}
    page = client.post(reverse("core:user_edit", args=[admin.pk]), {"roles": ["practitioner"], "is_active": "on"})
    assert "cannot remove your own administrator role" in page.content.decode()
    assert User.objects.get(pk=admin.pk).role_names == {"admin"}


def test_admins_cannot_see_or_edit_accounts_of_other_organisations(client, make_user):
    outsider = UserFactory(organisation=OrganisationFactory(), username="outsider", roles=["practitioner"])
    client.force_login(make_user("admin"))
    assert "outsider" not in client.get(reverse("core:users")).content.decode()
    assert client.get(reverse("core:user_edit", args=[outsider.pk])).status_code == 404
    client.post(reverse("core:user_edit", args=[outsider.pk]), {"roles": ["admin"], "is_active": "on"})
    assert User.objects.get(pk=outsider.pk).role_names == {"practitioner"}
