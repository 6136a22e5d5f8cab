"""Who was a member on a given day: the directory's ?on= and the API's ?member_on=, one set."""

import datetime

import pytest

from common.dates import PartialDate
from members.models import City
from tests import factories as f

pytestmark = pytest.mark.django_db

DAY = datetime.date(2018, 11, 29)  # 8 Azar 1397


@pytest.fixture
def cities():
    kashan = f.CityFactory(name_en="Kashan", name_fa="کاشان", slug="kashan")
    f.MembershipFactory(
        city=kashan, started_on=PartialDate.jalali_year(1394).start, started_precision="jalali_year"
    )
    yazd = f.CityFactory(name_en="Yazd", name_fa="یزد", slug="yazd")
    f.MembershipFactory(
        city=yazd, started_on=PartialDate.jalali_year(1404).start, started_precision="jalali_year"
    )
    mashhad = f.CityFactory(name_en="Mashhad", name_fa="مشهد", slug="mashhad")
    f.MembershipFactory(
        city=mashhad,
        started_on=datetime.date(2014, 1, 1),
        started_precision="year",
        start_kind="attested",
    )
    # Left in Azar 1397: the month of the day, so it still covers the day.
    shiraz = f.CityFactory(name_en="Shiraz", name_fa="شیراز", slug="shiraz")
    f.MembershipFactory(
        city=shiraz,
        started_on=datetime.date(2010, 5, 3),
        started_precision="day",
        end_kind="known",
        ended_on=PartialDate.jalali_month(1397, 9).start,
        ended_precision="jalali_month",
    )
    # Left on an unknown day, last seen in 2017: not a member in 2018 as far as we know.
    tabriz = f.CityFactory(name_en="Tabriz", name_fa="تبریز", slug="tabriz")
    f.MembershipFactory(
        city=tabriz,
        started_on=datetime.date(2008, 1, 1),
        end_kind="unknown",
        ended_not_before=datetime.date(2017, 1, 1),
        ended_not_before_precision="year",
    )
    # Left on an unknown day, last seen in Jalali 1397: covers the whole year 1397.
    isfahan = f.CityFactory(name_en="Isfahan", name_fa="اصفهان", slug="isfahan")
    f.MembershipFactory(
        city=isfahan,
        started_on=datetime.date(2008, 1, 1),
        end_kind="unknown",
        ended_not_before=PartialDate.jalali_year(1397).start,
        ended_not_before_precision="jalali_year",
    )
    observer = f.CityFactory(name_en="Observer", slug="observer")
    f.MembershipFactory(city=observer, status="observer")
    f.CityFactory(name_en="Guest", slug="guest")
    return kashan


MEMBERS_ON_DAY = {"kashan", "mashhad", "shiraz", "isfahan"}


def test_members_on_a_day_follow_what_is_known_of_each_period(cities):
    found = {city.slug: city.probably for city in City.objects.members_on(DAY)}
    assert set(found) == MEMBERS_ON_DAY
    # An attested start is only probable; a known start long before the day is not.
    assert found == {"kashan": False, "mashhad": True, "shiraz": False, "isfahan": False}


def test_a_day_inside_an_imprecise_start_is_only_probably_a_membership(cities):
    inside = datetime.date(2015, 9, 23)  # 1 Mehr 1394, inside Kashan's start year
    found = {city.slug: city.probably for city in City.objects.members_on(inside)}
    assert found["kashan"] is True
    before = datetime.date(2015, 3, 20)  # 29 Esfand 1393: before it
    assert "kashan" not in {city.slug for city in City.objects.members_on(before)}


def test_an_unknown_end_without_a_bound_covers_only_the_start_period(db):
    city = f.CityFactory(slug="brief")
    f.MembershipFactory(
        city=city, started_on=datetime.date(2012, 1, 1), started_precision="year",
        end_kind="unknown",
    )  # fmt: skip
    assert City.objects.members_on(datetime.date(2012, 12, 31)).get().probably is True
    assert not City.objects.members_on(datetime.date(2013, 1, 1)).exists()


def _listed(html):
    return {slug for slug in ("kashan", "yazd", "mashhad", "shiraz", "tabriz", "isfahan",
                              "observer", "guest") if f"/members/{slug}/" in html}  # fmt: skip


@pytest.mark.parametrize(
    "typed", ["۱۳۹۷/۰۹/۰۸", "1397/09/08", "2018-11-29", "1397-9-8", "jalali:1397-09-08"]
)
def test_persian_page_reads_solar_hijri_and_iso_dates(client, cities, typed):
    response = client.get("/fa/members/", {"on": typed})
    assert response.status_code == 200
    html = response.content.decode()
    assert _listed(html) == MEMBERS_ON_DAY
    assert "اعضا در ۸ آذر ۱۳۹۷" in html  # the day shown, in Solar Hijri with Persian digits
    assert response.context["day"] == DAY


@pytest.mark.parametrize("typed", ["2018-11-29", "jalali:1397-09-08", "jalali:۱۳۹۷/۰۹/۰۸"])
def test_english_page_reads_iso_and_jalali_dates(client, cities, typed):
    response = client.get("/en/members/", {"on": typed})
    assert response.status_code == 200
    html = response.content.decode()
    assert _listed(html) == MEMBERS_ON_DAY
    assert "Members on 29 November 2018" in html
    assert "4 cities were members on 29 November 2018." in html


def test_kashan_from_1394_is_in_and_yazd_from_1404_is_not(client, cities):
    html = client.get("/fa/members/?on=1397/09/08").content.decode()
    assert "/fa/members/kashan/" in html and "/fa/members/yazd/" not in html
    html = client.get("/en/members/?on=2018-11-29").content.decode()
    assert "/en/members/kashan/" in html and "/en/members/yazd/" not in html


def test_an_attested_membership_is_marked_probably_in_words(client, cities):
    english = client.get("/en/members/?on=2018-11-29").content.decode()
    row = english[english.index("/en/members/mashhad/") :].split("</tr>")[0]
    assert "probably" in row and "a member by 2014 (joining date not found)" in row
    assert "member since" not in row
    kashan = english[english.index("/en/members/kashan/") :].split("</tr>")[0]
    assert "probably" not in kashan and "a member since 2015/16" in kashan
    persian = client.get("/fa/members/?on=1397/09/08").content.decode()
    row = persian[persian.index("/fa/members/mashhad/") :].split("</tr>")[0]
    assert "احتمالاً" in row and "عضو دست‌کم از ۲۰۱۴" not in row
    assert "عضو دست‌کم از" in row and "(تاریخ پیوستن یافت نشد)" in row


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("/en/members/?on=2018-02-30", "There is no such day in the calendar"),
        ("/en/members/?on=yesterday", "Enter a date such as 2018-11-29."),
        ("/en/members/?on=1397/09/08", "looks like a Solar Hijri date: type it as jalali:"),
        ("/en/members/?on=2018", "Give a whole date, with its day: 2018-11-29."),
        ("/fa/members/?on=دیروز", "تاریخی مانند ۱۳۹۷/۰۹/۰۸ وارد کنید."),
        ("/fa/members/?on=1397/13/01", "چنین روزی در تقویم نیست"),
        ("/fa/members/?on=1397", "تاریخ کامل را با روز آن بنویسید: ۱۳۹۷/۰۹/۰۸."),
        ("/en/members/?on=1999-12-31", "Give a day between 2000 and 2100."),
        ("/fa/members/?on=0010/01/01", "روزی میان سال‌های ۱۳۷۸ و ۱۴۷۹"),
    ],
)
def test_a_bad_date_is_a_form_error_in_the_readers_language(client, cities, url, message):
    response = client.get(url)
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    assert 'class="error"' in html
    assert _listed(html) == set()  # no other day's members in its place


def test_the_api_gives_the_same_cities_as_the_page(client, cities):
    data = client.get("/api/v1/cities/?member_on=2018-11-29&page_size=100").json()
    assert {city["slug"] for city in data["results"]} == MEMBERS_ON_DAY
    html = client.get("/fa/members/?on=1397/09/08").content.decode()
    assert _listed(html) == {city["slug"] for city in data["results"]}
    combined = client.get("/api/v1/cities/?member_on=2018-11-29&search=Kashan").json()
    assert [city["slug"] for city in combined["results"]] == ["kashan"]


@pytest.mark.parametrize(
    "value", ["2018-02-30", "1397-09-08x", "yesterday", "0183-05-06", "9999-12-31"]
)
def test_a_bad_api_date_is_a_400_naming_member_on(client, cities, value):
    response = client.get("/api/v1/cities/", {"member_on": value})
    assert response.status_code == 400
    assert "member_on" in response.json()


def test_the_schema_describes_member_on_as_a_date(client):
    schema = client.get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert schema.status_code == 200
    operation = schema.json()["paths"]["/api/v1/cities/"]["get"]
    parameter = next(p for p in operation["parameters"] if p["name"] == "member_on")
    assert parameter["in"] == "query" and not parameter.get("required", False)
    assert parameter["schema"] == {"type": "string", "format": "date"}
    assert "members" in parameter["description"]
