"""Persian staff type and read Solar Hijri dates; English staff, Gregorian ones."""

import datetime

import pytest

from common.dates import DatePrecision
from common.forms import parse_typed_date
from members.models import Membership
from tests.admin.forms import admin_url, inline_prefix, page_form_data
from tests.factories import CityFactory, MembershipFactory, SummitFactory

D = datetime.date


@pytest.mark.parametrize(
    ("typed", "language", "expected", "precision"),
    [
        ("1397-09-08", "fa", D(2018, 11, 29), "day"),
        ("۱۳۹۷/۰۹/۰۸", "fa", D(2018, 11, 29), "day"),
        ("١٣٩٧/٩/٨", "fa", D(2018, 11, 29), "day"),
        ("1394", "fa", D(2015, 3, 21), "jalali_year"),
        ("۱۴۰۳/۰۲", "fa", D(2024, 4, 20), "jalali_month"),
        ("2018-11-29", "fa", D(2018, 11, 29), "day"),
        ("2018-11-29", "en", D(2018, 11, 29), "day"),
        ("2013", "en", D(2013, 1, 1), "year"),
        ("2013-11", "en", D(2013, 11, 1), "month"),
        ("jalali:1394", "en", D(2015, 3, 21), "jalali_year"),
        ("jalali:۱۳۹۴", "en", D(2015, 3, 21), "jalali_year"),
    ],
)
def test_typed_dates_are_read_in_the_calendar_of_the_language(typed, language, expected, precision):
    date = parse_typed_date(typed, language)
    assert (date.start, date.precision) == (expected, precision)


@pytest.mark.parametrize("typed", ["1397-12-30", "1397/13/01", "tomorrow", "1397-09-08-01"])
def test_impossible_jalali_dates_are_refused(typed):
    with pytest.raises(ValueError):
        parse_typed_date(typed, "fa")


def add_membership(client, language, city, started_on, precision="day"):
    return client.post(
        admin_url("members_membership_add", language=language),
        {
            "city": city.pk,
            "status": "member",
            "started_on": started_on,
            "started_precision": precision,
            "ended_on": "",
            "ended_precision": "day",
            "start_kind": "known",
            "end_kind": "open",
            "ended_not_before": "",
            "ended_not_before_precision": "day",
            "certainty": "verified",
            "source_note": "",
            "version": "",
        },
    )


@pytest.mark.parametrize("typed", ["1397-09-08", "۱۳۹۷/۰۹/۰۸"])
def test_jalali_date_typed_in_the_persian_admin_is_stored_as_its_gregorian_day(admin_client, typed):
    city = CityFactory()
    response = add_membership(admin_client, "fa", city, typed)
    assert response.status_code == 302, response.context["adminform"].form.errors
    membership = Membership.objects.get(city=city)
    assert membership.started_on == D(2018, 11, 29)
    assert membership.started_precision == DatePrecision.DAY


def test_the_same_text_in_the_english_admin_is_a_gregorian_date(admin_client):
    city = CityFactory()
    assert add_membership(admin_client, "en", city, "2018-11-29").status_code == 302
    assert Membership.objects.get(city=city).started_on == D(2018, 11, 29)


def test_kashan_joining_year_1394_is_entered_as_a_year_and_kept_as_one(admin_client):
    city = CityFactory(slug="kashan")
    response = add_membership(admin_client, "fa", city, "۱۳۹۴")
    assert response.status_code == 302
    membership = Membership.objects.get(city=city)
    assert (membership.started_on, membership.started_precision) == (
        D(2015, 3, 21),
        DatePrecision.JALALI_YEAR,
    )
    change = admin_client.get(admin_url("members_membership_change", membership.pk))
    assert 'value="۱۳۹۴"' in change.content.decode()
    url = admin_url("members_membership_change", membership.pk, language="en")
    assert 'value="jalali:1394"' in admin_client.get(url).content.decode()


def test_a_full_day_typed_with_a_wider_precision_stores_the_start_of_the_period(admin_client):
    city = CityFactory()
    add_membership(admin_client, "fa", city, "1394-06-15", precision="jalali_year")
    membership = Membership.objects.get(city=city)
    assert (membership.started_on, membership.started_precision) == (D(2015, 3, 21), "jalali_year")


def test_a_date_without_a_precision_column_needs_the_day(admin_client):
    summit = SummitFactory()
    response = admin_client.get(admin_url("summits_summit_change", summit.pk))
    data = page_form_data(response, "fa")
    data["end_date"] = "1397"
    response = admin_client.post(admin_url("summits_summit_change", summit.pk), data)
    assert response.status_code == 200
    assert "end_date" in response.context["adminform"].form.errors


def test_an_impossible_date_is_a_form_error_not_a_crash(admin_client):
    response = add_membership(admin_client, "fa", CityFactory(), "1397-12-30")
    assert response.status_code == 200
    assert "started_on" in response.context["adminform"].form.errors


def test_persian_change_page_shows_jalali_dates_with_month_names(admin_client):
    summit = SummitFactory(start_date=D(2018, 11, 29), end_date=D(2018, 12, 2))
    html = admin_client.get(admin_url("summits_summit_change", summit.pk)).content.decode()
    assert 'value="۱۳۹۷/۰۹/۰۸"' in html
    assert "۸ آذر ۱۳۹۷" in html
    url = admin_url("summits_summit_change", summit.pk, language="en")
    html = admin_client.get(url).content.decode()
    assert 'value="2018-11-29"' in html
    assert "29 November 2018" in html


def test_persian_list_shows_jalali_dates(admin_client):
    MembershipFactory(started_on=D(2015, 3, 21), started_precision="jalali_year")
    html = admin_client.get(admin_url("members_membership_changelist")).content.decode()
    assert "۱۳۹۴" in html


def test_city_page_saves_membership_typed_in_jalali_inline(admin_client):
    city = CityFactory()
    url = admin_url("members_city_change", city.pk)
    response = admin_client.get(url)
    data = page_form_data(response, "fa")
    prefix = inline_prefix(response, Membership)
    data.update(
        {
            f"{prefix}-TOTAL_FORMS": "1",
            f"{prefix}-0-status": "member",
            f"{prefix}-0-started_on": "۱۳۹۴",
            f"{prefix}-0-started_precision": "day",
            f"{prefix}-0-start_kind": "known",
            f"{prefix}-0-end_kind": "open",
            f"{prefix}-0-ended_on": "",
            f"{prefix}-0-ended_precision": "day",
            f"{prefix}-0-ended_not_before_precision": "day",
            f"{prefix}-0-certainty": "verified",
            f"{prefix}-0-version": "",
        }
    )
    response = admin_client.post(url, data)
    assert response.status_code == 302
    membership = city.memberships.get()
    assert (membership.started_on, membership.started_precision) == (D(2015, 3, 21), "jalali_year")


def test_a_jalali_year_typed_in_the_english_admin_is_refused_with_a_hint(admin_client):
    response = add_membership(admin_client, "en", CityFactory(), "1394")
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["started_on"] == [
        "1394 looks like a Solar Hijri date: type it as jalali:1394, or use the Persian admin."
    ]
