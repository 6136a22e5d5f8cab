"""The directory lists the members by default, every city on record on request, and says
what links each city that is not a member to the forum."""

import datetime

import pytest

from common.dates import persian_digits
from members.models import City
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def registry():
    member = f.CityFactory(name_en="Kashan", name_fa="کاشان", slug="kashan")
    f.MembershipFactory(city=member, started_on=datetime.date(2015, 3, 21),
                        started_precision="jalali_year")  # fmt: skip
    attested = f.CityFactory(name_en="Mashhad", name_fa="مشهد", slug="mashhad")
    f.MembershipFactory(
        city=attested, started_on=datetime.date(2014, 3, 21), started_precision="jalali_year",
        start_kind="attested",
    )  # fmt: skip
    left = f.CityFactory(name_en="Tabriz", slug="tabriz")
    f.MembershipFactory(city=left, started_on=datetime.date(2008, 1, 1), end_kind="known",
                        ended_on=datetime.date(2012, 1, 1), ended_precision="year")  # fmt: skip
    # Cities with no membership, linked by what they did.
    participant = f.CityFactory(name_en="Herat", slug="herat")
    assembly = f.GeneralAssemblyFactory(number=3, summit__start_date=datetime.date(2011, 5, 1))
    f.ParticipationFactory(city=participant, summit=assembly.summit)
    later = f.GeneralAssemblyFactory(number=5, summit__start_date=datetime.date(2016, 5, 1))
    f.ParticipationFactory(city=participant, summit=later.summit)
    session_host = f.CityFactory(name_en="Kazan", slug="kazan")
    f.BoardSessionFactory(city=session_host, number=9)
    assembly_host = f.CityFactory(name_en="Ankara", slug="ankara")
    f.GeneralAssemblyFactory(number=7, summit__host_city=assembly_host)
    f.ParticipationFactory(city=assembly_host, summit=assembly.summit)  # less notable
    seat = f.CityFactory(name_en="Dhaka", slug="dhaka")
    f.BoardSeatFactory(city=seat, term__name_en="2019–2021", term__name_fa="۱۳۹۸–۱۴۰۰")
    session_guest = f.CityFactory(name_en="Baku", slug="baku")
    f.ParticipationFactory(city=session_guest, summit=None,
                           board_session=f.BoardSessionFactory(number=2))  # fmt: skip
    f.CityFactory(name_en="Quiet", slug="quiet")
    f.CityFactory(name_en="Draft", slug="draft", is_published=False)


def _row(html, slug, language="en"):
    return html[html.index(f"/{language}/members/{slug}/") :].split("</tr>")[0]


def _listed(html, language="en"):
    slugs = ("kashan", "mashhad", "tabriz", "herat", "kazan", "ankara", "dhaka", "baku",
             "quiet", "draft")  # fmt: skip
    return {slug for slug in slugs if f"/{language}/members/{slug}/" in html}


def test_the_directory_lists_current_members_by_default_and_says_so(client, registry):
    html = client.get("/en/members/").content.decode()
    assert _listed(html) == {"kashan", "mashhad"}
    assert "<h1>Member cities</h1>" in html and "2 member cities now." in html
    assert 'href="?show=all"' in html
    persian = client.get("/fa/members/").content.decode()
    assert _listed(persian, "fa") == {"kashan", "mashhad"}
    assert "اکنون ۲ شهر عضو." in persian and "همه شهرهای ثبت‌شده" in persian


def test_every_city_on_record_is_one_choice_away_and_keeps_the_filters(client, registry):
    html = client.get("/en/members/?show=all").content.decode()
    assert _listed(html) == {"kashan", "mashhad", "tabriz", "herat", "kazan", "ankara",
                             "dhaka", "baku", "quiet"}  # fmt: skip
    assert "<h1>All cities on record</h1>" in html
    total = City.objects.public().count()  # with the hosts the factories made
    assert f"{total} cities on record, members or not." in html
    assert "Members only" in html
    assert 'name="show" value="all"' in html  # the filter form keeps the choice
    filtered = client.get("/en/members/?show=all&q=Herat").content.decode()
    assert _listed(filtered) == {"herat"}
    persian = client.get("/fa/members/?show=all").content.decode()
    assert f"{persian_digits(total)} شهر ثبت‌شده، عضو یا غیرعضو." in persian
    assert "فقط اعضا" in persian


def test_each_city_not_a_member_says_what_links_it_to_the_forum(client, registry):
    html = client.get("/en/members/?show=all").content.decode()
    assert "took part in the 3rd General Assembly" in _row(html, "herat")  # the earliest
    assert "hosted the 9th Executive Board session" in _row(html, "kazan")
    assert "hosted the 7th General Assembly" in _row(html, "ankara")  # the most notable
    assert "held a seat on the Executive Board (2019–2021)" in _row(html, "dhaka")
    assert "took part in the 2nd Executive Board session" in _row(html, "baku")
    assert "no link to the forum on record" in _row(html, "quiet")
    assert "member" not in _row(html, "tabriz").split("</td>")[-2]  # a past member: status only


def test_connection_lines_in_persian(client, registry):
    html = client.get("/fa/members/?show=all").content.decode()
    assert "در سومین مجمع عمومی شرکت کرد" in _row(html, "herat", "fa")
    assert "میزبان نهمین نشست هیئت اجرایی بود" in _row(html, "kazan", "fa")
    assert "میزبان هفتمین مجمع عمومی بود" in _row(html, "ankara", "fa")
    assert "عضو هیئت اجرایی بود (۱۳۹۸–۱۴۰۰)" in _row(html, "dhaka", "fa")
    assert "در دومین نشست هیئت اجرایی شرکت کرد" in _row(html, "baku", "fa")
    assert "پیوندی با مجمع ثبت نشده است" in _row(html, "quiet", "fa")


def test_an_attested_start_never_reads_as_member_since(client, registry):
    english = client.get("/en/members/").content.decode()
    assert "a member by 2014/15 (joining date not found)" in _row(english, "mashhad")
    assert "member since" not in _row(english, "mashhad").lower()
    assert "a member since 2015/16" in _row(english, "kashan")
    persian = client.get("/fa/members/").content.decode()
    assert "عضو دست‌کم از ۱۳۹۳ (تاریخ پیوستن یافت نشد)" in _row(persian, "mashhad", "fa")
    assert "عضو از" not in _row(persian, "mashhad", "fa")
    assert "عضو از ۱۳۹۴" in _row(persian, "kashan", "fa")


@pytest.mark.parametrize(
    ("url", "budget"),
    [
        ("/en/members/?page=2", 3),  # countries for the filter, count, page of cities
        # + hosted summits, board sessions hosted, board seats, participations
        ("/en/members/?show=all&page=2", 7),
        ("/fa/members/?on=1397/09/08&page=2", 3),  # countries, count, page of cities
    ],
)
def test_every_view_of_the_directory_costs_a_fixed_number_of_queries(
    client, django_assert_num_queries, url, budget
):
    for index in range(30):
        f.MembershipFactory(started_on=datetime.date(2001 + index % 10, 1, 1))
    for _ in range(30):
        city = f.CityFactory()
        f.ParticipationFactory(city=city)
        f.BoardSeatFactory(city=city)
        f.BoardSessionFactory(city=city)
    with django_assert_num_queries(budget, info=url):
        response = client.get(url)
    assert response.status_code == 200
