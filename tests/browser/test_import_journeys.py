"""The equality analyst imports a staff file: form errors, an ethnicity review, success. Each page axe-clean."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def test_analyst_imports_a_staff_file_with_a_label_to_review(page, make_user, sign_in, tmp_path, assert_accessible):
    staff = Path(tmp_path / "staff.csv")
    staff.write_text("staff_id,ethnicity,grade,hourly_pay\nE1,WBRI,PO1,12.00\nE2,Black Brit,PO1,13.00\n")
    sign_in(page, make_user("equality_analyst"))
    page.click("text=Imports")
    expect(page.locator("h1")).to_have_text("Imports")
    assert_accessible(page)

    page.click("text=Import a file")
    page.select_option("#id_kind", "workforce.staff")
    page.fill("#id_as_at", "31/02/2026")
    page.click("button:has-text('Check and import')")
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter a real as-at date")
    assert_accessible(page)

    page.fill("#id_as_at", "31/03/2026")
    page.set_input_files("#id_file", str(staff))
    page.click("button:has-text('Check and import')")
    expect(page.locator("main")).to_contain_text("some ethnicity labels in the file are not recognised")
    assert_accessible(page)

    page.click("text=Choose a category for each label")
    expect(page.locator("h1")).to_have_text("Check ethnicity labels")
    assert_accessible(page)
    page.select_option("#id_label_0", "black_unspecified")
    page.click("button:has-text('Save and check the file again')")
    expect(page.locator(".govuk-panel__title")).to_have_text("Imported")
    assert_accessible(page)


def test_a_failed_import_lists_problems_accessibly(page, make_user, sign_in, tmp_path, assert_accessible):
    bad = Path(tmp_path / "bad.csv")
    bad.write_text("staff_id,ethnicity,grade,hourly_pay\nE1,WBRI,PO1,-1\nE1,WBRI,PO1,2\n")
    sign_in(page, make_user("equality_analyst"))
    page.goto("/imports/new/")
    page.select_option("#id_kind", "workforce.staff")
    page.fill("#id_as_at", "2026-03-31")
    page.set_input_files("#id_file", str(bad))
    page.click("button:has-text('Check and import')")
    expect(page.locator("caption")).to_contain_text("2 problems")
    assert_accessible(page)
    page.click("text=Delete this import")
    assert_accessible(page)
