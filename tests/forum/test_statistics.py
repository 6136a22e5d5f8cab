"""The forum's own membership figures beside the registry's, on the home page and on
/<lang>/statistics/ (SVG chart, table, CSV)."""

import csv
import datetime
import io
import re

import pytest
from django.db import IntegrityError, transaction

from common.models import Source
from forum.models import ReportedFigure
from forum.statistics import registry_members_by_year
from members.models import City, Membership
from tests import factories

pytestmark = pytest.mark.django_db

PERSIAN_DIGIT = re.compile(r"[۰-۹]")
LATIN_NUMBER = re.compile(r"(?<![\w#.-])[0-9]+(?![\w.-])")


def figure(day, cities, precision="day", url="https://example.org/report", **fields):
    record = ReportedFigure.objects.create(
        reported_on=day, reported_precision=precision, member_cities=cities, **fields
    )
    record.sources.set([Source.objects.get_or_create(url=url)[0]])
    return record


@pytest.fixture
def world(db):
    """Three members over the years, one withdrawn one, a draft city, two figures."""
    old = factories.MembershipFactory(
        city__slug="old", started_on=datetime.date(2010, 1, 1), started_precision="year"
    )
    # Ended in March 2013: it counts in 2010–2013, not 2014.
    Membership.objects.filter(pk=old.pk).update(
        end_kind="known", ended_on=datetime.date(2013, 3, 1), ended_precision="month"
    )
    factories.MembershipFactory(
        city__slug="open", started_on=datetime.date(2012, 6, 1), started_precision="month"
    )
    factories.MembershipFactory(
        city__slug="associate", status="associate", started_on=datetime.date(2014, 3, 21),
        started_precision="jalali_year",
    )  # fmt: skip
    # An unknown end, last known in 2015: counts up to 2015.
    factories.MembershipFactory(
        city__slug="faded", started_on=datetime.date(2011, 1, 1), started_precision="year",
        end_kind="unknown", ended_not_before=datetime.date(2015, 1, 1),
        ended_not_before_precision="year",
    )  # fmt: skip
    factories.MembershipFactory(
        city__slug="observer", status="observer", started_on=datetime.date(2010, 1, 1)
    )
    factories.MembershipFactory(
        city__slug="draft", city__is_published=False, started_on=datetime.date(2010, 1, 1)
    )
    figure(datetime.date(2014, 11, 1), 67, precision="month", url="https://example.org/s21")
    figure(
        datetime.date(2025, 8, 1), 120, precision="month", url="https://example.org/s54",
        countries=39, qualifier="nearly", certainty="single_source",
    )  # fmt: skip


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def read_csv(client, language="en"):
    response = client.get(f"/{language}/statistics/membership.csv")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.DictReader(io.StringIO(response.content.decode())))


def test_the_registry_counts_the_member_cities_of_each_year(world):
    counts = registry_members_by_year(2009, 2016)
    assert counts == {
        2009: 0,
        2010: 1,  # old
        2011: 2,  # old, faded
        2012: 3,  # + open
        2013: 3,  # old ended in March
        2014: 3,  # open, faded, associate (from 1 Farvardin 1393)
        2015: 3,
        2016: 2,  # faded last known in 2015
    }


def test_the_csv_holds_each_year_with_the_registry_count_and_the_reported_figures(client, world):
    rows = read_csv(client)
    assert list(rows[0]) == [
        "year",
        "registry_member_cities",
        "reported_figure",
        "qualifier",
        "source_url",
    ]
    by_year = {int(row["year"]): row for row in rows}
    assert min(by_year) == 2010
    assert max(by_year) == max(datetime.date.today().year, 2025)
    assert {year: int(by_year[year]["registry_member_cities"]) for year in range(2010, 2017)} == {
        2010: 1, 2011: 2, 2012: 3, 2013: 3, 2014: 3, 2015: 3, 2016: 2,
    }  # fmt: skip
    assert by_year[2014]["reported_figure"] == "67"
    assert by_year[2014]["qualifier"] == "exact"
    assert by_year[2014]["source_url"] == "https://example.org/s21"
    assert by_year[2025]["reported_figure"] == "120"
    assert by_year[2025]["qualifier"] == "nearly"
    assert by_year[2016]["reported_figure"] == ""
    # The same file, Latin digits and Gregorian years, whatever the page's language.
    assert read_csv(client, "fa") == rows


def test_the_table_holds_the_numbers_of_the_csv(client, world):
    html = page(client, "/en/statistics/")
    table = html[html.index("<table") : html.index("</table>")]
    body = table[table.index("<tbody") :]
    lines = re.findall(r"<tr>(.*?)</tr>", body, re.S)
    rows = read_csv(client)
    assert len(lines) == len(rows)
    for line, row in zip(lines, rows, strict=True):
        assert f'<th scope="row">{row["year"]}</th>' in line
        assert f'data-registry="{row["registry_member_cities"]}">' in line
        assert f">{row['registry_member_cities']}</td>" in line
        if row["reported_figure"]:
            assert f'data-reported="{row["reported_figure"]}"' in line
            assert f"{row['reported_figure']} member cities" in line
            assert f'href="{row["source_url"]}"' in line
        else:
            assert "data-reported" not in line


def test_the_english_page_draws_the_chart_in_svg_with_gregorian_years_and_no_script(client, world):
    html = page(client, "/en/statistics/")
    assert "<script" not in html
    assert " style=" not in html and "<style" not in html
    svg = html[html.index("<svg") : html.index("</svg>")]
    assert 'role="img"' in svg and 'aria-labelledby="chart-title chart-desc"' in svg
    assert 'viewBox="0 0 ' in svg and 'width="100%"' in svg
    assert '<title id="chart-title">Member cities over time</title>' in svg
    assert "<desc" in svg and "<polyline" in svg
    assert svg.count('r="6"') == 2 + 1  # two reported figures, one in the legend
    assert ">2010</text>" in svg
    assert "nearly 120 member cities from 39 countries" in html
    assert "(single source)" in html
    assert 'href="/en/statistics/membership.csv"' in html
    assert 'aria-current="page"' in html


def test_the_persian_page_has_persian_digits_and_solar_hijri_years(client, world):
    html = page(client, "/fa/statistics/")
    assert "<script" not in html
    svg = html[html.index("<svg") : html.index("</svg>")]
    assert ">۱۳۸۹</text>" in svg  # 2010: 1 July 2010 is in 1389
    assert ">۲۰۱۰<" not in svg and ">2010<" not in svg
    table = html[html.index("<table") : html.index("</table>")]
    assert '<th scope="row">۱۳۸۹</th>' in table
    assert '<th scope="row">۱۴۰۴</th>' in table  # 2025
    assert "نزدیک به ۱۲۰ شهر عضو از ۳۹ کشور" in table
    assert "مرداد–شهریور ۱۴۰۴" in table  # August 2025
    visible = re.sub(r"<[^>]+>", " ", table)
    assert PERSIAN_DIGIT.search(visible)
    assert not LATIN_NUMBER.search(visible), LATIN_NUMBER.findall(visible)


def test_the_page_and_the_csv_cost_a_fixed_number_of_queries(
    client, world, django_assert_max_num_queries
):
    for number in range(30):
        factories.MembershipFactory(started_on=datetime.date(2000 + number % 20, 1, 1))
    # figures; their sources; memberships
    with django_assert_max_num_queries(3):
        assert client.get("/fa/statistics/").status_code == 200
    with django_assert_max_num_queries(3):
        assert client.get("/en/statistics/membership.csv").status_code == 200


def test_an_empty_registry_says_so(client, db):
    html = page(client, "/en/statistics/")
    assert "No figures yet." in html and "<svg" not in html
    assert read_csv(client) == []


def test_the_home_page_shows_the_latest_reported_figure_beside_the_registry_count(client, world):
    html = page(client, "/en/")
    assert "The forum reported nearly 120 member cities from 39 countries (August 2025)." in html
    assert 'href="https://example.org/s54"' in html
    assert "https://example.org/s21" not in html
    assert "Member cities recorded here" in html
    # open, associate and faded have no end recorded as past: only open ones count now.
    members = City.objects.public().members().count()
    assert f"{members} member cities recorded here" in html
    assert 'href="/en/statistics/"' in html


def test_the_persian_home_page_shows_the_figure_in_persian(client, world):
    html = page(client, "/fa/")
    # August 2025 spans two Solar Hijri months.
    assert "به گزارش خود مجمع: نزدیک به ۱۲۰ شهر عضو از ۳۹ کشور (مرداد–شهریور ۱۴۰۴)." in html
    assert "(تک‌منبعی)" in html
    assert 'href="https://example.org/s54"' in html
    assert "شهرهای عضو ثبت‌شده در اینجا" in html
    members = City.objects.public().members().count()
    assert f"{str(members).translate(str.maketrans('0123456789', '۰۱۲۳۴۵۶۷۸۹'))} شهر عضو" in html


def test_the_statistics_page_is_in_the_sitemap_in_both_languages(client, db):
    xml = client.get("/sitemap.xml").content.decode()
    assert "http://testserver/fa/statistics/" in xml
    assert "http://testserver/en/statistics/" in xml


def test_a_figure_of_no_city_is_refused_by_the_database(db):
    with pytest.raises(IntegrityError), transaction.atomic():
        ReportedFigure.objects.create(reported_on=datetime.date(2020, 1, 1), member_cities=0)
    with pytest.raises(IntegrityError), transaction.atomic():
        ReportedFigure.objects.create(
            reported_on=datetime.date(2020, 1, 1), member_cities=5, countries=0
        )


def test_one_figure_per_date_and_the_date_matches_its_precision(db):
    ReportedFigure.objects.create(reported_on=datetime.date(2020, 1, 1), member_cities=5)
    with pytest.raises(IntegrityError), transaction.atomic():
        ReportedFigure.objects.create(reported_on=datetime.date(2020, 1, 1), member_cities=6)
    with pytest.raises(IntegrityError), transaction.atomic():
        ReportedFigure.objects.create(
            reported_on=datetime.date(2021, 5, 7), reported_precision="month", member_cities=6
        )


def test_the_demo_data_holds_the_forums_figures_with_their_sources(demo_data):
    figures = list(ReportedFigure.objects.with_sources().order_by("reported_on"))
    assert [(f.reported.format("en"), f.member_cities, f.qualifier) for f in figures] == [
        ("November 2014", 67, "exact"),
        ("2016", 71, "exact"),
        ("2018", 80, "at_least"),
        ("August 2025", 120, "nearly"),
    ]
    assert figures[-1].countries == 39
    assert [source.url for source in figures[-1].sources.all()] == [
        "https://hongkong.mfa.gov.ir/en/newsview/773118"
    ]
    assert figures[2].certainty == "uncertain"
    assert all(f.note_fa and f.note_en for f in figures)


def test_the_admin_add_page_of_a_reported_figure_is_in_persian(client, django_user_model):
    user = django_user_model.objects.create_superuser("admin", password="Forum-admin-1")
    client.force_login(user)
    html = page(client, "/fa/admin/forum/reportedfigure/add/")
    assert "رقم اعلام‌شدهٔ اعضا" in html
    for label in ("تاریخ اعلام", "شهرهای عضو", "کشورها", "قید", "نزدیک به", "منابع"):
        assert label in html, label
    assert "Reported on" not in html and "Member cities" not in html


def test_secretariat_editors_may_edit_reported_figures_and_viewers_see_them(db):
    from django.contrib.auth.models import Group

    editors = set(
        Group.objects.get(name="Secretariat editors").permissions.values_list("codename", flat=True)
    )
    viewers = set(
        Group.objects.get(name="Secretariat viewers").permissions.values_list("codename", flat=True)
    )
    assert {"add_reportedfigure", "change_reportedfigure", "delete_reportedfigure"} <= editors
    assert "view_reportedfigure" in viewers and "add_reportedfigure" not in viewers
