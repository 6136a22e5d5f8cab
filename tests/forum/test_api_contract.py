"""The published contract: a valid OpenAPI 3 schema, interactive docs from our own static
files, and schemathesis finding no server error and no response outside the schema."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import requests
import yaml
from openapi_spec_validator import validate

from forum.models import PartnerKey
from tests.conftest import build_world

pytestmark = pytest.mark.django_db

# CI (.ci/run sets CI_FUZZ=1) fuzzes harder: at least 1,000 generated requests in all.
CI_FUZZ = os.environ.get("CI_FUZZ") == "1"
MAX_EXAMPLES = "45" if CI_FUZZ else "25"
MINIMUM_REQUESTS = 1000 if CI_FUZZ else 300


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


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_schemathesis_finds_no_server_error_and_no_response_outside_the_schema(live_api, tmp_path):
    build_world()
    _key, secret = PartnerKey.create(name="schemathesis", requests_per_minute=1_000_000)
    command = [
        str(Path(sys.executable).with_name("st")),
        "run",
        f"{live_api.url}/api/v1/schema/",
        "--header",
        f"Authorization: Api-Key {secret}",
        "--checks",
        "not_a_server_error,status_code_conformance,content_type_conformance,"
        "response_headers_conformance,response_schema_conformance",
        # Bounded: generated requests per operation, in the fuzzing and stateful phases.
        "--phases",
        "fuzzing,stateful",
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
        command, capture_output=True, text=True, timeout=300, check=False, cwd=tmp_path
    )
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-2000:]
    assert "No issues found" in result.stdout
    # Counted from the recording of every request schemathesis made.
    entries = json.loads((tmp_path / "requests.har").read_text())["log"]["entries"]
    statuses = [entry["response"]["status"] for entry in entries]
    print(f"schemathesis: {len(statuses)} requests, statuses {sorted(set(statuses))}")
    assert not [status for status in statuses if status >= 500]
    assert len(statuses) >= MINIMUM_REQUESTS
