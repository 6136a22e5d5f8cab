"""Partner API keys: issued by staff in the admin, shown once, stored hashed, revocable."""

import hashlib
import hmac
import secrets

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

PREFIX_LENGTH = 8


def hash_secret(secret: str) -> str:
    # The secret is 256 random bits, so one round of SHA-256 is as strong as a slow hash.
    return hashlib.sha256(secret.encode()).hexdigest()


class PartnerKeyQuerySet(models.QuerySet):
    def usable(self):
        return self.filter(revoked_at__isnull=True).filter(
            models.Q(expires_at__isnull=True) | models.Q(expires_at__gt=timezone.now())
        )

    def find(self, key: str):
        """The usable key matching `<prefix>.<secret>`, or None."""
        prefix, _dot, secret = key.partition(".")
        if len(prefix) != PREFIX_LENGTH or not secret:
            return None
        candidate = self.usable().filter(prefix=prefix).first()
        if candidate and hmac.compare_digest(candidate.hashed_secret, hash_secret(secret)):
            return candidate
        return None


class PartnerKey(models.Model):
    name = models.CharField(_("partner"), max_length=200)
    prefix = models.CharField(_("prefix"), max_length=PREFIX_LENGTH, unique=True, editable=False)
    hashed_secret = models.CharField(_("hashed secret"), max_length=64, editable=False)
    requests_per_minute = models.PositiveIntegerField(
        _("requests per minute"),
        null=True,
        blank=True,
        help_text=_("Leave empty for the default limit of partner keys."),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires at"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True)

    objects = PartnerKeyQuerySet.as_manager()

    class Meta:
        verbose_name = _("partner API key")
        verbose_name_plural = _("partner API keys")
        ordering = ["name", "created_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(requests_per_minute__isnull=True)
                | models.Q(requests_per_minute__gte=1),
                name="partner_key_rate_positive",
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_authenticated(self):
        return True

    def issue(self) -> str:
        """Give this (unsaved) key a new secret; return the full key, which is never stored."""
        self.prefix = secrets.token_hex(PREFIX_LENGTH // 2)
        secret = secrets.token_urlsafe(32)
        self.hashed_secret = hash_secret(secret)
        return f"{self.prefix}.{secret}"

    @classmethod
    def create(cls, **fields) -> tuple["PartnerKey", str]:
        key = cls(**fields)
        full = key.issue()
        key.save()
        return key, full
