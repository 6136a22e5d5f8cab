"""The admin speaks Persian to Persian staff, third-party screens included."""

import polib
from django.conf import settings

from tests.admin.forms import admin_url

VENDOR_CATALOGUE = settings.BASE_DIR / "locale_vendor" / "fa" / "LC_MESSAGES" / "django.po"


def test_the_catalogue_of_third_party_screens_is_complete():
    catalogue = polib.pofile(str(VENDOR_CATALOGUE))
    assert catalogue.untranslated_entries() == []
    assert catalogue.fuzzy_entries() == []


def test_history_page_is_in_persian(admin_client, registry):
    html = admin_client.get(admin_url("members_city_history", registry["city"].pk)).content.decode()
    assert "تاریخچهٔ تغییرات: کاشان" in html
    assert "تغییر به دست" in html


def test_list_filters_and_buttons_are_in_persian(admin_client, registry):
    html = admin_client.get(admin_url("members_city_changelist")).content.decode()
    for text in ("ترجمهٔ ناقص", "متن انگلیسی ندارد", "وضعیت عضویت", "مجمع شهرداران آسیایی"):
        assert text in html


def test_the_admin_links_to_the_same_page_in_the_other_language(admin_client, registry):
    html = admin_client.get(admin_url("members_city_changelist")).content.decode()
    assert 'href="/en/admin/members/city/"' in html
    html = admin_client.get(admin_url("members_city_changelist", language="en")).content.decode()
    assert 'href="/fa/admin/members/city/"' in html


def test_every_history_keeps_both_languages_of_every_translated_field():
    from modeltranslation.translator import translator

    from common.admin import translated_fields

    for model in translator.get_registered_models():
        if model._meta.app_label not in ("members", "summits"):
            continue
        historical = {field.name for field in model.history.model._meta.get_fields()}
        for field in translated_fields(model):
            assert {f"{field}_fa", f"{field}_en"} <= historical, model
