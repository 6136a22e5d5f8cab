"""An optional read replica (`DATABASE_REPLICA_URL`) for the public's reads.

`PublicReadMiddleware` marks a request as a *public read* when it is a GET or HEAD
without a session cookie and outside the admin. Only inside such a request does
`PrimaryReplicaRouter` send reads to the `replica` alias; every write, every
request of signed-in staff, the admin, sign-in, sessions, partner keys, reads
inside a transaction and everything outside a request (shell, commands,
migrations) stay on the primary.
"""

import contextlib
import re
from contextvars import ContextVar

from django.conf import settings
from django.db import connections

PRIMARY = "default"
REPLICA = "replica"

_public_read = ContextVar("public_read", default=False)

# Apps whose rows must be read where they are written: sign-in, sessions, lockouts, keys.
PRIMARY_ONLY_APPS = {"auth", "sessions", "admin", "axes", "contenttypes"}
PRIMARY_ONLY_MODELS = {"forum.partnerkey"}

_ADMIN = re.compile(r"^/[a-z]{2}(-[a-z]+)?/admin/")


def is_public_read(request) -> bool:
    return (
        request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and not _ADMIN.match(request.path_info)
    )


@contextlib.contextmanager
def public_reads(allowed: bool = True):
    """Within this block, reads may go to the replica (the middleware's doing, for tests)."""
    token = _public_read.set(allowed)
    try:
        yield
    finally:
        _public_read.reset(token)


class PublicReadMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with public_reads(is_public_read(request)):
            return self.get_response(request)


class PrimaryReplicaRouter:
    def db_for_read(self, model, **hints):
        if (
            not _public_read.get()
            or model._meta.app_label in PRIMARY_ONLY_APPS
            or model._meta.label_lower in PRIMARY_ONLY_MODELS
            or self.in_transaction()
        ):
            return PRIMARY
        return REPLICA

    def in_transaction(self) -> bool:
        # Reads inside a transaction must see its own writes.
        return connections[PRIMARY].in_atomic_block

    def db_for_write(self, model, **hints):
        return PRIMARY

    def allow_relation(self, obj1, obj2, **hints):
        # The replica holds the same rows: objects from either may be related.
        return True

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == PRIMARY
