"""A list page costs the same number of queries for 3 rows as for 30."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests import factories
from tests.admin.forms import admin_url


def make_rows(label, count):
    """`count` rows of a kind, each with its own related records (the N+1 trap)."""
    for _ in range(count):
        if label == "members.Membership":
            factories.MembershipFactory()
        elif label == "members.Position":
            factories.PositionFactory(organisation=factories.OrganisationFactory())
        elif label == "members.BoardTerm":
            factories.BoardSeatFactory()
        elif label == "summits.Summit":
            summit = factories.SummitFactory()
            factories.GeneralAssemblyFactory(summit=summit)
            factories.BoardSessionFactory(summit=summit)
        elif label == "summits.Participation":
            factories.ParticipationFactory(head_of_delegation=factories.PersonFactory())
        elif label == "summits.Panel":
            factories.PanelFactory(moderator=factories.PersonFactory())
        elif label == "summits.BoardSession":
            factories.BoardSessionFactory(summit=factories.SummitFactory())
        else:
            model_name = label.split(".")[1]
            getattr(factories, f"{model_name}Factory")()


LISTS = [
    "members.City",
    "members.Membership",
    "members.Organisation",
    "members.Person",
    "members.Position",
    "members.BoardTerm",
    "members.BoardSeat",
    "summits.Summit",
    "summits.GeneralAssembly",
    "summits.BoardSession",
    "summits.Panel",
    "summits.Talk",
    "summits.Participation",
    "summits.Document",
]


def list_queries(client, url):
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context)


@pytest.mark.parametrize("label", LISTS)
@pytest.mark.parametrize("language", ["fa", "en"])
def test_list_page_query_count_does_not_grow_with_rows(admin_client, label, language):
    app_label, model_name = label.lower().split(".")
    url = admin_url(f"{app_label}_{model_name}_changelist", language=language)
    make_rows(label, 3)
    few = list_queries(admin_client, url)
    make_rows(label, 27)
    many = list_queries(admin_client, url)
    assert many == few
    # session, user, rows, count, filter choices (terms, summits, years), date
    # hierarchy; never one per row.
    assert few <= 8


def test_summit_list_budget(admin_client, django_assert_max_num_queries):
    make_rows("summits.Summit", 30)
    # session, user, years for the year filter, count for the pages, summits with
    # host city and assembly (one join), date hierarchy: first and last date, then
    # the dates of the one period they span
    with django_assert_max_num_queries(7):
        admin_client.get(admin_url("summits_summit_changelist"))
