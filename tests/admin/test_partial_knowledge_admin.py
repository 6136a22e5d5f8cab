"""Staff record what is known, and only that, in the Persian admin: an end on an unknown
date with a "not before" bound, a start that is only the earliest mention, a session known
only by its number, a window of days; a contradiction is refused beside its field, in
Persian, and nothing is lost."""

import datetime

import pytest

from common.models import Source
from members.models import Membership, Position
from summits.models import BoardSession
from tests import factories
from tests.admin.forms import admin_url, page_form_data

pytestmark = pytest.mark.django_db

D = datetime.date


def form_of(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return page_form_data(response, "fa")


def test_staff_record_a_secretary_general_whose_end_is_not_known(admin_client):
    person = factories.PersonFactory()
    report = Source.objects.create(url="https://uclg-mewa.org/en/5th-eb/", title="5th EB")
    url = admin_url("members_position_add")
    data = form_of(admin_client, url)
    data.update(
        person=person.pk,
        office="secretary_general",
        started_on="۱۳۸۷/۰۸",
        start_kind="known",
        end_kind="unknown",
        ended_not_before="۱۳۹۴/۰۶/۰۷",
        certainty="verified",
        sources=[str(report.pk)],
        title_fa="دبیرکل",
    )
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.context["errors"]
    position = Position.objects.get(person=person)
    assert (position.end_kind, position.ended_on) == ("unknown", None)
    assert position.ended_not_before == D(2015, 8, 29)
    assert list(position.sources.all()) == [report]
    assert not position.is_current


def test_a_bound_on_an_open_end_is_refused_beside_its_field_in_persian(admin_client):
    city = factories.CityFactory()
    url = admin_url("members_membership_add")
    data = form_of(admin_client, url)
    data.update(
        city=city.pk,
        status="member",
        started_on="۱۳۹۳",
        start_kind="attested",
        end_kind="open",
        ended_not_before="۱۳۹۷",
        source_note_fa="تاریخ پیوستن یافت نشد.",
    )
    response = admin_client.post(url, data)
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert (
        "کران «نه پیش از» تنها برای پایانی است که تاریخش معلوم نیست."
        in errors["ended_not_before"][0]
    )
    assert "تاریخ پیوستن یافت نشد." in response.content.decode()  # nothing typed is lost
    assert not Membership.objects.exists()


def test_a_second_current_secretary_general_is_refused_in_persian(admin_client):
    factories.PositionFactory(office="secretary_general", city=None)
    url = admin_url("members_position_add")
    data = form_of(admin_client, url)
    data.update(
        person=factories.PersonFactory().pk,
        office="secretary_general",
        started_on="۱۴۰۲/۰۳",
        end_kind="open",
        title_fa="دبیرکل",
    )
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert "این سمت اکنون در دست کس دیگری است" in response.content.decode()


def test_staff_list_a_session_with_no_public_record_and_a_window(admin_client):
    url = admin_url("summits_boardsession_add")
    data = form_of(admin_client, url)
    data.update(number="2", no_public_record="on", format="in_person", certainty="uncertain")
    data.pop("city", None)
    response = admin_client.post(url, data)
    assert response.status_code == 302, (response.context["errors"], data)
    assert BoardSession.objects.get(number=2).no_public_record
    data = form_of(admin_client, url)
    data.update(
        number="6",
        city=factories.CityFactory().pk,
        start_date="۱۳۹۷/۰۹/۰۸",
        end_date="۱۳۹۷/۰۹/۱۱",
        date_is_window="on",
    )
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.context["errors"]
    session = BoardSession.objects.get(number=6)
    assert session.dates_display("fa") == "یکی از روزهای ۸ تا ۱۱ آذر ۱۳۹۷"
    listing = admin_client.get(admin_url("summits_boardsession_changelist")).content.decode()
    assert "یکی از روزهای ۸ تا ۱۱ آذر ۱۳۹۷" in listing
