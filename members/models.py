"""Member cities, their membership history, partner organisations, people and
their offices, and the executive board's seats by term."""

from django.contrib.postgres.fields import RangeOperators
from django.db import models
from django.db.models import (
    BooleanField,
    Exists,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from common.dates import DatePrecision, Period
from common.models import (
    TEXT_RULE_MESSAGE,
    EndKind,
    FieldCheckConstraint,
    FieldExclusionConstraint,
    FieldUniqueConstraint,
    PeriodModel,
    PublicQuerySet,
    PublishableModel,
    SourcedModel,
    StartKind,
    TimeStampedModel,
    Visible,
    known_span,
    partial_date,
    reaches,
)
from common.search import matching
from common.text import translated, without_control_characters
from common.uploads import IMAGES, FileContentValidator, SafeUploadTo


class Region(models.TextChoices):
    """The sub-regions of the UN's M49 standard (Iran is in Southern Asia there, Russia in
    Eastern Europe); the labels say so wherever a region is shown."""

    CENTRAL = "central", _("Central Asia")
    EAST = "east", _("Eastern Asia")
    SOUTH_EAST = "south_east", _("South-eastern Asia")
    SOUTH = "south", _("Southern Asia")
    WEST = "west", _("Western Asia")
    EASTERN_EUROPE = "eastern_europe", _("Eastern Europe")


def covers(day):
    """The Q on Membership rows whose period covers `day` as far as the records say: it
    started on or before `day` (a start known only to its year counts from the year's first
    day) and had not ended before it: an open period runs on, a known end covers up to its
    last possible day, an unknown end only up to its "not before" bound, or without a bound
    only the start's own period."""
    ended = (
        Q(end_kind=EndKind.OPEN)
        | Q(reaches("ended_on", "ended_precision", day), end_kind=EndKind.KNOWN)
        | Q(
            reaches("ended_not_before", "ended_not_before_precision", day),
            end_kind=EndKind.UNKNOWN,
            ended_not_before__isnull=False,
        )
        | Q(
            reaches("started_on", "started_precision", day),
            end_kind=EndKind.UNKNOWN,
            ended_not_before__isnull=True,
        )
    )
    return Q(started_on__lte=day, status__in=Membership.Status.active()) & ended


def probably_on(day):
    """The Q on covering periods that make a city only *probably* a member on `day`: the
    start is only the earliest mention, or `day` lies inside an imprecise start (Kashan
    "1394" may have joined after 1 Mehr 1394)."""
    return Q(start_kind=StartKind.ATTESTED) | (
        ~Q(started_precision=DatePrecision.DAY) & reaches("started_on", "started_precision", day)
    )


class MembershipQuerySet(PublicQuerySet):
    def covering(self, day):
        """The active periods (member or associate) that cover `day` (see `covers`)."""
        return self.filter(covers(day))


class CityQuerySet(PublicQuerySet):
    def _with_membership(self, periods):
        """Annotate status, start (date, precision, kind) and end kind of the latest of
        `periods` (Membership rows of the city, by OuterRef)."""
        latest = periods.order_by("-started_on")
        return self.annotate(
            membership_status=Subquery(latest.values("status")[:1]),
            membership_since=Subquery(latest.values("started_on")[:1]),
            membership_since_precision=Subquery(latest.values("started_precision")[:1]),
            membership_start_kind=Subquery(latest.values("start_kind")[:1]),
            membership_end_kind=Subquery(latest.values("end_kind")[:1]),
        )

    def with_membership_status(self):
        """Annotate each city with the status of its latest membership period."""
        latest = Membership.objects.filter(city=OuterRef("pk")).order_by("-started_on")
        return self.annotate(membership_status=Subquery(latest.values("status")[:1]))

    def with_current_membership(self):
        """Annotate status, start (date, precision, kind) and end kind of the latest
        membership period (periods never overlap, so the latest is the current one if any)."""
        return self._with_membership(Membership.objects.filter(city=OuterRef("pk")))

    def members_on(self, day):
        """Cities that were members (or associates) on `day`, as far as the records say,
        each annotated `probably` (see `probably_on`) and with the period that covers the
        day as its membership (the annotations of with_current_membership())."""
        periods = Membership.objects.covering(day).filter(city=OuterRef("pk"))
        probably = ExpressionWrapper(probably_on(day), output_field=BooleanField())
        latest = periods.order_by("-started_on").annotate(probably=probably)
        return (
            self.filter(Exists(periods))
            ._with_membership(periods)
            .annotate(probably=Subquery(latest.values("probably")[:1]))
        )

    def with_first_membership(self):
        """Annotate the start (date and precision) of the city's first membership period."""
        first = Membership.objects.filter(city=OuterRef("pk")).order_by("started_on")
        return self.annotate(
            joined_on=Subquery(first.values("started_on")[:1]),
            joined_precision=Subquery(first.values("started_precision")[:1]),
            joined_start_kind=Subquery(first.values("start_kind")[:1]),
        )

    def directory(self, *, members_only=True, on=None):
        """Public cities for the public directory, by name: the current members (or every
        city on record) with their current membership, or the members on the day `on` with
        the period that covered it."""
        cities = self.public()
        if on is not None:
            cities = cities.members_on(on)
        else:
            cities = cities.with_current_membership()
            if members_only:
                cities = cities.members()
        return cities.order_by("name", "slug")

    def search(self, text):
        """Cities whose Persian or English name matches `text` (see common.search)."""
        return matching(self, ("name_fa", "name_en"), text)

    def countries(self):
        """The distinct countries of these cities."""
        return self.order_by("country").values_list("country", flat=True).distinct()

    def members(self):
        """Cities whose current membership is active (member or associate)."""
        # EXISTS, not a join: no DISTINCT over whole rows, and counts stay cheap at scale.
        return self.filter(
            Exists(
                Membership.objects.filter(
                    city=OuterRef("pk"),
                    end_kind=EndKind.OPEN,
                    status__in=Membership.Status.active(),
                )
            )
        )


class City(PublishableModel, SourcedModel):
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    country = CountryField(_("country"), db_index=True)
    subdivision = models.CharField(_("province or state (ISO 3166-2)"), max_length=10, blank=True)
    region = models.CharField(
        _("region (UN M49)"), max_length=20, choices=Region.choices, db_index=True
    )
    population = models.PositiveBigIntegerField(_("population"), null=True, blank=True)
    website = models.URLField(_("website"), blank=True)
    latitude = models.DecimalField(
        _("latitude"), max_digits=8, decimal_places=5, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=8, decimal_places=5, null=True, blank=True
    )
    logo = models.ImageField(
        _("logo"),
        upload_to=SafeUploadTo("cities/logos/", field="logo"),
        blank=True,
        validators=[FileContentValidator(IMAGES, "MAX_IMAGE_UPLOAD_SIZE")],
        help_text=_("A JPEG, PNG or WebP image, 2 MB at most."),
    )
    description = models.TextField(_("description"), blank=True)

    objects = CityQuerySet.as_manager()

    class Meta:
        verbose_name = _("city")
        verbose_name_plural = _("cities")
        ordering = ["slug"]
        indexes = [
            # The member directory (City.objects.directory(): published, by name and slug, in
            # the page's language) and the API's ?ordering=name_fa / name_en.
            models.Index(
                fields=["name_fa", "slug"],
                condition=Q(is_published=True),
                name="city_published_by_name_fa",
            ),
            models.Index(
                fields=["name_en", "slug"],
                condition=Q(is_published=True),
                name="city_published_by_name_en",
            ),
            # The API's ?ordering=population.
            models.Index(fields=["population"], name="city_by_population"),
        ]
        constraints = [
            # Its names and texts hold no direction override or control character.
            FieldCheckConstraint(
                condition=without_control_characters(
                    *translated("name", "description", "source_note")
                ),
                name="city_text_without_control_characters",
                violation_error_message=TEXT_RULE_MESSAGE,
            ),
            FieldCheckConstraint(
                condition=Q(latitude__isnull=True) | Q(latitude__gte=-90, latitude__lte=90),
                name="city_latitude_on_earth",
                error_field="latitude",
                violation_error_message=_("A latitude lies between -90 and 90."),
            ),
            FieldCheckConstraint(
                condition=Q(longitude__isnull=True) | Q(longitude__gte=-180, longitude__lte=180),
                name="city_longitude_on_earth",
                error_field="longitude",
                violation_error_message=_("A longitude lies between -180 and 180."),
            ),
            # A location is both coordinates or neither.
            FieldCheckConstraint(
                condition=Q(latitude__isnull=True, longitude__isnull=True)
                | Q(latitude__isnull=False, longitude__isnull=False),
                name="city_location_complete",
                error_field="latitude",
                violation_error_message=_("Give both the latitude and the longitude, or neither."),
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("members:city", kwargs={"slug": self.slug})

    @property
    def member_since(self):
        """The start of the current membership, when annotated by with_current_membership()."""
        return partial_date(
            getattr(self, "membership_since", None),
            getattr(self, "membership_since_precision", None) or "day",
        )

    def member_since_display(self, language):
        """«عضو دست‌کم از ۱۳۹۳ (تاریخ پیوستن یافت نشد)» when only a mention is known."""
        period = Period(self.member_since, getattr(self, "membership_start_kind", "known"))
        return period.member_since_text(language)

    @property
    def is_current_member(self):
        """A member or associate now, when annotated by with_current_membership()."""
        return (
            getattr(self, "membership_status", None) in Membership.Status.active()
            and getattr(self, "membership_end_kind", None) == EndKind.OPEN
        )

    def get_membership_status_display(self):
        status = getattr(self, "membership_status", None)
        return Membership.Status(status).label if status else ""


class Membership(PeriodModel):
    """One period of a city's relation with the forum; the history is the sequence of periods."""

    class Status(models.TextChoices):
        MEMBER = "member", _("member")
        ASSOCIATE = "associate", _("associate member")
        OBSERVER = "observer", _("observer")
        SUSPENDED = "suspended", _("suspended")
        WITHDRAWN = "withdrawn", _("withdrawn")

        @classmethod
        def active(cls):
            return [cls.MEMBER, cls.ASSOCIATE]

    city = models.ForeignKey(
        City, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("city")
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices)

    public_through = ("city",)
    objects = MembershipQuerySet.as_manager()

    class Meta(PeriodModel.Meta):
        verbose_name = _("membership period")
        verbose_name_plural = _("membership history")
        ordering = ["city", "started_on"]
        indexes = [
            # A city's current (open, else latest) period: the status and member-since
            # subqueries of CityQuerySet.with_current_membership() on every directory row.
            models.Index(F("city"), F("started_on").desc(), name="membership_latest_per_city"),
        ]
        constraints = [
            # Its note holds no direction override or control character.
            FieldCheckConstraint(
                condition=without_control_characters(*translated("source_note")),
                name="membership_text_without_control_characters",
                violation_error_message=TEXT_RULE_MESSAGE,
            ),
            *PeriodModel.Meta.constraints,
            # A city is in one state at a time: its periods never overlap.
            FieldExclusionConstraint(
                name="membership_periods_do_not_overlap",
                expressions=[
                    ("city", RangeOperators.EQUAL),
                    (known_span(), RangeOperators.OVERLAPS),
                ],
                error_field="started_on",
                violation_error_message=_(
                    "This period overlaps another membership period of the same city."
                ),
            ),
        ]

    def __str__(self):
        started = self.started.format(get_language()) if self.started else ""
        return f"{self.city}: {self.get_status_display()} ({started})"


class Organisation(PublishableModel, SourcedModel):
    class Kind(models.TextChoices):
        UN = "un", _("United Nations body")
        INTERGOVERNMENTAL = "intergovernmental", _("intergovernmental organisation")
        CITY_NETWORK = "city_network", _("network of cities or local governments")
        NON_GOVERNMENTAL = "non_governmental", _("non-governmental organisation")
        OTHER = "other", _("other")

    name = models.CharField(_("name"), max_length=300)
    acronym = models.CharField(_("acronym"), max_length=40, blank=True)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    country = CountryField(_("seat"), blank=True)
    website = models.URLField(_("website"), blank=True)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["slug"]
        constraints = [
            # Its names and texts hold no direction override or control character.
            FieldCheckConstraint(
                condition=without_control_characters(
                    *translated("name", "acronym", "description", "source_note")
                ),
                name="organisation_text_without_control_characters",
                violation_error_message=TEXT_RULE_MESSAGE,
            ),
        ]

    def __str__(self):
        return self.acronym or self.name


class Person(PublishableModel, SourcedModel):
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    biography = models.TextField(_("biography"), blank=True)
    photo = models.ImageField(
        _("photo"),
        upload_to=SafeUploadTo("people/", field="photo"),
        blank=True,
        validators=[FileContentValidator(IMAGES, "MAX_IMAGE_UPLOAD_SIZE")],
        help_text=_("A JPEG, PNG or WebP image, 2 MB at most."),
    )
    # Private: shown only in the admin, never on a public page or the public API.
    email = models.EmailField(_("email (private)"), blank=True)
    phone = models.CharField(_("phone (private)"), max_length=40, blank=True)
    private_note = models.TextField(_("private note"), blank=True)

    PRIVATE_FIELDS = ("email", "phone", "private_note")

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["slug"]
        constraints = [
            # Its names and texts hold no direction override or control character.
            FieldCheckConstraint(
                condition=without_control_characters(
                    *translated("name", "biography", "source_note")
                ),
                name="person_text_without_control_characters",
                violation_error_message=TEXT_RULE_MESSAGE,
            ),
        ]

    def __str__(self):
        return self.name


# Offices the forum gives to one person at a time.
SINGLE_HOLDER_OFFICES = ["secretary_general", "forum_president"]


class Position(PeriodModel):
    """An office a person held for a time: mayor of a city, president of the forum, …"""

    class Office(models.TextChoices):
        MAYOR = "mayor", _("mayor")
        GOVERNOR = "governor", _("governor")
        DEPUTY_MAYOR = "deputy_mayor", _("deputy mayor")
        FORUM_PRESIDENT = "forum_president", _("term president of the forum")
        FORUM_VICE_PRESIDENT = "forum_vice_president", _("vice-president of the forum")
        SECRETARY_GENERAL = "secretary_general", _("secretary-general")
        TREASURER = "treasurer", _("treasurer")
        SECRETARIAT_OFFICER = "secretariat_officer", _("secretariat officer")
        DELEGATE = "delegate", _("delegate")
        OTHER = "other", _("other")

    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="positions", verbose_name=_("person")
    )
    office = models.CharField(_("office"), max_length=30, choices=Office.choices)
    title = models.CharField(_("title as styled"), max_length=300, blank=True)
    city = models.ForeignKey(
        City,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="positions",
        verbose_name=_("city"),
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="positions",
        verbose_name=_("organisation"),
    )

    # An office is a relation between a person and a place: "mayor of <a draft city>"
    # is itself unpublished knowledge, so the position hides with either end.
    public_through = ("person", "city", "organisation")
    objects = PublicQuerySet.as_manager()

    class Meta(PeriodModel.Meta):
        verbose_name = _("position")
        verbose_name_plural = _("positions")
        ordering = ["person", "started_on"]
        constraints = [
            # Its names and texts hold no direction override or control character.
            FieldCheckConstraint(
                condition=without_control_characters(*translated("title", "source_note")),
                name="position_text_without_control_characters",
                violation_error_message=TEXT_RULE_MESSAGE,
            ),
            *PeriodModel.Meta.constraints,
            # A person holds the same office in the same place once at a time.
            FieldExclusionConstraint(
                name="position_terms_do_not_overlap",
                expressions=[
                    ("person", RangeOperators.EQUAL),
                    ("office", RangeOperators.EQUAL),
                    (Coalesce("city", Value(0)), RangeOperators.EQUAL),
                    (known_span(), RangeOperators.OVERLAPS),
                ],
                error_field="started_on",
                violation_error_message=_(
                    "This person already holds this office here during part of this period."
                ),
            ),
            # The forum has one secretary-general and one term president at a time.
            FieldUniqueConstraint(
                fields=["office"],
                condition=Q(office__in=SINGLE_HOLDER_OFFICES, end_kind=EndKind.OPEN),
                name="position_one_current_holder",
                error_field="end_kind",
                violation_error_message=_(
                    "Someone else holds this office now: give that term its end first."
                ),
            ),
        ]

    def __str__(self):
        place = self.city or self.organisation
        label = self.title or self.get_office_display()
        return f"{self.person}: {label}{f' ({place})' if place else ''}"


class BoardTerm(Visible, TimeStampedModel, SourcedModel):
    """A term of the executive board, for which the general assembly elects its cities.

    Always public (it has no publish state): it is shown inside its seats."""

    name = models.CharField(_("name"), max_length=200)
    start_year = models.PositiveSmallIntegerField(_("first year"))
    end_year = models.PositiveSmallIntegerField(_("last year"))

    objects = PublicQuerySet.as_manager()

    class Meta:
        verbose_name = _("board term")
        verbose_name_plural = _("board terms")
        ordering = ["-start_year"]
        constraints = [
            # Its names and texts hold no direction override or control character.
            FieldCheckConstraint(
                condition=without_control_characters(*translated("name", "source_note")),
                name="board_term_text_without_control_characters",
                violation_error_message=TEXT_RULE_MESSAGE,
            ),
            FieldUniqueConstraint(
                fields=["start_year"],
                name="board_term_unique_start",
                error_field="start_year",
                violation_error_message=_("A board term already starts in this year."),
            ),
            FieldCheckConstraint(
                condition=Q(end_year__gte=F("start_year")),
                name="board_term_ends_after_start",
                error_field="end_year",
                violation_error_message=_("The last year is before the first year."),
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def is_current(self):
        return self.start_year <= timezone.localdate().year <= self.end_year


class BoardSeat(Visible, TimeStampedModel, SourcedModel):
    class Role(models.TextChoices):
        PERMANENT = "permanent", _("founding city, permanent seat")
        PRESIDENT = "president", _("president")
        VICE_PRESIDENT = "vice_president", _("vice-president")
        MEMBER = "member", _("member")

    term = models.ForeignKey(
        BoardTerm, on_delete=models.CASCADE, related_name="seats", verbose_name=_("term")
    )
    city = models.ForeignKey(
        City, on_delete=models.PROTECT, related_name="board_seats", verbose_name=_("city")
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.MEMBER)

    public_through = ("city", "term")
    objects = PublicQuerySet.as_manager()

    class Meta:
        verbose_name = _("board seat")
        verbose_name_plural = _("board seats")
        ordering = ["term", "role", "city"]
        constraints = [
            # Its note holds no direction override or control character.
            FieldCheckConstraint(
                condition=without_control_characters(*translated("source_note")),
                name="board_seat_text_without_control_characters",
                violation_error_message=TEXT_RULE_MESSAGE,
            ),
            # A city holds at most one seat in a term.
            FieldUniqueConstraint(
                fields=["term", "city"],
                name="board_seat_one_per_city",
                error_field="city",
                violation_error_message=_("This city already has a seat in this term."),
            ),
            # One president per term.
            FieldUniqueConstraint(
                fields=["term"],
                condition=Q(role="president"),
                name="board_seat_one_president",
                error_field="role",
                violation_error_message=_("This term already has a president."),
            ),
        ]

    def __str__(self):
        return f"{self.city} — {self.get_role_display()} ({self.term})"
