"""Two staff open the same record; the second save is refused and the first edit survives."""

import pytest
from django.test import Client

from members.models import City, Membership
from summits.models import Panel
from tests.admin.forms import admin_url, inline_prefix, page_form_data
from tests.factories import CityFactory, MembershipFactory, PanelFactory, SummitFactory


@pytest.fixture
def two_editors(django_user_model):
    clients = []
    for username, full_name in (("maryam", "Maryam Ahmadi"), ("reza", "Reza Karimi")):
        user = django_user_model.objects.create_superuser(username, password="Forum-admin-1")
        user.first_name, user.last_name = full_name.split()
        user.save()
        client = Client()
        client.force_login(user)
        clients.append(client)
    return clients


def test_second_save_of_a_record_is_refused_naming_who_changed_it(two_editors):
    first, second = two_editors
    city = CityFactory(name_en="Kashan", name_fa="کاشان")
    url = admin_url("members_city_change", city.pk, language="en")
    first_form = page_form_data(first.get(url), "en")
    second_form = page_form_data(second.get(url), "en")

    first_form["name_en"] = "Kashan (Isfahan province)"
    assert first.post(url, first_form).status_code == 302

    second_form["name_en"] = "Kāshān"
    response = second.post(url, second_form)
    assert response.status_code == 200
    errors = response.context["adminform"].form.non_field_errors()
    assert len(errors) == 1
    assert errors[0].startswith("Maryam Ahmadi saved this record on ")
    assert "Your changes were not saved" in errors[0]

    city.refresh_from_db()
    assert city.name_en == "Kashan (Isfahan province)"
    assert city.version == 2


def test_refusal_is_in_persian_in_the_persian_admin(two_editors):
    first, second = two_editors
    city = CityFactory()
    url = admin_url("members_city_change", city.pk)
    first_form, second_form = (page_form_data(c.get(url), "fa") for c in two_editors)
    first_form["name_fa"] = "کاشان"
    first.post(url, first_form)
    second_form["name_fa"] = "کاشون"
    response = second.post(url, second_form)
    [error] = response.context["adminform"].form.non_field_errors()
    assert error.startswith("Maryam Ahmadi")
    assert "ذخیره" in error
    assert City.objects.get().name_fa == "کاشان"


def test_second_save_of_an_inline_row_is_refused_and_the_first_survives(two_editors):
    first, second = two_editors
    summit = SummitFactory()
    panel = PanelFactory(summit=summit, title_en="Smart mobility", title_fa="جابه‌جایی هوشمند")
    url = admin_url("summits_summit_change", summit.pk, language="en")
    first_page, second_page = first.get(url), second.get(url)
    prefix = inline_prefix(first_page, Panel)
    first_form = page_form_data(first_page, "en")
    second_form = page_form_data(second_page, "en")

    first_form[f"{prefix}-0-title_en"] = "Smart and green mobility"
    assert first.post(url, first_form).status_code == 302

    second_form[f"{prefix}-0-title_en"] = "Mobility"
    response = second.post(url, second_form)
    assert response.status_code == 200
    [formset] = [
        f.formset for f in response.context["inline_admin_formsets"] if f.formset.prefix == prefix
    ]
    assert formset.forms[0].non_field_errors()[0].startswith("Maryam Ahmadi saved this record")
    panel.refresh_from_db()
    assert panel.title_en == "Smart and green mobility"


def test_a_page_opened_before_a_row_was_saved_is_refused_then_accepted_once_reloaded(
    two_editors,
):
    first, second = two_editors
    summit = SummitFactory(slogan_en="")
    PanelFactory(summit=summit, title_en="Smart mobility", title_fa="جابه‌جایی هوشمند")
    url = admin_url("summits_summit_change", summit.pk, language="en")
    first_page, second_page = first.get(url), second.get(url)
    prefix = inline_prefix(first_page, Panel)
    first_form = page_form_data(first_page, "en")
    second_form = page_form_data(second_page, "en")

    first_form[f"{prefix}-0-title_en"] = "Smart and green mobility"
    assert first.post(url, first_form).status_code == 302
    # The second page still holds the old title: saving it would undo the first edit.
    second_form["slogan_en"] = "Resilient, Livable and Smart Asian Cities"
    assert second.post(url, second_form).status_code == 200
    summit.refresh_from_db()
    assert (summit.slogan_en, summit.panels.get().title_en) == ("", "Smart and green mobility")

    reloaded = page_form_data(second.get(url), "en")
    reloaded["slogan_en"] = "Resilient, Livable and Smart Asian Cities"
    assert second.post(url, reloaded).status_code == 302
    summit.refresh_from_db()
    assert summit.slogan_en == "Resilient, Livable and Smart Asian Cities"
    assert summit.panels.get().title_en == "Smart and green mobility"


def test_a_record_changed_outside_the_admin_is_not_overwritten(admin_client):
    membership = MembershipFactory(status="member")
    url = admin_url("members_membership_change", membership.pk, language="en")
    form = page_form_data(admin_client.get(url), "en")
    Membership.objects.filter(pk=membership.pk).update(status="suspended")
    membership.refresh_from_db()
    membership.save()  # e.g. an import: a new version, no user in the history
    form["status"] = "observer"
    response = admin_client.post(url, form)
    assert response.status_code == 200
    assert membership.__class__.objects.get().status == "suspended"


def test_a_page_saved_without_changes_writes_nothing_and_keeps_the_version(admin_client):
    summit = SummitFactory()
    url = admin_url("summits_summit_change", summit.pk, language="en")
    assert admin_client.post(url, page_form_data(admin_client.get(url), "en")).status_code == 302
    summit.refresh_from_db()
    assert summit.version == 1
    assert summit.history.count() == 1  # created, never changed
