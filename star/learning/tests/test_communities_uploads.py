"""Files shared in a community: allowed types checked by name and by content, a size limit, the form kept on
error, and downloads only for members, always as an attachment."""

from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from star.learning import uploads
from star.learning.models import Resource
from star.learning.services import communities as services

from .test_communities_world import EXE_BYTES, PDF_BYTES, PNG_BYTES, build_world, office_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(db, organisation, make_user, settings, tmp_path):
    return build_world(organisation, make_user, settings, tmp_path)


def upload(name, content, content_type="application/octet-stream"):
    return SimpleUploadedFile(name, content, content_type=content_type)


# --- the checks -------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("name", "content", "kind", "content_type"), [
    ("briefing.pdf", PDF_BYTES, "document", "application/pdf"),
    ("Notes.DOCX", office_bytes("word/"), "document",
     "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    ("slides.pptx", office_bytes("ppt/"), "slides",
     "application/vnd.openxmlformats-officedocument.presentationml.presentation"),
    ("figures.xlsx", office_bytes("xl/"), "spreadsheet",
     "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    ("poster.png", PNG_BYTES, "image", "image/png"),
    ("photo.jpeg", b"\xff\xd8\xff\xe0\x00\x10JFIF" + b"\x00" * 30, "image", "image/jpeg"),
])
def test_allowed_files_are_recognised_by_their_content(name, content, kind, content_type):
    checked = uploads.check_upload(upload(name, content, content_type="text/html"))  # the browser's claim is ignored
    assert (checked.kind, checked.content_type, checked.size) == (kind, content_type, len(content))


@pytest.mark.parametrize(("name", "content", "message"), [
    ("setup.exe", EXE_BYTES, "must be a PDF, Word"),
    ("setup.pdf", EXE_BYTES, "not a real PDF"),  # a program renamed .pdf
    ("page.html", b"<html><script>alert(1)</script></html>", "must be a PDF"),
    ("image.svg", b"<svg xmlns='http://www.w3.org/2000/svg'/>", "must be a PDF"),
    ("notes", PDF_BYTES, "must be a PDF"),
    ("fake.png", PDF_BYTES, "not a real PNG image"),
    ("fake.jpg", PNG_BYTES, "not a real JPEG image"),
    ("archive.docx", office_bytes("word/", content_types=False), "not a real Word document"),
    ("slides.docx", office_bytes("ppt/"), "not a real Word document"),  # a presentation renamed .docx
    ("broken.xlsx", b"PK\x03\x04" + b"\x00" * 60, "not a real Excel spreadsheet"),
    ("macros.docx", office_bytes("word/", macros=True), "contains macros"),
    ("empty.pdf", b"", "The selected file is empty"),
])
def test_disallowed_or_disguised_files_are_refused(name, content, message):
    with pytest.raises(ValidationError, match=message):
        uploads.check_upload(upload(name, content))


def test_the_size_limit_comes_from_the_setting_with_a_default(settings):
    settings.STAR = {key: value for key, value in settings.STAR.items() if key != "RESOURCE_MAX_BYTES"}
    assert uploads.max_bytes() == 10 * 1024 * 1024
    settings.STAR = {**settings.STAR, "RESOURCE_MAX_BYTES": 1024}
    with pytest.raises(ValidationError, match="must be smaller than 1 KB"):
        uploads.check_upload(upload("big.pdf", PDF_BYTES + b"0" * 1024))
    assert uploads.describe_size(10 * 1024 * 1024) == "10 MB" and uploads.describe_size(1536 * 1024) == "1.5 MB"


def test_an_oversized_upload_of_the_default_limit_is_refused(world):
    big = upload("report.pdf", PDF_BYTES + b"0" * (10 * 1024 * 1024))
    with pytest.raises(ValidationError, match="must be smaller than 10 MB"):
        services.resource_add(community=world.community, user=world.member, title="Report", upload=big)
    assert not Resource.objects.exists()


# --- on the page ------------------------------------------------------------------------------------------

def new_resource_url(world):
    return f"/learning/communities/{world.community.pk}/resources/new/"


def test_an_oversized_upload_gets_a_clear_error_and_the_title_is_kept(client, world, settings):
    settings.STAR = {**settings.STAR, "RESOURCE_MAX_BYTES": 2048}
    client.force_login(world.member)
    response = client.post(new_resource_url(world), {
        "title": "Summit slides", "file": upload("slides.pdf", PDF_BYTES + b"0" * 4096)})
    assert response.status_code == 400
    text = response.content.decode()
    assert "The selected file must be smaller than 2 KB" in text and 'value="Summit slides"' in text
    assert "govuk-error-summary" in text and 'href="#id_file"' in text
    assert not Resource.objects.exists()


def test_a_program_renamed_pdf_is_refused_on_the_page(client, world, settings):
    client.force_login(world.member)
    response = client.post(new_resource_url(world), {"title": "Agenda", "file": upload("agenda.pdf", EXE_BYTES)})
    assert response.status_code == 400
    text = response.content.decode()
    assert "not a real PDF" in text and 'value="Agenda"' in text
    assert not Resource.objects.exists()
    assert not [item for item in Path(settings.MEDIA_ROOT).rglob("*") if item.is_file()]  # nothing stored


def test_a_real_pdf_is_shared_and_downloaded_only_by_members_as_an_attachment(client, world):
    client.force_login(world.member)
    response = client.post(new_resource_url(world), {
        "title": "Adultification briefing", "file": upload("briefing.pdf", PDF_BYTES, "text/html")})
    assert response.status_code == 302
    resource = Resource.objects.get()
    assert (resource.kind, resource.content_type, resource.size) == ("document", "application/pdf", len(PDF_BYTES))
    assert resource.file.name.startswith("learning/resources/") and resource.file.name.endswith(".pdf")
    download = f"/learning/communities/{world.community.pk}/resources/{resource.pk}/"

    for person in (world.member, world.partner_member, world.lead):
        client.force_login(person)
        response = client.get(download)
        assert response.status_code == 200
        assert b"".join(response.streaming_content) == PDF_BYTES
        assert response["Content-Type"] == "application/pdf"
        assert response["Content-Disposition"] == 'attachment; filename="adultification-briefing.pdf"'
        assert response["X-Content-Type-Options"] == "nosniff"

    client.force_login(world.colleague)  # the host organisation, not a member
    assert client.get(download).status_code == 403
    client.force_login(world.partner_other)
    assert client.get(download).status_code == 404
    client.force_login(world.stranger)
    assert client.get(download).status_code == 404
    client.logout()
    assert client.get(download).status_code == 302
    page = client.get(f"/learning/communities/{world.community.pk}/")
    assert page.status_code == 302  # sign in first


def test_a_docx_built_with_its_content_types_is_accepted(client, world):
    client.force_login(world.partner_member)
    response = client.post(new_resource_url(world), {
        "title": "Supervision prompts", "file": upload("prompts.docx", office_bytes("word/"))})
    assert response.status_code == 302
    resource = Resource.objects.get()
    assert resource.kind == "document" and resource.content_type.endswith("wordprocessingml.document")
    assert resource.uploaded_by == world.partner_member


def test_removing_a_resource_removes_its_file(client, world, django_capture_on_commit_callbacks):
    resource = services.resource_add(community=world.community, user=world.member, title="Poster",
                                     upload=upload("poster.png", PNG_BYTES))
    path = Path(resource.file.path)
    assert path.exists()
    client.force_login(world.partner_member)  # neither the uploader nor a coordinator
    remove = f"/learning/communities/{world.community.pk}/resources/{resource.pk}/remove/"
    assert client.post(remove).status_code == 403
    client.force_login(world.member)
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(remove).status_code == 302
    assert not Resource.objects.exists() and not path.exists()
