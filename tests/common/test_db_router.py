"""With a read replica, the public's reads go to it; writes, staff and the admin stay on
the primary."""

import pytest
from django.contrib.auth.models import User
from django.contrib.sessions.models import Session
from django.db import transaction
from django.test import RequestFactory

from common.db_router import PrimaryReplicaRouter, is_public_read, public_reads
from common.models import ContentGeneration
from forum.models import PartnerKey
from members.models import City
from summits.models import Summit

router = PrimaryReplicaRouter()
requests = RequestFactory()


def test_outside_a_public_request_everything_is_read_from_the_primary():
    # shell, management commands, migrations, background jobs
    assert router.db_for_read(City) == "default"
    assert router.db_for_read(Summit) == "default"


def test_public_reads_go_to_the_replica():
    with public_reads():
        assert router.db_for_read(City) == "replica"
        assert router.db_for_read(Summit) == "replica"
        # the cache key's generation is read where the page's rows are read
        assert router.db_for_read(ContentGeneration) == "replica"


def test_writes_always_go_to_the_primary():
    with public_reads():
        assert router.db_for_write(City) == "default"
        assert router.db_for_write(ContentGeneration) == "default"
    assert router.db_for_write(City) == "default"


def test_sign_in_sessions_and_partner_keys_are_read_from_the_primary():
    with public_reads():
        assert router.db_for_read(User) == "default"
        assert router.db_for_read(Session) == "default"
        assert router.db_for_read(PartnerKey) == "default"


@pytest.mark.django_db
def test_reads_inside_a_transaction_stay_on_the_primary():
    with public_reads(), transaction.atomic():
        assert router.db_for_read(City) == "default"


def test_migrations_run_on_the_primary_only():
    assert router.allow_migrate("default", "members")
    assert not router.allow_migrate("replica", "members")


@pytest.mark.parametrize(
    ("method", "path", "cookies", "public"),
    [
        ("GET", "/fa/members/", {}, True),
        ("HEAD", "/en/summits/x/", {}, True),
        ("GET", "/api/v1/cities/", {}, True),
        ("GET", "/fa/members/", {"sessionid": "abc"}, False),  # signed-in staff
        ("GET", "/fa/admin/", {}, False),
        ("GET", "/en/admin/login/", {}, False),
        ("POST", "/i18n/setlang/", {}, False),
        ("POST", "/en/admin/login/", {}, False),
    ],
)
def test_which_requests_are_public_reads(method, path, cookies, public):
    request = requests.generic(method, path)
    request.COOKIES.update(cookies)
    assert is_public_read(request) is public


@pytest.mark.django_db
def test_the_middleware_marks_only_anonymous_reads(client, admin_client, settings):
    """The router, installed, sees the mark of the request being served."""
    seen = []

    class Spy(PrimaryReplicaRouter):
        def in_transaction(self):
            return False  # but for the test's own transaction

        def db_for_read(self, model, **hints):
            seen.append(super().db_for_read(model, **hints))
            return "default"  # the test database has no replica

    settings.DATABASE_ROUTERS = [Spy()]
    client.get("/en/summits/")
    assert "replica" in seen
    seen.clear()
    admin_client.get("/en/summits/")
    assert seen and set(seen) == {"default"}
