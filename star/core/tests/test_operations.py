import json
import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse

from star.core.logging import RequestIdFilter, StructuredFormatter
from star.core.request_id import reset_request_id, set_request_id

ROOT = Path(__file__).resolve().parents[3]


def test_healthz(client):
    response = client.get("/healthz")
    assert response.status_code == 200 and response.json() == {"status": "ok"}


@pytest.mark.django_db
def test_readyz_reports_the_database(client):
    response = client.get("/readyz")
    assert response.status_code == 200 and response.json()["database"] == "reachable"


def test_readyz_says_unavailable_when_the_database_is_down(client, monkeypatch):
    from django.db import connection

    def broken_cursor(*args, **kwargs):
        raise OSError("connection refused")

    monkeypatch.setattr(connection, "cursor", broken_cursor)
    response = client.get("/readyz")
    assert response.status_code == 503 and response.json()["database"] == "unreachable"


def test_every_response_carries_a_request_id(client):
    first, second = client.get("/healthz"), client.get("/healthz")
    assert first["X-Request-ID"] and first["X-Request-ID"] != second["X-Request-ID"]
    assert client.get("/healthz", headers={"X-Request-ID": "abc<script>"})["X-Request-ID"] != "abc<script>"


def test_log_lines_are_json_with_request_id_and_without_the_request():
    record = logging.makeLogRecord({"name": "star", "levelname": "ERROR", "msg": "Failed %s", "args": ("import",)})
    record.request = object()  # Django attaches the request (session, user, body) to error records
    record.status_code = 500
    token = set_request_id("req-abcdef12")
    try:
        RequestIdFilter().filter(record)
    finally:
        reset_request_id(token)
    line = json.loads(StructuredFormatter().format(record))
    assert line["message"] == "Failed import"
    assert line["request_id"] == "req-abcdef12"
    assert line["status"] == 500
    assert "request" not in line


@pytest.mark.django_db
def test_errors_use_the_service_layout(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "govuk-template" in response.content.decode()


def test_server_error_page_needs_no_context_and_shows_a_reference(rf):
    from star.core.views.errors import server_error

    request = rf.get("/")
    request.request_id = "req-0000ffff"
    response = server_error(request)
    assert response.status_code == 500
    assert "req-0000ffff" in response.content.decode()


@pytest.mark.django_db
def test_site_pages_have_defaults_and_escape_council_text(client, make_user):
    assert "essential cookies" in client.get(reverse("core:site_page", args=["privacy"])).content.decode()
    assert "WCAG" in client.get(reverse("core:site_page", args=["accessibility"])).content.decode()
    assert client.get("/about/unknown/").status_code == 404
    admin = make_user("admin")
    client.force_login(admin)
    client.post(reverse("core:site_page_edit", args=["accessibility"]),
                {"body": "## Our statement\n\nWe test with <script>alert(1)</script> users.\n\n- Keyboard\n- Zoom"})
    page = client.get(reverse("core:site_page", args=["accessibility"])).content.decode()
    assert '<h2 class="govuk-heading-m">Our statement</h2>' in page
    assert "&lt;script&gt;" in page and "<script>alert" not in page
    assert "<li>Keyboard</li>" in page


@pytest.mark.django_db
def test_site_page_editing_is_for_admins_and_keeps_what_was_typed(client, make_user):
    client.force_login(make_user("practitioner"))
    assert client.get(reverse("core:site_page_edit", args=["privacy"])).status_code == 403
    client.force_login(make_user("admin"))
    page = client.post(reverse("core:site_page_edit", args=["privacy"]), {"body": "   "}).content.decode()
    assert "Enter the text of the page" in page


def test_production_settings_pass_the_deployment_check():
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.production",
           "STAR_SECRET_KEY": "x" * 64 + "-production-like-secret-key-for-check",
           "STAR_STAFF_ID_KEY": "staff-id-key-for-check", "STAR_ALLOWED_HOSTS": "star.example.gov.uk",
           "DATABASE_URL": "sqlite:///:memory:"}
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # set by the browser tests' process, never in deployment
    result = subprocess.run([sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
                            cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout
