"""People's private contact fields (email, phone, private note) appear nowhere outside the
admin: not on any public page of the demo data, not in a search for the person, not in the
calendars, the sitemap or robots.txt. The partner API (every list in JSON and CSV, every
record, the open-data dump) is scanned by tests/forum/test_api_access.py on the same data.

Inside the admin, behind a staff sign-in, the people export carries email and phone (the
secretariat's contact list) but never the private note; anonymous visitors get a sign-in
page, not the export."""

import pytest

from members.models import City, Person
from summits.models import Summit
from tests.admin.forms import admin_url

pytestmark = pytest.mark.django_db


def public_addresses(client):
    addresses = ["/", "/robots.txt", "/sitemap.xml", "/healthz"]
    people = list(Person.objects.public())
    for language in ("fa", "en"):
        addresses += [
            f"/{language}/",
            f"/{language}/summits/",
            f"/{language}/board/",
            f"/{language}/summits/calendar.ics",
        ]
        pages = client.get(f"/{language}/members/").context["page"].paginator.num_pages
        addresses += [f"/{language}/members/?page={number}" for number in range(1, pages + 1)]
        addresses += [f"/{language}/members/{slug}/" for slug in published(City)]
        for slug in published(Summit):
            page = f"/{language}/summits/{slug}/"
            addresses += [page, f"{page}calendar.ics"]
        for person in people:
            addresses += [f"/{language}/search/?q={person.name_fa}"]
            addresses += [f"/{language}/search/?q={person.name_en}"]
    return addresses


def published(model):
    return list(model.objects.public().values_list("slug", flat=True))


def test_no_public_page_feed_or_search_shows_a_private_contact_value(client, private_values):
    addresses = public_addresses(client)
    found_people = 0
    for address in addresses:
        response = client.get(address, follow=True)
        assert response.status_code == 200, address
        body = response.content.decode()
        for value in private_values:
            assert value not in body, (address, value)
        found_people += "/search/" in address and "results-people" in body
    assert len(addresses) > 150
    # The searches did find the people whose details they must not show.
    assert found_people >= Person.objects.public().count()


def test_a_viewer_exports_people_with_contact_details_but_never_the_private_note(
    client, django_user_model, private_values
):
    from django.contrib.auth.models import Group

    viewer = django_user_model.objects.create_user("viewer", password="x", is_staff=True)
    viewer.groups.add(Group.objects.get(name="Secretariat viewers"))
    client.force_login(viewer)
    from tests.admin.test_hostile_input import export

    text = export(client, Person, "csv").content.decode("utf-8-sig")
    person = Person.objects.order_by("pk").first()
    assert person.email in text
    assert "'+98 912 777" in text  # the phone, kept from becoming a formula
    assert "Private note" not in text


def test_an_anonymous_visitor_gets_the_sign_in_page_not_an_export(client, private_values):
    url = admin_url("members_person_export", language="en")
    for response in (client.get(url), client.post(url, {"format": "0"})):
        assert response.status_code == 302
        assert "/admin/login/" in response["Location"]
    response = client.get(url, follow=True)
    for value in private_values:
        assert value not in response.content.decode()
