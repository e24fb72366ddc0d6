"""A form sent without its security token gets a plain-words page, not Django's technical one."""

import pytest
from django.test import Client


@pytest.mark.django_db
def test_a_refused_form_explains_what_to_do():
    client = Client(enforce_csrf_checks=True)
    response = client.post("/account/login/", {"username": "someone", "password": "x"})
    assert response.status_code == 403
    assert b"The form could not be sent" in response.content and b"CSRF" not in response.content
