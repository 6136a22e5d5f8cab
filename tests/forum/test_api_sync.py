"""A partner keeps a copy of the registry over real HTTP: full pull, then incremental sync."""

import pytest
import requests
from django.core.management import call_command
from django.utils import timezone

from forum.models import PartnerKey
from members.models import City
from summits.models import Document, Panel, Participation
from tests.conftest import build_world

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]

LANGUAGES = ("fa", "en")


class Partner:
    """What a partner's sync job does: page through every list, then apply changes."""

    def __init__(self, base_url, key):
        self.base = f"{base_url}/api/v1/"
        self.http = requests.Session()
        self.http.headers["Authorization"] = f"Api-Key {key}"
        self.requests = 0

    def get(self, url, **params):
        response = self.http.get(url, params=params, timeout=30)
        self.requests += 1
        assert response.status_code == 200, (url, response.status_code, response.text[:300])
        return response

    def resources(self):
        links = self.get(self.base).json()
        return {name: url for name, url in links.items() if name not in ("dump", "schema", "docs")}

    def pull(self, url, **params):
        """Every record of one list, page by page (small pages, to exercise `next`)."""
        records, page = [], self.get(url, page_size=7, **params).json()
        records += page["results"]
        while page["next"]:
            page = self.get(page["next"]).json()
            records += page["results"]
        assert len(records) == page["count"]
        return records

    def snapshot(self, **params):
        """{(resource, id, language): record} for every list in both languages."""
        copy = {}
        for name, url in self.resources().items():
            if name in ("deletions", "countries"):
                continue
            for language in LANGUAGES:
                for record in self.pull(url, lang=language, **params):
                    copy[(name, record["id"], language)] = record
        return copy


@pytest.fixture
def partner(live_api):
    _key, secret = PartnerKey.create(name="Partner city network")
    client = Partner(live_api.url, secret)
    yield client
    client.http.close()


@pytest.fixture
def registry(transactional_db):
    call_command("load_demo", verbosity=0)
    return build_world()


def test_partner_pulls_everything_in_both_languages_page_by_page(partner, registry):
    copy = partner.snapshot()

    kashan_fa = copy[("cities", registry["kashan"].pk, "fa")]
    kashan_en = copy[("cities", registry["kashan"].pk, "en")]
    assert kashan_fa["name"] == "کاشان" and kashan_en["name"] == "Kashan"
    assert kashan_fa["name_i18n"] == kashan_en["name_i18n"] == {"fa": "کاشان", "en": "Kashan"}
    assert kashan_fa["member_since"]["display"] == "۱۳۹۴"
    assert kashan_en["member_since"]["display"] == "2015/16"
    # Every record came in both languages, and every public city is there.
    assert {key[:2] for key in copy if key[2] == "fa"} == {
        key[:2] for key in copy if key[2] == "en"
    }
    public_cities = set(City.objects.public().values_list("pk", flat=True))
    assert {key[1] for key in copy if key[0] == "cities"} == public_cities


def test_incremental_sync_yields_exactly_the_staff_changes(partner, registry):
    copy = partner.snapshot()
    summit = registry["gaziantep_summit"]
    document = Document.objects.filter(summit=registry["tehran_summit"], is_published=True).first()
    held_under_summit = {
        ("general-assemblies", summit.general_assembly.pk),
        *(
            ("panels", pk)
            for pk in Panel.objects.filter(summit=summit).values_list("pk", flat=True)
        ),
        *(
            ("participations", pk)
            for pk in Participation.objects.filter(summit=summit).values_list("pk", flat=True)
        ),
        *(
            ("documents", pk)
            for pk in Document.objects.filter(panel__summit=summit).values_list("pk", flat=True)
        ),
        *(("documents", pk) for pk in summit.documents.values_list("pk", flat=True)),
    }
    last_pull = timezone.now()

    # The secretariat: a city renamed through a bulk update (no save(), no signal),
    # a document deleted through a queryset, a summit unpublished in the admin way.
    City.objects.filter(pk=registry["kashan"].pk).update(name_en="Kashan (Isfahan)")
    Document.objects.filter(pk=document.pk).delete()
    summit.is_published = False
    summit.save()

    changed = partner.snapshot(updated_since=last_pull.isoformat())
    assert {key[:2] for key in changed} == {("cities", registry["kashan"].pk)}
    assert changed[("cities", registry["kashan"].pk, "en")]["name"] == "Kashan (Isfahan)"

    feed = partner.pull(f"{partner.base}deletions/", since=last_pull.isoformat())
    direct = {(d["resource"], d["object_id"], d["reason"]) for d in feed if d["parent"] is None}
    assert direct == {("documents", document.pk, "deleted"), ("summits", summit.pk, "unpublished")}
    hidden = [d for d in feed if d["parent"] is not None]
    assert all(d["reason"] == "hidden" for d in hidden)
    assert all(d["parent"] == {"resource": "summits", "id": summit.pk} for d in hidden)
    held = {key[:2] for key in copy}
    assert {(d["resource"], d["object_id"]) for d in hidden} & held == held_under_summit & held

    # Applying the changes gives exactly what a fresh full pull gives.
    gone = {(d["resource"], d["object_id"]) for d in feed}
    synced = {key: record for key, record in copy.items() if key[:2] not in gone}
    synced.update(changed)
    assert synced == partner.snapshot()


def test_repeated_request_with_the_etag_gets_304(partner, registry):
    # Every city on one page, so the changed one is in it.
    url = f"{partner.base}cities/?page_size=500"
    first = partner.get(url, lang="en")
    assert first.headers["Last-Modified"]
    again = partner.http.get(
        url, params={"lang": "en"}, headers={"If-None-Match": first.headers["ETag"]}
    )
    assert again.status_code == 304
    assert again.content == b""
    assert again.headers["ETag"] == first.headers["ETag"]
    since = partner.http.get(
        url, params={"lang": "en"}, headers={"If-Modified-Since": first.headers["Last-Modified"]}
    )
    assert since.status_code == 304

    City.objects.filter(pk=registry["kashan"].pk).update(population=325_000)
    changed = partner.http.get(
        url, params={"lang": "en"}, headers={"If-None-Match": first.headers["ETag"]}
    )
    assert changed.status_code == 200
    assert changed.headers["ETag"] != first.headers["ETag"]
