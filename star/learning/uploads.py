"""Checks for files shared in a community of practice: allowed types only, checked by name AND by content.

A file is accepted only when its extension is on the list, its leading bytes are what that type must start
with (the "magic number"), and, for Office files, the zip holds the parts that type must have. A program
renamed ``report.pdf`` is refused because it does not start with ``%PDF``; a zip renamed ``.docx`` is
refused because it has no ``[Content_Types].xml`` and ``word/`` parts; Office files with macros are refused.
The size limit is ``settings.STAR["RESOURCE_MAX_BYTES"]`` (10 MB unless set).
"""

import zipfile
from dataclasses import dataclass
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError

DEFAULT_MAX_BYTES = 10 * 1024 * 1024
ALLOWED_NAMES = "PDF, Word (DOCX), PowerPoint (PPTX), Excel (XLSX), PNG or JPEG"

PDF_SIGNATURE = b"%PDF-"
ZIP_SIGNATURE = b"PK\x03\x04"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
JPEG_SIGNATURE = b"\xff\xd8\xff"


@dataclass(frozen=True)
class FileType:
    label: str
    content_type: str
    kind: str  # a Resource.Kind value
    signature: bytes
    ooxml_folder: str = ""  # the part folder an Office file must have: word/, ppt/ or xl/


FILE_TYPES = {
    ".pdf": FileType("PDF", "application/pdf", "document", PDF_SIGNATURE),
    ".docx": FileType("Word document (DOCX)",
                      "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "document",
                      ZIP_SIGNATURE, "word/"),
    ".pptx": FileType("PowerPoint presentation (PPTX)",
                      "application/vnd.openxmlformats-officedocument.presentationml.presentation", "slides",
                      ZIP_SIGNATURE, "ppt/"),
    ".xlsx": FileType("Excel spreadsheet (XLSX)",
                      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "spreadsheet",
                      ZIP_SIGNATURE, "xl/"),
    ".png": FileType("PNG image", "image/png", "image", PNG_SIGNATURE),
    ".jpg": FileType("JPEG image", "image/jpeg", "image", JPEG_SIGNATURE),
    ".jpeg": FileType("JPEG image", "image/jpeg", "image", JPEG_SIGNATURE),
}


@dataclass(frozen=True)
class CheckedFile:
    """What the checks found: the type to store and serve, never the type the browser claimed."""

    content_type: str
    kind: str
    size: int
    extension: str


def max_bytes() -> int:
    return int(settings.STAR.get("RESOURCE_MAX_BYTES", DEFAULT_MAX_BYTES))


def describe_size(size: int) -> str:
    """10485760 -> '10 MB', 2048 -> '2 KB', 800 -> '800 bytes'."""
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.1f}".removesuffix(".0") + " MB"
    if size >= 1024:
        return f"{size / 1024:.0f} KB"
    return f"{size} bytes"


def _head(upload, length: int = 16) -> bytes:
    upload.seek(0)
    head = upload.read(length)
    upload.seek(0)
    return head


def _ooxml_problem(upload, folder: str) -> str | None:
    """Why this is not a well-formed Office Open XML file of the expected kind (None when it is)."""
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as archive:
            names = archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return "broken"
    finally:
        upload.seek(0)
    if "[Content_Types].xml" not in names or not any(name.startswith(folder) for name in names):
        return "broken"
    if any(name.lower().endswith("vbaproject.bin") for name in names):
        return "macros"
    return None


def check_upload(upload) -> CheckedFile:
    """Raise ValidationError with a message to show beside the file field, or say what the file is."""
    name = PurePath(getattr(upload, "name", "") or "").name
    extension = PurePath(name).suffix.lower()
    file_type = FILE_TYPES.get(extension)
    if file_type is None:
        raise ValidationError(f"The selected file must be a {ALLOWED_NAMES}", code="type")
    size = upload.size
    if not size:
        raise ValidationError("The selected file is empty", code="empty")
    limit = max_bytes()
    if size > limit:
        raise ValidationError(f"The selected file must be smaller than {describe_size(limit)} "
                              f"(it is {describe_size(size)})", code="size")
    if not _head(upload).startswith(file_type.signature):
        raise ValidationError(f"The selected file is not a real {file_type.label}: its contents do not match its "
                              f"name. Upload a {ALLOWED_NAMES}", code="content")
    if file_type.ooxml_folder:
        problem = _ooxml_problem(upload, file_type.ooxml_folder)
        if problem == "macros":
            raise ValidationError("The selected file contains macros, which cannot be shared. Save it without "
                                  "macros and upload it again", code="macros")
        if problem:
            raise ValidationError(f"The selected file is not a real {file_type.label}: it may be damaged. "
                                  "Open it, save it again and upload the new copy", code="content")
    return CheckedFile(content_type=file_type.content_type, kind=file_type.kind, size=size, extension=extension)
