"""The minimal home page proves the chain end to end: database, both languages, Jalali dates."""

import datetime

import pytest

from forum.models import ReportedFigure
from tests import factories

pytestmark = pytest.mark.django_db


def test_root_redirects_to_persian_by_default(client):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == "/fa/"


def test_root_redirects_to_english_for_an_english_browser(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9")
    assert response["Location"] == "/en/"


def test_persian_home_is_right_to_left_with_jalali_dates(client):
    factories.SummitFactory(title_fa="پنجمین مجمع عمومی", title_en="5th General Assembly")
    html = client.get("/fa/").content.decode()
    assert '<html lang="fa" dir="rtl">' in html
    assert "پنجمین مجمع عمومی" in html
    assert "۸ تا ۱۱ آذر ۱۳۹۷" in html


def test_english_home_is_left_to_right_with_gregorian_dates(client):
    factories.SummitFactory(title_fa="پنجمین مجمع عمومی", title_en="5th General Assembly")
    html = client.get("/en/").content.decode()
    assert '<html lang="en" dir="ltr">' in html
    assert "5th General Assembly" in html
    assert "29 November – 2 December 2018" in html


def test_english_falls_back_to_persian_when_the_english_text_is_empty(client):
    factories.SummitFactory(title_fa="اجلاس بدون ترجمه", title_en="")
    assert "اجلاس بدون ترجمه" in client.get("/en/").content.decode()


def test_draft_summit_is_not_listed(client):
    factories.SummitFactory(title_en="Secret draft", is_published=False)
    assert "Secret draft" not in client.get("/en/").content.decode()


def test_home_costs_a_fixed_number_of_queries(client, django_assert_num_queries):
    for day in range(40):
        factories.SummitFactory(
            start_date=datetime.date(2000, 1, 1) + datetime.timedelta(days=day * 30), end_date=None
        )
    factories.SummitFactory(
        start_date=datetime.date.today() + datetime.timedelta(days=60), end_date=None
    )
    ReportedFigure.objects.create(reported_on=datetime.date(2025, 8, 1), member_cities=120)
    ReportedFigure.objects.create(reported_on=datetime.date(2024, 8, 1), member_cities=110)
    # latest summits with host, assembly and session; their panels; the next summit to come;
    # its panels; member cities and countries; assemblies held; the latest reported
    # figure; its sources
    with django_assert_num_queries(8):
        assert client.get("/en/").status_code == 200
