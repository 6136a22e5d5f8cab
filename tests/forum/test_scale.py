"""At scale 1 of the generated registry (2,000 cities, 300 summits, 3,000 panels,
10,000 people, 30,000 participations) every page and list keeps its query budget."""

import datetime

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from common.response_cache import CACHE_HEADER
from members.models import City, Person
from summits.models import Participation, Summit
from tests.forum.test_api_query_budget import BUDGET as API_BUDGET

pytestmark = pytest.mark.django_db

DAY = datetime.date(2018, 11, 29)

# Queries of one uncached request.
PAGES = {
    # latest summits; their panels; next summit; its panels; member figures; assemblies;
    # the latest reported figure; its sources
    "/fa/": 8,
    "/fa/members/": 3,  # countries for the filter, count, page of cities
    "/en/members/?country=IR&status=member&page=2": 3,
    # + what links the cities that are not members: hosted summits, sessions, seats, taking part
    "/fa/members/?show=all&page=3": 7,
    "/fa/members/?on=1397/09/08": 3,  # countries, count, page of the members that day
    "/en/members/?on=2018-11-29&country=IR&page=2": 3,
    # city; memberships; positions; seats; summits; talks; sessions; the sources of the city,
    # its memberships and positions (its seats' are asked only when it has seats)
    "/fa/members/{city}/": 10,
    # summit; panels; talks; panel documents; participants; documents; the sources of the
    # summit, its panels and its participants
    "/fa/summits/{summit}/": 9,
    "/fa/search/?q=tabriz": 6,  # cities, summits, panels, people (+ positions), documents
    "/fa/board/": 4,  # terms; seats with city; sessions; their sources
    "/fa/summits/": 2,  # summits with host, assembly, session; their panels
    "/fa/statistics/": 3,  # reported figures; their sources; membership periods
}


@pytest.fixture
def scale_1(db):
    call_command("load_demo", verbosity=0)
    call_command("generate_registry", scale=1, verbosity=0)
    # Tombstones for the deletions feed: a summit unpublished hides its panels and more.
    Summit.objects.filter(slug="gen-summit-0").update(is_published=False)
    city = City.objects.filter(slug__startswith="gen-", is_published=True).order_by("id")[7]
    summit = Summit.objects.filter(slug__startswith="gen-", is_published=True).order_by("id")[5]
    return {"city": city.slug, "summit": summit.slug}


def test_generated_registry_has_the_sizes_of_scale_1_and_refuses_a_second_run(scale_1):
    assert City.objects.filter(slug__startswith="gen-").count() == 2000
    assert Person.objects.filter(slug__startswith="gen-").count() == 10000
    assert Summit.objects.filter(slug__startswith="gen-").count() == 300
    assert Participation.objects.filter(summit__slug__startswith="gen-").count() == 30000
    city = City.objects.get(slug="gen-city-0")
    assert city.name_fa and city.name_en and city.name_fa != city.name_en
    # The demo data is still there, untouched: loading it again changes nothing.
    assert City.objects.filter(slug="kashan").exists()
    with pytest.raises(CommandError, match="already"):
        call_command("generate_registry", scale=1, verbosity=0)
    assert City.objects.filter(slug__startswith="gen-").count() == 2000


# The lists that are large at scale 1: a full page of 500 records, at the same budget.
LARGE = {"cities": 2000, "people": 9000, "positions": 1900, "panels": 2900, "participations": 28000}


def test_every_page_keeps_its_budget_at_scale(client, scale_1, django_assert_num_queries):
    for template, budget in PAGES.items():
        url = template.format(**scale_1)
        with django_assert_num_queries(budget, info=url):
            response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        # At scale: the page shows generated records (the board has only the demo's seats).
        if template == "/fa/board/":
            assert html.count('href="/fa/members/') >= 10, url
        elif template == "/fa/statistics/":
            assert "<svg" in html, url  # counts, not names: the generated cities are counted
        else:
            assert "gen-" in html, url


def test_every_api_list_keeps_its_budget_at_scale(client, scale_1, django_assert_num_queries):
    for resource, budget in API_BUDGET.items():
        for query, size in (
            ("page_size=500", 500),
            ("updated_since=2024-07-01T00:00:00Z&page_size=100", 100),
        ):
            if resource == "deletions":
                query = query.replace("updated_since", "since")
            with django_assert_num_queries(budget, info=f"{resource} {query}"):
                response = client.get(f"/api/v1/{resource}/?{query}")
            assert response.status_code == 200, resource
            listed = response.json()
            assert listed["count"] > 0, resource
            assert len(listed["results"]) == min(size, listed["count"]), (resource, query)
        if resource in LARGE:
            everything = client.get(f"/api/v1/{resource}/?page_size=1").json()["count"]
            assert everything >= LARGE[resource], resource


def test_members_on_a_day_cost_what_the_cities_list_costs_at_scale(client, scale_1):
    with CaptureQueriesContext(connection) as plain:
        client.get("/api/v1/cities/?page_size=500")
    with CaptureQueriesContext(connection) as on_day:
        response = client.get("/api/v1/cities/?member_on=2018-11-29&page_size=500")
    assert len(on_day.captured_queries) == len(plain.captured_queries)
    assert response.status_code == 200
    listed = response.json()
    assert listed["count"] == City.objects.public().members_on(DAY).count() > 0
    assert "kashan" in {city["slug"] for city in listed["results"]}


def test_with_the_cache_a_hit_costs_one_query_at_scale(
    client, scale_1, response_cache, django_assert_num_queries
):
    urls = [template.format(**scale_1) for template in PAGES]
    urls += ["/api/v1/cities/?page_size=100", "/api/v1/summits/"]
    for url in urls:
        client.get(url)
        with django_assert_num_queries(1):  # the content generation
            assert client.get(url)[CACHE_HEADER] == "hit", url
