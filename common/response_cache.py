"""Anonymous pages and API answers, cached and never stale.

An answer is cached per full URL (host, path and query), Accept-Language, Accept
and language cookie, under the current *content generation*: a counter in
PostgreSQL that triggers move on at the commit of any change to public content
(see the model `common.models.ContentGeneration`). Each cacheable request reads
the counter once (one primary-key query); a change, by whatever path, moves it
on, so the next request looks under a key that was never filled, and the old
entries just age out. Only GET requests without a session or messages cookie are
cached: staff who are signed in always get a fresh answer.

`ResponseCacheMiddleware` serves anonymous pages and anonymous API requests (after
counting them against the API's rate limits); requests with a partner key are
cached inside the API views (common.api.ApiViewMixin), once the key is checked.
"""

import hashlib
import logging
import re
from types import SimpleNamespace

from django.conf import settings
from django.core.cache import caches
from django.db import connections, router
from django.http import HttpResponse
from django.utils.cache import get_conditional_response
from django.utils.http import parse_http_date_safe

CACHE_HEADER = "X-Response-Cache"

logger = logging.getLogger(__name__)

# Paths that are not cached pages (the API is handled apart; the admin never cached).
_NOT_PAGES = re.compile(r"^/(api/|i18n/|healthz|media/|__bench__/|[a-z]{2}(-[a-z]+)?/admin/)")


def enabled() -> bool:
    return settings.RESPONSE_CACHE


def is_anonymous(request) -> bool:
    """No session (staff who signed in) and no pending message: the same page for everyone."""
    cookies = request.COOKIES
    return settings.SESSION_COOKIE_NAME not in cookies and "messages" not in cookies


def cacheable(request) -> bool:
    return enabled() and request.method == "GET" and is_anonymous(request)


def current_generation() -> int | None:
    """The content generation, read where the request's other reads go (primary or replica).

    None when its row is missing (a `flush`, a hand-made database): an error, logged,
    and no key, so the request bypasses the cache. A made-up generation would never
    move, and the cache would serve stale answers for ever. `migrate` and `flush`
    put the row back (common.apps)."""
    from common.models import ContentGeneration

    alias = router.db_for_read(ContentGeneration)
    with connections[alias].cursor() as cursor:
        cursor.execute("SELECT value FROM common_contentgeneration WHERE id = 1")
        row = cursor.fetchone()
    if row is None:
        logger.error(
            "The content generation row (common_contentgeneration, id 1) is missing on "
            "database %r: the response cache is bypassed until `manage.py migrate` puts it back.",
            alias,
        )
        return None
    return row[0]


def key_for(request, *extra) -> str | None:
    """The cache key of a request, or None when the cache must be bypassed."""
    generation = current_generation()
    if generation is None:
        return None
    parts = [
        request.build_absolute_uri(),
        request.headers.get("Accept-Language", ""),
        request.headers.get("Accept", ""),
        request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, ""),
        *extra,
    ]
    digest = hashlib.sha256("\n".join(parts).encode()).hexdigest()
    return f"response:{generation}:{digest}"


def storable(response) -> bool:
    control = response.get("Cache-Control", "")
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and "private" not in control
        and "no-store" not in control
    )


def _tiers():
    """The caches answers live in, nearest first: this worker's memory, then Redis if set."""
    return [caches[alias] for alias in settings.RESPONSE_CACHE_ALIASES]


def store(key, response) -> None:
    headers = [(name, value) for name, value in response.items() if name != CACHE_HEADER]
    entry = (response.status_code, response.content, headers)
    for tier in _tiers():
        tier.set(key, entry, settings.RESPONSE_CACHE_SECONDS)
    response[CACHE_HEADER] = "miss"


def fetch(key) -> HttpResponse | None:
    entry, nearer = None, []
    for tier in _tiers():
        entry = tier.get(key)
        if entry is not None:
            break
        nearer.append(tier)
    if entry is None:
        return None
    for tier in nearer:  # another worker's answer: keep it here too
        tier.set(key, entry, settings.RESPONSE_CACHE_SECONDS)
    status, content, headers = entry
    response = HttpResponse(content, status=status)
    for name, value in headers:
        response[name] = value
    response[CACHE_HEADER] = "hit"
    response.from_cache = True
    return response


def conditional(request, response):
    """A cached answer as a 304 when the client already holds it (the API's ETag)."""
    return get_conditional_response(
        request,
        etag=response.get("ETag"),
        last_modified=parse_http_date_safe(response.get("Last-Modified", "")),
        response=response,
    )


def _api_throttles_allow(request) -> bool:
    """Count an anonymous API request against the API's rate limits, once.

    The API's throttles run here, before the cache, so a cached answer counts like
    any other; the verdicts ride on the request, and the throttles in the API view
    read them instead of counting the request a second time.
    """
    from rest_framework.settings import api_settings

    client = SimpleNamespace(auth=None, user=None, META=request.META, headers=request.headers)
    verdicts = {}
    for throttle_class in api_settings.DEFAULT_THROTTLE_CLASSES:
        throttle = throttle_class()
        verdicts[throttle.scope] = throttle.allow_request(client, None)
    request.throttle_verdicts = verdicts
    return all(verdicts.values())


class ResponseCacheMiddleware:
    """Serves anonymous GETs of public pages and of the API from the cache (see the
    module's docstring). Partners with a key are served by the API views' own cache,
    after their key is checked."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not cacheable(request):
            return self.get_response(request)
        if request.path_info.startswith("/api/"):
            if "Authorization" in request.headers or not _api_throttles_allow(request):
                return self.get_response(request)  # the view checks the key, or says 429
        elif _NOT_PAGES.match(request.path_info):
            return self.get_response(request)
        key = key_for(request, "anonymous")
        if key is None:
            return self.get_response(request)
        cached = fetch(key)
        if cached is not None:
            return conditional(request, cached)
        response = self.get_response(request)
        if storable(response):
            store(key, response)
        return response
