"""Every page of the practice and audits modules asks for sign-in, and refuses a signed-in person
with no role. A new page without a permission check fails here."""

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

MODULES = ("practice", "audits", "evaluation", "voice", "learning")


def pages():
    def walk(patterns, prefix="", namespace=""):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                yield from walk(pattern.url_patterns, prefix + str(pattern.pattern), pattern.namespace or namespace)
            elif isinstance(pattern, URLPattern) and namespace in MODULES:
                route = prefix + str(pattern.pattern)
                url = "/" + re.sub(r"<int:\w+>", "1", re.sub(r"<str:(\w+)>", lambda m: "csv" if m[1] == "fmt"
                                                                  else "copy", route))
                yield f"{namespace}:{pattern.name}", url

    return sorted(set(walk(get_resolver().url_patterns)))


PAGES = pages()


def test_the_modules_have_pages_to_check():
    assert len(PAGES) > 30


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "url"), PAGES)
def test_anonymous_people_are_sent_to_sign_in(client, name, url):
    response = client.get(url)
    if response.status_code == 405:  # POST-only: try it as a form post
        response = client.post(url)
    assert response.status_code == 302 and response["Location"].startswith("/account/login/"), (name, url)


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "url"), PAGES)
def test_a_person_with_no_role_is_refused(client, make_user, name, url):
    client.force_login(make_user())
    response = client.get(url)
    if response.status_code == 405:
        response = client.post(url)
    assert response.status_code in (403, 404), (name, url, response.status_code)
