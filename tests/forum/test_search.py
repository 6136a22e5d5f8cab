"""Search forgives how Persian is typed (Arabic letters, ZWNJ, spaces, diacritics)
and close misspellings, over every kind of record, in both languages."""

import pytest
from django.utils import translation

from forum.search import search_everything
from tests import factories

pytestmark = pytest.mark.django_db


def found(text, kind):
    """The Persian names of what a search for `text` finds among `kind`."""
    with translation.override("fa"):
        groups = search_everything(text)
        return [str(item) for group in groups if group.kind == kind for item in group.results]


@pytest.fixture
def kashan():
    return factories.CityFactory(name_fa="کاشان", name_en="Kashan")


def test_arabic_kaf_and_yeh_find_the_persian_spelling(kashan):
    assert found("كاشان", "cities") == ["کاشان"]
    factories.CityFactory(name_fa="شیراز", name_en="Shiraz")
    assert "شیراز" in found("شيراز", "cities")


def test_zero_width_non_joiner_space_and_nothing_match_each_other():
    factories.PanelFactory(title_fa="نشست‌ها و کمیته‌های تخصصی", title_en="Sessions")
    for typed in ("نشست‌ها", "نشستها", "نشست ها"):
        assert found(typed, "panels") == ["نشست‌ها و کمیته‌های تخصصی"], typed


def test_diacritics_tatweel_and_hamza_forms_are_ignored():
    factories.CityFactory(name_fa="غازی‌آنتپ", name_en="Gaziantep")
    assert found("غازيانتپ", "cities") == ["غازی‌آنتپ"]
    assert found("غـازیَانتپ", "cities") == ["غازی‌آنتپ"]
    factories.SummitFactory(title_fa="نشست هیأت اجرایی", title_en="Board")
    assert found("هیات", "summits") == ["نشست هیأت اجرایی"]


def test_a_close_misspelling_still_finds_the_name():
    factories.CityFactory(name_fa="غازی‌آنتپ", name_en="Gaziantep")
    assert found("Gaziantp", "cities") == ["غازی‌آنتپ"]
    assert found("Ghaziantep", "cities") == ["غازی‌آنتپ"]


def test_english_search_ignores_case_and_latin_diacritics():
    factories.PersonFactory(name_en="Fatma Şahin", name_fa="فاطمه شاهین")
    assert found("fatma sahin", "people") == ["فاطمه شاهین"]


def test_both_languages_are_searched_and_results_are_grouped_by_kind(kashan):
    summit = factories.SummitFactory(
        title_fa="اجلاس کاشان", title_en="Kashan summit", slogan_en="Cities of the desert"
    )
    factories.PanelFactory(summit=summit, title_en="Kashan heritage", title_fa="میراث")
    factories.DocumentFactory(summit=summit, title_en="Kashan declaration", title_fa="بیانیه")
    factories.PersonFactory(name_en="Mayor of Kashan")
    groups = search_everything("kashan")
    assert [group.kind for group in groups] == [
        "cities",
        "summits",
        "panels",
        "people",
        "documents",
    ]
    assert found("desert", "summits") == ["اجلاس کاشان"]


def test_drafts_are_never_found():
    factories.CityFactory(name_en="Hidden city", is_published=False)
    draft = factories.SummitFactory(title_en="Hidden summit", is_published=False)
    factories.PanelFactory(summit=draft, title_en="Hidden panel")
    factories.DocumentFactory(summit=draft, title_en="Hidden document")
    factories.PersonFactory(name_en="Hidden person", is_published=False)
    assert search_everything("hidden") == []


def test_punctuation_only_or_empty_text_finds_nothing(kashan):
    assert search_everything("") == []
    assert search_everything("  ،. %_ ") == []


def test_search_page_explains_text_that_is_too_long(client):
    response = client.get("/en/search/", {"q": "x" * 101})
    assert response.status_code == 200
    assert "too long" in response.content.decode()


def test_search_page_finds_kashan_from_arabic_kaf_in_persian(client, kashan):
    html = client.get("/fa/search/", {"q": "كاشان"}).content.decode()
    assert 'href="/fa/members/' in html and "کاشان" in html
    assert "۱ نتیجه" in html
