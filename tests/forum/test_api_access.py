"""Who may read what: keys, rate limits, read-only, drafts and private fields."""

import datetime

import pytest
from django.utils import timezone

from forum.models import PartnerKey
from members.models import City, Person
from tests import factories

pytestmark = pytest.mark.django_db

LISTS = (
    "cities",
    "countries",
    "organisations",
    "people",
    "positions",
    "board-seats",
    "summits",
    "general-assemblies",
    "board-sessions",
    "panels",
    "participations",
    "documents",
    "deletions",
)


def _auth(key):
    return {"HTTP_AUTHORIZATION": f"Api-Key {key}"}


def test_root_lists_every_resource(client):
    links = client.get("/api/v1/").json()
    assert set(LISTS) | {"dump", "schema", "docs"} == set(links)


def test_a_key_is_stored_hashed_and_its_use_is_recorded(client):
    key, secret = PartnerKey.create(name="UCLG")
    assert secret.split(".")[1] not in key.hashed_secret
    assert client.get("/api/v1/cities/", **_auth(secret)).status_code == 200
    key.refresh_from_db()
    assert key.last_used_at is not None


@pytest.mark.parametrize("state", ["unknown", "revoked", "expired"])
def test_an_unknown_revoked_or_expired_key_is_refused_with_401(client, state):
    key, secret = PartnerKey.create(name="Old partner")
    if state == "unknown":
        secret = f"{key.prefix}.not-the-secret"
    elif state == "revoked":
        PartnerKey.objects.filter(pk=key.pk).update(revoked_at=timezone.now())
    else:
        PartnerKey.objects.filter(pk=key.pk).update(
            expires_at=timezone.now() - datetime.timedelta(days=1)
        )
    response = client.get("/api/v1/cities/", **_auth(secret))
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Api-Key"


def test_anonymous_clients_are_limited_sooner_than_partners(client, settings):
    settings.API_ANONYMOUS_RATE = "3/min"
    settings.API_PARTNER_RATE = "5/min"
    _key, secret = PartnerKey.create(name="UCLG")
    statuses = [client.get("/api/v1/summits/").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    refused = client.get("/api/v1/summits/")
    assert int(refused["Retry-After"]) > 0
    assert "detail" in refused.json()
    # The key has its own count, untouched by the anonymous ones.
    statuses = [client.get("/api/v1/summits/", **_auth(secret)).status_code for _ in range(6)]
    assert statuses == [200] * 5 + [429]


def test_each_key_has_its_own_limit(client, settings):
    settings.API_PARTNER_RATE = "2/min"
    _key, generous = PartnerKey.create(name="ECO", requests_per_minute=4)
    _key, default = PartnerKey.create(name="ASEAN")
    assert [client.get("/api/v1/", **_auth(generous)).status_code for _ in range(5)] == [
        200,
        200,
        200,
        200,
        429,
    ]
    assert [client.get("/api/v1/", **_auth(default)).status_code for _ in range(3)] == [
        200,
        200,
        429,
    ]


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_writes_are_not_allowed(client, world, method):
    city = world["kashan"]
    for url in ("/api/v1/cities/", f"/api/v1/cities/{city.pk}/"):
        assert getattr(client, method)(url, {}, content_type="application/json").status_code == 405


def test_drafts_are_never_visible(client, world):
    payload = client.get("/api/v1/dump/?lang=en").content.decode()
    for hidden in ("w-draft-city", "w-draft-summit", world["hidden_person"].slug):
        assert hidden not in payload
    person = world["hidden_person"]
    assert client.get(f"/api/v1/people/{person.pk}/").status_code == 404
    panels = client.get("/api/v1/panels/?page_size=500").json()["results"]
    speakers = {talk["speaker"] for panel in panels for talk in panel["talks"]}
    assert person.pk not in speakers
    seats = client.get("/api/v1/board-seats/").json()["results"]
    draft_city = City.objects.get(slug="w-draft-city")
    assert len(seats) == 2
    assert draft_city.pk not in {seat["city"] for seat in seats}
    participations = client.get("/api/v1/participations/?page_size=500").json()["results"]
    assert draft_city.pk not in {participation["city"] for participation in participations}


def _every_response(client):
    """Every list page (both languages, JSON and CSV), every record, the dump and the schema."""
    _key, secret = PartnerKey.create(name="scanner", requests_per_minute=100_000)
    client.defaults.update(_auth(secret))
    for language in ("fa", "en"):
        yield client.get(f"/api/v1/dump/?lang={language}")
        yield client.get(f"/api/v1/schema/?lang={language}")
        for name in LISTS:
            url = f"/api/v1/{name}/?lang={language}&page_size=500"
            page = client.get(url)
            yield page
            yield client.get(url + "&format=csv")
            if name in ("countries", "deletions"):
                continue
            for record in page.json()["results"]:
                yield client.get(f"/api/v1/{name}/{record['id']}/?lang={language}")


def test_no_response_carries_a_private_contact_value(client, world, private_values):
    count = 0
    for response in _every_response(client):
        assert response.status_code == 200
        body = response.content.decode()
        for secret in private_values:
            assert secret not in body
        assert '"email"' not in body and '"phone"' not in body
        count += 1
    assert count > 50


def test_a_serializer_cannot_list_a_private_field():
    from django.core.exceptions import ImproperlyConfigured

    from common.api import BilingualSerializer

    class Leaky(BilingualSerializer):
        class Meta:
            model = Person
            fields = ("id", "email")

    with pytest.raises(ImproperlyConfigured):
        _ = Leaky(factories.PersonFactory.build()).data


def test_staff_issue_a_key_in_the_admin_and_see_it_once(admin_client):
    response = admin_client.post(
        "/en/admin/forum/partnerkey/add/",
        {"name": "UN-Habitat", "requests_per_minute": "", "expires_at_0": "", "expires_at_1": ""},
        follow=True,
    )
    assert response.status_code == 200
    key = PartnerKey.objects.get(name="UN-Habitat")
    shown = [str(message) for message in response.context["messages"]]
    full = next(text for text in shown if key.prefix in text).split(" is ")[1].split(" ")[0]
    assert PartnerKey.objects.find(full) == key
    page = admin_client.get(f"/en/admin/forum/partnerkey/{key.pk}/change/").content.decode()
    assert full not in page


def test_staff_revoke_a_key_in_the_admin(admin_client, client):
    key, secret = PartnerKey.create(name="Old partner")
    admin_client.post(
        "/en/admin/forum/partnerkey/",
        {"action": "revoke", "_selected_action": [key.pk]},
    )
    key.refresh_from_db()
    assert key.revoked_at is not None
    assert client.get("/api/v1/", HTTP_AUTHORIZATION=f"Api-Key {secret}").status_code == 401
