"""The schema and the data agree on links: every answer of the API on the demo data,
each list and each record in both languages, is valid against the published OpenAPI
schema (jsonschema_rs, formats checked), and a link stored as an IRI in Persian letters
(a yjc.ir news link) leaves the API as the `format: uri` it is declared."""

import json
from urllib.parse import unquote

import jsonschema_rs
import pytest
from django.apps import apps
from django.db import models

pytestmark = pytest.mark.django_db

LANGUAGES = ("fa", "en")


def json_schema(node):
    """OpenAPI 3.0 schema objects as JSON Schema draft 4: `nullable` becomes a null type."""
    if isinstance(node, list):
        return [json_schema(item) for item in node]
    if not isinstance(node, dict):
        return node
    node = {key: json_schema(value) for key, value in node.items()}
    if node.pop("nullable", False) is True:
        if "type" in node and "$ref" not in node:
            node["type"] = [node["type"], "null"]
            if "enum" in node and None not in node["enum"]:
                node["enum"] = [*node["enum"], None]
        else:
            return {"anyOf": [node, {"type": "null"}]}
    return node


class Schema:
    """The published schema, with a validator per response schema."""

    def __init__(self, document):
        self.document = document
        self.components = json_schema(document["components"])
        self._validators = {}

    def response_schema(self, path):
        return self.document["paths"][path]["get"]["responses"]["200"]["content"][
            "application/json"
        ]["schema"]

    def errors(self, path, data):
        reference = self.response_schema(path)["$ref"]
        if reference not in self._validators:
            self._validators[reference] = jsonschema_rs.Draft4Validator(
                {"$ref": reference, "components": self.components}, validate_formats=True
            )
        return [
            f"{error.instance_path}: {error.message}"
            for error in self._validators[reference].iter_errors(data)
        ]

    def uri_properties(self):
        """The names of every property the schema declares `format: uri`."""
        names = set()

        def walk(node):
            if isinstance(node, dict):
                for name, prop in node.get("properties", {}).items():
                    branches = [prop, *prop.get("oneOf", []), *prop.get("anyOf", [])]
                    if any(branch.get("format") == "uri" for branch in branches):
                        names.add(name)
                for value in node.values():
                    walk(value)
            elif isinstance(node, list):
                for value in node:
                    walk(value)

        walk(self.document["components"])
        return names


@pytest.fixture
def schema(client):
    response = client.get("/api/v1/schema/?format=json", HTTP_ACCEPT_LANGUAGE="en")
    return Schema(json.loads(response.content))


def values_of(data, names):
    """(name, value) of every non-empty value under one of `names`, at any depth."""
    if isinstance(data, dict):
        for key, value in data.items():
            if key in names and isinstance(value, str) and value:
                yield key, value
            else:
                yield from values_of(value, names)
    elif isinstance(data, list):
        for item in data:
            yield from values_of(item, names)


def stored_iris():
    """Every link the database holds with a letter outside ASCII, by field name."""
    found = []
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if isinstance(field, models.URLField) and not model.__name__.startswith("Historical"):
                for value in model._default_manager.values_list(field.attname, flat=True):
                    if value and not value.isascii():
                        found.append((model, field.name, value))
    return found


def test_every_answer_on_the_demo_data_is_valid_against_the_schema_links_included(
    client, demo_data, schema, settings
):
    settings.API_ANONYMOUS_RATE = "100000/min"
    uri_names = schema.uri_properties()
    # Every link of every model is declared a URI, and more (pages, files, the root).
    link_fields = {
        field.name
        for model in apps.get_models()
        for field in model._meta.concrete_fields
        if isinstance(field, (models.URLField, models.FileField))
    }
    assert {"archive_url", "website", "url", "logo", "photo", "file"} <= link_fields
    assert link_fields <= uri_names
    assert {"next", "previous", "cities"} <= uri_names

    checked, links, invalid = 0, [], []
    for path in schema.document["paths"]:
        if "{id}" in path:
            continue  # each record is asked for below, from its list
        for language in LANGUAGES:
            separator = "?" if path.endswith("/") else "&"
            query = "page_size=500&" if "page_size" in _parameters(schema, path) else ""
            url = f"{path}{separator}{query}lang={language}"
            answers = [(path, url, client.get(url))]
            if query and answers[0][2].json()["count"] >= 3:  # a middle page: both links
                answers.append((path, f"{path}?page_size=1&page=2&lang={language}", None))
            detail = f"{path}{{id}}/"
            if detail in schema.document["paths"]:
                answers += [
                    (detail, f"{path}{record['id']}/?lang={language}", None)
                    for record in answers[0][2].json()["results"]
                ]
            for template, asked, response in answers:
                response = response or client.get(asked)
                assert response.status_code == 200, asked
                data = response.json()
                invalid += [(asked, error) for error in schema.errors(template, data)]
                links += list(values_of(data, uri_names))
                checked += 1
    assert not invalid
    assert checked > 300
    # Links of every kind the demo data has were among those checked, Persian ones included.
    assert {"url", "website", "next", "previous", "cities"} <= {name for name, _value in links}
    for _model, _name, iri in stored_iris():
        encoded = [value for name, value in links if unquote(value) == iri]
        assert encoded, iri
        assert all(value.isascii() for value in encoded)


def test_the_validator_refuses_a_link_in_persian_letters(client, demo_data, schema):
    """The check above can fail: the raw IRI, as stored, is not the declared URI."""
    from common.models import Source
    from members.models import City

    yjc = [item for item in stored_iris() if "yjc.ir" in item[2]]
    assert yjc, "the demo data has a yjc.ir link in Persian letters"
    _model, _name, iri = yjc[0]
    city = City.objects.filter(sources=Source.objects.get(url=iri)).first()
    path = "/api/v1/cities/{id}/"
    data = client.get(f"/api/v1/cities/{city.pk}/").json()
    (cited,) = [source for source in data["sources"] if unquote(source["url"]) == iri]
    assert cited["url"] != iri
    assert not schema.errors(path, data)
    cited["url"] = iri
    assert schema.errors(path, data)


def _parameters(schema, path):
    return {parameter["name"] for parameter in schema.document["paths"][path]["get"]["parameters"]}
