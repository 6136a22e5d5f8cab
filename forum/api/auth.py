"""`Authorization: Api-Key <key>`: a partner's key, checked against its hash."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions

from forum.models import PartnerKey

KEYWORD = "Api-Key"


class PartnerKeyAuthentication(authentication.BaseAuthentication):
    """No header: an anonymous client. A header with a bad or revoked key: 401."""

    def authenticate(self, request):
        header = request.headers.get("Authorization", "")
        keyword, _space, key = header.partition(" ")
        if keyword != KEYWORD:
            return None
        partner_key = PartnerKey.objects.find(key.strip())
        if partner_key is None:
            raise exceptions.AuthenticationFailed(_("Unknown, expired or revoked API key."))
        PartnerKey.objects.filter(pk=partner_key.pk).update(last_used_at=timezone.now())
        return (None, partner_key)

    def authenticate_header(self, request):
        return KEYWORD


class PartnerKeyScheme(OpenApiAuthenticationExtension):
    target_class = PartnerKeyAuthentication
    name = "PartnerKey"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": "`Api-Key <key>`, as issued by the secretariat. Optional: "
            "without a key the API answers at a lower rate.",
        }
