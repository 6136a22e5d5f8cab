"""Partner API keys (issued by staff in the admin, shown once, stored hashed, revocable),
and the membership figures the forum itself reported."""

import hashlib
import hmac
import secrets

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from common.dates import PartialDate, digits_for
from common.models import (
    TEXT_RULE_MESSAGE,
    FieldCheckConstraint,
    FieldUniqueConstraint,
    SourcedModel,
    TimeStampedModel,
    precision_constraint,
    precision_field,
)
from common.text import translated, without_control_characters

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


class ReportedFigureQuerySet(models.QuerySet):
    def with_sources(self):
        """Newest first, each with its sources (two queries, whatever the number)."""
        return self.prefetch_related("sources").order_by("-reported_on")


class ReportedFigure(TimeStampedModel, SourcedModel):
    """A size of the forum as the forum itself reported it ("nearly 120 cities from 39
    countries"), beside which the pages show what the registry holds: the registry
    records only the cities it can document, so its count is not the forum's size."""

    class Qualifier(models.TextChoices):
        EXACT = "exact", _("exact")
        ABOUT = "about", _("about")
        NEARLY = "nearly", _("nearly")
        OVER = "over", _("over")
        AT_LEAST = "at_least", _("at least")

    reported_on = models.DateField(
        _("reported on"), help_text=_("The day, month or year the forum gave the figure.")
    )
    reported_precision = precision_field(_("precision of the date"))
    member_cities = models.PositiveIntegerField(_("member cities"))
    countries = models.PositiveIntegerField(_("countries"), null=True, blank=True)
    qualifier = models.CharField(
        _("qualifier"), max_length=10, choices=Qualifier.choices, default=Qualifier.EXACT
    )
    note = models.TextField(
        _("note"),
        blank=True,
        help_text=_("The wording of the source, or what the figure includes."),
    )

    objects = ReportedFigureQuerySet.as_manager()

    class Meta:
        verbose_name = _("reported membership figure")
        verbose_name_plural = _("reported membership figures")
        ordering = ["reported_on"]
        constraints = [
            # Its notes hold no direction override or control character.
            FieldCheckConstraint(
                condition=without_control_characters(*translated("note", "source_note")),
                name="reported_figure_text_without_control_characters",
                violation_error_message=TEXT_RULE_MESSAGE,
            ),
            # A figure of no city is a typing error, not a report.
            FieldCheckConstraint(
                condition=Q(member_cities__gte=1),
                name="reported_figure_cities_positive",
                error_field="member_cities",
                violation_error_message=_("A reported figure counts at least one city."),
            ),
            FieldCheckConstraint(
                condition=Q(countries__isnull=True) | Q(countries__gte=1),
                name="reported_figure_countries_positive",
                error_field="countries",
                violation_error_message=_("A reported figure counts at least one country."),
            ),
            # The natural key of the demo data and of the chart's points.
            FieldUniqueConstraint(
                fields=["reported_on"],
                name="reported_figure_one_per_date",
                error_field="reported_on",
                violation_error_message=_("A figure is already recorded for this date."),
            ),
            precision_constraint(
                "reported_on", "reported_precision", "reported_figure_date_matches_precision"
            ),
        ]

    def __str__(self):
        # In the reader's calendar and digits: the admin's titles and history show it.
        language = get_language()
        return f"{digits_for(self.member_cities, language)} ({self.reported.format(language)})"

    @property
    def reported(self):
        return PartialDate(self.reported_on, self.reported_precision)

    def get_absolute_url(self):
        return reverse("statistics")
