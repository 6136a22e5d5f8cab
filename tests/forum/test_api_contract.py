"""The published contract: a valid OpenAPI 3 schema, interactive docs from our own static
files, and schemathesis finding no server error and no response outside the schema."""

import json
import os
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import requests
import yaml
from django.core.management import call_command
from openapi_spec_validator import validate

from forum.models import PartnerKey
from tests.conftest import build_world

pytestmark = pytest.mark.django_db

# CI (.ci/run sets CI_FUZZ=1) fuzzes harder: the coverage phase first (every value of
# every enum, so every `format`, of every operation), and at least 1,000 answers that
# are not a 429. `make test` runs a short fuzz; tests/forum/test_api_formats.py asks
# every endpoint in every format there.
CI_FUZZ = os.environ.get("CI_FUZZ") == "1"
PHASES = "coverage,fuzzing,stateful" if CI_FUZZ else "fuzzing,stateful"
MAX_EXAMPLES = "20" if CI_FUZZ else "15"
MINIMUM_ANSWERED = 1000 if CI_FUZZ else 300


def test_schema_is_valid_openapi_3_with_every_list_and_its_filters(client):
    response = client.get("/api/v1/schema/?format=json", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    schema = yaml.safe_load(response.content)
    validate(schema)
    cities = schema["paths"]["/api/v1/cities/"]["get"]
    parameters = {parameter["name"] for parameter in cities["parameters"]}
    assert {
        "updated_since",
        "country",
        "status",
        "region",
        "page",
        "page_size",
        "lang",
    } <= parameters
    assert {"search", "ordering", "format", "If-None-Match", "If-Modified-Since"} <= parameters
    assert {"200", "304", "400", "401", "429"} <= set(cities["responses"])
    assert {"ETag", "Last-Modified", "Content-Language"} <= set(
        cities["responses"]["200"]["headers"]
    )
    assert "Retry-After" in cities["responses"]["429"]["headers"]
    for resource in ("countries", "summits", "panels", "documents", "deletions", "board-seats"):
        assert f"/api/v1/{resource}/" in schema["paths"]
    assert "Keeping a copy in sync" in schema["info"]["description"]


def test_interactive_docs_load_their_scripts_from_the_portal_not_a_cdn(live_api):
    html = requests.get(f"{live_api.url}/api/v1/docs/", timeout=10).text
    assert "cdn" not in html.lower()
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in html
    script = requests.get(
        f"{live_api.url}/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js",
        timeout=10,
    )
    assert script.status_code == 200


def _operations(schema):
    """(path template, regex, formats it offers) of every GET operation of the schema."""
    operations = []
    for template, item in schema["paths"].items():
        formats = [
            value
            for parameter in item["get"].get("parameters", [])
            if parameter["name"] == "format"
            for value in parameter["schema"]["enum"]
        ]
        pattern = re.compile("^" + re.sub(r"\\{[^}]+\\}", "[^/]+", re.escape(template)) + "$")
        operations.append((template, pattern, formats))
    return operations


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_schemathesis_finds_no_server_error_and_no_response_outside_the_schema(
    live_api, tmp_path, capsys
):
    """On the demo data (links in Persian letters, decimal coordinates) and the test world
    (drafts), with a partner key so that no answer is a 429, every operation in every
    format: schemathesis's checks, response-schema conformance included, all pass."""
    call_command("load_demo", verbosity=0)
    build_world()
    _key, secret = PartnerKey.create(name="schemathesis", requests_per_minute=1_000_000)
    command = [
        str(Path(sys.executable).with_name("st")),
        "run",
        f"{live_api.url}/api/v1/schema/",
        "--header",
        f"Authorization: Api-Key {secret}",
        # The key above on every request: never a generated (or missing) one.
        "--generation-with-security-parameters",
        "false",
        "--checks",
        "not_a_server_error,status_code_conformance,content_type_conformance,"
        "response_headers_conformance,response_schema_conformance",
        "--phases",
        os.environ.get("SCHEMATHESIS_PHASES", PHASES),
        "--max-examples",
        os.environ.get("SCHEMATHESIS_MAX_EXAMPLES", MAX_EXAMPLES),
        "--seed",
        os.environ.get("SCHEMATHESIS_SEED", "20251126"),
        "--workers",
        "2",
        "--warnings",
        "off",
        "--report",
        "har",
        "--report-har-path",
        str(tmp_path / "requests.har"),
    ]
    # Run in tmp_path: schemathesis keeps a cache in its working folder.
    result = subprocess.run(
        command, capture_output=True, text=True, timeout=600, check=False, cwd=tmp_path
    )
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-2000:]
    assert "No issues found" in result.stdout
    # Counted from the recording of every request schemathesis made.
    entries = json.loads((tmp_path / "requests.har").read_text())["log"]["entries"]
    statuses = Counter(entry["response"]["status"] for entry in entries)
    answered = sum(count for status, count in statuses.items() if status != 429)
    with capsys.disabled():
        print(
            f"\nschemathesis: {sum(statuses.values())} requests, {answered} not 429, "
            f"by status {dict(sorted(statuses.items()))}"
        )
    assert not [status for status in statuses if status >= 500]
    assert answered >= MINIMUM_ANSWERED
    assert statuses[429] == 0
    # Every operation answered, and in CI in every format it offers and without one.
    schema = json.loads(
        requests.get(f"{live_api.url}/api/v1/schema/?format=json", timeout=30).content
    )
    seen, operations = Counter(), _operations(schema)
    for entry in entries:
        if entry["response"]["status"] == 429:
            continue
        url = urlsplit(entry["request"]["url"])
        asked = parse_qs(url.query).get("format", [""])[-1]
        for template, pattern, _formats in operations:
            if pattern.match(url.path):
                seen[template, asked] += 1
                seen[template] += 1
    assert not [template for template, _pattern, _formats in operations if not seen[template]]
    if "coverage" in command[command.index("--phases") + 1]:
        missing = [
            (template, value)
            for template, _pattern, formats in operations
            for value in ("", *formats)
            if not seen[template, value]
        ]
        assert not missing
