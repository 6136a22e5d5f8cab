"""Every public address × every hostile query parameter: a page (with a form error where
the parameter is a form's), a 400 or a 404, never a 500."""

import pytest

from forum.models import PartnerKey

pytestmark = pytest.mark.django_db

LONG = "x" * 10_000
# Raw query strings, as a hostile client sends them.
HOSTILE_QUERIES = [
    "page=-1",
    "page=0",
    "page=abc",
    "page=1.5",
    f"page=1{'0' * 30}",
    "page=%00",
    f"q={LONG}",
    "q=a%00b",
    "q=%00",
    "q=%FF%FE%FD",
    "q=%C0%AF",
    "q=%E2%80%AEevil",
    "q=%25%5F%5C%27--%2A",
    "q=%3Cscript%3Ealert(1)%3C/script%3E",
    "country=ZZ",
    "country=%00",
    "status=bogus",
    "region=%3Cscript%3E",
    "page=1&page=2&q=a&q=b&country=IR&country=TR",
    "%00=1",
    "p=abc",
    "p=-1",
    f"p=9{'9' * 30}",
    "lang=xx",
    "format=xml",
    "o=abc",
    "search=a%00b",
    f"search={LONG}",
]


def public_urls(world):
    city = world["kashan"].slug
    summit = world["gaziantep_summit"].slug
    urls = ["/", "/robots.txt", "/sitemap.xml", "/healthz", "/api/v1/", "/api/v1/dump/"]
    urls += [f"/api/v1/{name}/" for name in ("cities", "people", "summits", "deletions")]
    urls += [f"/api/v1/summits/{world['gaziantep_summit'].pk}/"]
    for language in ("fa", "en"):
        urls += [
            f"/{language}/",
            f"/{language}/members/",
            f"/{language}/members/{city}/",
            f"/{language}/summits/",
            f"/{language}/summits/{summit}/",
            f"/{language}/summits/calendar.ics",
            f"/{language}/summits/{summit}/calendar.ics",
            f"/{language}/board/",
            f"/{language}/search/",
        ]
    return urls


def test_no_public_address_answers_a_hostile_parameter_with_a_server_error(client, world):
    client.raise_request_exception = False
    # A partner key, so the API answers each parameter rather than its rate limit.
    _key, secret = PartnerKey.create(name="sweep", requests_per_minute=100_000)
    client.defaults["HTTP_AUTHORIZATION"] = f"Api-Key {secret}"
    failures, statuses = [], set()
    count = 0
    for url in public_urls(world):
        for query in HOSTILE_QUERIES:
            response = client.get(f"{url}?{query}")
            count += 1
            statuses.add(response.status_code)
            if response.status_code >= 500:
                failures.append(f"{response.status_code} {url}?{query[:60]}")
    assert not failures, "\n".join(failures)
    assert count == len(public_urls(world)) * len(HOSTILE_QUERIES)
    assert 429 not in statuses


@pytest.mark.parametrize("language", ["fa", "en"])
def test_a_null_character_in_a_page_parameter_is_a_400_that_names_it(client, language):
    response = client.get(f"/{language}/search/?q=a%00b")
    assert response.status_code == 400
    assert "q" in response.content.decode()


def test_a_null_character_in_an_api_parameter_is_a_json_400_naming_it(client):
    response = client.get("/api/v1/cities/?search=a%00b")
    assert response.status_code == 400
    assert "search" in response.json()


def test_directory_shows_a_form_error_for_an_unknown_country_or_status(client, world):
    response = client.get("/en/members/?country=ZZ&status=bogus")
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("Select a valid choice") == 2


def test_directory_reads_a_bad_page_number_as_the_nearest_page(client, world):
    from forum.views import CITIES_PER_PAGE
    from tests import factories as f

    for city in f.CityFactory.create_batch(CITIES_PER_PAGE):
        f.MembershipFactory(city=city)
    expected = {"page=-1": 1, "page=0": 1, "page=abc": 1, f"page=1{'0' * 30}": 2, "page=2": 2}
    for query, number in expected.items():
        response = client.get(f"/en/members/?{query}")
        assert response.status_code == 200, query
        page = response.context["page"]
        assert (page.number, page.paginator.num_pages) == (number, 2), query
        assert len(page.object_list) == (
            CITIES_PER_PAGE if number == 1 else page.paginator.count - CITIES_PER_PAGE
        ), query


def test_search_says_clearly_that_a_very_long_text_is_too_long(client, world):
    response = client.get(f"/en/search/?q={LONG}")
    assert response.status_code == 200
    assert "too long: 100 characters at most" in response.content.decode()
    persian = client.get(f"/fa/search/?q={LONG}").content.decode()
    assert "۱۰۰" in persian


@pytest.mark.parametrize("wildcard", ["%", "_", "\\", "'", "--", "*", "%_%", "' OR 1=1 --"])
def test_sql_wildcards_in_the_site_search_match_nothing_rather_than_everything(
    client, world, wildcard
):
    response = client.get("/en/search/", {"q": wildcard})
    assert response.status_code == 200
    assert response.context["total"] == 0


def test_a_wildcard_beside_a_name_is_ignored_and_the_name_still_found(client, world):
    response = client.get("/en/search/", {"q": "Kash%"})
    assert [city.name_en for city in response.context["groups"][0].results] == ["Kashan"]


# (A lone quote opens DRF's "quoted phrase" syntax and searches for nothing in particular.)
@pytest.mark.parametrize("wildcard", ["%", "_", "\\", "a'b", "--", "*", "x%'--"])
def test_sql_wildcards_in_the_api_search_are_taken_literally(client, world, wildcard):
    response = client.get("/api/v1/cities/", {"search": wildcard})
    assert response.status_code == 200
    assert response.json()["count"] == 0


def test_api_search_longer_than_200_characters_is_a_400_naming_search(client):
    response = client.get("/api/v1/cities/", {"search": "k" * 201, "lang": "en"})
    assert response.status_code == 400
    assert response.json()["search"] == ["The search text is too long: 200 characters at most."]
    assert client.get("/api/v1/cities/", {"search": "k" * 200}).status_code == 200


def test_a_form_larger_than_the_upload_limit_is_a_400_not_a_500(client, settings):
    client.raise_request_exception = False
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    response = client.post("/en/admin/login/", {"username": "x" * 2000, "password": "y"})
    assert response.status_code == 400
    assert "Bad request" in response.content.decode()


def test_a_direction_override_typed_in_the_search_is_not_shown_back(client, world):
    response = client.get("/en/search/", {"q": "Kash\u202ean\u2066"})
    body = response.content.decode()
    assert "\u202e" not in body and "\u2066" not in body
    assert 'value="Kashan"' in body
