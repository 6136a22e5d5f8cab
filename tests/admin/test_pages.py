"""Every screen of the admin answers in Persian and in English, and fetches nothing
from outside the portal."""

import re

import pytest
from django.contrib import admin
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation

REGISTERED = sorted(admin.site._registry.items(), key=lambda item: item[0]._meta.label)
EXTERNAL_ASSET = re.compile(
    r"""(?:src|href|action)\s*=\s*["'](?:https?:)?//|url\(\s*["']?(?:https?:)?//|@import\s+["']?(?:https?:)?//""",
    re.IGNORECASE,
)


def assert_no_external_asset(html: str):
    """No script, stylesheet, image, font or form target on another host."""
    for tag in re.findall(r"<(?:script|link|img|iframe|source|form|style)\b[^>]*>", html, re.I):
        assert not EXTERNAL_ASSET.search(tag), tag
    for style in re.findall(r"<style\b.*?</style>", html, re.I | re.S):
        assert not EXTERNAL_ASSET.search(style), style


@pytest.mark.parametrize("language", ["fa", "en"])
@pytest.mark.parametrize(
    ("model", "model_admin"), REGISTERED, ids=[model._meta.label for model, _ in REGISTERED]
)
def test_every_admin_page_answers_in_both_languages(
    admin_client, registry, superuser, language, model, model_admin
):
    opts = model._meta
    obj = model._default_manager.order_by("pk").first()
    request = RequestFactory().get("/")
    request.user = superuser
    names = ["changelist"] + (["add"] if model_admin.has_add_permission(request) else [])
    with translation.override(language):
        urls = [reverse(f"admin:{opts.app_label}_{opts.model_name}_{name}") for name in names]
        if obj is not None:
            urls += [
                reverse(f"admin:{opts.app_label}_{opts.model_name}_{name}", args=[obj.pk])
                for name in ("change", "history", "delete")
            ]
    for url in urls:
        assert url.startswith(f"/{language}/admin/")
        response = admin_client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert f'lang="{language}"' in html
        assert ('dir="rtl"' in html) == (language == "fa")
        assert_no_external_asset(html)


@pytest.mark.parametrize("language", ["fa", "en"])
def test_admin_index_and_sign_in_fetch_nothing_from_another_host(
    client, admin_client, registry, language
):
    assert_no_external_asset(admin_client.get(f"/{language}/admin/").content.decode())
    client.logout()
    response = client.get(f"/{language}/admin/login/")
    assert response.status_code == 200
    assert_no_external_asset(response.content.decode())


def test_tabbed_translation_fields_use_the_vendored_jquery_ui(admin_client, registry):
    html = admin_client.get(
        reverse("admin:members_city_change", args=[registry["city"].pk])
    ).content.decode()
    assert "/static/vendor/jquery-ui-1.13.3/jquery-ui.min.js" in html
    assert "tabbed_translation_fields.js" in html
