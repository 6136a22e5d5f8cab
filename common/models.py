"""Abstract bases every record of the registry shares."""

from django.contrib.postgres.constraints import ExclusionConstraint
from django.contrib.postgres.fields import DateRangeField
from django.core.exceptions import ValidationError
from django.db import DEFAULT_DB_ALIAS, models
from django.db.models import Case, F, Func, Q, Value, When
from django.db.models.functions import Coalesce
from django.db.models.lookups import Exact
from django.utils.translation import gettext_lazy as _

from common.dates import DatePrecision, PartialDate, Period
from common.text import MESSAGE as CONTROL_CHARACTER_MESSAGE
from common.text import forbidden_character, without_control_characters

TEXT_RULE_MESSAGE = _(
    "A text holds an invisible control character (a direction override, a zero-width "
    "space or a control character): remove it."
)


class _ReportedOnField:
    """A named constraint whose refusal is said in the reader's language, beside the field
    it concerns (`error_field`), rather than as "Constraint “…” is violated." atop the form."""

    def __init__(self, *args, error_field=None, **kwargs):
        self.error_field = error_field
        super().__init__(*args, **kwargs)

    def validate(self, model, instance, exclude=None, using=DEFAULT_DB_ALIAS):
        try:
            super().validate(model, instance, exclude=exclude, using=using)
        except ValidationError as error:
            if self.error_field is None or hasattr(error, "error_dict"):
                raise
            raise ValidationError({self.error_field: error.error_list}) from None

    def deconstruct(self):
        path, args, kwargs = super().deconstruct()
        if self.error_field is not None:
            kwargs["error_field"] = self.error_field
        return path, args, kwargs

    def __eq__(self, other):
        return super().__eq__(other) and getattr(other, "error_field", None) == self.error_field

    __hash__ = None


class FieldCheckConstraint(_ReportedOnField, models.CheckConstraint):
    pass


class FieldUniqueConstraint(_ReportedOnField, models.UniqueConstraint):
    pass


class FieldExclusionConstraint(_ReportedOnField, ExclusionConstraint):
    pass


class TimeStampedModel(models.Model):
    """When a record was made and last changed, and how many times it was saved.

    `version` serves optimistic locking: an edit form carries the version it was
    opened at, and the save is refused if the record has moved on since
    (see common.admin.VersionedModelForm). Every save() counts, whatever its path.
    """

    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    # Indexed: partners sync with ?updated_since=.
    updated_at = models.DateTimeField(_("updated at"), auto_now=True, db_index=True)
    version = models.PositiveIntegerField(_("version"), default=1)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self._state.adding:
            self.version += 1
            update_fields = kwargs.get("update_fields")
            if update_fields is not None:
                kwargs["update_fields"] = {*update_fields, "version"}
        super().save(*args, **kwargs)

    def clean_fields(self, exclude=None):
        """Field validation, and no invisible control character in any text (common.text)."""
        errors = {}
        try:
            super().clean_fields(exclude=exclude)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        for field in self._meta.concrete_fields:
            if field.name in errors or (exclude and field.name in exclude):
                continue
            if not isinstance(field, models.CharField | models.TextField):
                continue
            character = forbidden_character(getattr(self, field.attname))
            if character:
                errors[field.name] = [
                    ValidationError(
                        CONTROL_CHARACTER_MESSAGE,
                        code="control_character",
                        params={"character": character},
                    )
                ]
        if errors:
            raise ValidationError(errors)


# -- what the public may see -------------------------------------------------------------
#
# The one rule, for every record of the registry: a record is public when its own
# publish state (if it has one) is "published" and every record it hangs on — the
# relations named in its model's `public_through` — is public in turn. A talk hangs
# on its panel and its speaker, a panel on its summit, so a talk on a panel of a
# draft summit is hidden; a document hangs on each meeting and panel it is attached
# to (those left empty do not count).
#
# Other relations are *references*: a published summit whose host city is still a
# draft stays public — the summit was published on its own and the secretariat
# expects to see it — but the city is neither named nor linked (`public_host_city`
# is None; the API gives null). The same holds for a panel's moderator, a
# delegation's head, a talk's city, a board session's city and summit.
#
# Every page, feed, search, sitemap, API list and prefetch asks `Model.objects.public()`;
# the database triggers that write the deletions feed (common.0005) follow the same
# `public_through` declarations, and tests/test_visibility_rule.py proves they agree.


def public_condition(model, prefix=""):
    """The Q that keeps the rows of `model` (reached through `prefix`) that are public."""
    condition = Q()
    if any(field.name == "is_published" for field in model._meta.concrete_fields):
        condition &= Q(**{f"{prefix}is_published": True})
    for name in model.public_through:
        field = model._meta.get_field(name)
        parent = public_condition(field.related_model, f"{prefix}{name}__")
        if field.null:
            parent = Q(**{f"{prefix}{name}__isnull": True}) | parent
        condition &= parent
    return condition


class PublicQuerySet(models.QuerySet):
    def public(self):
        """The records the public may see (the rule above): pages, feeds and the API use it."""
        return self.filter(public_condition(self.model))


class PublicReference:
    """`summit.public_host_city`: the referenced record when the public may see it, else None.

    For references to records that stand on their own (cities, organisations, people,
    summits, board sessions): whether they are public is their own publish state, so
    this costs no query beyond the `select_related` that shows them anyway.
    """

    def __init__(self, name):
        self.name = name

    def __get__(self, instance, owner=None):
        if instance is None:
            return self
        try:
            related = getattr(instance, self.name)
        except models.ObjectDoesNotExist:  # a reverse one-to-one with no row
            return None
        return related if related is not None and related.is_public else None


class Visible:
    """What every registry model says about its visibility (see the rule above)."""

    # The relations a record hangs on: it is hidden whenever one of them is.
    public_through: tuple[str, ...] = ()

    @property
    def is_public(self):
        """The rule of PublicQuerySet.public() for one loaded record (follows relations:
        prefer the queryset on lists)."""
        if not getattr(self, "is_published", True):
            return False
        for name in self.public_through:
            related = getattr(self, name)
            if related is not None and not related.is_public:
                return False
        return True


class PublishableModel(Visible, TimeStampedModel):
    """A record the public may see once the secretariat publishes it; drafts stay in the admin."""

    is_published = models.BooleanField(
        _("published"),
        default=False,
        help_text=_("Drafts are visible only in the admin."),
    )

    objects = PublicQuerySet.as_manager()

    class Meta:
        abstract = True


class Certainty(models.TextChoices):
    """How sure the registry is of a fact (the tags of the forum's fact sheet)."""

    VERIFIED = "verified", _("verified (official text or two sources)")
    SINGLE_SOURCE = "single_source", _("single secondary source")
    INFERRED = "inferred", _("inferred from other facts")
    BRIEF = "brief", _("from the brief, not independently verified")
    UNCERTAIN = "uncertain", _("uncertain or conflicting")


CERTAINTY_MARKS = {
    Certainty.SINGLE_SOURCE: _("single source"),
    Certainty.INFERRED: _("inferred"),
    Certainty.BRIEF: _("not independently verified"),
    Certainty.UNCERTAIN: _("uncertain"),
}


class Source(TimeStampedModel):
    """A text the registry's facts come from: an article, a declaration, a web page."""

    title = models.CharField(_("title"), max_length=500, blank=True)
    publisher = models.CharField(_("publisher"), max_length=300, blank=True)
    url = models.URLField(_("address (URL)"), max_length=1000, unique=True)
    accessed_on = models.DateField(_("accessed on"), null=True, blank=True)
    archive_url = models.URLField(_("archived copy"), max_length=1000, blank=True)

    class Meta:
        verbose_name = _("source")
        verbose_name_plural = _("sources")
        ordering = ["publisher", "title", "url"]
        constraints = [
            FieldCheckConstraint(
                condition=without_control_characters("title", "publisher"),
                name="source_text_without_control_characters",
                violation_error_message=TEXT_RULE_MESSAGE,
            ),
        ]

    def __str__(self):
        label = " — ".join(part for part in (self.publisher, self.title) if part)
        return label or self.url


class SourcedModel(models.Model):
    """A fact with the texts it comes from and how sure we are; the note says why, per language."""

    sources = models.ManyToManyField(
        Source,
        blank=True,
        related_name="%(app_label)s_%(class)s_facts",
        verbose_name=_("sources"),
    )
    certainty = models.CharField(
        _("certainty"), max_length=20, choices=Certainty.choices, default=Certainty.VERIFIED
    )
    source_note = models.TextField(_("note on sources"), blank=True)

    class Meta:
        abstract = True

    @property
    def certainty_mark(self):
        """The words a public page shows beside this fact when it is not verified."""
        return CERTAINTY_MARKS.get(self.certainty, "")


def precision_field(verbose_name):
    return models.CharField(
        verbose_name,
        max_length=12,
        choices=DatePrecision.choices,
        default=DatePrecision.DAY,
    )


def partial_date(day, precision):
    return PartialDate(day, precision) if day else None


def reaches(date_field, precision_field_name, day):
    """The Q that a partial date stored in these two columns may stand for `day` or a later
    day: its last day (PartialDate.end) is on or after `day`.

    Periods of one precision tile the calendar, so a date's end is on or after `day` exactly
    when it starts no earlier than the period of its precision that holds `day`; the Solar
    Hijri months and years are thus compared without a calendar in SQL."""
    condition = Q()
    for precision in DatePrecision.values:
        condition |= Q(
            **{
                precision_field_name: precision,
                f"{date_field}__gte": PartialDate.containing(day, precision).start,
            }
        )
    return condition


def date_order_constraint(start, end, name):
    """An end date never before its start (either may still be unknown)."""
    return FieldCheckConstraint(
        condition=Q(**{f"{end}__isnull": True}) | Q(**{f"{end}__gte": F(start)}),
        name=name,
        error_field=end,
        violation_error_message=_("The end is before the start."),
    )


class JalaliDayOfYear(Func):
    """The day of the Solar Hijri year, 1 for 1 Farvardin (SQL function of common.0006)."""

    function = "jalali_day_of_year"
    output_field = models.IntegerField()


class JalaliDayOfMonth(Func):
    """The day of the Solar Hijri month (SQL function of common.0006)."""

    function = "jalali_day_of_month"
    output_field = models.IntegerField()


def precision_constraint(date_field, precision_field_name, name):
    """A date stands for the first day of its period: the 1st of its month for a month,
    1 January for a year, 1 Farvardin for a Solar Hijri year, the 1st of a Solar Hijri
    month for one. Checked by the database, whatever path wrote the row."""
    date = F(date_field)
    return FieldCheckConstraint(
        condition=(
            Q(**{f"{date_field}__isnull": True})
            | Q(**{precision_field_name: DatePrecision.DAY})
            | Q(**{precision_field_name: DatePrecision.MONTH, f"{date_field}__day": 1})
            | Q(
                **{
                    precision_field_name: DatePrecision.YEAR,
                    f"{date_field}__day": 1,
                    f"{date_field}__month": 1,
                }
            )
            | Q(Exact(JalaliDayOfMonth(date), 1), **{precision_field_name: "jalali_month"})
            | Q(Exact(JalaliDayOfYear(date), 1), **{precision_field_name: "jalali_year"})
        ),
        name=name,
        error_field=date_field,
        violation_error_message=_(
            "A date known to the month is the first day of that month, and one known to the "
            "year the first day of that year (1 January, or 1 Farvardin for a Solar Hijri year)."
        ),
    )


class DateRange(Func):
    """daterange(start, end, '[]'): the days a record covers, open-ended when end is null."""

    function = "DATERANGE"
    output_field = DateRangeField()

    def __init__(self, start, end):
        super().__init__(start, end, Value("[]"))


class Deletion(models.Model):
    """A public record that partners must drop: deleted, unpublished, hidden with its parent,
    or moved to another parent (if it is still public, it is among the changes too).

    Rows are written by PostgreSQL triggers (migrations `common.0002` and `common.0005`),
    so every path that deletes or unpublishes — admin, shell, `queryset.update()`, bulk
    deletes, raw SQL — leaves its trace. Only records the public could see at that moment
    get one: a draft (or a record hanging on one) leaves nothing, since it left public
    view earlier with a tombstone of its own or was never in it. Django code never
    writes here.
    """

    class Reason(models.TextChoices):
        DELETED = "deleted", _("deleted")
        UNPUBLISHED = "unpublished", _("unpublished")
        HIDDEN = "hidden", _("hidden with its parent")
        MOVED = "moved", _("moved to another parent")

    resource = models.CharField(_("resource"), max_length=40)
    object_id = models.BigIntegerField(_("record id"))
    slug = models.CharField(_("slug"), max_length=200, blank=True)
    reason = models.CharField(_("reason"), max_length=20, choices=Reason.choices)
    parent_resource = models.CharField(_("parent resource"), max_length=40, blank=True)
    parent_id = models.BigIntegerField(_("parent record id"), null=True, blank=True)
    removed_at = models.DateTimeField(_("removed at"), db_index=True)

    class Meta:
        verbose_name = _("deletion")
        verbose_name_plural = _("deletions")
        ordering = ["removed_at", "id"]
        indexes = [
            # Last-Modified of a list: the latest removal of that resource.
            models.Index(fields=["resource", "removed_at"], name="deletion_resource_time"),
        ]

    def __str__(self):
        return f"{self.resource}/{self.object_id} {self.reason}"


class StartKind(models.TextChoices):
    KNOWN = "known", _("the start")
    ATTESTED = "attested", _("only the earliest mention (the start is not known)")


class EndKind(models.TextChoices):
    OPEN = "open", _("still running")
    KNOWN = "known", _("ended on the date given")
    UNKNOWN = "unknown", _("ended, date not known")


class PeriodModel(Visible, TimeStampedModel, SourcedModel):
    """A span of time as far as it is known: its start may be only the earliest mention of
    it, its end open (still running), known, or past but on a date nobody recorded, with
    perhaps a "not before" bound (the last mention). Dates may be known only to the month
    or year, in either calendar."""

    started_on = models.DateField(_("from"))
    started_precision = precision_field(_("precision of the start"))
    start_kind = models.CharField(
        _("the date above is"), max_length=10, choices=StartKind.choices, default=StartKind.KNOWN
    )
    end_kind = models.CharField(
        _("end"), max_length=10, choices=EndKind.choices, default=EndKind.OPEN
    )
    ended_on = models.DateField(_("until"), null=True, blank=True)
    ended_precision = precision_field(_("precision of the end"))
    ended_not_before = models.DateField(
        _("ended not before"),
        null=True,
        blank=True,
        help_text=_("For an end whose date is not known: the last date it is known to run."),
    )
    ended_not_before_precision = precision_field(_("precision of the bound"))

    class Meta:
        abstract = True
        constraints = [
            date_order_constraint("started_on", "ended_on", "%(class)s_ends_after_start"),
            precision_constraint(
                "started_on", "started_precision", "%(class)s_start_matches_precision"
            ),
            precision_constraint("ended_on", "ended_precision", "%(class)s_end_matches_precision"),
            precision_constraint(
                "ended_not_before",
                "ended_not_before_precision",
                "%(class)s_bound_matches_precision",
            ),
            # An end date exactly when the end is known.
            FieldCheckConstraint(
                condition=Q(end_kind=EndKind.KNOWN, ended_on__isnull=False)
                | (~Q(end_kind=EndKind.KNOWN) & Q(ended_on__isnull=True)),
                name="%(class)s_end_date_when_known",
                error_field="ended_on",
                violation_error_message=_(
                    "Give the end date when the end is known, and only then."
                ),
            ),
            # A "not before" bound only on an end whose date is not known.
            FieldCheckConstraint(
                condition=Q(ended_not_before__isnull=True) | Q(end_kind=EndKind.UNKNOWN),
                name="%(class)s_bound_only_on_unknown_end",
                error_field="ended_not_before",
                violation_error_message=_(
                    "A “not before” bound is only for an end whose date is not known."
                ),
            ),
            date_order_constraint("started_on", "ended_not_before", "%(class)s_bound_after_start"),
        ]

    def save(self, *args, **kwargs):
        self._end_kind_from_date()
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        self._end_kind_from_date()

    def _end_kind_from_date(self):
        if self.ended_on and self.end_kind == EndKind.OPEN:
            self.end_kind = EndKind.KNOWN  # an end date given is an end known

    @property
    def started(self):
        return partial_date(self.started_on, self.started_precision)

    @property
    def ended(self):
        return partial_date(self.ended_on, self.ended_precision)

    @property
    def not_before(self):
        return partial_date(self.ended_not_before, self.ended_not_before_precision)

    @property
    def start_is_attested(self):
        return self.start_kind == StartKind.ATTESTED

    @property
    def is_current(self):
        """Still running, as far as the records say (an unknown end is not "current")."""
        return self.end_kind == EndKind.OPEN

    @property
    def period(self):
        return Period(self.started, self.start_kind, self.end_kind, self.ended, self.not_before)


def known_span():
    """The days a period is known to cover, for the overlap rules: an open period runs on,
    an unknown end covers the days up to its bound (or only the start's)."""
    return DateRange(
        "started_on",
        Case(
            When(end_kind=EndKind.OPEN, then=Value(None, output_field=models.DateField())),
            default=Coalesce("ended_on", "ended_not_before", "started_on"),
            output_field=models.DateField(),
        ),
    )


class ContentGeneration(models.Model):
    """One counter that every committed write to public content moves on.

    Constraint triggers (migration `common.0004`) bump it once per transaction, at
    commit, for every insert, update or delete on a registry table, so the cached
    pages and API answers (keyed by it, see common.response_cache) never outlive
    a change, whatever made it: admin, import, shell `update()`, raw SQL, a data
    migration. A row, not a sequence: the new value becomes visible in the same
    instant as the change it counts.
    """

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    value = models.BigIntegerField(_("generation"), default=0)

    class Meta:
        verbose_name = _("content generation")
        verbose_name_plural = _("content generations")
        constraints = [
            models.CheckConstraint(condition=Q(id=1), name="content_generation_single_row"),
        ]

    def __str__(self):
        return str(self.value)
