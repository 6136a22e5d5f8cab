"""Every Persian admin screen of every registered model, as the server writes it: no
English word outside proper names and codes, no Latin digit (the browser tests read the
same screens as shown, after scripts ran: tests/admin/test_admin_tasks_in_chromium.py)."""

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from common.models import Source
from forum.models import PartnerKey
from tests.admin import browser as b
from tests.admin.forms import admin_url
from tests.admin.visible_text import visible_text

pytestmark = pytest.mark.django_db

# Data of the records shown, not interface text: names typed by staff and test values.
# The factories give board terms, panels and documents English titles only, shown as typed.
# django-axes stores "<unknown>" for a header the browser did not send.
RECORD_WORDS = {"admin", "intruder", "curl", "Partner", "Maryam", "Term", "Panel", "Declaration"}
RECORD_WORDS |= {"phone", "codes", "unknown"}


@pytest.fixture
def every_kind(registry, superuser):
    PartnerKey.create(name="Partner")
    Source.objects.create(url="https://example.org/report", title="گزارش", publisher="مجمع")
    TOTPDevice.objects.create(user=superuser, name="phone")
    StaticDevice.objects.create(user=superuser, name="codes").token_set.create(token="a1b2c3d4")
    AccessAttempt.objects.create(
        username="intruder", ip_address="203.0.113.9", user_agent="curl", failures_since_start=3
    )
    AccessLog.objects.create(username="admin", ip_address="203.0.113.9", user_agent="curl")
    AccessFailureLog.objects.create(
        username="intruder", ip_address="203.0.113.9", user_agent="curl"
    )


def screens():
    for model in sorted(admin.site._registry, key=lambda model: model._meta.label):
        yield pytest.param(model, id=model._meta.label)


def problems_on(html, allowed):
    text = " ".join(visible_text(html))
    return b.english_words(text, allowed), b.latin_digits(text)


@pytest.mark.parametrize("model", list(screens()))
def test_every_persian_screen_of_every_model_is_in_persian(admin_client, every_kind, model):
    opts = model._meta
    record = model._base_manager.order_by("pk").first()
    assert record is not None, f"no {opts.label} to show"
    allowed = RECORD_WORDS | set(str(record).split())
    pages = [
        admin_url("index"),
        admin_url("app_list", opts.app_label),
        admin_url(f"{opts.app_label}_{opts.model_name}_changelist"),
        admin_url(f"{opts.app_label}_{opts.model_name}_change", record.pk),
        admin_url(f"{opts.app_label}_{opts.model_name}_history", record.pk),
        admin_url(f"{opts.app_label}_{opts.model_name}_delete", record.pk),
    ]
    add = admin_url(f"{opts.app_label}_{opts.model_name}_add")
    pages.append(add)
    found = {}
    for page in pages:
        response = admin_client.get(page)
        if page == add and response.status_code == 403:  # sign-in records: written by axes
            continue
        assert response.status_code == 200, page
        english, digits = problems_on(response.content.decode(), allowed)
        if english or digits:
            found[page] = (sorted(set(english)), sorted(set(digits)))
    assert not found, "\n".join(
        f"{page}: {words} {numbers}" for page, (words, numbers) in found.items()
    )


def test_the_check_finds_latin_digits_when_the_persian_digits_step_is_off(
    admin_client, every_kind, settings
):
    settings.MIDDLEWARE = [
        name for name in settings.MIDDLEWARE if not name.endswith("PersianAdminDigitsMiddleware")
    ]
    html = admin_client.get(admin_url("members_city_changelist")).content.decode()
    _english, digits = problems_on(html, RECORD_WORDS)
    assert digits, "Latin digits on a Persian screen went unnoticed"
    english, _digits = problems_on("<p>ویرایش شهر — Please correct the error below.</p>", set())
    assert english == ["Please", "correct", "the", "error", "below"]


def test_the_history_names_changed_fields_in_persian_however_django_stored_them():
    import json

    from django.contrib.admin.models import LogEntry
    from django.utils import translation

    # As Django stores them: English labels, capitalised ("First name", "Expires at").
    stored = [
        {"changed": {"fields": ["First name", "Active", "User permissions"]}},
        {"added": {"name": "static token", "object": "a1b2c3d4"}},
    ]
    entry = LogEntry(change_message=json.dumps(stored))
    with translation.override("fa"):
        message = entry.get_change_message()
    assert b.english_words(message) == [], message
    assert "نام" in message and "فعال" in message
    with translation.override("en"):
        assert entry.get_change_message().startswith("Changed First name, Active and User")
