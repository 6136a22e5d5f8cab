"""Cached answers are never stale: any write, by any path, shows on the next request."""

import logging
import os

import pytest
from django.core.management import call_command
from django.db import connection

from common.response_cache import CACHE_HEADER
from members.models import City
from tests import factories as f
from tests.admin.forms import admin_url, page_form_data

pytestmark = pytest.mark.django_db

# Every table whose rows a public page or the API shows, and the partner keys.
PUBLIC_TABLES = {
    "members_city",
    "members_membership",
    "members_organisation",
    "members_person",
    "members_position",
    "members_boardterm",
    "members_boardseat",
    "summits_summit",
    "summits_generalassembly",
    "summits_boardsession",
    "summits_panel",
    "summits_talk",
    "summits_participation",
    "summits_document",
    "common_deletion",
    "forum_partnerkey",
    "forum_reportedfigure",
    "forum_reportedfigure_sources",
    "common_source",
    # The lists of sources (common.0007).
    *(
        f"{table}_sources"
        for table in (
            "members_city",
            "members_membership",
            "members_organisation",
            "members_person",
            "members_position",
            "members_boardterm",
            "members_boardseat",
            "summits_summit",
            "summits_generalassembly",
            "summits_boardsession",
            "summits_panel",
            "summits_participation",
        )
    ),
}


@pytest.fixture
def kashan(response_cache):
    city = f.CityFactory(slug="kashan", name_fa="کاشان", name_en="Kashan", country="IR")
    f.MembershipFactory(city=city)
    return city


def pages(city):
    return {
        "page fa": ("/fa/members/kashan/", {}),
        "page en": ("/en/members/kashan/", {}),
        "api fa": (f"/api/v1/cities/{city.pk}/", {"HTTP_ACCEPT_LANGUAGE": "fa"}),
        "api en": (f"/api/v1/cities/{city.pk}/?lang=en", {}),
        "api list": ("/api/v1/cities/?lang=en", {}),
        "directory": ("/en/members/", {}),
    }


def warm(client, city):
    """Fill the cache with every answer, and check the second request is a hit."""
    for name, (url, headers) in pages(city).items():
        assert client.get(url, **headers)[CACHE_HEADER] == "miss", name
        assert client.get(url, **headers)[CACHE_HEADER] == "hit", name


def test_anonymous_answers_are_cached_in_each_language_apart(client, kashan):
    warm(client, kashan)
    assert "Kashan" in client.get("/en/members/kashan/").content.decode()
    assert "کاشان" in client.get("/fa/members/kashan/").content.decode()
    assert client.get(f"/api/v1/cities/{kashan.pk}/?lang=fa").json()["name"] == "کاشان"
    assert client.get(f"/api/v1/cities/{kashan.pk}/?lang=en").json()["name"] == "Kashan"


def test_an_admin_change_shows_on_the_next_anonymous_request_in_both_languages(
    client, admin_client, kashan
):
    warm(client, kashan)
    url = admin_url("members_city_change", kashan.pk, language="en")
    form = page_form_data(admin_client.get(url), "en")
    form["name_en"] = "Kashan of the roses"
    form["name_fa"] = "کاشانِ گل"
    assert admin_client.post(url, form).status_code == 302

    assert "Kashan of the roses" in client.get("/en/members/kashan/").content.decode()
    assert "کاشانِ گل" in client.get("/fa/members/kashan/").content.decode()
    fa = client.get(f"/api/v1/cities/{kashan.pk}/", HTTP_ACCEPT_LANGUAGE="fa")
    assert fa[CACHE_HEADER] == "miss"
    assert fa.json()["name"] == "کاشانِ گل"
    en = client.get(f"/api/v1/cities/{kashan.pk}/?lang=en").json()
    assert en["name"] == "Kashan of the roses"
    assert en["name_i18n"] == {"fa": "کاشانِ گل", "en": "Kashan of the roses"}
    listed = client.get("/api/v1/cities/?lang=en").json()["results"]
    assert [city["name"] for city in listed] == ["Kashan of the roses"]
    assert "Kashan of the roses" in client.get("/en/members/").content.decode()


def test_a_shell_update_shows_on_the_next_request(client, kashan):
    warm(client, kashan)
    City.objects.filter(pk=kashan.pk).update(name_en="Kashan (updated)")
    assert "Kashan (updated)" in client.get("/en/members/kashan/").content.decode()
    assert client.get(f"/api/v1/cities/{kashan.pk}/?lang=en").json()["name"] == "Kashan (updated)"


def test_raw_sql_and_deletes_show_on_the_next_request(client, kashan):
    warm(client, kashan)
    with connection.cursor() as cursor:
        cursor.execute("UPDATE members_city SET is_published = false WHERE slug = 'kashan'")
    assert client.get("/en/members/kashan/").status_code == 404
    assert client.get(f"/api/v1/cities/{kashan.pk}/?lang=en").status_code == 404
    assert client.get("/api/v1/cities/?lang=en").json()["results"] == []


def test_a_change_of_a_related_record_shows_on_the_page(client, kashan):
    summit = f.SummitFactory(title_en="Fifth assembly", host_city=kashan)
    f.ParticipationFactory(summit=summit, city=kashan, role="host")
    warm(client, kashan)
    summit.title_en = "The fifth general assembly"
    summit.save()
    assert "The fifth general assembly" in client.get("/en/members/kashan/").content.decode()


def test_signed_in_staff_never_get_a_cached_page(client, admin_client, kashan):
    warm(client, kashan)
    for url in ("/en/members/kashan/", "/en/members/", f"/api/v1/cities/{kashan.pk}/"):
        for _ in range(2):
            assert CACHE_HEADER not in admin_client.get(url), url
    # A change outside the admin is seen by staff at once, and by the public too.
    City.objects.filter(pk=kashan.pk).update(name_en="Kāshān")
    assert "Kāshān" in admin_client.get("/en/members/kashan/").content.decode()


def test_other_methods_and_the_admin_are_never_cached(client, admin_client, kashan):
    assert CACHE_HEADER not in client.head("/en/members/kashan/")
    assert CACHE_HEADER not in client.post("/en/members/kashan/")
    assert CACHE_HEADER not in admin_client.get("/en/admin/")
    assert CACHE_HEADER not in client.get("/en/admin/login/")


def test_the_api_cache_keeps_conditional_requests_and_rate_limits(client, kashan, settings):
    url = f"/api/v1/cities/{kashan.pk}/?lang=en"
    first = client.get(url)
    cached = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert cached.status_code == 304
    assert client.get(url)["ETag"] == first["ETag"]
    assert client.get(url)["Last-Modified"] == first["Last-Modified"]
    # Four requests so far; a hit is counted against the anonymous limit all the same.
    settings.API_ANONYMOUS_RATE = "5/min"
    assert client.get(url).status_code == 200
    assert client.get(url).status_code == 429


def test_the_api_format_and_language_headers_are_part_of_the_key(client, kashan):
    url = f"/api/v1/cities/{kashan.pk}/"
    assert client.get(url, HTTP_ACCEPT_LANGUAGE="en").json()["name"] == "Kashan"
    assert client.get(url, HTTP_ACCEPT_LANGUAGE="fa").json()["name"] == "کاشان"
    csv = client.get(url, HTTP_ACCEPT="text/csv")
    assert csv["Content-Type"].startswith("text/csv")
    assert client.get(url)["Content-Type"] == "application/json"


def test_a_hit_costs_one_query(client, kashan, django_assert_num_queries):
    warm(client, kashan)
    for url, headers in pages(kashan).values():
        with django_assert_num_queries(1):  # the content generation
            assert client.get(url, **headers)[CACHE_HEADER] == "hit"


def test_a_partner_key_change_moves_the_generation_but_its_use_does_not(client, kashan):
    from forum.models import PartnerKey

    def generation():
        with connection.cursor() as cursor:
            cursor.execute("SELECT value FROM common_contentgeneration")
            return cursor.fetchone()[0]

    before = generation()
    key, secret = PartnerKey.create(name="ECO")
    assert generation() > before
    before = generation()
    client.get("/api/v1/cities/", HTTP_AUTHORIZATION=f"Api-Key {secret}")
    assert PartnerKey.objects.get(pk=key.pk).last_used_at is not None
    assert generation() == before
    PartnerKey.objects.filter(pk=key.pk).update(requests_per_minute=5)
    assert generation() > before


def test_every_public_table_moves_the_generation():
    with connection.cursor() as cursor:
        cursor.execute(
            """SELECT c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
               WHERE t.tgname = 'content_generation_bump'"""
        )
        with_trigger = {name for (name,) in cursor.fetchall()}
    assert with_trigger == PUBLIC_TABLES
    from django.apps import apps

    for label in ("members", "summits"):
        for model in apps.get_app_config(label).get_models():
            if not model._meta.model_name.startswith("historical"):
                assert model._meta.db_table in PUBLIC_TABLES, model


def _generation_row():
    with connection.cursor() as cursor:
        cursor.execute("SELECT value FROM common_contentgeneration WHERE id = 1")
        return cursor.fetchone()


def test_a_missing_generation_row_is_an_error_logged_and_the_cache_is_bypassed(
    client, kashan, caplog
):
    from forum.models import PartnerKey

    _key, secret = PartnerKey.create(name="ECO")
    partner = {"HTTP_AUTHORIZATION": f"Api-Key {secret}"}
    warm(client, kashan)
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM common_contentgeneration")
    City.objects.filter(pk=kashan.pk).update(name_en="Kashan without a generation")
    caplog.clear()
    with caplog.at_level(logging.ERROR, logger="common.response_cache"):
        for name, (url, headers) in pages(kashan).items():
            for _ in range(2):
                response = client.get(url, **headers)
                assert response.status_code == 200, name
                assert CACHE_HEADER not in response, name
        for _ in range(2):
            response = client.get("/api/v1/cities/?lang=en", **partner)
            assert CACHE_HEADER not in response
            assert response.json()["results"][0]["name"] == "Kashan without a generation"
    assert "Kashan without a generation" in client.get("/en/members/kashan/").content.decode()
    errors = [r for r in caplog.records if r.levelno == logging.ERROR]
    assert errors and all("content generation row" in r.getMessage() for r in errors)
    assert len(errors) >= 2 * len(pages(kashan)) + 2  # each request, none served stale


@pytest.mark.django_db(transaction=True)
def test_a_flush_puts_the_generation_row_back_and_the_cache_works_again(client, settings):
    """`flush` (as a transactional test's teardown runs it) empties every table; the row
    comes back with it, so no test or server depends on which ran before."""
    settings.RESPONSE_CACHE = True
    before = _generation_row()
    assert before is not None
    call_command("flush", interactive=False, verbosity=0)
    after = _generation_row()
    assert after is not None and after[0] > before[0]
    f.CityFactory(slug="kashan", name_en="Kashan")
    assert client.get("/en/members/kashan/")[CACHE_HEADER] == "miss"
    assert client.get("/en/members/kashan/")[CACHE_HEADER] == "hit"


@pytest.mark.django_db(transaction=True)
def test_the_generation_moves_at_commit_and_not_on_rollback():
    """Real commits: the deferred trigger runs at commit; a rolled-back change moves nothing."""
    from django.db import transaction

    def generation():
        with connection.cursor() as cursor:
            cursor.execute("SELECT value FROM common_contentgeneration")
            return cursor.fetchone()[0]

    cities = f.CityFactory.create_batch(3)
    before = generation()
    City.objects.update(population=1000)  # one statement, three rows
    after_update = generation()
    assert after_update > before
    with transaction.atomic():
        for city in cities:
            city.population = 2000
            city.save()
        assert generation() == after_update  # not yet: at commit
    after_commit = generation()
    assert after_commit > after_update
    with transaction.atomic():
        City.objects.update(population=3000)
        transaction.set_rollback(True)
    assert generation() == after_commit


@pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="REDIS_URL is not set")
def test_with_redis_url_answers_are_shared_through_redis(client, kashan):
    from django.core.cache import caches
    from django.core.cache.backends.redis import RedisCache

    shared = caches["default"]
    assert isinstance(shared, RedisCache)
    assert client.get("/en/members/kashan/")[CACHE_HEADER] == "miss"
    assert any(key.startswith(b"forum:") for key in shared._cache.get_client().keys("*"))
    # Another worker (an empty memory of its own) finds the answer in Redis.
    caches["local"].clear()
    assert client.get("/en/members/kashan/")[CACHE_HEADER] == "hit"


def test_a_partner_gets_cached_answers_once_its_key_is_checked(client, kashan):
    from forum.models import PartnerKey

    _key, secret = PartnerKey.create(name="ECO")
    url, auth = "/api/v1/cities/?lang=en", {"HTTP_AUTHORIZATION": f"Api-Key {secret}"}
    assert client.get(url, **auth)[CACHE_HEADER] == "miss"
    assert client.get(url, **auth)[CACHE_HEADER] == "hit"
    assert client.get(url, HTTP_AUTHORIZATION="Api-Key wrong.key").status_code == 401


def test_a_cached_answer_carries_the_headers_of_a_fresh_one(client, kashan):
    for url in ("/en/members/kashan/", f"/api/v1/cities/{kashan.pk}/?lang=en"):
        fresh, cached = client.get(url), client.get(url)
        assert cached[CACHE_HEADER] == "hit"
        for header in ("Content-Type", "Content-Language", "X-Frame-Options", "Vary"):
            assert cached.get(header) == fresh.get(header), (url, header)
