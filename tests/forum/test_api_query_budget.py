"""Every list costs the same number of queries whatever its page size."""

import pytest

from common.models import Deletion
from tests import factories as f

pytestmark = pytest.mark.django_db

ROWS = 200

# Queries per list page, the same for 5 or 200 rows:
# count, page, [prefetch], latest updated_at, latest deletion of that resource.
# Each list of sourced facts adds one query: their sources (prefetched).
BUDGET = {
    "cities": 7,  # count, page (+ status and member-since subqueries), memberships, the
    # sources of both, 2× latest
    "countries": 4,  # count of countries, page (grouped cities), latest city, latest deletion
    "organisations": 5,
    "people": 5,
    "positions": 5,  # page joins person, city, organisation
    "board-seats": 5,  # page joins term and city
    "summits": 5,  # page joins host city
    "general-assemblies": 5,
    "board-sessions": 5,  # page joins summit and city
    "panels": 6,  # count, page (+ moderator), talks (+ speaker, city), sources, 2× latest
    "participations": 5,  # page joins summit, session, city, organisation, head
    "documents": 4,  # page joins summit, session, panel
    "deletions": 3,  # count, page, latest deletion
}


@pytest.fixture
def crowd(db):
    """At least ROWS public records of every resource."""
    cities = f.CityFactory.create_batch(ROWS, country="MY")
    for city in cities:
        f.MembershipFactory(city=city)
    f.OrganisationFactory.create_batch(ROWS)
    host = cities[0]
    speaker = f.PersonFactory()
    for person in f.PersonFactory.create_batch(ROWS):
        f.PositionFactory(person=person, city=host)
    term = f.BoardTermFactory()
    for city in cities:
        f.BoardSeatFactory(term=term, city=city)
    summits = f.SummitFactory.create_batch(ROWS, host_city=host)
    for summit in summits:
        f.GeneralAssemblyFactory(summit=summit)
        f.ParticipationFactory(summit=summit, city=host)
    f.BoardSessionFactory.create_batch(ROWS, city=host)
    for panel in f.PanelFactory.create_batch(ROWS, summit=summits[0], moderator=speaker):
        f.TalkFactory(panel=panel, speaker=speaker, city=host)
    f.DocumentFactory.create_batch(ROWS, summit=summits[0])
    Deletion.objects.bulk_create(
        Deletion(resource="documents", object_id=n, reason="deleted", removed_at=host.updated_at)
        for n in range(ROWS)
    )


def test_every_list_costs_the_same_queries_for_5_or_200_rows(
    client, crowd, django_assert_num_queries
):
    for resource, budget in BUDGET.items():
        for size in (5, ROWS):
            with django_assert_num_queries(budget):
                response = client.get(f"/api/v1/{resource}/?page_size={size}&lang=en")
            assert response.status_code == 200, resource
            if resource != "countries":
                assert len(response.json()["results"]) == size, resource


def test_a_partner_key_adds_two_queries_to_any_list(client, crowd, django_assert_num_queries):
    from forum.models import PartnerKey

    _key, secret = PartnerKey.create(name="ECO")
    # find the key by its prefix, record its use, then the list's own queries
    with django_assert_num_queries(2 + BUDGET["cities"]):
        client.get("/api/v1/cities/?page_size=200", HTTP_AUTHORIZATION=f"Api-Key {secret}")


def test_the_dump_costs_a_fixed_number_of_queries(client, crowd, django_assert_num_queries):
    # each resource's records and prefetches (14), the sources of the 11 sourced lists,
    # then the latest change of each (2 × 12)
    with django_assert_num_queries(49):
        response = client.get("/api/v1/dump/?lang=en")
    resources = response.json()["resources"]
    assert len(resources["cities"]) >= ROWS and len(resources["panels"]) >= ROWS
