"""Where each fact comes from and how sure we are, on the public pages in both languages and
in the API: certainty in words beside each fact that is not verified, sources as links,
notes per language (a fallback marked as the other language), periods as far as known."""

import datetime

import pytest

from common.models import Source
from members.models import Membership
from tests import factories

pytestmark = pytest.mark.django_db

D = datetime.date


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


@pytest.fixture
def mashhad():
    city = factories.CityFactory(slug="mashhad", name_fa="مشهد", name_en="Mashhad")
    report = Source.objects.create(
        url="https://www.mayors.asia/city/mashhad/", title="Mashhad", publisher="AMF"
    )
    membership = factories.MembershipFactory(
        city=city,
        started_on=D(2014, 11, 24),
        started_precision="day",
        start_kind="attested",
        certainty="single_source",
        source_note_en="Joining date not found; first mentioned at the 4th board session.",
    )
    membership.sources.add(report)
    return city


def test_an_attested_start_is_not_shown_as_a_joining_date(client, mashhad):
    html = page(client, "/en/members/mashhad/")
    assert "a member by 24 November 2014 (joining date not found)" in html
    assert "Member since" not in html and "since 24 November 2014" not in html
    html = page(client, "/fa/members/mashhad/")
    assert "عضو دست‌کم از ۳ آذر ۱۳۹۳ (تاریخ پیوستن یافت نشد)" in html


def test_a_fact_not_verified_says_so_in_words_and_lists_its_sources(client, mashhad):
    for language, mark in (("en", "(single source)"), ("fa", "(تک‌منبعی)")):
        html = page(client, f"/{language}/members/mashhad/")
        assert f'<span class="certainty">{mark}</span>' in html
        assert (
            '<a href="https://www.mayors.asia/city/mashhad/" rel="external">AMF — Mashhad</a>'
            in (html)
        )


def test_a_note_shown_in_the_other_language_carries_its_own_lang_and_dir(client, mashhad):
    html = page(client, "/fa/members/mashhad/")
    note = "Joining date not found; first mentioned at the 4th board session."
    assert f'<span lang="en" dir="ltr">{note}</span>' in html
    html = page(client, "/en/members/mashhad/")
    assert f"<p>{note}</p>" in html  # in its own language: no wrapper


def test_an_unknown_end_is_not_still_in_office(client):
    city = factories.CityFactory(slug="tehran", name_en="Tehran", name_fa="تهران")
    factories.PositionFactory(
        city=city,
        title_en="Mayor",
        started_on=D(2008, 11, 1),
        started_precision="month",
        end_kind="unknown",
        ended_not_before=D(2015, 8, 29),
    )
    html = page(client, "/en/members/tehran/")
    assert "from November 2008 until at least 29 August 2015" in html
    assert "to date" not in html
    assert "تا دست‌کم ۷ شهریور ۱۳۹۴" in page(client, "/fa/members/tehran/")


def test_the_board_lists_an_unrecorded_session_in_its_place_and_windows_as_one_day(client):
    gaziantep = factories.CityFactory(name_en="Gaziantep", name_fa="غازی‌آنتپ")
    factories.BoardSessionFactory(number=1, start_date=D(2012, 2, 1))
    factories.BoardSessionFactory(
        number=2, city=None, start_date=None, no_public_record=True, certainty="uncertain"
    )
    factories.BoardSessionFactory(
        number=6,
        city=gaziantep,
        start_date=D(2018, 11, 29),
        end_date=D(2018, 12, 2),
        date_is_window=True,
    )
    factories.BoardSessionFactory(number=3, city=None, place_unknown=True)
    html = page(client, "/en/board/")
    second = html.index("Executive Board session no. 2")
    assert html.index("session no. 3") < second < html.index("session no. 1")
    assert "no public record found" in html[second : second + 300]
    assert "one day between 29 November and 2 December 2018" in html
    assert "place not known" in html
    html = page(client, "/fa/board/")
    assert "سابقهٔ عمومی یافت نشد" in html
    assert "یکی از روزهای ۸ تا ۱۱ آذر ۱۳۹۷" in html
    assert "۱۳۹۶–۱۳۹۷" not in html


def test_the_api_says_how_each_period_is_known_and_where_it_comes_from(client, mashhad):
    data = client.get(f"/api/v1/cities/{mashhad.pk}/?lang=en").json()
    assert data["member_since"] is None  # only the earliest mention is known
    assert data["member_by"]["display"] == "24 November 2014"
    (membership,) = data["memberships"]
    assert membership["start_kind"] == "attested" and membership["end_kind"] == "open"
    assert membership["certainty"] == "single_source"
    assert membership["ended"] is None and membership["ended_not_before"] is None
    assert membership["sources"] == [
        {
            "title": "Mashhad",
            "publisher": "AMF",
            "url": "https://www.mayors.asia/city/mashhad/",
            "accessed_on": None,
            "archive_url": "",
        }
    ]
    assert membership["source_note_i18n"]["fa"] is None
    position = factories.PositionFactory(end_kind="unknown", ended_not_before=D(2015, 8, 29))
    data = client.get(f"/api/v1/positions/{position.pk}/?lang=en").json()
    assert data["end_kind"] == "unknown" and data["ended"] is None
    assert data["ended_not_before"]["date"] == "2015-08-29"
    assert data["sources"] == [] and data["certainty"] == "verified"


def test_the_api_gives_sessions_their_window_and_participations_their_sources(client):
    session = factories.BoardSessionFactory(
        start_date=D(2024, 8, 28), end_date=D(2024, 8, 29), date_is_window=True
    )
    participation = factories.ParticipationFactory(summit=None, board_session=session)
    participation.sources.add(Source.objects.create(url="https://baranpress.ir/x", title="Rasht"))
    data = client.get(f"/api/v1/board-sessions/{session.pk}/").json()
    assert data["date_is_window"] is True and data["no_public_record"] is False
    data = client.get(f"/api/v1/participations/{participation.pk}/").json()
    assert [source["title"] for source in data["sources"]] == ["Rasht"]


def test_the_schema_describes_sources_and_partial_knowledge(client):
    schema = client.get("/api/v1/schema/?format=json").json()
    components = schema["components"]["schemas"]
    assert set(components["Source"]["properties"]) == {
        "title",
        "publisher",
        "url",
        "accessed_on",
        "archive_url",
    }
    membership = components["Membership"]["properties"]
    assert membership["sources"]["items"] == {"$ref": "#/components/schemas/Source"}
    kinds = [
        components[ref.split("/")[-1]]["enum"]
        for ref in [
            membership["start_kind"].get("$ref") or membership["start_kind"]["allOf"][0]["$ref"]
        ]
    ]
    assert kinds == [["known", "attested"]]
    assert "date_is_window" in components["BoardSession"]["properties"]


def test_no_page_or_answer_shows_an_attestation_as_a_joining_date(client, demo_data):
    attested = Membership.objects.filter(start_kind="attested").select_related("city")
    assert attested.count() >= 13
    for membership in attested:
        html = page(client, f"/en/members/{membership.city.slug}/")
        assert "Member since" not in html, membership.city
        if membership == membership.city.memberships.order_by("-started_on").first():
            assert "(joining date not found)" in html, membership.city
        data = client.get(f"/api/v1/cities/{membership.city.pk}/").json()
        kinds = {period["start_kind"] for period in data["memberships"]}
        assert "attested" in kinds
        if data["memberships"][0]["start_kind"] == "attested":
            assert data["member_since"] is None and data["member_by"], membership.city


def test_a_description_shown_in_the_other_language_is_marked_as_that_language(client):
    factories.CityFactory(slug="yazd", description_fa="شهر بادگیرها", description_en="")
    session = factories.BoardSessionFactory(summary_fa="", summary_en="Budget approved & more")
    assert '<span lang="fa" dir="rtl">شهر بادگیرها</span>' in page(client, "/en/members/yazd/")
    assert '<span lang="en" dir="ltr">Budget approved &amp; more</span>' in page(
        client, "/fa/board/"
    )
    assert session.summary_en in page(client, "/en/board/").replace("&amp;", "&")
