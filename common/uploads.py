"""Uploaded files, checked by what they hold and stored under names the portal makes.

A file is recognised by its first bytes (and, for office documents, by the zip
container's own declaration of what it is), never by its name or the browser's
content type: a PDF starts with `%PDF-`, a PNG with its signature, a Word or
Excel file is a zip whose `[Content_Types].xml` declares a document or a
workbook, an OpenDocument file is a zip whose first entry `mimetype` says which.
Everything else — HTML, SVG, scripts, executables, macro-enabled office files —
is refused, and so is a file whose name claims another type than its content
(a PNG named `.pdf`).

The checks are validators on the model fields, so the admin, an import and
`full_clean()` in the shell all apply them. The stored name is a random UUID
and the extension of the verified type: what the uploader called the file
(`../../x.pdf`, `<script>.pdf`, 300 characters of Persian) never reaches the
disk or a URL.
"""

import datetime
import posixpath
import uuid
import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.deconstruct import deconstructible
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Kind:
    extension: str
    names: tuple[str, ...]  # extensions a name of this kind may carry
    content_type: str
    label: str


KINDS = {
    kind.extension: kind
    for kind in (
        Kind("pdf", ("pdf",), "application/pdf", _("a PDF document")),
        Kind("jpg", ("jpg", "jpeg", "jpe"), "image/jpeg", _("a JPEG image")),
        Kind("png", ("png",), "image/png", _("a PNG image")),
        Kind("webp", ("webp",), "image/webp", _("a WebP image")),
        Kind(
            "docx",
            ("docx",),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            _("a Word document"),
        ),
        Kind(
            "xlsx",
            ("xlsx",),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            _("an Excel workbook"),
        ),
        Kind(
            "pptx",
            ("pptx",),
            "application/vnd.openxmlformats-officedocument.presentationml.presentation",
            _("a PowerPoint presentation"),
        ),
        Kind("odt", ("odt",), "application/vnd.oasis.opendocument.text", _("an OpenDocument text")),
        Kind(
            "ods",
            ("ods",),
            "application/vnd.oasis.opendocument.spreadsheet",
            _("an OpenDocument spreadsheet"),
        ),
        Kind(
            "odp",
            ("odp",),
            "application/vnd.oasis.opendocument.presentation",
            _("an OpenDocument presentation"),
        ),
    )
}
IMAGES = ("jpg", "png", "webp")
DOCUMENTS = ("pdf", *IMAGES, "docx", "xlsx", "pptx", "odt", "ods", "odp")

# The main part an OOXML package declares in [Content_Types].xml (macro-enabled ones differ).
_OOXML_MAIN = {
    b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml": "docx",
    b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml": "xlsx",
    b"application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml": "pptx",
}
_ODF = {
    b"application/vnd.oasis.opendocument.text": "odt",
    b"application/vnd.oasis.opendocument.spreadsheet": "ods",
    b"application/vnd.oasis.opendocument.presentation": "odp",
}


def _zip_kind(file) -> str | None:
    try:
        with zipfile.ZipFile(file) as archive:
            names = archive.namelist()
            if any(name.lower().endswith("vbaproject.bin") for name in names):
                return None  # macros
            if names and names[0] == "mimetype":
                with archive.open("mimetype") as entry:
                    return _ODF.get(entry.read(100).strip())
            if "[Content_Types].xml" in names:
                with archive.open("[Content_Types].xml") as entry:
                    declared = entry.read(1_000_000)
                found = {kind for marker, kind in _OOXML_MAIN.items() if marker in declared}
                return found.pop() if len(found) == 1 else None
    except (zipfile.BadZipFile, OSError, KeyError, RuntimeError, NotImplementedError):
        return None
    return None


def sniff(file) -> str | None:
    """The extension of the accepted type that `file` holds (by content), or None."""
    file.seek(0)
    head = file.read(16)
    try:
        if head.startswith(b"%PDF-"):
            return "pdf"
        if head.startswith(b"\x89PNG\r\n\x1a\n"):
            return "png"
        if head.startswith(b"\xff\xd8\xff"):
            return "jpg"
        if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
            return "webp"
        if head.startswith(b"PK\x03\x04"):
            file.seek(0)
            return _zip_kind(file)
        return None
    finally:
        file.seek(0)


def _image_is_whole(file) -> bool:
    from PIL import Image, UnidentifiedImageError

    try:
        file.seek(0)
        with Image.open(file) as image:
            image.verify()
        return True
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        return False
    finally:
        file.seek(0)


def _accepted_list(kinds) -> str:
    separator = "، " if get_language() == "fa" else ", "
    return separator.join(sorted({KINDS[kind].names[0] for kind in kinds}))


@deconstructible
class FileContentValidator:
    """Refuses a new upload whose content is not one of `kinds`, whose name claims another
    type, or which is larger than the setting `size_setting` (bytes)."""

    messages = {
        "type": _("This type of file is not accepted. Upload one of: %(accepted)s."),
        "name": _(
            "The file is named “%(name)s” but holds %(kind)s: give it the extension of what it is."
        ),
        "size": _("The file is too large: the limit is %(limit)s."),
        "image": _("The image is damaged or incomplete."),
    }

    def __init__(self, kinds, size_setting):
        self.kinds = tuple(kinds)
        self.size_setting = size_setting

    def __call__(self, value):
        # Only a new upload is checked: a stored file was checked when it came in.
        if not value or getattr(value, "_committed", True):
            return
        limit = getattr(settings, self.size_setting)
        if value.size > limit:
            raise ValidationError(
                self.messages["size"],
                code="file_too_large",
                params={"limit": filesizeformat(limit)},
            )
        kind = sniff(value.file)
        if kind not in self.kinds:
            raise ValidationError(
                self.messages["type"],
                code="file_type",
                params={"accepted": _accepted_list(self.kinds)},
            )
        extension = posixpath.splitext(value.name or "")[1].lstrip(".").lower()
        if extension not in KINDS[kind].names:
            raise ValidationError(
                self.messages["name"],
                code="file_name",
                params={
                    "name": posixpath.basename(value.name or "")[-60:],
                    "kind": KINDS[kind].label,
                },
            )
        if kind in IMAGES and not _image_is_whole(value.file):
            raise ValidationError(self.messages["image"], code="image")

    def __eq__(self, other):
        return (
            isinstance(other, FileContentValidator)
            and self.kinds == other.kinds
            and self.size_setting == other.size_setting
        )


@deconstructible
class SafeUploadTo:
    """upload_to: `<folder>/<uuid>.<extension of the verified content>`; `folder` may hold
    strftime codes (documents/%Y/). The uploader's file name is not used at all."""

    def __init__(self, folder, field):
        self.folder = folder
        self.field = field

    def __call__(self, instance, filename):
        file = getattr(instance, self.field)
        kind = sniff(file.file) if file and not file._committed else None
        name = f"{uuid.uuid4().hex}.{kind or 'bin'}"
        return posixpath.join(datetime.datetime.now().strftime(self.folder), name)

    def __eq__(self, other):
        return (
            isinstance(other, SafeUploadTo)
            and self.folder == other.folder
            and self.field == other.field
        )


def content_type(path: str) -> str | None:
    """The content type the portal serves a stored file with, from its (verified) extension."""
    kind = KINDS.get(posixpath.splitext(path)[1].lstrip(".").lower())
    return kind.content_type if kind else None
