"""The Persian admin speaks Persian: constraint refusals beside their field, a history
that reads as words with Solar Hijri moments, Persian digits in names and list columns,
names in Persian alphabetical order, search that folds what people type, and rows that
carry their sources."""

import datetime
import re

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db.models import UniqueConstraint
from django.utils import translation

from common.models import TimeStampedModel
from members.models import City, Membership
from summits.models import BoardSession
from tests.admin.forms import admin_url
from tests.factories import (
    BoardSessionFactory,
    CityFactory,
    MembershipFactory,
    SummitFactory,
)

LATIN_DIGIT = re.compile(r"[0-9]")
REGISTRY_MODELS = [
    model
    for label in ("members", "summits")
    for model in apps.get_app_config(label).get_models()
    if issubclass(model, TimeStampedModel)
]


@pytest.mark.parametrize("model", REGISTRY_MODELS, ids=lambda model: model.__name__)
def test_every_named_constraint_says_its_own_rule_in_persian(model):
    for constraint in model._meta.constraints:
        default = constraint.default_violation_error_message
        message = constraint.violation_error_message
        uses_unique_message = isinstance(constraint, UniqueConstraint) and message == default
        assert not uses_unique_message and message != default, constraint.name
        with translation.override("en"):
            english = str(message)
        with translation.override("fa"):
            assert str(message) != english, constraint.name
        field = getattr(constraint, "error_field", None)
        if field is not None:
            model._meta.get_field(field)


def test_an_end_before_its_start_is_refused_beside_the_end_in_persian(db):
    session = BoardSessionFactory.build(
        number=77,
        format="online",
        start_date=datetime.date(2025, 5, 2),
        end_date=datetime.date(2025, 5, 1),
    )
    with translation.override("fa"), pytest.raises(ValidationError) as refused:
        session.validate_constraints()
    assert refused.value.message_dict == {"end_date": ["پایان پیش از آغاز است."]}


def test_a_session_number_taken_is_refused_beside_the_number(db):
    BoardSessionFactory(number=12)
    with translation.override("fa"), pytest.raises(ValidationError) as refused:
        BoardSessionFactory.build(number=12).validate_constraints()
    assert refused.value.message_dict["number"] == ["نشست هیئت اجرایی با این شماره از پیش هست."]


def test_the_admin_form_shows_the_constraint_beside_its_field_in_persian(admin_client, db):
    city = CityFactory()
    response = admin_client.post(
        admin_url("summits_boardsession_add"),
        {
            "number": "3",
            "city": str(city.pk),
            "format": "in_person",
            "start_date": "۱۴۰۴/۰۲/۱۲",
            "end_date": "۱۴۰۴/۰۲/۱۰",
            "date_precision": "day",
            "certainty": "verified",
            "participations-TOTAL_FORMS": "0",
            "participations-INITIAL_FORMS": "0",
            "documents-TOTAL_FORMS": "0",
            "documents-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 200
    form = response.context["adminform"].form
    assert form.errors["end_date"] == ["پایان پیش از آغاز است."]
    html = response.content.decode()
    assert "violated" not in html
    assert "لطفاً خطای زیر را درست کنید." in html
    assert not BoardSession.objects.exists()


def test_object_names_use_persian_digits_and_the_solar_hijri_calendar_in_persian(db):
    session = BoardSessionFactory.build(number=12)
    period = MembershipFactory(
        started_on=datetime.date(2025, 9, 1), started_precision="month", city=CityFactory()
    )
    with translation.override("fa"):
        assert "۱۲" in str(session) and not LATIN_DIGIT.search(str(session))
        assert str(period).endswith("(شهریور–مهر ۱۴۰۴)")
    with translation.override("en"):
        assert "12" in str(session)
        assert "September 2025" in str(period)


def test_list_columns_show_numbers_and_moments_in_persian(admin_client, db):
    BoardSessionFactory(number=12)
    CityFactory(name_fa="یزد")
    html = admin_client.get(admin_url("summits_boardsession_changelist")).content.decode()
    assert ">۱۲<" in html
    html = admin_client.get(admin_url("members_city_changelist")).content.decode()
    assert "، ساعت " in html
    english = admin_client.get(
        admin_url("summits_boardsession_changelist", language="en")
    ).content.decode()
    assert ">12<" in english


def test_published_columns_say_yes_and_no_in_the_readers_language(admin_client, db):
    CityFactory(is_published=True)
    html = admin_client.get(admin_url("members_city_changelist")).content.decode()
    assert 'alt="True"' not in html
    assert 'alt="بله"' in html


def test_the_history_reads_as_words_with_solar_hijri_moments(admin_client, db):
    period = MembershipFactory(
        city=CityFactory(), started_on=datetime.date(2015, 3, 21), started_precision="day"
    )
    period.started_precision = "jalali_year"
    period.ended_on = None
    period.save()
    response = admin_client.get(admin_url("members_membership_history", period.pk))
    html = response.content.decode()
    changes = re.search(r'<table id="change-history".*?</table>', html, re.S).group()
    assert "jalali_year" not in changes and ">None<" not in changes
    assert "سال (هجری خورشیدی)" in changes
    assert "نسخه:" not in changes
    moments = re.findall(r"<td>([^<]*ساعت[^<]*)</td>", changes)
    assert moments and not any(LATIN_DIGIT.search(moment) for moment in moments)


def test_a_versions_breadcrumbs_name_the_app_and_the_records_in_persian(admin_client, db):
    city = CityFactory()
    record = city.history.first()
    html = admin_client.get(
        admin_url("members_city_simple_history", city.pk, record.history_id)
    ).content.decode()
    crumbs = re.search(r'<div class="breadcrumbs">.*?</div>', html, re.S).group()
    assert "Historical" not in crumbs and "historical" not in crumbs
    assert "Members" not in crumbs
    assert "شهرها" in crumbs


def test_third_party_apps_are_named_in_persian_on_the_index(admin_client, db):
    html = admin_client.get("/fa/admin/").content.decode()
    for english in ("Axes", "Otp_Totp", "Otp_Static", "TOTP devices", "Static devices"):
        assert english not in html
    assert "تلاش‌های ورود" in html and "کدهای پشتیبان" in html


@pytest.mark.parametrize("typed", ["كاشان", "Teheran", "kashan", "KASHAN"])
def test_the_city_search_folds_what_people_type(admin_client, db, typed):
    CityFactory(name_fa="کاشان", name_en="Kashan", slug="kashan")
    CityFactory(name_fa="تهران", name_en="Tehran", slug="tehran")
    CityFactory(name_fa="یزد", name_en="Yazd", slug="yazd")
    expected = {"Teheran": {"tehran"}}.get(typed, {"kashan"})
    response = admin_client.get(admin_url("members_city_changelist"), {"q": typed})
    assert {city.slug for city in response.context["cl"].result_list} == expected


@pytest.mark.parametrize("typed", ["كاشان", "Teheran"])
def test_every_city_picker_folds_what_people_type(admin_client, db, typed):
    CityFactory(name_fa="کاشان", name_en="Kashan", slug="kashan")
    CityFactory(name_fa="تهران", name_en="Tehran", slug="tehran")
    response = admin_client.get(
        "/fa/admin/autocomplete/",
        {"app_label": "summits", "model_name": "summit", "field_name": "host_city", "term": typed},
    )
    assert response.status_code == 200
    names = [result["text"] for result in response.json()["results"]]
    assert names == (["تهران"] if typed == "Teheran" else ["کاشان"])


def test_a_search_of_related_names_folds_too(admin_client, db):
    MembershipFactory(city=CityFactory(name_fa="کاشان", name_en="Kashan"))
    MembershipFactory(city=CityFactory(name_fa="یزد", name_en="Yazd"))
    response = admin_client.get(admin_url("members_membership_changelist"), {"q": "كاشان"})
    assert [period.city.name_en for period in response.context["cl"].result_list] == ["Kashan"]


def test_cities_are_listed_in_persian_alphabetical_order_on_persian_screens(admin_client, db):
    for name_fa, name_en in (("یزد", "Yazd"), ("پارس‌آباد", "Parsabad"), ("گرگان", "Gorgan"),
                             ("تهران", "Tehran"), ("كرج", "Karaj"), ("آمل", "Amol")):  # fmt: skip
        CityFactory(name_fa=name_fa, name_en=name_en)
    response = admin_client.get(admin_url("members_city_changelist"))
    persian = [city.name_fa for city in response.context["cl"].result_list]
    assert persian == ["آمل", "پارس‌آباد", "تهران", "كرج", "گرگان", "یزد"]
    response = admin_client.get(admin_url("members_city_changelist", language="en"))
    english = [city.name_en for city in response.context["cl"].result_list]
    assert english == ["Amol", "Gorgan", "Karaj", "Parsabad", "Tehran", "Yazd"]


def test_the_country_filter_offers_only_the_countries_in_use_in_persian_order(admin_client, db):
    for country in ("TR", "IR", "AF", "IR"):
        CityFactory(country=country)
    response = admin_client.get(admin_url("members_city_changelist"))
    [country_filter] = [
        spec
        for spec in response.context["cl"].filter_specs
        if getattr(spec, "parameter_name", None) == "country"
    ]
    choices = [choice["display"] for choice in country_filter.choices(response.context["cl"])]
    assert choices[1:] == ["افغانستان", "ایران", "ترکیه"]
    response = admin_client.get(admin_url("members_city_changelist"), {"country": "IR"})
    assert {city.country.code for city in response.context["cl"].result_list} == {"IR"}


def test_every_sourced_inline_row_carries_its_source_fields(admin_client, db):
    from django.contrib import admin

    from common.models import SourcedModel

    for model_admin in admin.site._registry.values():
        for inline in model_admin.inlines:
            if issubclass(inline.model, SourcedModel):
                fields = str(inline(model_admin.model, admin.site).get_fieldsets(None))
                for name in ("sources", "certainty", "source_note"):
                    assert name in fields, (inline, name)
    city = CityFactory()
    MembershipFactory(city=city)
    html = admin_client.get(admin_url("members_city_change", city.pk)).content.decode()
    assert 'name="memberships-0-sources"' in html
    assert 'name="memberships-0-source_note_fa"' in html
    assert 'name="memberships-0-source_note_en"' in html


@pytest.mark.parametrize("published", [True, False])
def test_a_new_document_row_is_published_when_its_summit_is(admin_client, db, published):
    summit = SummitFactory(is_published=published)
    response = admin_client.get(admin_url("summits_summit_change", summit.pk))
    [documents] = [
        inline
        for inline in response.context["inline_admin_formsets"]
        if inline.formset.model.__name__ == "Document"
    ]
    assert documents.formset.empty_form["is_published"].value() is published


def test_a_membership_rows_title_is_in_the_solar_hijri_calendar(admin_client, db):
    city = CityFactory(name_fa="کاشان")
    MembershipFactory(city=city, started_on=datetime.date(2025, 9, 1), started_precision="month")
    html = admin_client.get(admin_url("members_city_change", city.pk)).content.decode()
    assert "September" not in html
    assert City.objects.count() == 1 and Membership.objects.count() == 1
