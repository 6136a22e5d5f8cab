"""The member registry as partners read it: cities, countries, organisations, people."""

import pytest

from members.models import City

pytestmark = pytest.mark.django_db


def _city(client, slug, language):
    city = City.objects.get(slug=slug)
    return client.get(f"/api/v1/cities/{city.pk}/", HTTP_ACCEPT_LANGUAGE=language)


def test_a_city_comes_in_the_requested_language_with_both_versions(client, demo_data):
    persian, english = _city(client, "kashan", "fa"), _city(client, "kashan", "en")
    assert persian["Content-Language"] == "fa" and english["Content-Language"] == "en"
    persian, english = persian.json(), english.json()
    assert persian["name"] == "کاشان" and english["name"] == "Kashan"
    assert persian["name_i18n"] == english["name_i18n"] == {"fa": "کاشان", "en": "Kashan"}
    assert english["country"] == "IR" and english["country_name"] == "Iran"
    assert persian["country_name"] == "ایران"


def test_kashan_joined_in_the_solar_hijri_year_1394_shown_truthfully(client, demo_data):
    persian = _city(client, "kashan", "fa").json()["member_since"]
    english = _city(client, "kashan", "en").json()["member_since"]
    assert persian == {
        "date": "2015-03-21",
        "end": "2016-03-19",
        "precision": "jalali_year",
        "display": "۱۳۹۴",
        "jalali_date": "1394-01-01",
        "jalali_end": "1394-12-29",
    }
    assert english == {
        "date": "2015-03-21",
        "end": "2016-03-19",
        "precision": "jalali_year",
        "display": "2015/16",
    }


def test_lang_parameter_wins_over_accept_language(client, demo_data):
    city = City.objects.get(slug="kashan")
    response = client.get(f"/api/v1/cities/{city.pk}/?lang=en", HTTP_ACCEPT_LANGUAGE="fa")
    assert response.json()["name"] == "Kashan"
    assert response["Content-Language"] == "en"


def test_a_missing_translation_falls_back_to_the_other_language(client, db):
    from tests.factories import CityFactory

    city = CityFactory(name_fa="", name_en="Haikou")
    data = client.get(f"/api/v1/cities/{city.pk}/?lang=fa").json()
    assert data["name"] == "Haikou"
    assert data["name_i18n"] == {"fa": None, "en": "Haikou"}


def test_cities_filter_by_country_status_and_member_since(client, demo_data):
    iranian = client.get("/api/v1/cities/?country=IR&page_size=500").json()["results"]
    assert iranian and {city["country"] for city in iranian} == {"IR"}
    members = client.get("/api/v1/cities/?status=member&page_size=500").json()["results"]
    assert {city["membership_status"] for city in members} == {"member"}
    recent = client.get("/api/v1/cities/?member_since_after=2015-01-01&page_size=500").json()
    assert "kashan" in {city["slug"] for city in recent["results"]}


def test_cities_search_in_both_languages(client, demo_data):
    for term in ("کاشان", "Kashan"):
        found = client.get(f"/api/v1/cities/?search={term}").json()["results"]
        assert [city["slug"] for city in found] == ["kashan"]


def test_countries_count_their_public_cities_and_current_members(client, demo_data):
    countries = client.get("/api/v1/countries/?lang=en&page_size=500").json()["results"]
    iran = next(country for country in countries if country["code"] == "IR")
    assert iran["name"] == "Iran" and iran["name_i18n"]["fa"] == "ایران"
    assert iran["cities"] == City.objects.public().filter(country="IR").count()
    assert iran["members"] == City.objects.public().members().filter(country="IR").count()


def test_people_show_public_fields_only(client, world):
    person = client.get("/api/v1/people/?page_size=1").json()["results"][0]
    assert set(person) == {
        "id",
        "slug",
        "name",
        "name_i18n",
        "biography",
        "biography_i18n",
        "photo",
        "certainty",
        "sources",
        "source_note",
        "source_note_i18n",
        "created_at",
        "updated_at",
    }


def test_lists_are_available_as_csv(client, demo_data):
    response = client.get("/api/v1/cities/?format=csv&lang=en&country=IR&page_size=500")
    assert response["Content-Type"].startswith("text/csv")
    header, *rows = response.content.decode().splitlines()
    assert header.startswith("id,slug,name,name_i18n.fa,name_i18n.en,")
    assert any(",kashan,Kashan,کاشان,Kashan," in row for row in rows)
