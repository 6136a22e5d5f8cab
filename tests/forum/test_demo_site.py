"""The issue's "done means", on the forum's real history (forum/demo/*.yaml)."""

import pytest

pytestmark = pytest.mark.django_db

GAZIANTEP = "/{lang}/summits/5th-general-assembly-gaziantep-2018/"


def html(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def test_persian_summit_list_shows_the_5th_assembly_in_gaziantep_with_slogan_and_panels(
    client, demo_data
):
    page = html(client, "/fa/summits/")
    card = page[page.index(GAZIANTEP.format(lang="fa")) :][:3000]
    assert "۸ تا ۱۱ آذر ۱۳۹۷" in card
    assert "شهرهای آسیایی تاب‌آور، زیست‌پذیر و هوشمند" in card
    assert "۴ پنل تخصصی" in card
    assert card.count("<li>") == 4


def test_english_home_shows_the_5th_assembly_dated_in_gregorian(client, demo_data):
    page = html(client, "/en/")
    assert "29 November – 2 December 2018" in page
    assert "Gaziantep" in page


def test_kashan_page_says_member_since_1394_in_persian(client, demo_data):
    page = html(client, "/fa/members/kashan/")
    assert "<dd>عضو از ۱۳۹۴</dd>" in page
    assert "<dd>a member since 2015/16</dd>" in html(client, "/en/members/kashan/")


def test_searching_kashan_with_an_arabic_kaf_finds_kashan(client, demo_data):
    page = html(client, "/fa/search/?q=كاشان")
    assert '<a href="/fa/members/kashan/">کاشان</a>' in page


def test_every_demo_page_answers_in_both_languages(client, demo_data):
    from django.utils import translation

    from members.models import City
    from summits.models import Summit

    for language in ("fa", "en"):
        with translation.override(language):
            urls = [f"/{language}/{section}" for section in ("", "members/", "summits/", "board/")]
            urls += [city.get_absolute_url() for city in City.objects.public()]
            urls += [summit.get_absolute_url() for summit in Summit.objects.public()]
        for url in urls:
            assert url.startswith(f"/{language}/")
            html(client, url)
