"""Every public page in both languages: content, drafts hidden, private fields
never shown, and a fixed number of queries whatever the number of rows."""

import datetime

import pytest

from members.models import Membership
from summits.models import Participation
from tests import factories

pytestmark = pytest.mark.django_db


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


@pytest.fixture
def summit():
    host = factories.CityFactory(name_en="Gaziantep", name_fa="غازی‌آنتپ", slug="gaziantep")
    summit = factories.SummitFactory(
        slug="5th-ga",
        title_en="5th General Assembly",
        title_fa="پنجمین مجمع عمومی",
        slogan_en="Resilient, Livable and Smart Asian Cities",
        slogan_fa="شهرهای آسیایی تاب‌آور، زیست‌پذیر و هوشمند",
        host_city=host,
        venue_en="Gaziantep Congress Centre",
    )
    factories.GeneralAssemblyFactory(summit=summit, number=5)
    factories.ParticipationFactory(summit=summit, city=host, role=Participation.Role.HOST)
    for order, title in enumerate(["Mobility", "Smart city", "Resilience", "Livability"]):
        panel = factories.PanelFactory(summit=summit, title_en=title, order=order)
        factories.TalkFactory(panel=panel, city=host)
    factories.DocumentFactory(summit=summit, title_en="Gaziantep Declaration")
    return summit


@pytest.mark.parametrize(
    "url",
    ["/fa/", "/en/", "/fa/members/", "/en/members/", "/fa/summits/", "/en/summits/"]
    + ["/fa/board/", "/en/board/", "/fa/search/?q=x", "/en/search/"]
    + ["/fa/statistics/", "/en/statistics/"],
)
def test_every_section_answers_in_both_languages_with_direction_and_alternates(client, url):
    html = page(client, url)
    language = url.split("/")[1]
    direction = "rtl" if language == "fa" else "ltr"
    assert f'<html lang="{language}" dir="{direction}">' in html
    assert 'hreflang="fa" href="http://testserver/fa/' in html
    assert 'hreflang="en" href="http://testserver/en/' in html
    assert 'hreflang="x-default"' in html
    assert '<meta property="og:title"' in html


def test_summit_page_shows_host_dates_slogan_assembly_panels_speakers_and_documents(client, summit):
    html = page(client, "/fa/summits/5th-ga/")
    assert "پنجمین مجمع عمومی" in html
    assert "۸ تا ۱۱ آذر ۱۳۹۷" in html
    assert "شهرهای آسیایی تاب‌آور، زیست‌پذیر و هوشمند" in html
    assert "مجمع عمومی شمارهٔ ۵" in html
    for title in ["Mobility", "Smart city", "Resilience", "Livability"]:
        assert title in html
    assert "Gaziantep Declaration" in html
    english = page(client, "/en/summits/5th-ga/")
    assert "29 November – 2 December 2018" in english
    assert "Gaziantep Congress Centre" in english
    assert '"@type": "Event"' in english
    assert '"startDate": "2018-11-29"' in english


def test_summit_list_marks_upcoming_summits_and_lists_newest_first(client, summit):
    factories.SummitFactory(
        title_en="Next summit",
        start_date=datetime.date.today() + datetime.timedelta(days=60),
        end_date=None,
    )
    html = page(client, "/en/summits/")
    assert html.index("Next summit") < html.index("5th General Assembly")
    assert html.count('class="badge">Upcoming') == 1
    assert "4 thematic panels" in html


def test_draft_summit_and_draft_city_answer_404_in_both_languages(client):
    draft = factories.SummitFactory(is_published=False)
    city = factories.CityFactory(is_published=False)
    for language in ("fa", "en"):
        assert client.get(f"/{language}/summits/{draft.slug}/").status_code == 404
        assert client.get(f"/{language}/summits/{draft.slug}/calendar.ics").status_code == 404
        assert client.get(f"/{language}/members/{city.slug}/").status_code == 404


def test_not_found_page_is_translated(client):
    persian = client.get("/fa/no-such-page/")
    assert persian.status_code == 404
    assert "صفحه پیدا نشد" in persian.content.decode()
    assert "Page not found" in client.get("/en/no-such-page/").content.decode()


def test_server_error_page_is_translated_and_needs_no_request_context(rf):
    from django.utils import translation
    from django.views.defaults import server_error

    with translation.override("fa"):
        html = server_error(rf.get("/fa/")).content.decode()
    assert '<html lang="fa" dir="rtl">' in html
    assert "خطای سرور" in html


def test_city_profile_shows_membership_summits_panels_board_and_offices(client, summit):
    city = summit.host_city
    factories.MembershipFactory(
        city=city, started_on=datetime.date(2015, 3, 21), started_precision="jalali_year"
    )
    factories.BoardSeatFactory(city=city, term__name_en="Term 2018–2020")
    factories.PositionFactory(city=city, person__name_en="Fatma Şahin")
    board_session = factories.BoardSessionFactory(number=6, city=city)
    factories.ParticipationFactory(summit=None, board_session=board_session, city=city)
    persian = page(client, "/fa/members/gaziantep/")
    assert "عضو از" in persian or "عضویت از" in persian
    assert "۱۳۹۴" in persian
    english = page(client, "/en/members/gaziantep/")
    assert "2015/16" in english
    assert "5th General Assembly" in english
    assert "Mobility" in english
    assert "Term 2018–2020" in english
    assert "Fatma Şahin" in english
    assert "session no. 6" in english
    assert '"@type": "City"' in english


def test_no_private_contact_detail_appears_on_any_public_page(client, summit):
    person = summit.panels.first().talks.first().speaker
    person.phone = "+98 21 5555 0101"
    person.private_note = "Private note about the mayor"
    person.save()
    factories.PositionFactory(person=person, city=summit.host_city)
    urls = ["/en/", "/en/summits/", "/en/summits/5th-ga/", "/en/members/gaziantep/", "/en/board/"]
    urls += [f"/en/search/?q={person.name_en}"]
    for url in urls:
        html = page(client, url)
        assert person.email not in html
        assert person.phone not in html
        assert person.private_note not in html


def test_language_switch_lands_on_the_same_page_in_the_other_language(client, summit):
    html = page(client, "/fa/summits/5th-ga/")
    assert 'href="/en/summits/5th-ga/" lang="en" hreflang="en">English</a>' in html
    html = page(client, "/en/members/?region=west&page=1")
    assert 'href="/fa/members/?region=west&amp;page=1" lang="fa"' in html


def test_directory_filters_by_country_region_and_status_and_searches(client):
    factories.MembershipFactory(city__name_en="Kashan", city__name_fa="کاشان", city__country="IR")
    factories.MembershipFactory(
        city__name_en="Istanbul", city__country="TR", status=Membership.Status.OBSERVER
    )
    factories.MembershipFactory(
        city__name_en="Bangkok", city__country="TH", city__region="south_east"
    )
    assert "Istanbul" not in page(client, "/en/members/?country=IR")
    by_region = page(client, "/en/members/?region=south_east")
    assert "Bangkok" in by_region and "Kashan" not in by_region
    by_status = page(client, "/en/members/?status=observer")
    assert "Istanbul" in by_status and "Kashan" not in by_status
    by_name = page(client, "/en/members/?q=كاشان")
    assert "Kashan" in by_name and "Bangkok" not in by_name


def test_directory_shows_a_form_error_for_a_bad_filter_never_a_500(client):
    factories.MembershipFactory(city__name_en="Kashan")
    html = page(client, "/en/members/?country=XX&status=nonsense&page=abc")
    assert 'class="error"' in html
    assert "Kashan" in html


def test_directory_is_paginated_and_keeps_filters(client):
    for _ in range(30):
        factories.MembershipFactory(city__region="west")
    html = page(client, "/fa/members/?region=west")
    assert "صفحهٔ ۱ از ۲" in html
    assert 'href="?region=west&amp;page=2"' in html
    assert "۳۰" in html


def test_board_page_shows_seats_by_term_and_sessions(client):
    seat = factories.BoardSeatFactory(
        term__name_en="2023–2025", term__start_year=2023, term__end_year=2025, role="president"
    )
    factories.BoardSessionFactory(number=11, city=seat.city)
    factories.BoardSessionFactory(number=12, is_published=False)
    html = page(client, "/en/board/")
    assert "2023–2025" in html
    assert seat.city.name_en in html
    assert "session no. 11" in html
    assert "session no. 12" not in html


# Query budgets: each page with many rows costs the same as with a few.


def many_summits(count=25):
    for index in range(count):
        summit = factories.SummitFactory(
            start_date=datetime.date(1990 + index, 1, 1), end_date=None
        )
        factories.GeneralAssemblyFactory(summit=summit)
        factories.PanelFactory.create_batch(3, summit=summit)


def test_summit_list_costs_two_queries_whatever_the_number_of_summits(
    client, django_assert_num_queries
):
    many_summits()
    with django_assert_num_queries(2):  # summits with host, assembly, session; their panels
        page(client, "/en/summits/")


def test_summit_page_costs_a_fixed_number_of_queries(client, summit, django_assert_num_queries):
    for panel in summit.panels.all():
        factories.TalkFactory.create_batch(5, panel=panel)
        factories.DocumentFactory(panel=panel, summit=summit)
    for _ in range(20):
        factories.ParticipationFactory(summit=summit)
        factories.DocumentFactory(summit=summit)
    # summit with host, assembly, session; panels with moderator; their talks with speaker
    # and city; their documents; participations with city, organisation, head; documents;
    # the sources of the summit, its panels and its participations
    with django_assert_num_queries(9):
        page(client, "/fa/summits/5th-ga/")


def test_city_profile_costs_a_fixed_number_of_queries(client, django_assert_num_queries):
    city = factories.CityFactory(slug="busy")
    factories.MembershipFactory(city=city)
    for index in range(15):
        summit = factories.SummitFactory(
            start_date=datetime.date(2000 + index, 5, 1), end_date=None
        )
        factories.ParticipationFactory(summit=summit, city=city)
        factories.TalkFactory(panel__summit=summit, city=city)
        factories.BoardSeatFactory(city=city)
        factories.PositionFactory(city=city, started_on=datetime.date(1980 + index, 1, 1))
        session = factories.BoardSessionFactory(city=city)
        factories.ParticipationFactory(summit=None, board_session=session, city=city)
    # city with current membership; memberships; positions with person; board seats with
    # term; summit participations; talks with panel and summit; board sessions; the sources
    # of the city, its memberships, positions and seats
    with django_assert_num_queries(11):
        page(client, "/en/members/busy/")


def test_directory_costs_three_queries_whatever_the_number_of_cities(
    client, django_assert_num_queries
):
    for _ in range(60):
        factories.MembershipFactory()
    with django_assert_num_queries(3):  # countries for the filter, count, page of cities
        page(client, "/en/members/?page=2")


def test_board_page_costs_four_queries(client, django_assert_num_queries):
    for year in range(8):
        term = factories.BoardTermFactory(start_year=1990 + year * 3)
        factories.BoardSeatFactory.create_batch(4, term=term)
        factories.BoardSessionFactory()
    # terms; their seats with city; sessions with city, summit; the sessions' sources
    with django_assert_num_queries(4):
        page(client, "/en/board/")


def test_search_costs_one_query_per_kind(client, django_assert_num_queries):
    for index in range(10):
        factories.PositionFactory(person__name_en=f"Mayor Tehrani {index}")
    # cities, summits, panels, people, positions of the people found, documents
    with django_assert_num_queries(6):
        page(client, "/en/search/?q=tehrani")
