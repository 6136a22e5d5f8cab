"""Rate limits: anonymous clients per address, partner keys each on their own count."""

from django.conf import settings
from rest_framework.throttling import SimpleRateThrottle

from forum.models import PartnerKey


class _SettingsRateThrottle(SimpleRateThrottle):
    """A counter per client and window, in the cache: one `add` and one `incr` a request.

    DRF's own throttle keeps the time of every request of the window in one cache
    entry and rewrites it at each request: its cost grows with the rate, and two
    hosts sharing Redis can overwrite each other's list. Here the window starts
    at a client's first request and the entry expires with it; `incr` is atomic
    in Redis, so every host counts into the same number.
    """

    # Read at each request, so settings can change without reloading the class.
    setting = ""

    def __init__(self):
        pass

    def allow_request(self, request, view):
        self.rate = self.rate_for(request)
        self.num_requests, self.duration = self.parse_rate(self.rate)
        self.key = self.get_cache_key(request, view)
        if self.key is None:
            return True
        self.now = self.timer()
        # Already counted by the response cache's middleware (common.response_cache).
        verdict = getattr(request, "throttle_verdicts", {}).get(self.scope)
        if verdict is not None:
            return verdict
        try:
            count = self.cache.incr(self.key)
        except ValueError:  # no window yet: open one
            # Its start, kept beside the count, tells a refused client how long to wait.
            self.cache.set(f"{self.key}:start", self.now, self.duration)
            count = 1 if self.cache.add(self.key, 1, self.duration) else self.cache.incr(self.key)
        return count <= self.num_requests

    def wait(self):
        start = self.cache.get(f"{self.key}:start", self.now)
        return max(1.0, self.duration - (self.now - start))

    def rate_for(self, request):
        return getattr(settings, self.setting)


class AnonymousRateThrottle(_SettingsRateThrottle):
    scope = "anonymous"
    setting = "API_ANONYMOUS_RATE"

    def get_cache_key(self, request, view):
        if isinstance(request.auth, PartnerKey):
            return None
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


class PartnerKeyRateThrottle(_SettingsRateThrottle):
    scope = "partner"
    setting = "API_PARTNER_RATE"

    def rate_for(self, request):
        key = request.auth
        if isinstance(key, PartnerKey) and key.requests_per_minute:
            return f"{key.requests_per_minute}/min"
        return super().rate_for(request)

    def get_cache_key(self, request, view):
        if not isinstance(request.auth, PartnerKey):
            return None
        return self.cache_format % {"scope": self.scope, "ident": request.auth.pk}
