"""Repeated failed sign-ins lock the account for that address for a while."""

from django.conf import settings

from tests.admin.forms import admin_url


def sign_in(client, password, language="en"):
    return client.post(
        admin_url("login", language=language),
        {"username": "admin", "password": password, "next": admin_url("index", language=language)},
    )


def test_five_failed_sign_ins_lock_the_account_even_against_the_right_password(client, superuser):
    assert settings.AXES_FAILURE_LIMIT == 5
    for _ in range(4):
        response = sign_in(client, "wrong")
        assert response.status_code == 200  # the form again, with its error
    locked = sign_in(client, "wrong")
    assert locked.status_code == 429
    assert "Too many failed sign-in attempts" in locked.content.decode()
    assert "30 minutes" in locked.content.decode()

    right = sign_in(client, "Forum-admin-1")
    assert right.status_code == 429
    assert "_auth_user_id" not in client.session


def test_the_lockout_page_is_in_persian_in_the_persian_admin(client, superuser):
    for _ in range(5):
        response = sign_in(client, "wrong", language="fa")
    assert response.status_code == 429
    html = response.content.decode()
    assert 'lang="fa"' in html
    assert "۳۰ دقیقه" in html


def test_a_right_password_before_the_limit_signs_in_and_resets_the_count(client, superuser):
    for _ in range(4):
        sign_in(client, "wrong")
    assert sign_in(client, "Forum-admin-1").status_code == 302
    assert client.session["_auth_user_id"] == str(superuser.pk)
    client.logout()
    # Four more failures: with the count reset they are not yet the fifth in a row.
    for _ in range(4):
        response = sign_in(client, "wrong")
        assert response.status_code == 200
        assert response.context["form"].errors
    assert "_auth_user_id" not in client.session
