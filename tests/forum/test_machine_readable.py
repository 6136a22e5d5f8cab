"""What search engines, social sites and calendars read: sitemap, robots, ICS."""

import datetime
import re

import pytest

from tests import factories

pytestmark = pytest.mark.django_db


def test_sitemap_lists_every_public_page_in_both_languages_with_alternates(client):
    city = factories.CityFactory(slug="kashan")
    factories.SummitFactory(slug="5th-ga", host_city=city)
    factories.SummitFactory(slug="draft-summit", is_published=False)
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    xml = response.content.decode()
    for path in ["/fa/", "/en/", "/fa/members/", "/en/summits/", "/fa/board/"]:
        assert f"<loc>http://testserver{path}</loc>" in xml
    for path in ["/fa/members/kashan/", "/en/members/kashan/", "/fa/summits/5th-ga/"]:
        assert f"<loc>http://testserver{path}</loc>" in xml
    assert 'hreflang="en" href="http://testserver/en/summits/5th-ga/"' in xml
    assert 'hreflang="x-default"' in xml
    assert "draft-summit" not in xml


def test_robots_points_to_the_sitemap_and_keeps_crawlers_out_of_the_admin(client):
    response = client.get("/robots.txt")
    assert response["Content-Type"].startswith("text/plain")
    text = response.content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in text
    assert "Disallow: /fa/admin/" in text


def test_summit_ics_is_an_all_day_event_with_the_page_link_and_both_titles(client):
    factories.SummitFactory(
        slug="5th-ga",
        title_fa="پنجمین مجمع عمومی",
        title_en="5th General Assembly, Gaziantep",
        host_city__name_en="Gaziantep",
    )
    response = client.get("/en/summits/5th-ga/calendar.ics")
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    text = response.content.decode()
    assert text.startswith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n")
    assert text.endswith("END:VCALENDAR\r\n")
    unfolded = text.replace("\r\n ", "")
    assert "DTSTART;VALUE=DATE:20181129\r\n" in unfolded
    assert "DTEND;VALUE=DATE:20181203\r\n" in unfolded  # exclusive: the day after 2 December
    assert "SUMMARY;LANGUAGE=en:5th General Assembly\\, Gaziantep\r\n" in unfolded
    assert "URL:http://testserver/en/summits/5th-ga/\r\n" in unfolded
    assert "پنجمین مجمع عمومی" in unfolded
    for line in text.split("\r\n"):
        assert len(line.encode()) <= 75


def test_calendar_feed_holds_every_published_summit(client):
    factories.SummitFactory(title_en="First", start_date=datetime.date(2008, 11, 19), end_date=None)
    factories.SummitFactory(title_en="Second")
    factories.SummitFactory(title_en="Draft", is_published=False)
    text = client.get("/fa/summits/calendar.ics").content.decode()
    assert text.count("BEGIN:VEVENT") == 2
    assert "SUMMARY;LANGUAGE=fa:" in text
    assert "Draft" not in text


def test_pages_carry_open_graph_and_json_ld(client):
    factories.CityFactory(slug="kashan", name_en="Kashan", latitude=33.98, longitude=51.43)
    html = client.get("/en/members/kashan/").content.decode()
    assert '<meta property="og:url" content="http://testserver/en/members/kashan/">' in html
    assert '<meta property="og:locale" content="en_GB">' in html
    assert '<meta property="og:locale:alternate" content="fa_IR">' in html
    data = re.search(r'<script type="application/ld\+json">(.*?)</script>', html).group(1)
    assert '"@type": "City"' in data and '"latitude": 33.98' in data
    home = client.get("/fa/").content.decode()
    assert '"@type": "Organization"' in home


def test_json_ld_cannot_be_closed_by_a_record_text(client):
    factories.SummitFactory(slug="x", title_en="</script><script>alert(1)</script>")
    html = client.get("/en/summits/x/").content.decode()
    assert "</script><script>alert(1)" not in html
