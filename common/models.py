"""Abstract bases every record of the registry shares."""

from django.contrib.postgres.constraints import ExclusionConstraint
from django.contrib.postgres.fields import DateRangeField
from django.core.exceptions import ValidationError
from django.db import DEFAULT_DB_ALIAS, models
from django.db.models import F, Func, Q, Value
from django.utils.translation import gettext_lazy as _

from common.dates import DatePrecision, PartialDate
from common.text import MESSAGE as CONTROL_CHARACTER_MESSAGE
from common.text import forbidden_character

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
    VERIFIED = "verified", _("verified (official text or two sources)")
    SINGLE_SOURCE = "single_source", _("single secondary source")
    UNCERTAIN = "uncertain", _("uncertain, inferred or conflicting")
    BRIEF = "brief", _("from the brief, not independently verified")


class SourcedModel(models.Model):
    """Facts whose sources disagree carry the link they came from and how sure we are."""

    source_url = models.URLField(_("source"), max_length=500, blank=True)
    certainty = models.CharField(
        _("certainty"), max_length=20, choices=Certainty.choices, default=Certainty.VERIFIED
    )
    source_note = models.TextField(_("note on sources"), blank=True)

    class Meta:
        abstract = True


def precision_field(verbose_name):
    return models.CharField(
        verbose_name,
        max_length=12,
        choices=DatePrecision.choices,
        default=DatePrecision.DAY,
    )


def partial_date(day, precision):
    return PartialDate(day, precision) if day else None


def date_order_constraint(start, end, name):
    """An end date never before its start (either may still be unknown)."""
    return FieldCheckConstraint(
        condition=Q(**{f"{end}__isnull": True}) | Q(**{f"{end}__gte": F(start)}),
        name=name,
        error_field=end,
        violation_error_message=_("The end is before the start."),
    )


def gregorian_precision_constraint(date_field, precision_field_name, name):
    """A month-precise date is stored as the 1st of its month, a year-precise one as 1 January."""
    return FieldCheckConstraint(
        condition=(
            Q(**{f"{date_field}__isnull": True})
            | Q(**{precision_field_name: DatePrecision.MONTH, f"{date_field}__day": 1})
            | Q(
                **{
                    precision_field_name: DatePrecision.YEAR,
                    f"{date_field}__day": 1,
                    f"{date_field}__month": 1,
                }
            )
            | Q(
                **{
                    f"{precision_field_name}__in": [
                        DatePrecision.DAY,
                        DatePrecision.JALALI_MONTH,
                        DatePrecision.JALALI_YEAR,
                    ]
                }
            )
        ),
        name=name,
        error_field=date_field,
        violation_error_message=_(
            "A date known to the month is the 1st of that month, and one known to the year "
            "is 1 January."
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


class PeriodModel(Visible, TimeStampedModel, SourcedModel):
    """A span of time whose ends may be known only to the month or year; an open end still runs."""

    started_on = models.DateField(_("from"))
    started_precision = precision_field(_("precision of the start"))
    ended_on = models.DateField(_("until"), null=True, blank=True)
    ended_precision = precision_field(_("precision of the end"))

    class Meta:
        abstract = True
        constraints = [
            date_order_constraint("started_on", "ended_on", "%(class)s_ends_after_start"),
            gregorian_precision_constraint(
                "started_on", "started_precision", "%(class)s_start_matches_precision"
            ),
            gregorian_precision_constraint(
                "ended_on", "ended_precision", "%(class)s_end_matches_precision"
            ),
        ]

    @property
    def started(self):
        return partial_date(self.started_on, self.started_precision)

    @property
    def ended(self):
        return partial_date(self.ended_on, self.ended_precision)


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
