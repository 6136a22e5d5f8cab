"""Two-step sign-in for staff: a password, then a code from an authenticator app or a
recovery code. Required for every staff account when STAFF_2FA_REQUIRED (production)."""

import re
import time

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from forum.two_factor import services
from tests.admin.forms import admin_url

PASSWORD = "Forum-staff-1"


@pytest.fixture
def required(settings):
    settings.STAFF_2FA_REQUIRED = True


@pytest.fixture
def staff(django_user_model):
    user = django_user_model.objects.create_user("maryam", password=PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name="Secretariat editors"))
    return user


def current_code(device):
    """What the staff member's app shows now, computed from the device's key."""
    device.refresh_from_db()
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time()
    return f"{totp.token():06d}"


def enrolled(user):
    device = TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    codes = services.new_recovery_codes(user=user)
    return device, codes


def sign_in_with_password(client, language="en"):
    return client.post(
        admin_url("login", language=language),
        {"username": "maryam", "password": PASSWORD, "next": admin_url("index", language=language)},
        follow=True,
    )


def enter_code(client, code, language="en"):
    return client.post(
        f"/{language}/admin/two-factor/?next=/{language}/admin/", {"code": code}, follow=True
    )


def test_staff_without_an_authenticator_are_sent_to_enrol_after_the_password(
    client, staff, required
):
    response = sign_in_with_password(client)
    assert response.redirect_chain[-1][0].startswith("/en/admin/two-factor/enrol/")
    html = response.content.decode()
    assert "<svg" in html  # the QR code, drawn here
    device = TOTPDevice.objects.get(user=staff, confirmed=False)
    assert services.secret_for_typing(device) in html
    # The admin stays closed until the enrolment is confirmed.
    closed = client.get(admin_url("members_city_changelist", language="en"))
    assert closed.status_code == 302
    assert closed["Location"].startswith("/en/admin/two-factor/?next=")


def test_confirming_the_app_signs_in_and_shows_ten_recovery_codes_once(client, staff, required):
    sign_in_with_password(client)
    device = TOTPDevice.objects.get(user=staff)
    response = client.post(
        "/en/admin/two-factor/enrol/?next=/en/admin/", {"code": current_code(device)}, follow=True
    )
    assert response.redirect_chain[-1][0].startswith("/en/admin/two-factor/recovery-codes/")
    codes = response.context["codes"]
    assert len(codes) == settings.RECOVERY_CODE_COUNT == 10
    assert all(code in response.content.decode() for code in codes)
    assert set(StaticToken.objects.filter(device__user=staff).values_list("token", flat=True)) == (
        set(codes)
    )
    device.refresh_from_db()
    assert device.confirmed
    assert client.get(admin_url("index", language="en")).status_code == 200
    # Shown once: the page does not show them again.
    again = client.get("/en/admin/two-factor/recovery-codes/")
    assert again.status_code == 302
    assert not any(code in client.get(again["Location"]).content.decode() for code in codes)


def test_a_wrong_code_at_enrolment_confirms_nothing(client, staff, required):
    sign_in_with_password(client)
    response = client.post("/en/admin/two-factor/enrol/", {"code": "000000"})
    assert response.status_code == 200
    assert "This code is not right" in response.content.decode()
    assert not TOTPDevice.objects.filter(user=staff, confirmed=True).exists()
    assert not StaticToken.objects.exists()


def test_staff_with_an_authenticator_are_asked_for_a_code_and_a_right_one_signs_in(
    client, staff, required
):
    device, _codes = enrolled(staff)
    response = sign_in_with_password(client)
    assert response.redirect_chain[-1][0] == "/en/admin/two-factor/?next=/en/admin/"
    assert "six-digit code" in response.content.decode()
    signed_in = enter_code(client, current_code(device))
    assert signed_in.redirect_chain[-1][0] == "/en/admin/"
    assert signed_in.status_code == 200
    assert client.get(admin_url("members_city_changelist", language="en")).status_code == 200


def test_a_wrong_code_is_refused_and_the_next_try_must_wait(client, staff, required):
    device, _codes = enrolled(staff)
    sign_in_with_password(client)
    wrong = f"{(int(current_code(device)) + 1) % 1_000_000:06d}"
    response = enter_code(client, wrong)
    assert "This code is not right" in response.content.decode()
    assert client.get(admin_url("index", language="en")).status_code == 302
    # django-otp's throttle: right after a wrong code, even the right one waits.
    throttled = enter_code(client, current_code(device))
    assert "Too many wrong codes. Try again in 1 second." in throttled.content.decode()
    assert client.get(admin_url("index", language="en")).status_code == 302


def test_an_authenticator_code_cannot_be_used_twice(client, staff, required):
    from django.test import Client

    device, _codes = enrolled(staff)
    code = current_code(device)
    sign_in_with_password(client)
    assert enter_code(client, code).redirect_chain[-1][0] == "/en/admin/"
    other = Client()
    sign_in_with_password(other)
    assert "This code is not right" in enter_code(other, code).content.decode()


def test_a_recovery_code_signs_in_once_only(client, staff, required):
    from django.test import Client

    _device, codes = enrolled(staff)
    sign_in_with_password(client)
    # Typed as people do: in capitals, with a space in the middle.
    typed = f"{codes[0][:4].upper()} {codes[0][4:].upper()}"
    response = enter_code(client, typed)
    assert response.redirect_chain[-1][0] == "/en/admin/"
    assert "You have 9 recovery codes left" not in response.content.decode()
    assert StaticToken.objects.filter(device__user=staff).count() == 9

    again = Client()
    sign_in_with_password(again)
    refused = enter_code(again, codes[0])
    assert "This code is not right" in refused.content.decode()
    assert "You have 9 recovery codes left." in refused.content.decode()
    assert again.get(admin_url("index", language="en")).status_code == 302


def test_with_an_authenticator_no_second_one_can_be_enrolled_with_the_password_alone(
    client, staff, required
):
    enrolled(staff)
    sign_in_with_password(client)
    response = client.get("/en/admin/two-factor/enrol/")
    assert response.status_code == 302
    assert response["Location"].startswith("/en/admin/two-factor/?")
    assert TOTPDevice.objects.filter(user=staff).count() == 1


def test_the_code_page_needs_a_password_sign_in_first(client, required):
    response = client.get("/en/admin/two-factor/")
    assert response.status_code == 302
    assert response["Location"].startswith("/en/admin/login/")


def test_the_next_address_must_stay_on_the_portal(client, staff, required):
    device, _codes = enrolled(staff)
    sign_in_with_password(client)
    response = client.post(
        "/en/admin/two-factor/?next=https://evil.example/", {"code": current_code(device)}
    )
    assert response["Location"] == "/en/admin/"


def test_the_two_step_pages_are_in_persian(client, staff, required):
    enrolled(staff)
    response = sign_in_with_password(client, language="fa")
    html = response.content.decode()
    assert 'lang="fa"' in html
    assert "کد" in html
    refused = enter_code(client, "123", language="fa")
    text = refused.content.decode()
    assert re.search(r"<p class=\"errornote\">[^<]*کد", text), text


def test_two_factors_are_not_required_in_development(client, staff):
    assert settings.PRODUCTION is False
    assert settings.STAFF_2FA_REQUIRED is False
    response = sign_in_with_password(client)
    assert response.redirect_chain[-1][0] == "/en/admin/"
    assert response.status_code == 200
