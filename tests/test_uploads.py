"""Uploaded documents, logos and photos: accepted by content, within a size, stored under
a name the portal makes, and served so that no browser runs them as a page."""

import io
import re
import zipfile

import openpyxl
import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from PIL import Image

from members.models import City
from summits.models import Document
from tests import factories

pytestmark = pytest.mark.django_db

PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)
HTML = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"
SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'


def image(format_name):
    out = io.BytesIO()
    Image.new("RGB", (8, 8), "red").save(out, format=format_name)
    return out.getvalue()


def ooxml(main_type):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr(
            "[Content_Types].xml",
            f'<Types><Override PartName="/word/document.xml" ContentType="{main_type}"/></Types>',
        )
        archive.writestr("word/document.xml", "<document/>")
    return out.getvalue()


def odf(mimetype):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("mimetype", mimetype, compress_type=zipfile.ZIP_STORED)
        archive.writestr("content.xml", "<office:document-content/>")
    return out.getvalue()


def xlsx():
    out = io.BytesIO()
    openpyxl.Workbook().save(out)
    return out.getvalue()


DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
DOCM_TYPE = "application/vnd.ms-word.document.macroEnabled.main+xml"


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def document_with(name, content):
    document = factories.DocumentFactory.build(url="", summit=factories.SummitFactory())
    document.file = SimpleUploadedFile(name, content)
    return document


ACCEPTED = [
    ("declaration.pdf", PDF),
    ("photo.JPG", image("JPEG")),
    ("photo.jpeg", image("JPEG")),
    ("chart.png", image("PNG")),
    ("chart.webp", image("WEBP")),
    ("minutes.docx", ooxml(DOCX_TYPE)),
    ("figures.xlsx", xlsx()),
    ("minutes.odt", odf("application/vnd.oasis.opendocument.text")),
    ("figures.ods", odf("application/vnd.oasis.opendocument.spreadsheet")),
]


@pytest.mark.parametrize(("name", "content"), ACCEPTED, ids=[name for name, _ in ACCEPTED])
def test_a_real_document_is_accepted_and_stored_under_a_generated_name(name, content):
    document = document_with(name, content)
    document.full_clean()
    document.save()
    extension = {"jpeg": "jpg", "JPG": "jpg"}.get(name.rsplit(".", 1)[1], name.rsplit(".", 1)[1])
    assert re.fullmatch(rf"documents/\d{{4}}/[0-9a-f]{{32}}\.{extension}", document.file.name)
    with document.file.open("rb") as stored:
        assert stored.read() == content


REFUSED = [
    ("a PNG renamed .pdf", "report.pdf", image("PNG"), "holds a PNG image"),
    ("an HTML page named .pdf", "report.pdf", HTML, "not accepted"),
    ("an SVG image", "logo.svg", SVG, "not accepted"),
    ("an SVG named .png", "logo.png", SVG, "not accepted"),
    ("an HTML page", "index.html", HTML, "not accepted"),
    ("a PDF named .docx", "minutes.docx", PDF, "holds a PDF document"),
    ("a macro-enabled Word file", "minutes.docx", ooxml(DOCM_TYPE), "not accepted"),
    ("a plain zip", "minutes.docx", odf("application/zip"), "not accepted"),
    ("a broken zip", "minutes.xlsx", b"PK\x03\x04broken", "not accepted"),
    ("an executable", "setup.pdf", b"MZ\x90\x00" + b"\x00" * 100, "not accepted"),
    ("an empty file", "empty.pdf", b"", "not accepted"),
    ("a script", "run.pdf", b"#!/bin/sh\nrm -rf /\n", "not accepted"),
]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [case[1:] for case in REFUSED],
    ids=[case[0] for case in REFUSED],
)
def test_a_file_is_refused_by_its_content_whatever_its_name(name, content, message):
    document = document_with(name, content)
    with pytest.raises(ValidationError) as error:
        document.full_clean()
    assert list(error.value.message_dict) == ["file"]
    assert message in error.value.message_dict["file"][0]


def test_an_oversized_document_is_refused_with_a_clear_message():
    content = PDF + b"0" * (20 * 1024 * 1024)
    document = document_with("big.pdf", content)
    with pytest.raises(ValidationError) as error:
        document.full_clean()
    assert error.value.message_dict["file"] == ["The file is too large: the limit is 20.0\xa0MB."]


def test_an_oversized_logo_is_refused_and_a_document_may_be_larger():
    big_png = image("PNG") + b"\x00" * (2 * 1024 * 1024)
    city = factories.CityFactory.build(logo=SimpleUploadedFile("logo.png", big_png))
    with pytest.raises(ValidationError) as error:
        city.full_clean()
    assert "the limit is 2.0\xa0MB" in error.value.message_dict["logo"][0]


def test_a_logo_or_photo_must_be_an_image_not_a_pdf():
    city = factories.CityFactory.build(logo=SimpleUploadedFile("logo.pdf", PDF))
    with pytest.raises(ValidationError) as error:
        city.full_clean()
    assert "not accepted" in error.value.message_dict["logo"][0]
    person = factories.PersonFactory.build(photo=SimpleUploadedFile("me.png", image("PNG")))
    person.full_clean()


@pytest.mark.parametrize(
    "name",
    ["../../x.pdf", "<script>alert(1)</script>.pdf", "سند " * 75 + ".pdf", "a\x00b.pdf"],
    ids=["path traversal", "script", "300 Persian characters", "null"],
)
def test_a_hostile_file_name_never_reaches_the_disk(name, media_root):
    document = document_with(name, PDF)
    document.full_clean()
    document.save()
    assert re.fullmatch(r"documents/\d{4}/[0-9a-f]{32}\.pdf", document.file.name)
    stored = [path for path in media_root.rglob("*") if path.is_file()]
    assert [path.relative_to(media_root).as_posix() for path in stored] == [document.file.name]


def test_the_admin_refuses_a_png_named_pdf_and_stores_a_real_pdf_safely(client, media_root):
    from django.contrib.auth import get_user_model

    from tests.admin.forms import admin_url, page_form_data

    admin = get_user_model().objects.create_superuser("admin", password="Forum-admin-1")
    client.force_login(admin)
    document = factories.DocumentFactory(title_fa="بیانیه")
    url = admin_url("summits_document_change", document.pk, language="en")
    data = page_form_data(client.get(url), "en")
    data["file"] = SimpleUploadedFile("report.pdf", image("PNG"))
    response = client.post(url, data)
    assert response.status_code == 200
    assert "holds a PNG image" in response.content.decode()
    assert not [path for path in media_root.rglob("*") if path.is_file()]

    data["file"] = SimpleUploadedFile("../<script>.pdf", PDF)
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    document.refresh_from_db()
    assert re.fullmatch(r"documents/\d{4}/[0-9a-f]{32}\.pdf", document.file.name)

    data = page_form_data(client.get(admin_url("members_city_add", language="en")), "en")
    data.update(slug="x", name_en="X", country="IR", region="west")
    data["logo"] = SimpleUploadedFile("logo.svg", SVG)
    response = client.post(admin_url("members_city_add", language="en"), data)
    assert response.status_code == 200
    assert "logo" in response.context["adminform"].form.errors
    assert not City.objects.filter(slug="x").exists()


def test_uploaded_files_are_served_with_their_type_nosniff_and_a_sandbox(client):
    document = document_with("minutes.pdf", PDF)
    document.save()
    response = client.get(document.file.url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"] == "inline"
    assert "sandbox" in response["Content-Security-Policy"]
    assert b"".join(response.streaming_content) == PDF

    office = document_with("minutes.docx", ooxml(DOCX_TYPE))
    office.save()
    response = client.get(office.file.url)
    assert response["Content-Disposition"] == "attachment"
    assert b"".join(response.streaming_content).startswith(b"PK")


def test_only_files_of_an_accepted_kind_are_served(client, media_root):
    (media_root / "documents").mkdir()
    (media_root / "documents" / "page.html").write_bytes(HTML)
    assert client.get("/media/documents/page.html").status_code == 404
    assert client.get("/media/../forum/settings.py").status_code == 404
    assert client.get("/media/documents/").status_code == 404
    assert Document.objects.count() == 0


def test_the_refusal_is_in_persian_for_the_persian_admin():
    document = document_with("report.pdf", HTML)
    with translation.override("fa"):
        with pytest.raises(ValidationError) as error:
            document.full_clean()
        messages = error.value.message_dict["file"]
    assert messages == [
        "این نوع پرونده پذیرفته نیست. یکی از این‌ها را بارگذاری کنید: "
        "docx، jpg، odp، ods، odt، pdf، png، pptx، webp، xlsx."
    ]
