"""Two staff press "save" on the same record at the same moment, on two real
PostgreSQL connections: one save is taken, the other is refused, nothing is lost.

Saving one after the other cannot show this: without the row lock both saves read
the same version, both pass the check, and the second silently overwrites the first.
"""

import threading
import time

import pytest
from django.db import close_old_connections, connection, connections
from django.test import Client

from common.admin import VersionedModelForm
from tests.admin.forms import admin_url, page_form_data
from tests.factories import CityFactory

pytestmark = pytest.mark.django_db(transaction=True)

TIMEOUT = 20


def someone_waits_for_a_lock() -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_locks WHERE NOT granted")
        return cursor.fetchone()[0] > 0


@pytest.fixture
def rendezvous(monkeypatch):
    """Each save, once its version check passed, waits until the other save has also
    passed it, or is seen waiting for the row lock; so the two transactions overlap
    exactly where a lost edit would happen."""
    checking, passed = [], []
    check = VersionedModelForm._check_version

    def checked_then_wait(form, submitted):
        checking.append(threading.get_ident())
        result = check(form, submitted)
        passed.append(threading.get_ident())
        deadline = time.monotonic() + TIMEOUT
        while len(passed) < 2 and not someone_waits_for_a_lock():
            assert time.monotonic() < deadline, "the other save neither checked nor waited"
            time.sleep(0.01)
        return result

    monkeypatch.setattr(VersionedModelForm, "_check_version", checked_then_wait)
    return checking


def editor(django_user_model, username):
    user = django_user_model.objects.create_superuser(username, password="Forum-admin-1")
    client = Client()
    client.force_login(user)
    return client


def test_two_saves_at_the_same_moment_take_one_and_refuse_the_other(django_user_model, rendezvous):
    city = CityFactory(name_en="Kashan")
    url = admin_url("members_city_change", city.pk, language="en")
    editors = [editor(django_user_model, name) for name in ("maryam", "reza")]
    forms = [page_form_data(client.get(url), "en") for client in editors]
    names = ["Kashan (Isfahan province)", "Kāshān"]
    answers = {}

    def save(index):
        try:
            forms[index]["name_en"] = names[index]
            answers[index] = editors[index].post(url, forms[index])
        finally:
            close_old_connections()
            connections.close_all()

    threads = [threading.Thread(target=save, args=(index,)) for index in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(TIMEOUT * 2)

    assert len(rendezvous) == 2  # both saves were checked
    statuses = sorted(answer.status_code for answer in answers.values())
    assert statuses == [200, 302], "one save is taken and the other refused"
    [taken] = [index for index, answer in answers.items() if answer.status_code == 302]
    [refused] = [index for index, answer in answers.items() if answer.status_code == 200]
    [error] = answers[refused].context["adminform"].form.non_field_errors()
    assert "saved this record" in error
    city.refresh_from_db()
    assert city.name_en == names[taken]
    assert city.version == 2
