"""Rate limits: anonymous clients per address, partner keys each on their own count."""

from django.conf import settings
from rest_framework.throttling import SimpleRateThrottle

from forum.models import PartnerKey


class _SettingsRateThrottle(SimpleRateThrottle):
    # Read at each request, so settings can change without reloading the class.
    setting = ""

    def __init__(self):
        pass

    def allow_request(self, request, view):
        self.rate = self.rate_for(request)
        self.num_requests, self.duration = self.parse_rate(self.rate)
        return super().allow_request(request, view)

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
