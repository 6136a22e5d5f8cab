"""What every screen of the secretariat's admin shares.

- Dates typed and shown in the reader's calendar, with their precision
  (PartialDateField; the precision column beside each date is filled from what
  was typed: «۱۳۹۴» is the Solar Hijri year 1394).
- No lost edits: each form carries the version of the record it was opened at;
  saving a record (or an inline row) that someone saved meanwhile is refused,
  naming who, and nothing is written (VersionedModelForm).
- History of every change (django-simple-history), CSV/Excel export of every
  list, CSV import with a preview where a resource is given (django-import-export).
- Persian/English fields in tabs, a column and a list filter for records whose
  text is missing in one language.
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import flatten_fieldsets
from django.contrib.admin.widgets import AdminURLFieldWidget, FilteredSelectMultiple
from django.core.exceptions import PermissionDenied
from django.db import models, router, transaction
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from import_export.admin import ExportMixin, ImportExportMixin
from modeltranslation.admin import (
    TabbedTranslationAdmin,
    TranslationStackedInline,
    TranslationTabularInline,
)
from modeltranslation.translator import NotRegistered, translator
from simple_history.admin import SimpleHistoryAdmin

from common.admin_reader import ReaderLanguageMixin
from common.dates import (
    DatePrecision,
    PartialDate,
    is_persian,
    jalali_month_end,
    jalali_month_start,
    persian_digits,
    to_jalali,
)
from common.forms import CalendarDateInput, PartialDateField, read_as_typed, spelled_out
from common.imports import AllOrNothingImportMixin
from common.models import Source

LANGUAGE_NAMES = {"fa": _("Persian"), "en": _("English")}
# The admin's search box: longer text is refused with a message (each word is one more
# condition on every searched column).
MAX_SEARCH_LENGTH = 200


def precision_field_name(model, date_field_name: str) -> str | None:
    """The column holding the precision of a date column, by the registry's naming rule:
    started_on → started_precision, ended_on → ended_precision, start_date → date_precision,
    ended_not_before → ended_not_before_precision."""
    if date_field_name == "start_date":
        candidate = "date_precision"
    elif date_field_name.endswith("_on"):
        candidate = date_field_name.removesuffix("_on") + "_precision"
    else:
        candidate = f"{date_field_name}_precision"
    try:
        model._meta.get_field(candidate)
    except Exception:
        return None
    return candidate


def stored_partial_date(instance, date_field_name: str):
    """The stored date with its precision, or the bare date when it has none."""
    day = getattr(instance, date_field_name, None)
    precision_name = precision_field_name(type(instance), date_field_name)
    if day is None or precision_name is None:
        return day
    try:
        return PartialDate(day, getattr(instance, precision_name))
    except ValueError:
        return day


def last_change(model, pk):
    """Who saved the record last, and when, from its history."""
    history = getattr(model, "history", None)
    if history is None:
        return None
    return (
        history.filter(**{model._meta.pk.attname: pk})
        .select_related("history_user")
        .order_by("-history_date", "-history_id")
        .first()
    )


def locked_version(model, pk):
    """The record's current version, its row locked until the caller's transaction ends,
    so two saves arriving together are taken one after the other, never both.

    The row alone is locked, with no ordering: a model's default ordering may join a
    nullable relation (a participation's summit or board session), and PostgreSQL
    cannot lock the nullable side of an outer join."""
    with transaction.atomic():
        return (
            model._base_manager.select_for_update(of=("self",))
            .filter(pk=pk)
            .order_by()
            .values_list("version", flat=True)
            .first()
        )


class VersionedModelForm(forms.ModelForm):
    """A model form for the admin: partial dates, and optimistic locking on `version`."""

    version = forms.IntegerField(label=_("version"), widget=forms.HiddenInput, required=False)

    error_messages = {
        "changed": _(
            "%(user)s saved this record on %(when)s, after you opened it. Your changes "
            "were not saved, so as not to overwrite theirs: open the record again to "
            "see the current version, then make your changes again."
        ),
        "deleted": _("This record was deleted after you opened it; your changes were not saved."),
        "needs_day": _("Give the day, month and year of this date."),
        "empty_row": _("This added row is empty: fill it in, or remove it before saving."),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            read_as_typed(field)
            if isinstance(field, PartialDateField) and self.instance.pk:
                self.initial[name] = stored_partial_date(self.instance, name)

    @cached_property
    def changed_data(self):
        # The version is bookkeeping, not an edit: a row left as it was is not saved.
        return [name for name in super().changed_data if name != "version"]

    def clean(self):
        cleaned_data = super().clean()
        if getattr(self, "added_row", False) and not self.has_changed():
            raise forms.ValidationError(self.error_messages["empty_row"], code="empty_row")
        self._clean_partial_dates(cleaned_data)
        # Only a form that writes can overwrite: unchanged inline rows are not saved.
        if "version" in self.fields:
            if self.instance.pk is None:
                cleaned_data["version"] = self.instance.version
            elif self.has_changed():
                cleaned_data["version"] = self._check_version(cleaned_data.get("version"))
            else:
                cleaned_data["version"] = self.instance.version
        return cleaned_data

    def _clean_partial_dates(self, cleaned_data):
        model = self._meta.model
        for name, field in self.fields.items():
            value = cleaned_data.get(name)
            if not isinstance(field, PartialDateField) or not isinstance(value, PartialDate):
                continue
            precision_name = precision_field_name(model, name)
            if precision_name is None:
                if value.precision != DatePrecision.DAY:
                    self.add_error(name, self.error_messages["needs_day"])
                    continue
                cleaned_data[name] = value.start
                continue
            chosen = cleaned_data.get(precision_name)
            if value.precision == DatePrecision.DAY and chosen and chosen != DatePrecision.DAY:
                # A full day typed with a wider precision chosen: the period holding that day.
                value = PartialDate.containing(value.start, chosen)
            cleaned_data[name] = value.start
            cleaned_data[precision_name] = value.precision
            setattr(self.instance, precision_name, value.precision)

    def _check_version(self, submitted):
        model = self._meta.model
        current = locked_version(model, self.instance.pk)
        if current is None:
            raise forms.ValidationError(self.error_messages["deleted"], code="deleted")
        if submitted != current:
            raise forms.ValidationError(
                self.error_messages["changed"], code="changed", params=self._who(model)
            )
        return current

    def _who(self, model):
        record = last_change(model, self.instance.pk)
        user = record.history_user if record else None
        name = (user.get_full_name() or user.get_username()) if user else _("someone else")
        when = ""
        if record:
            moment = timezone.localtime(record.history_date)
            when = f"{spelled_out(moment.date(), get_language())}, {moment:%H:%M}"
        return {"user": name, "when": when}


FIELD_OVERRIDES = {
    models.DateField: {"form_class": PartialDateField, "widget": CalendarDateInput},
    # Django 6's default, already: a typed address without a scheme is https.
    models.URLField: {"widget": AdminURLFieldWidget, "assume_scheme": "https"},
}


def _with_version(fieldsets):
    """The hidden version field goes with the form even when fieldsets are spelled out."""
    if "version" in flatten_fieldsets(fieldsets):
        return fieldsets
    *first, (name, options) = fieldsets
    return [*first, (name, {**options, "fields": [*options["fields"], "version"]})]


def translated_fields(model) -> list[str]:
    try:
        return list(translator.get_options_for_model(model).all_fields)
    except NotRegistered:
        return []


def missing_translation_q(model, language: str) -> models.Q:
    """Records with some text given in the other language but not in `language`."""
    other = "en" if language == "fa" else "fa"
    condition = models.Q(pk__in=[])
    for field in translated_fields(model):
        condition |= (
            (models.Q(**{f"{field}_{language}": ""}) | models.Q(**{f"{field}_{language}": None}))
            & ~models.Q(**{f"{field}_{other}": ""})
            & models.Q(**{f"{field}_{other}__isnull": False})
        )
    return condition


def missing_languages(obj) -> list[str]:
    missing = []
    for language, other in (("fa", "en"), ("en", "fa")):
        for field in translated_fields(type(obj)):
            if not getattr(obj, f"{field}_{language}") and getattr(obj, f"{field}_{other}"):
                missing.append(language)
                break
    return missing


class MissingTranslationFilter(admin.SimpleListFilter):
    title = _("missing translation")
    parameter_name = "missing"

    def lookups(self, request, model_admin):
        return [("fa", _("Persian text missing")), ("en", _("English text missing"))]

    def queryset(self, request, queryset):
        if self.value() in ("fa", "en"):
            return queryset.filter(missing_translation_q(queryset.model, self.value()))
        return queryset


class YearListFilter(admin.SimpleListFilter):
    """Records by the year of a date column, in the reader's calendar: Solar Hijri
    years («۱۳۹۷», parameter j1397) in Persian, Gregorian years in English."""

    title = _("year")
    parameter_name = "year"
    date_field = "start_date"

    def lookups(self, request, model_admin):
        dated = model_admin.get_queryset(request).filter(**{f"{self.date_field}__isnull": False})
        if is_persian(get_language()):
            # One row per distinct day: a Gregorian year or month straddles two Jalali years.
            days = dated.dates(self.date_field, "day", order="DESC")
            years = sorted({to_jalali(day).year for day in days}, reverse=True)
            return [(f"j{year}", persian_digits(year)) for year in years]
        years = dated.dates(self.date_field, "year", order="DESC")
        return [(str(day.year), str(day.year)) for day in years]

    def queryset(self, request, queryset):
        value = self.value() or ""
        jalali = value.startswith("j")
        digits = value.removeprefix("j")
        if not value:
            return queryset
        # A year the calendar cannot hold (0, 10**30, "abc", "j") lists nothing, not failing.
        if not digits.isdigit() or not 1 <= int(digits) <= (9377 if jalali else 9999):
            return queryset.none()
        if jalali:
            first = jalali_month_start(int(digits), 1)
            last = jalali_month_end(int(digits), 12)
            return queryset.filter(**{f"{self.date_field}__range": (first, last)})
        return queryset.filter(**{f"{self.date_field}__year": int(digits)})


def revert_form(form_class, model):
    """The form of django-simple-history's "revert to this version" page, as a save of
    the current record with the old values typed in.

    Shown, it holds the old version's values and the *current* version number, so the
    revert is refused, like any save, if someone saves the record after the page was
    opened. Submitted, it is bound to the current record, so what changes, what is
    logged and what is written are measured against what the record holds now, and
    the revert is one more version in the history."""

    class RevertForm(form_class):
        def __init__(self, data=None, files=None, *, instance, **kwargs):
            current = model._base_manager.filter(pk=instance.pk).first()
            if data is None:
                initial = {
                    **(kwargs.pop("initial", None) or {}),
                    "version": current.version if current else None,
                }
                super().__init__(instance=instance, initial=initial, **kwargs)
                self._keep_current_sources()
            else:
                super().__init__(data, files, instance=current or instance, **kwargs)
                # A file is not sent again: the old version's file is what is kept.
                self.reverted_files = {
                    name: getattr(instance, name)
                    for name, field in self.fields.items()
                    if isinstance(field, forms.FileField) and hasattr(instance, name)
                }
                self.initial.update(self.reverted_files)
                self._keep_current_sources()

        def _keep_current_sources(self):
            # The history keeps a record's fields, not its list of sources: a revert
            # leaves that list as it is, and says so.
            if "sources" in self.fields:
                self.fields["sources"].disabled = True
                self.fields["sources"].help_text = _(
                    "The history does not keep the list of sources: a revert leaves it as it is."
                )

        @cached_property
        def changed_data(self):
            changed = super().changed_data
            current = self.instance
            for name, old in getattr(self, "reverted_files", {}).items():
                if name not in changed and (old.name or "") != (getattr(current, name).name or ""):
                    changed.append(name)
            return changed

    RevertForm.__name__ = RevertForm.__qualname__ = f"Revert{form_class.__name__}"
    return RevertForm


class RevertMixin:
    """ "Revert to this version" as a save: an editor's right, one transaction, the
    same lost-edit check, and nothing written or logged when nothing differs."""

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method == "POST" and not self.has_change_permission(request):
            raise PermissionDenied
        request.forum_reverting = True
        with transaction.atomic(using=router.db_for_write(self.model)):
            return super().history_form_view(request, object_id, version_id, extra_context)

    def get_form(self, request, obj=None, **kwargs):
        form_class = super().get_form(request, obj, **kwargs)
        if getattr(request, "forum_reverting", False):
            return revert_form(form_class, self.model)
        return form_class


class SourcesPickerMixin:
    """A fact's sources are chosen in two boxes with a filter (Django's filter_horizontal),
    out of some hundred; the "+" beside them adds a new one."""

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "sources":
            kwargs["widget"] = FilteredSelectMultiple(db_field.verbose_name, is_stacked=False)
        return super().formfield_for_manytomany(db_field, request, **kwargs)


class ForumAdminMixin(SourcesPickerMixin, RevertMixin, ReaderLanguageMixin):
    """Shared by every ModelAdmin of the registry."""

    # Django's date hierarchy drills down by Gregorian year and month, so it is offered
    # to English readers only; Persian readers get the Solar Hijri YearListFilter.
    gregorian_date_hierarchy = None

    @property
    def date_hierarchy(self):
        return None if is_persian(get_language()) else self.gregorian_date_hierarchy

    form = VersionedModelForm
    formfield_overrides = FIELD_OVERRIDES
    list_per_page = 50
    show_full_result_count = False

    def get_fieldsets(self, request, obj=None):
        return _with_version(super().get_fieldsets(request, obj))

    def save_model(self, request, obj, form, change):
        # A record whose own fields did not change is not written (only its inline
        # rows were): its version stays, so nobody else's save of it is refused.
        if change and not form.has_changed():
            return
        super().save_model(request, obj, form, change)

    def log_change(self, request, obj, message):
        # A save that changed nothing is no event: the admin's log stays as it was.
        if not message:
            return None
        return super().log_change(request, obj, message)

    def get_search_results(self, request, queryset, search_term):
        if len(search_term) > MAX_SEARCH_LENGTH:
            messages.error(
                request,
                _("The search text is too long: %(limit)s characters at most.")
                % {
                    "limit": persian_digits(MAX_SEARCH_LENGTH)
                    if is_persian(get_language())
                    else MAX_SEARCH_LENGTH
                },
            )
            return queryset.none(), False
        return super().get_search_results(request, queryset, search_term)

    @admin.display(description=_("missing text"))
    def translation_gaps(self, obj):
        missing = missing_languages(obj)
        if not missing:
            return ""
        return format_html(
            '<span class="translation-missing">{}</span>',
            "، ".join(str(LANGUAGE_NAMES[language]) for language in missing)
            if get_language() == "fa"
            else ", ".join(str(LANGUAGE_NAMES[language]) for language in missing),
        )


class ForumAdmin(ForumAdminMixin, ExportMixin, SimpleHistoryAdmin):
    """A registry model without translated fields."""


class ForumTranslationAdmin(
    ForumAdminMixin, ExportMixin, SimpleHistoryAdmin, TabbedTranslationAdmin
):
    """A registry model with Persian and English fields, shown in tabs."""


class ImportPermissionMixin:
    def has_import_permission(self, request):
        # Import adds and changes rows: an editor's right, never a viewer's.
        return (
            super().has_import_permission(request)
            and self.has_add_permission(request)
            and self.has_change_permission(request)
        )


class ForumImportAdmin(
    AllOrNothingImportMixin,
    ImportPermissionMixin,
    ForumAdminMixin,
    ImportExportMixin,
    SimpleHistoryAdmin,
):
    """A registry model without translated fields, imported in bulk from CSV."""


class ForumImportTranslationAdmin(
    AllOrNothingImportMixin,
    ImportPermissionMixin,
    ForumAdminMixin,
    ImportExportMixin,
    SimpleHistoryAdmin,
    TabbedTranslationAdmin,
):
    """A registry model with Persian and English fields, imported in bulk from CSV."""


class InlineFormSet(forms.BaseInlineFormSet):
    """Inline rows where a row staff added is never dropped without a word.

    Inlines show no empty rows (extra = 0): every new row in a submitted page was
    added with "add another", so one left empty, or filled only in part (a city the
    picker did not find), is an error on that row, never silently discarded as
    Django does with untouched extra rows."""

    def _construct_form(self, i, **kwargs):
        form = super()._construct_form(i, **kwargs)
        if i >= self.initial_form_count():
            form.empty_permitted = False
            form.added_row = True
        return form


class ForumInlineMixin:
    # An inline row's sources are a plain list with several choices: the two-box picker
    # is on each record's own page.
    form = VersionedModelForm
    formset = InlineFormSet
    formfield_overrides = FIELD_OVERRIDES
    extra = 0

    def get_fieldsets(self, request, obj=None):
        return _with_version(super().get_fieldsets(request, obj))


class TabularInline(ForumInlineMixin, admin.TabularInline):
    pass


class StackedInline(ForumInlineMixin, admin.StackedInline):
    pass


class TranslationTabular(ForumInlineMixin, TranslationTabularInline):
    pass


class TranslationStacked(ForumInlineMixin, TranslationStackedInline):
    pass


def date_column(field_name: str, description):
    """A list column showing a date (with its precision) in the reader's calendar."""

    @admin.display(description=description, ordering=field_name)
    def column(model_admin, obj):
        return spelled_out(stored_partial_date(obj, field_name), get_language())

    return column


@admin.register(Source)
class SourceAdmin(ForumAdmin):
    list_display = ("__str__", "url", "accessed_on")
    search_fields = ("title", "publisher", "url")
