"""Summits and what is held at them, as partners read them."""

import pytest

from summits.models import Summit

pytestmark = pytest.mark.django_db

GAZIANTEP = "5th-general-assembly-gaziantep-2018"


def test_a_summit_has_its_dates_with_precision_and_host(client, demo_data):
    summit = Summit.objects.get(slug=GAZIANTEP)
    data = client.get(f"/api/v1/summits/{summit.pk}/?lang=fa").json()
    assert data["host_city"] == summit.host_city_id
    assert data["starts"]["date"] == "2018-11-29" and data["starts"]["precision"] == "day"
    assert data["starts"]["jalali_date"] == "1397-09-08"
    assert data["ends"]["date"] == "2018-12-02"
    assert data["title_i18n"]["en"] == summit.title_en


def test_summits_filter_by_year_and_host_country(client, demo_data):
    in_2018 = client.get("/api/v1/summits/?year=2018").json()["results"]
    assert [summit["slug"] for summit in in_2018] == [GAZIANTEP]
    in_turkey = client.get("/api/v1/summits/?host_country=TR&page_size=500").json()["results"]
    assert GAZIANTEP in {summit["slug"] for summit in in_turkey}


def test_the_gaziantep_assembly_has_four_panels_with_their_speakers(client, demo_data):
    summit = Summit.objects.get(slug=GAZIANTEP)
    panels = client.get(f"/api/v1/panels/?summit={summit.pk}").json()
    assert panels["count"] == 4
    assert all("talks" in panel for panel in panels["results"])
    assembly = client.get(f"/api/v1/general-assemblies/?summit={summit.pk}").json()["results"]
    assert [item["number"] for item in assembly] == [5]


def test_a_draft_summit_is_hidden_from_the_api_with_its_panels(client, demo_data):
    summit = Summit.objects.get(slug=GAZIANTEP)
    Summit.objects.filter(pk=summit.pk).update(is_published=False)
    assert client.get(f"/api/v1/summits/{summit.pk}/").status_code == 404
    assert client.get(f"/api/v1/panels/?summit={summit.pk}").json()["count"] == 0
    assert client.get(f"/api/v1/general-assemblies/?summit={summit.pk}").json()["count"] == 0


def test_the_dump_holds_every_resource_in_both_languages(client, demo_data):
    dump = client.get("/api/v1/dump/?lang=en").json()
    assert dump["language"] == "en"
    assert set(dump["resources"]) >= {"cities", "summits", "panels", "documents", "countries"}
    titles = {s["slug"]: s["title_i18n"] for s in dump["resources"]["summits"]}
    assert titles[GAZIANTEP]["fa"] and titles[GAZIANTEP]["en"]
    assert len(dump["resources"]["summits"]) == Summit.objects.public().count()
