"""Records whose text is missing in Persian or English are flagged and can be listed."""

from members.models import City
from tests.admin.forms import admin_url
from tests.factories import CityFactory, PanelFactory


def listed(client, url):
    return list(client.get(url).context["cl"].result_list)


def test_filter_finds_records_missing_english_or_persian_text(admin_client):
    complete = CityFactory(name_fa="کاشان", name_en="Kashan")
    no_english = CityFactory(name_fa="یزد", name_en="")
    no_persian_description = CityFactory(description_en="A city of gardens", description_fa="")
    url = admin_url("members_city_changelist", language="en")

    assert listed(admin_client, url + "?missing=en") == [no_english]
    assert listed(admin_client, url + "?missing=fa") == [no_persian_description]
    assert set(listed(admin_client, url)) == {complete, no_english, no_persian_description}


def test_list_column_names_the_missing_language(admin_client):
    CityFactory(name_fa="یزد", name_en="")
    html = admin_client.get(admin_url("members_city_changelist", language="en")).content.decode()
    assert '<span class="translation-missing">English</span>' in html
    assert City.objects.count() == 1


def test_filter_works_on_inline_born_records_too(admin_client):
    panel = PanelFactory(title_fa="", title_en="Smart city")
    url = admin_url("summits_panel_changelist", language="en")
    assert listed(admin_client, url + "?missing=fa") == [panel]
