from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from star.core.models import ApiToken
from star.core.services import api_token_create

pytestmark = pytest.mark.django_db

VERSIONS_URL = "/api/v1/framework/versions"


def test_token_is_shown_once_and_stored_only_as_a_hash(client, make_user):
    user = make_user("performance_analyst")
    client.force_login(user)
    response = client.post(reverse("core:api_tokens"), {"name": "Quarterly script"})
    secret = response.context["new_secret"]
    token = ApiToken.objects.get(user=user)
    assert secret.startswith("star_") and token.token_hash == ApiToken.hash(secret)
    assert secret not in str(vars(token))
    assert secret not in client.get(reverse("core:api_tokens")).content.decode()


def test_empty_token_name_is_explained(client, make_user):
    client.force_login(make_user("practitioner"))
    page = client.post(reverse("core:api_tokens"), {"name": ""}).content.decode()
    assert "Enter a name for the token" in page


def test_api_accepts_active_tokens_and_refuses_revoked_or_expired(client, make_user):
    user = make_user("practitioner")
    token, secret = api_token_create(user=user, name="script")
    headers = {"Authorization": f"Bearer {secret}"}
    assert client.get(VERSIONS_URL, headers=headers).status_code == 200
    assert ApiToken.objects.get(pk=token.pk).last_used_at is not None

    client.force_login(user)
    client.post(reverse("core:api_token_revoke", args=[token.pk]))
    client.logout()
    assert client.get(VERSIONS_URL, headers=headers).status_code == 401

    other, other_secret = api_token_create(user=user, name="old")
    ApiToken.objects.filter(pk=other.pk).update(expires_at=timezone.now() - timedelta(days=1))
    assert client.get(VERSIONS_URL, headers={"Authorization": f"Bearer {other_secret}"}).status_code == 401
    assert client.get(VERSIONS_URL, headers={"Authorization": "Bearer nonsense"}).status_code == 401


def test_people_cannot_revoke_someone_elses_token(client, make_user):
    owner, other = make_user("practitioner"), make_user("practitioner")
    token, _ = api_token_create(user=owner, name="mine")
    client.force_login(other)
    assert client.post(reverse("core:api_token_revoke", args=[token.pk])).status_code == 404
    assert ApiToken.objects.get(pk=token.pk).revoked_at is None
