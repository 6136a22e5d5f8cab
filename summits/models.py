"""Summits and what is held at them: the numbered general assemblies and
executive board sessions, thematic panels with their speakers, the cities and
organisations taking part, and the documents that record it all."""

from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from common.dates import digits_for, format_range, format_window
from common.models import (
    TEXT_RULE_MESSAGE,
    FieldCheckConstraint,
    FieldUniqueConstraint,
    PublicQuerySet,
    PublicReference,
    PublishableModel,
    SourcedModel,
    TimeStampedModel,
    Visible,
    date_order_constraint,
    partial_date,
    precision_constraint,
    precision_field,
)
from common.text import translated, without_control_characters
from common.uploads import DOCUMENTS, FileContentValidator, SafeUploadTo
from members.models import City, Organisation, Person


class MeetingFormat(models.TextChoices):
    IN_PERSON = "in_person", _("in person")
    ONLINE = "online", _("online")
    HYBRID = "hybrid", _("hybrid (in person and online)")


class SummitQuerySet(PublicQuerySet):
    def for_listing(self):
        return self.select_related("host_city", "general_assembly", "board_session").order_by(
            "-start_date"
        )


class MeetingDates:
    """The dates of a summit or a board session, written as each language writes them."""

    @property
    def starts(self):
        return partial_date(self.start_date, self.date_precision)

    @property
    def is_window(self):
        """The first and last day bound one day of meeting, not a span of days."""
        return getattr(self, "date_is_window", False)

    def dates_display(self, language):
        if not self.start_date:
            return ""
        if self.date_precision != "day":
            return self.starts.format(language)
        if self.is_window:
            return format_window(self.start_date, self.end_date, language)
        return format_range(self.start_date, self.end_date, language)


class Summit(MeetingDates, PublishableModel, SourcedModel):
    """One gathering at a host city: the occasion for an assembly, a board session and panels."""

    title = models.CharField(_("title"), max_length=300)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    host_city = models.ForeignKey(
        City, on_delete=models.PROTECT, related_name="hosted_summits", verbose_name=_("host city")
    )
    venue = models.CharField(_("venue"), max_length=300, blank=True)
    start_date = models.DateField(_("first day"), db_index=True)
    end_date = models.DateField(_("last day"), null=True, blank=True)
    date_precision = precision_field(_("precision of the dates"))
    slogan = models.CharField(_("slogan"), max_length=500, blank=True)
    description = models.TextField(_("description"), blank=True)
    format = models.CharField(
        _("format"), max_length=20, choices=MeetingFormat.choices, default=MeetingFormat.IN_PERSON
    )
    attendance = models.TextField(_("attendance as reported"), blank=True)

    objects = SummitQuerySet.as_manager()

    # A published summit stays public while its host city is a draft; the city is then
    # neither named nor linked (common.models, "what the public may see").
    public_host_city = PublicReference("host_city")
    public_board_session = PublicReference("board_session")

    class Meta:
        verbose_name = _("summit")
        verbose_name_plural = _("summits")
        ordering = ["-start_date"]
        constraints = [
            # Its names and texts hold no direction override or control character.
            FieldCheckConstraint(
                condition=without_control_characters(
                    *translated(
                        "title", "venue", "slogan", "description", "attendance", "source_note"
                    )
                ),
                name="summit_text_without_control_characters",
                violation_error_message=TEXT_RULE_MESSAGE,
            ),
            date_order_constraint("start_date", "end_date", "summit_ends_after_start"),
            precision_constraint("start_date", "date_precision", "summit_date_matches_precision"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("summits:summit", kwargs={"slug": self.slug})

    @property
    def last_day(self):
        """The last day the summit may cover, whatever the precision of its dates."""
        if self.date_precision != "day":
            return self.starts.end
        return self.end_date or self.start_date

    @property
    def is_upcoming(self):
        return self.start_date > timezone.localdate()


class GeneralAssembly(Visible, TimeStampedModel, SourcedModel):
    summit = models.OneToOneField(
        Summit, on_delete=models.CASCADE, related_name="general_assembly", verbose_name=_("summit")
    )
    number = models.PositiveSmallIntegerField(_("number"), validators=[MinValueValidator(1)])
    theme = models.CharField(_("theme"), max_length=500, blank=True)

    public_through = ("summit",)
    objects = PublicQuerySet.as_manager()

    class Meta:
        verbose_name = _("general assembly")
        verbose_name_plural = _("general assemblies")
        ordering = ["-number"]
        constraints = [
            # Its names and texts hold no direction override or control character.
            FieldCheckConstraint(
                condition=without_control_characters(*translated("theme", "source_note")),
                name="general_assembly_text_without_control_characters",
                violation_error_message=TEXT_RULE_MESSAGE,
            ),
            # "The 5th General Assembly" names exactly one assembly.
            FieldUniqueConstraint(
                fields=["number"],
                name="general_assembly_unique_number",
                error_field="number",
                violation_error_message=_("A general assembly with this number already exists."),
            ),
            FieldCheckConstraint(
                condition=Q(number__gte=1),
                name="general_assembly_number_positive",
                error_field="number",
                violation_error_message=_("The number is 1 or more."),
            ),
        ]

    def __str__(self):
        number = digits_for(self.number, get_language())
        return str(_("General Assembly no. %(number)s") % {"number": number})


class BoardSession(MeetingDates, PublishableModel, SourcedModel):
    """A numbered executive board session: at a summit, on its own, or online."""

    number = models.PositiveSmallIntegerField(_("number"), validators=[MinValueValidator(1)])
    summit = models.OneToOneField(
        Summit,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="board_session",
        verbose_name=_("held at summit"),
    )
    city = models.ForeignKey(
        City,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="board_sessions",
        verbose_name=_("city"),
    )
    venue = models.CharField(_("venue"), max_length=300, blank=True)
    start_date = models.DateField(_("first day"), null=True, blank=True)
    end_date = models.DateField(_("last day"), null=True, blank=True)
    date_precision = precision_field(_("precision of the dates"))
    date_is_window = models.BooleanField(
        _("one day between these"),
        default=False,
        help_text=_(
            "The session met on one day between the first and the last day, which is not known."
        ),
    )
    format = models.CharField(
        _("format"), max_length=20, choices=MeetingFormat.choices, default=MeetingFormat.IN_PERSON
    )
    place_unknown = models.BooleanField(_("place not known"), default=False)
    no_public_record = models.BooleanField(
        _("no public record found"),
        default=False,
        help_text=_(
            "The session is known from its number in the series only: listed in its place, "
            "with no date or place."
        ),
    )
    summary = models.TextField(_("summary"), blank=True)

    # A session is numbered on its own: it stays public while the summit it was held
    # at or its city is a draft, which is then neither named nor linked.
    public_summit = PublicReference("summit")
    public_city = PublicReference("city")

    class Meta:
        verbose_name = _("executive board session")
        verbose_name_plural = _("executive board sessions")
        ordering = ["-number"]
        constraints = [
            # Its names and texts hold no direction override or control character.
            FieldCheckConstraint(
                condition=without_control_characters(
                    *translated("venue", "summary", "source_note")
                ),
                name="board_session_text_without_control_characters",
                violation_error_message=TEXT_RULE_MESSAGE,
            ),
            FieldUniqueConstraint(
                fields=["number"],
                name="board_session_unique_number",
                error_field="number",
                violation_error_message=_("A board session with this number already exists."),
            ),
            FieldCheckConstraint(
                condition=Q(number__gte=1),
                name="board_session_number_positive",
                error_field="number",
                violation_error_message=_("The number is 1 or more."),
            ),
            date_order_constraint("start_date", "end_date", "board_session_ends_after_start"),
            precision_constraint(
                "start_date", "date_precision", "board_session_date_matches_precision"
            ),
            # Met somewhere: in a city, or online, unless the place is not known.
            FieldCheckConstraint(
                condition=Q(city__isnull=False)
                | Q(format="online")
                | Q(place_unknown=True)
                | Q(no_public_record=True),
                name="board_session_has_a_place",
                error_field="city",
                violation_error_message=_(
                    "Give the city where the session met, choose the online format, or mark "
                    "the place as not known."
                ),
            ),
            # A window is one day between two days known to the day.
            FieldCheckConstraint(
                condition=Q(date_is_window=False)
                | Q(date_precision="day", end_date__isnull=False, end_date__gt=F("start_date")),
                name="board_session_window_ends_after_start",
                error_field="end_date",
                violation_error_message=_(
                    "A window of days needs a first and a last day, the last after the first."
                ),
            ),
            # A session with no public record has no date, place or summit of its own.
            FieldCheckConstraint(
                condition=Q(no_public_record=False)
                | Q(start_date__isnull=True, city__isnull=True, summit__isnull=True),
                name="board_session_unrecorded_has_no_details",
                error_field="no_public_record",
                violation_error_message=_(
                    "A session with no public record has no date, city or summit."
                ),
            ),
            # Dated, unless nothing is on record.
            FieldCheckConstraint(
                condition=Q(no_public_record=True) | Q(start_date__isnull=False),
                name="board_session_dated_when_recorded",
                error_field="start_date",
                violation_error_message=_("Give the session's date, or mark it as unrecorded."),
            ),
        ]

    def __str__(self):
        number = digits_for(self.number, get_language())
        return str(_("Executive Board session no. %(number)s") % {"number": number})


class Panel(Visible, TimeStampedModel, SourcedModel):
    class Theme(models.TextChoices):
        MOBILITY = "mobility", _("mobility, traffic and transportation")
        SMART_CITY = "smart_city", _("smart city")
        RESILIENCE = "resilience", _("resilience")
        LIVABILITY = "livability", _("livability")
        ENVIRONMENT = "environment", _("urban environment and health")
        ECONOMY = "economy", _("urban economy and entrepreneurship")
        CULTURE = "culture", _("urban culture and tourism")
        GOVERNANCE = "governance", _("local governance and participation")
        OTHER = "other", _("other")

    summit = models.ForeignKey(
        Summit, on_delete=models.CASCADE, related_name="panels", verbose_name=_("summit")
    )
    title = models.CharField(_("title"), max_length=300)
    slug = models.SlugField(_("slug"), max_length=200)
    theme = models.CharField(_("theme"), max_length=20, choices=Theme.choices, db_index=True)
    description = models.TextField(_("description"), blank=True)
    moderator = models.ForeignKey(
        Person,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="moderated_panels",
        verbose_name=_("moderator"),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    public_through = ("summit",)
    objects = PublicQuerySet.as_manager()
    public_moderator = PublicReference("moderator")

    class Meta:
        verbose_name = _("thematic panel")
        verbose_name_plural = _("thematic panels")
        ordering = ["summit", "order", "slug"]
        constraints = [
            # Its names and texts hold no direction override or control character.
            FieldCheckConstraint(
                condition=without_control_characters(
                    *translated("title", "description", "source_note")
                ),
                name="panel_text_without_control_characters",
                violation_error_message=TEXT_RULE_MESSAGE,
            ),
            FieldUniqueConstraint(
                fields=["summit", "slug"],
                name="panel_unique_slug_per_summit",
                error_field="slug",
                violation_error_message=_("This summit already has a panel with this slug."),
            ),
        ]

    def __str__(self):
        return self.title


class Talk(Visible, TimeStampedModel):
    """A speaker on a panel, and what they spoke about."""

    panel = models.ForeignKey(
        Panel, on_delete=models.CASCADE, related_name="talks", verbose_name=_("panel")
    )
    speaker = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="talks", verbose_name=_("speaker")
    )
    city = models.ForeignKey(
        City,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="talks",
        verbose_name=_("speaking for city"),
    )
    title = models.CharField(_("title of the talk"), max_length=300, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    public_through = ("panel", "speaker")
    objects = PublicQuerySet.as_manager()
    public_city = PublicReference("city")

    class Meta:
        verbose_name = _("talk")
        verbose_name_plural = _("speakers and talks")
        ordering = ["panel", "order", "id"]
        constraints = [
            # Its names and texts hold no direction override or control character.
            FieldCheckConstraint(
                condition=without_control_characters(*translated("title")),
                name="talk_text_without_control_characters",
                violation_error_message=TEXT_RULE_MESSAGE,
            ),
            FieldUniqueConstraint(
                fields=["panel", "speaker"],
                name="talk_one_per_speaker_and_panel",
                error_field="speaker",
                violation_error_message=_("This speaker already speaks on this panel."),
            ),
        ]

    def __str__(self):
        return f"{self.speaker}: {self.title}" if self.title else str(self.speaker)


class Participation(Visible, TimeStampedModel, SourcedModel):
    """A city or an organisation taking part in a summit or a board session."""

    class Role(models.TextChoices):
        HOST = "host", _("host")
        DELEGATION = "delegation", _("delegation")
        SPEAKER = "speaker", _("speaker")
        OBSERVER = "observer", _("observer")

    summit = models.ForeignKey(
        Summit,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="participations",
        verbose_name=_("summit"),
    )
    board_session = models.ForeignKey(
        BoardSession,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="participations",
        verbose_name=_("board session"),
    )
    city = models.ForeignKey(
        City,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="participations",
        verbose_name=_("city"),
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="participations",
        verbose_name=_("organisation"),
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.DELEGATION)
    head_of_delegation = models.ForeignKey(
        Person,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="led_delegations",
        verbose_name=_("head of delegation"),
    )
    delegates = models.PositiveSmallIntegerField(_("number of delegates"), null=True, blank=True)
    online = models.BooleanField(_("took part online"), default=False)

    # Its meeting and its party (one of each is set); the head is a reference.
    public_through = ("summit", "board_session", "city", "organisation")
    objects = PublicQuerySet.as_manager()
    public_head_of_delegation = PublicReference("head_of_delegation")

    class Meta:
        verbose_name = _("participation")
        verbose_name_plural = _("participations")
        ordering = ["summit", "board_session", "role", "id"]
        constraints = [
            # Its note holds no direction override or control character.
            FieldCheckConstraint(
                condition=without_control_characters(*translated("source_note")),
                name="participation_text_without_control_characters",
                violation_error_message=TEXT_RULE_MESSAGE,
            ),
            FieldCheckConstraint(
                condition=Q(summit__isnull=False, board_session__isnull=True)
                | Q(summit__isnull=True, board_session__isnull=False),
                name="participation_in_one_meeting",
                violation_error_message=_(
                    "A participation belongs to one summit or one board session, never both."
                ),
            ),
            FieldCheckConstraint(
                condition=Q(city__isnull=False, organisation__isnull=True)
                | Q(city__isnull=True, organisation__isnull=False),
                name="participation_by_one_party",
                error_field="city",
                violation_error_message=_("Give a city or an organisation, not both."),
            ),
            FieldUniqueConstraint(
                fields=["summit", "city"],
                name="participation_city_once_per_summit",
                error_field="city",
                violation_error_message=_("This city already takes part in this summit."),
            ),
            FieldUniqueConstraint(
                fields=["summit", "organisation"],
                name="participation_organisation_once_per_summit",
                error_field="organisation",
                violation_error_message=_("This organisation already takes part in this summit."),
            ),
            FieldUniqueConstraint(
                fields=["board_session", "city"],
                name="participation_city_once_per_session",
                error_field="city",
                violation_error_message=_("This city already takes part in this board session."),
            ),
            FieldUniqueConstraint(
                fields=["board_session", "organisation"],
                name="participation_organisation_once_per_session",
                error_field="organisation",
                violation_error_message=_(
                    "This organisation already takes part in this board session."
                ),
            ),
            # A summit has one host.
            FieldUniqueConstraint(
                fields=["summit"],
                condition=Q(role="host"),
                name="participation_one_host_per_summit",
                error_field="role",
                violation_error_message=_("This summit already has a host."),
            ),
            FieldCheckConstraint(
                condition=Q(delegates__isnull=True) | Q(delegates__gte=1),
                name="participation_delegates_positive",
                error_field="delegates",
                violation_error_message=_("The number of delegates is 1 or more."),
            ),
        ]

    def __str__(self):
        return f"{self.city or self.organisation} — {self.get_role_display()}"


class Document(PublishableModel):
    class Kind(models.TextChoices):
        DECLARATION = "declaration", _("declaration")
        RESOLUTION = "resolution", _("resolution")
        MINUTES = "minutes", _("minutes")
        PRESENTATION = "presentation", _("presentation")
        PRESS_RELEASE = "press_release", _("press release")
        REPORT = "report", _("report")

    class Language(models.TextChoices):
        PERSIAN = "fa", _("Persian")
        ENGLISH = "en", _("English")
        OTHER = "other", _("other language")
        MULTILINGUAL = "multi", _("several languages")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=300)
    file = models.FileField(
        _("file"),
        upload_to=SafeUploadTo("documents/%Y/", field="file"),
        blank=True,
        validators=[FileContentValidator(DOCUMENTS, "MAX_DOCUMENT_UPLOAD_SIZE")],
        help_text=_(
            "PDF, an image (JPEG, PNG, WebP) or an office document (docx, xlsx, pptx, odt, "
            "ods, odp), 20 MB at most."
        ),
    )
    url = models.URLField(_("link"), max_length=500, blank=True)
    language = models.CharField(_("language"), max_length=10, choices=Language.choices)
    issued_on = models.DateField(_("date"), null=True, blank=True)
    summit = models.ForeignKey(
        Summit,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="documents",
        verbose_name=_("summit"),
    )
    board_session = models.ForeignKey(
        BoardSession,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="documents",
        verbose_name=_("board session"),
    )
    panel = models.ForeignKey(
        Panel,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="documents",
        verbose_name=_("panel"),
    )

    # Every meeting and panel it is attached to must be public.
    public_through = ("summit", "board_session", "panel")

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["-issued_on", "title"]
        constraints = [
            # Its names and texts hold no direction override or control character.
            FieldCheckConstraint(
                condition=without_control_characters(*translated("title")),
                name="document_text_without_control_characters",
                violation_error_message=TEXT_RULE_MESSAGE,
            ),
            # A document is a file or a link.
            FieldCheckConstraint(
                condition=~Q(file="") | ~Q(url=""),
                name="document_has_file_or_link",
                error_field="file",
                violation_error_message=_("Give a file or a link."),
            ),
            # A document records something.
            FieldCheckConstraint(
                condition=Q(summit__isnull=False)
                | Q(board_session__isnull=False)
                | Q(panel__isnull=False),
                name="document_is_attached",
                violation_error_message=_(
                    "Attach the document to a summit, a board session or a panel."
                ),
            ),
        ]

    def __str__(self):
        return self.title
