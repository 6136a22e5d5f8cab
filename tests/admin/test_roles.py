"""Secretariat editors keep the registry; Secretariat viewers read and export it, nothing more."""

import io

import pytest
from django.contrib import admin
from django.contrib.auth.models import Group

from members.models import City
from tests.admin.forms import admin_url, page_form_data

REGISTRY_MODELS = [
    model
    for model in admin.site._registry
    if model._meta.app_label in ("members", "summits")
    or model._meta.label in ("forum.ReportedFigure", "common.Source")  # forum.0006
]


def test_the_two_groups_exist_after_migrating(db):
    editors = Group.objects.get(name="Secretariat editors")
    viewers = Group.objects.get(name="Secretariat viewers")
    codenames = set(viewers.permissions.values_list("codename", flat=True))
    assert codenames == {f"view_{model._meta.model_name}" for model in REGISTRY_MODELS}
    editor_codenames = set(editors.permissions.values_list("codename", flat=True))
    for model in REGISTRY_MODELS:
        for action in ("add", "change", "delete", "view"):
            assert f"{action}_{model._meta.model_name}" in editor_codenames


@pytest.mark.parametrize("model", REGISTRY_MODELS, ids=lambda model: model._meta.label)
def test_a_viewer_sees_and_exports_but_is_refused_every_write(client, viewer, registry, model):
    client.force_login(viewer)
    opts = model._meta
    name = f"{opts.app_label}_{opts.model_name}"
    obj = model._default_manager.order_by("pk").first()
    count = model._default_manager.count()

    assert client.get(admin_url(f"{name}_changelist")).status_code == 200
    change_page = client.get(admin_url(f"{name}_change", obj.pk))
    assert change_page.status_code == 200  # read-only view
    assert client.get(admin_url(f"{name}_history", obj.pk)).status_code == 200
    assert client.get(admin_url(f"{name}_export")).status_code == 200

    assert client.get(admin_url(f"{name}_add")).status_code == 403
    assert client.post(admin_url(f"{name}_add"), {}).status_code == 403
    assert client.post(admin_url(f"{name}_change", obj.pk), {}).status_code == 403
    assert client.post(admin_url(f"{name}_delete", obj.pk), {"post": "yes"}).status_code == 403
    response = client.post(
        admin_url(f"{name}_changelist"),
        {"action": "delete_selected", "_selected_action": [obj.pk], "post": "yes"},
    )
    assert model._default_manager.count() == count
    assert response.status_code in (200, 302, 403)
    try:
        import_url = admin_url(f"{name}_import")
    except Exception:
        import_url = None
    if import_url:
        file = io.BytesIO(b"slug\nx\n")
        file.name = "rows.csv"
        assert client.get(import_url).status_code == 403
        assert client.post(import_url, {"import_file": file, "format": "0"}).status_code == 403
        assert client.post(admin_url(f"{name}_process_import"), {}).status_code == 403
    assert model._default_manager.count() == count


def test_an_editor_changes_a_record_and_imports(client, editor, registry):
    client.force_login(editor)
    city = registry["city"]
    url = admin_url("members_city_change", city.pk, language="en")
    data = page_form_data(client.get(url), "en")
    data["name_en"] = "Kashan city"
    assert client.post(url, data).status_code == 302
    assert City.objects.get(pk=city.pk).name_en == "Kashan city"
    assert client.get(admin_url("members_city_import")).status_code == 200
    assert client.get(admin_url("members_city_add")).status_code == 200


def test_the_history_records_who_changed_what(client, editor, registry):
    client.force_login(editor)
    city = registry["city"]
    url = admin_url("members_city_change", city.pk, language="en")
    data = page_form_data(client.get(url), "en")
    data["name_en"] = "Kashan city"
    client.post(url, data)
    latest = city.history.order_by("-history_date").first()
    assert latest.history_user == editor
    assert (latest.name_fa, latest.name_en) == ("کاشان", "Kashan city")
    assert latest.prev_record.name_en == "Kashan"
    html = client.get(admin_url("members_city_history", city.pk, language="en")).content.decode()
    assert "editor" in html
    assert "Kashan city" in html  # the change itself: name (English) Kashan → Kashan city
