import re

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_sign_in_and_out(client, make_user):
    user = make_user("practitioner", username="ama")
    response = client.post(reverse("login"), {"username": "ama", "password": "correct-horse-battery"})
    assert response.status_code == 302 and response.url == reverse("core:home")
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert client.get(reverse("core:home")).status_code == 302
    assert user.pk


def test_wrong_password_keeps_username_and_explains(client, make_user):
    make_user("practitioner", username="ama")
    response = client.post(reverse("login"), {"username": "ama", "password": "wrong"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page and 'value="ama"' in page
    assert "<title>Error: " in page


def test_repeated_failures_lock_the_account(client, make_user):
    make_user("practitioner", username="ama")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("login"), {"username": "ama", "password": "wrong"})
    response = client.post(reverse("login"), {"username": "ama", "password": "correct-horse-battery"})
    assert response.status_code == 429
    assert "Your account is locked for now" in response.content.decode()


def test_password_reset_sends_a_working_link(client, make_user):
    make_user("practitioner", username="ama", email="ama@northbridge.example")
    response = client.post(reverse("password_reset"), {"email": "ama@northbridge.example"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    link = re.search(r"http://testserver(\S+)", mail.outbox[0].body).group(1)
    form_page = client.get(link, follow=True)
    assert "Choose a new password" in form_page.content.decode()
    done = client.post(form_page.redirect_chain[-1][0], {"new_password1": "A-much-longer-passphrase-42",
                                                          "new_password2": "A-much-longer-passphrase-42"})
    assert done.status_code == 302
    from star.core.models import User

    assert User.objects.get(username="ama").check_password("A-much-longer-passphrase-42")


def test_password_reset_does_not_reveal_unknown_addresses(client):
    response = client.post(reverse("password_reset"), {"email": "nobody@example.test"})
    assert response.status_code == 302
    assert mail.outbox == []


def test_passwords_are_hashed_with_argon2_outside_tests():
    from config.settings import base

    assert base.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")
