"""Reverting a record to a version in its history: the old values are saved as a new
version, refused like any save if someone saved the record after the page was opened."""

import pytest
from django.contrib.admin.models import LogEntry

from members.models import City
from summits.models import Participation
from tests.admin.forms import admin_url, page_form_data
from tests.factories import CityFactory, ParticipationFactory

pytestmark = pytest.mark.django_db


def revert_url(record, version, language):
    opts = record._meta
    return admin_url(
        f"{opts.app_label}_{opts.model_name}_simple_history", record.pk, version, language=language
    )


def first_version(record):
    return record.history.order_by("history_date", "history_id").first()


@pytest.mark.parametrize("language", ["fa", "en"])
def test_reverting_a_city_to_its_first_version_saves_it_as_a_new_version(
    admin_client, superuser, language
):
    city = CityFactory(name_en="Kashan", name_fa="کاشان", population=364482)
    first = first_version(city)
    city.name_en, city.population = "Kashan (Isfahan)", 400000
    city.save()

    url = revert_url(city, first.history_id, language)
    page = admin_client.get(url)
    assert page.status_code == 200
    response = admin_client.post(url, page_form_data(page, language))
    assert response.status_code == 302
    city.refresh_from_db()
    assert (city.name_en, city.population, city.version) == ("Kashan", 364482, 3)
    latest = city.history.order_by("-history_date", "-history_id").first()
    assert city.history.count() == 3
    assert latest.history_user == superuser
    assert latest.history_type == "~"


def test_reverting_a_participation_works(admin_client):
    participation = ParticipationFactory(delegates=3, role="delegation")
    first = first_version(participation)
    participation.delegates, participation.role = 9, "observer"
    participation.save()
    url = revert_url(participation, first.history_id, "en")
    response = admin_client.post(url, page_form_data(admin_client.get(url), "en"))
    assert response.status_code == 302
    participation.refresh_from_db()
    assert (participation.delegates, participation.role) == (3, "delegation")
    assert participation.version == 3


def test_a_revert_opened_before_a_colleague_saved_is_refused_and_theirs_survives(admin_client):
    city = CityFactory(name_en="Kashan")
    first = first_version(city)
    city.name_en = "Kashan (Isfahan)"
    city.save()
    url = revert_url(city, first.history_id, "en")
    form = page_form_data(admin_client.get(url), "en")

    colleague = City.objects.get(pk=city.pk)
    colleague.name_en = "Kāshān"
    colleague.save()

    response = admin_client.post(url, form)
    assert response.status_code == 200
    [error] = response.context["adminform"].form.non_field_errors()
    assert "saved this record" in error
    city.refresh_from_db()
    assert (city.name_en, city.version) == ("Kāshān", 3)


def test_reverting_to_the_current_version_writes_and_logs_nothing(admin_client):
    city = CityFactory(name_en="Kashan")
    url = revert_url(city, first_version(city).history_id, "fa")
    response = admin_client.post(url, page_form_data(admin_client.get(url), "fa"))
    assert response.status_code == 302
    city.refresh_from_db()
    assert (city.version, city.history.count()) == (1, 1)
    assert not LogEntry.objects.exists()


def test_a_viewer_cannot_revert(client, viewer):
    participation = ParticipationFactory(delegates=3)
    first = first_version(participation)
    participation.delegates = 9
    participation.save()
    client.force_login(viewer)
    url = revert_url(participation, first.history_id, "en")
    data = {"delegates": "3", "version": "2", "role": "delegation"}
    assert client.post(url, data).status_code == 403
    assert Participation.objects.get().delegates == 9
