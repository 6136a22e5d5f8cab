"""A page saved as it was shown, as a browser sends it back (CRLF line breaks,
Persian digits, dates in the reader's calendar), writes nothing and logs nothing:
no new version, no history, no admin log entry."""

from decimal import Decimal

import pytest
from django.apps import apps
from django.contrib import admin
from django.contrib.admin.models import LogEntry
from django.utils import translation

from members.models import City
from tests.admin.forms import admin_url, page_form_data
from tests.factories import CityFactory, TalkFactory

REGISTRY_MODELS = [
    model for model in admin.site._registry if model._meta.app_label in ("members", "summits")
]


def history_rows():
    return {
        model._meta.label: model.objects.count()
        for model in apps.get_models()
        if model._meta.label.split(".")[-1].startswith("Historical")
    }


def stored(record):
    # Read in one language: modeltranslation reads `name` as the active language's.
    with translation.override("en"):
        return history_rows(), type(record)._base_manager.filter(pk=record.pk).values().get()


def assert_saved_unchanged(client, record, language):
    opts = record._meta
    url = admin_url(f"{opts.app_label}_{opts.model_name}_change", record.pk, language=language)
    before = stored(record)
    response = client.post(url, page_form_data(client.get(url), language))
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert stored(record) == before
    assert not LogEntry.objects.exists()


@pytest.mark.parametrize("language", ["fa", "en"])
def test_saving_yazd_unchanged_writes_and_logs_nothing(admin_client, demo_data, language):
    assert_saved_unchanged(admin_client, City.objects.get(slug="yazd"), language)


def test_saving_any_record_unchanged_writes_and_logs_nothing(admin_client, demo_data):
    # One demo load for every kind (loading it is the slow part); the demo has no talk.
    TalkFactory(title_en="Smart mobility ")
    for model in REGISTRY_MODELS:
        records = list(model.objects.order_by("pk")[:3])
        assert records, f"there is no {model._meta.verbose_name}"
        for record in records:
            for language in ("fa", "en"):
                assert_saved_unchanged(admin_client, record, language)


@pytest.mark.django_db
def test_numbers_typed_with_persian_digits_and_separators_are_read(admin_client):
    city = CityFactory(population=None)
    url = admin_url("members_city_change", city.pk)
    form = page_form_data(admin_client.get(url), "fa")
    form.update(population="۳۶۴٬۴۸۲", latitude="۳۳٫۹۸۵", longitude="٥١٫٤٣٥")
    assert admin_client.post(url, form).status_code == 302
    city.refresh_from_db()
    assert (city.population, city.latitude, city.longitude) == (
        364482,
        Decimal("33.985"),
        Decimal("51.435"),
    )
