"""Lists by year in the reader's calendar: Solar Hijri years in the Persian admin
(instead of Django's Gregorian date hierarchy), Gregorian years in English."""

import pytest

pytestmark = pytest.mark.django_db

SUMMITS = "/{language}/admin/summits/summit/"


def test_persian_list_offers_solar_hijri_years_and_no_gregorian_hierarchy(admin_client, demo_data):
    html = admin_client.get(SUMMITS.format(language="fa")).content.decode()
    assert "?year=j1397" in html and ">۱۳۹۷<" in html
    assert "?year=2018" not in html
    assert 'class="toplinks"' not in html  # the date hierarchy's bar


def test_solar_hijri_year_lists_what_fell_in_it(admin_client, demo_data):
    # 1397 ran from 21 March 2018 to 20 March 2019: the Gaziantep assembly only.
    response = admin_client.get(SUMMITS.format(language="fa"), {"year": "j1397"})
    assert response.status_code == 200
    titles = [str(summit) for summit in response.context["cl"].result_list]
    assert len(titles) == 1 and "غازی‌آنتپ" in titles[0]
    # 1400 holds the Dushanbe assembly of 8–10 March 2022 (17–19 Esfand 1400).
    response = admin_client.get(SUMMITS.format(language="fa"), {"year": "j1400"})
    assert [s.slug for s in response.context["cl"].result_list] == [
        "6th-general-assembly-dushanbe-2022"
    ]


def test_english_list_keeps_the_gregorian_hierarchy_and_years(admin_client, demo_data):
    response = admin_client.get(SUMMITS.format(language="en"))
    html = response.content.decode()
    assert response.context["cl"].date_hierarchy == "start_date"
    assert 'class="toplinks"' in html
    assert "?year=2018" in html
    response = admin_client.get(SUMMITS.format(language="en"), {"year": "2018"})
    assert [s.slug for s in response.context["cl"].result_list] == [
        "5th-general-assembly-gaziantep-2018"
    ]


@pytest.mark.parametrize("value", ["j0", "j99999", "jabc", "j", "10000"])
def test_impossible_years_list_nothing_without_failing(admin_client, demo_data, value):
    response = admin_client.get(SUMMITS.format(language="fa"), {"year": value})
    assert response.status_code == 200
    assert list(response.context["cl"].result_list) == []


def test_membership_history_by_solar_hijri_year_finds_kashan(admin_client, demo_data):
    response = admin_client.get("/fa/admin/members/membership/", {"year": "j1394"})
    assert "kashan" in [m.city.slug for m in response.context["cl"].result_list]
