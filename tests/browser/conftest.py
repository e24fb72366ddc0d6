"""Playwright with Debian Chromium against the live test server, plus an axe-core scan helper."""

import os
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]

# Playwright's sync API runs an event loop in this thread; the ORM calls made by fixtures are safe here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(config, items):
    if CHROMIUM.exists():
        return
    if os.environ.get("STAR_REQUIRE_BROWSER"):
        raise pytest.UsageError(f"Browser tests are required but {CHROMIUM} is missing (apt-get install chromium).")
    skip = pytest.mark.skip(reason=f"{CHROMIUM} not installed")
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server.url)
    context.set_default_timeout(15_000)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def page_without_js(browser, live_server):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def framework(transactional_db):
    from star.framework.services import framework_ensure_default

    return framework_ensure_default()


@pytest.fixture
def sign_in():
    def sign_in(page, user, password="correct-horse-battery"):
        page.goto("/account/login/")
        page.fill("#id_username", user.username)
        page.fill("#id_password", password)
        page.click("button:has-text('Sign in')")

    return sign_in


@pytest.fixture
def assert_accessible():
    """Run axe-core (shipped inside axe-playwright-python, no download) for WCAG 2.2 AA."""
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()

    def check(page):
        results = axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
        assert results.violations_count == 0, f"{page.url}\n{results.generate_report()}"

    return check
