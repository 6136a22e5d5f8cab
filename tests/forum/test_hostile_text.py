"""Script, HTML, template syntax and iCalendar syntax in every translated field of every
model (both languages) are shown as text: on every public page, in JSON-LD, Open Graph,
iCalendar, the sitemap and the API's JSON and CSV.

The fields come from modeltranslation's registry, so a new translated field is covered
without touching this file. Values are written with a queryset update, as if they had
reached the database by any path."""

import csv
import html
import io
import json
import re

import pytest
from django.conf import settings
from modeltranslation.translator import translator
from modeltranslation.utils import build_localized_fieldname

from forum.models import PartnerKey
from summits.models import Summit

pytestmark = pytest.mark.django_db

XSS = '</script><script>alert(1)</script>"><img src=x onerror=alert(1)>{{ 7*7 }}'
# For columns too short for the whole payload (an organisation's acronym).
XSS_SHORT = "<script>alert(1)</script>"
ICAL = "x\r\nBEGIN:VEVENT\r\nSUMMARY:evil;a,b\\c\rEND:VCALENDAR\nDTSTART:1999" + "ی" * 60
FORMULA = '=HYPERLINK("http://evil.example/","click")'


def translated_columns():
    """(model, column, max_length) for every language of every translated field."""
    for model in translator.get_registered_models(abstract=False):
        for field in translator.get_options_for_model(model).fields:
            for language in settings.MODELTRANSLATION_LANGUAGES:
                column = build_localized_fieldname(field, language)
                yield model, column, model._meta.get_field(column).max_length


def fill_every_translated_field(payload, short=None):
    for model, column, max_length in translated_columns():
        value = payload if not max_length or len(payload) <= max_length else short
        if value is not None:
            model.objects.update(**{column: value})


def public_pages(world):
    pages = []
    for language in ("fa", "en"):
        pages += [
            f"/{language}/",
            f"/{language}/members/",
            f"/{language}/summits/",
            f"/{language}/board/",
            f"/{language}/search/?q=alert",
        ]
        pages += [f"/{language}/members/{slug}/" for slug in published_slugs("members")]
        pages += [f"/{language}/summits/{slug}/" for slug in published_slugs("summits")]
    return pages


def published_slugs(app):
    from members.models import City

    model = City if app == "members" else Summit
    return list(model.objects.public().values_list("slug", flat=True))


def assert_shown_as_text(body, url):
    assert "<script>alert(1)" not in body, url
    assert "<img src=x" not in body, url
    assert '"><img' not in body, url
    # The only scripts on a public page are its JSON-LD.
    assert body.count("<script") == body.count('<script type="application/ld+json">'), url


def test_script_and_html_in_every_translated_field_is_text_on_every_public_page(client, world):
    fill_every_translated_field(XSS, XSS_SHORT)
    pages = public_pages(world)
    escaped = html.escape(XSS, quote=False)
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        body = response.content.decode()
        assert_shown_as_text(body, url)
        # Shown, as text: the page holds the escaped payload, template syntax unevaluated.
        assert escaped in body or html.escape(XSS) in body, url
        assert "{{ 7*7 }}" in body, url
    assert len(pages) >= 20


def json_ld_blocks(body):
    return [
        json.loads(block)
        for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', body, re.S)
    ]


@pytest.mark.parametrize("language", ["fa", "en"])
def test_json_ld_carries_the_text_exactly_and_cannot_be_closed(client, world, language):
    fill_every_translated_field(XSS, XSS_SHORT)
    summit = world["gaziantep_summit"]
    body = client.get(f"/{language}/summits/{summit.slug}/").content.decode()
    [data] = json_ld_blocks(body)
    assert data["name"] == XSS
    assert data["description"] == XSS
    assert data["location"]["address"]["addressLocality"] == XSS
    city = client.get(f"/{language}/members/{world['kashan'].slug}/").content.decode()
    assert json_ld_blocks(city)[0]["name"] == XSS


def test_open_graph_and_description_meta_hold_the_text_as_an_attribute_value(client, world):
    fill_every_translated_field(XSS, XSS_SHORT)
    for url in (
        f"/en/summits/{world['gaziantep_summit'].slug}/",
        f"/fa/members/{world['kashan'].slug}/",
    ):
        body = client.get(url).content.decode()
        metas = dict(re.findall(r'<meta (?:property|name)="([^"]+)" content="([^"<>]*)">', body))
        assert html.unescape(metas["og:title"]) == XSS
        assert XSS in html.unescape(metas["og:description"])
        assert XSS in html.unescape(metas["description"])


def unfold(text):
    return text.replace("\r\n ", "")


ICAL_PROPERTIES = {
    "BEGIN",
    "END",
    "VERSION",
    "PRODID",
    "CALSCALE",
    "METHOD",
    "X-WR-CALNAME",
    "UID",
    "DTSTAMP",
    "DTSTART",
    "DTEND",
    "SUMMARY",
    "DESCRIPTION",
    "LOCATION",
    "URL",
    "TRANSP",
}


def ical_unescape(value):
    return re.sub(r"\\([\\;,nN])", lambda m: "\n" if m.group(1) in "nN" else m.group(1), value)


def assert_well_formed_calendar(text, events):
    assert text.endswith("\r\n")
    physical = text[:-2].split("\r\n")
    for line in physical:
        assert "\r" not in line and "\n" not in line
        assert len(line.encode()) <= 75, line
    lines = unfold(text)[:-2].split("\r\n")
    names = [re.match(r"[A-Z-]+", line).group() for line in lines]
    assert set(names) <= ICAL_PROPERTIES, set(names) - ICAL_PROPERTIES
    assert lines.count("BEGIN:VEVENT") == events == lines.count("END:VEVENT")
    assert lines.count("BEGIN:VCALENDAR") == 1 == lines.count("END:VCALENDAR")
    assert names.count("DTSTART") == events
    return lines


def property_values(lines, name):
    return [
        ical_unescape(line.split(":", 1)[1]) for line in lines if re.match(rf"{name}[;:]", line)
    ]


@pytest.mark.parametrize("language", ["fa", "en"])
def test_icalendar_text_cannot_add_a_property_or_an_event(client, world, language):
    fill_every_translated_field(ICAL, ICAL[:40])
    published = Summit.objects.public().count()
    feed = client.get(f"/{language}/summits/calendar.ics").content.decode()
    lines = assert_well_formed_calendar(feed, published)
    expected = ICAL.replace("\r\n", "\n").replace("\r", "\n")
    assert property_values(lines, "SUMMARY") == [expected] * published
    single = client.get(
        f"/{language}/summits/{world['gaziantep_summit'].slug}/calendar.ics"
    ).content.decode()
    lines = assert_well_formed_calendar(single, 1)
    assert property_values(lines, "X-WR-CALNAME") == [expected]
    assert property_values(lines, "LOCATION") == [f"{expected}, {expected}"]


def test_sitemap_is_well_formed_whatever_the_names(client, world):
    fill_every_translated_field(XSS, XSS_SHORT)
    body = client.get("/sitemap.xml").content.decode()
    assert "<script" not in body and "<img" not in body
    from xml.etree import ElementTree

    ElementTree.fromstring(body.encode())


def api_client(client):
    _key, secret = PartnerKey.create(name="hostile", requests_per_minute=100_000)
    client.defaults["HTTP_AUTHORIZATION"] = f"Api-Key {secret}"
    return client


def test_api_json_returns_the_text_exactly_as_stored(client, world):
    fill_every_translated_field(XSS, XSS_SHORT)
    client = api_client(client)
    response = client.get("/api/v1/dump/?lang=en")
    assert response["Content-Type"].startswith("application/json")
    dump = response.json()
    text = json.dumps(dump, ensure_ascii=False)
    assert text.count(json.dumps(XSS, ensure_ascii=False)) > 20
    summit = client.get(f"/api/v1/summits/{world['gaziantep_summit'].pk}/").json()
    assert summit["title"] == XSS
    assert summit["title_i18n"] == {"fa": XSS, "en": XSS}


LISTS = ("cities", "organisations", "people", "positions", "summits", "panels", "documents")


def test_api_csv_never_hands_a_spreadsheet_a_formula(client, world):
    fill_every_translated_field(FORMULA, "=1+1")
    client = api_client(client)
    for name in LISTS:
        response = client.get(f"/api/v1/{name}/?format=csv&page_size=500")
        assert response.status_code == 200
        rows = list(csv.reader(io.StringIO(response.content.decode())))
        cells = [cell for row in rows[1:] for cell in row]
        assert f"'{FORMULA}" in cells or "'=1+1" in cells, name
        for cell in cells:
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), (name, cell)
