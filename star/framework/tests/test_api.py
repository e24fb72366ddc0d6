import pytest

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed_in(client, make_user):
    client.force_login(make_user("practitioner"))
    return client


def test_list_versions(signed_in, v2_draft):
    response = signed_in.get("/api/v1/framework/versions")
    assert response.status_code == 200
    data = response.json()
    assert [(v["number"], v["status"], v["is_current"], v["indicator_count"]) for v in data] == [
        (2, "draft", False, 21), (1, "published", True, 21),
    ]


def test_get_a_version_with_its_indicators(signed_in, v1):
    data = signed_in.get("/api/v1/framework/versions/1").json()
    assert data["number"] == 1 and len(data["indicators"]) == 21
    assert data["indicators"][0] == {
        "key": "think-yourself-1", "stage": "think", "level": "yourself",
        "text": "Reflect on your own biases, values and beliefs", "guidance": "", "lenses": [],
    }
    assert [lens["key"] for lens in data["lenses"]] == ["systemic", "trauma_informed", "anti_racist"]


def test_unknown_version_is_404(signed_in, v1):
    assert signed_in.get("/api/v1/framework/versions/5").status_code == 404


def test_anonymous_requests_are_refused(client, v1):
    assert client.get("/api/v1/framework/versions").status_code == 401
