import re

import pytest

pytestmark = pytest.mark.django_db


def test_openapi_document_describes_the_framework_endpoints(client):
    document = client.get("/api/v1/openapi.json").json()
    assert document["info"]["title"] == "STAR platform API"
    assert "/api/v1/framework/versions" in document["paths"]
    outcomes = document["paths"]["/api/v1/outcomes/report"]["get"]
    assert {parameter["name"] for parameter in outcomes["parameters"]} == {"year", "area", "level", "reference"}
    schemes = document["components"]["securitySchemes"]
    assert {"PersonalToken", "SignedInSession"} <= set(schemes)


def test_docs_ui_is_served_locally_without_any_cdn(client, make_user):
    client.force_login(make_user("practitioner"))
    page = client.get("/api/v1/docs").content.decode()
    assert "swagger" in page.lower()
    external = [url for url in re.findall(r'(?:src|href)="([^"]+)"', page) if url.startswith(("http:", "https:", "//"))]
    assert external == []


def test_api_needs_a_session_or_a_token(client, make_user):
    assert client.get("/api/v1/framework/versions").status_code == 401
    client.force_login(make_user("practitioner"))
    assert client.get("/api/v1/framework/versions").status_code == 200
