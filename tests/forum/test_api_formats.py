"""Every `?format=` that any API endpoint accepts, asked of every endpoint: a 200 in that
format, or a 4xx whose JSON names `format`; never a 500 (the dump as CSV was one)."""

import csv
import io

import pytest
from django.urls import reverse

from forum.api import urls as api_urls
from summits.models import Document

pytestmark = pytest.mark.django_db

UNKNOWN = "xml"


def _patterns():
    return [pattern for pattern in api_urls.urlpatterns if pattern.name]


def accepted_formats():
    """Every format any API view renders, read from the views themselves."""
    return {
        renderer.format
        for pattern in _patterns()
        for renderer in pattern.callback.cls.renderer_classes
        if renderer.format
    }


def api_endpoints(client):
    """Every URL of /api/v1/ by its name; a detail with the id of a public record."""
    endpoints = {}
    for pattern in _patterns():
        name = pattern.name
        if name.endswith("-detail"):
            listed = client.get(reverse(f"api:{name.removesuffix('-detail')}-list")).json()
            assert listed["results"], name
            endpoints[name] = reverse(f"api:{name}", args=[listed["results"][0]["id"]])
        else:
            endpoints[name] = reverse(f"api:{name}")
    endpoints["docs script"] = reverse("api:docs") + "?script="
    return endpoints


@pytest.fixture
def registry(demo_data):
    """The demo data (decimal coordinates, Persian links) and one tombstone in the feed."""
    document = Document.objects.filter(is_published=True).order_by("id").first()
    document.is_published = False
    document.save()


def _answer(client, url, value):
    separator = "&" if "?" in url else "?"
    return client.get(f"{url}{separator}format={value}")


def test_every_endpoint_answers_every_format_with_200_in_it_or_a_json_4xx_naming_format(
    client, registry, settings
):
    settings.API_ANONYMOUS_RATE = "10000/min"
    client.raise_request_exception = False  # a 500 is a finding, not a crash of the test
    formats = accepted_formats()
    assert {"json", "csv", "yaml", "html"} <= formats
    assert UNKNOWN not in formats
    endpoints = api_endpoints(client)
    assert {"dump", "deletions", "schema", "docs", "root", "city-detail"} <= set(endpoints)
    wrong, answered = [], 0
    for name, url in endpoints.items():
        for value in sorted(formats | {UNKNOWN}):
            response = _answer(client, url, value)
            if response.status_code == 200:
                answered += 1
                if response.accepted_renderer.format != value:
                    wrong.append((name, value, 200, response.accepted_renderer.format))
            elif not 400 <= response.status_code < 500:
                wrong.append((name, value, response.status_code, response.content[-300:]))
            elif not response["Content-Type"].startswith("application/json"):
                wrong.append((name, value, response.status_code, response["Content-Type"]))
            elif "format" not in response.json():
                wrong.append((name, value, response.status_code, response.json()))
    assert not wrong
    # json and csv on every resource, yaml and json on the schema, html on the docs.
    assert answered >= 2 * (len(endpoints) - 3) + 2 + 2


def test_a_format_an_endpoint_does_not_offer_is_a_400_listing_those_it_does(client):
    assert client.get("/api/v1/schema/?format=csv", HTTP_ACCEPT_LANGUAGE="en").json() == {
        "format": ["Choose one of: yaml, json."]
    }
    assert client.get("/api/v1/docs/?format=json", HTTP_ACCEPT_LANGUAGE="en").json() == {
        "format": ["Choose one of: html."]
    }
    assert client.get("/api/v1/cities/?format=xml", HTTP_ACCEPT_LANGUAGE="fa").json() == {
        "format": ["یکی از این‌ها را انتخاب کنید: json, csv."]
    }


def test_the_dump_as_csv_has_one_row_per_public_record_with_its_resource_first(client, registry):
    dump = client.get("/api/v1/dump/?lang=en").json()["resources"]
    response = client.get("/api/v1/dump/?format=csv&lang=en")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert next(iter(rows[0])) == "resource"
    assert len(rows) == sum(len(records) for records in dump.values())
    for resource, records in dump.items():
        assert [row["id"] for row in rows if row["resource"] == resource] == [
            str(record.get("id", "")) if "id" in record else "" for record in records
        ], resource
    kashan = next(row for row in rows if row["resource"] == "cities" and row["slug"] == "kashan")
    assert kashan["name"] == "Kashan"
    assert float(kashan["latitude"]) > 30  # a decimal: the value the JSON encoder refused
