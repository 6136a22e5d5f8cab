"""The secretariat's screens for the member registry: cities and their membership
history, organisations, people and their offices, board terms and seats."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from common.admin import (
    ForumImportTranslationAdmin,
    ForumTranslationAdmin,
    MissingTranslationFilter,
    TranslationStacked,
    YearListFilter,
    date_column,
)
from common.admin_reader import PERIOD_FIELDS, SOURCE_FIELDSET, country_filter
from members.models import BoardSeat, BoardTerm, City, Membership, Organisation, Person, Position
from members.resources import (
    BoardSeatResource,
    CityResource,
    MembershipResource,
    PersonResource,
)


class StartYearFilter(YearListFilter):
    title = _("year of the start")
    date_field = "started_on"


class MembershipStatusFilter(admin.SimpleListFilter):
    """Cities by the status of their current (or latest) membership period."""

    title = _("membership status")
    parameter_name = "status"

    def lookups(self, request, model_admin):
        return Membership.Status.choices

    def queryset(self, request, queryset):
        if self.value() in Membership.Status.values:
            return queryset.filter(membership_status=self.value())
        return queryset


class MembershipInline(TranslationStacked):
    model = Membership
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "status",
                    *PERIOD_FIELDS,
                ]
            },
        ),
        SOURCE_FIELDSET,
    ]


class BoardSeatInline(TranslationStacked):
    model = BoardSeat
    autocomplete_fields = ("city",)
    fieldsets = [(None, {"fields": [("city", "role")]}), SOURCE_FIELDSET]


class CityBoardSeatInline(TranslationStacked):
    model = BoardSeat
    autocomplete_fields = ("term",)
    fieldsets = [(None, {"fields": [("term", "role")]}), SOURCE_FIELDSET]
    verbose_name_plural = _("executive board seats")


@admin.register(City)
class CityAdmin(ForumImportTranslationAdmin):
    resource_classes = [CityResource]
    list_display = (
        "name",
        "country",
        "region",
        "status",
        "is_published",
        "translation_gaps",
        "updated_at",
    )
    list_filter = (
        "is_published",
        MembershipStatusFilter,
        "region",
        country_filter("country"),
        MissingTranslationFilter,
    )
    search_fields = ("name_fa", "name_en", "slug")
    ordered_by_name = "name"
    prepopulated_fields = {"slug": ("name_en",)}
    inlines = [MembershipInline, CityBoardSeatInline]

    def get_queryset(self, request):
        return super().get_queryset(request).with_membership_status()

    @admin.display(description=_("membership status"), ordering="membership_status")
    def status(self, city):
        return Membership.Status(city.membership_status).label if city.membership_status else ""


@admin.register(Membership)
class MembershipAdmin(ForumImportTranslationAdmin):
    resource_classes = [MembershipResource]
    list_display = ("city", "status", "started", "start_kind", "ended", "certainty")
    list_filter = (
        "status",
        "certainty",
        "start_kind",
        "end_kind",
        StartYearFilter,
        "started_precision",
        country_filter("city__country"),
    )
    list_select_related = ("city",)
    search_fields = ("city__name_fa", "city__name_en", "city__slug")
    autocomplete_fields = ("city",)
    gregorian_date_hierarchy = "started_on"

    started = date_column("started_on", _("since"))
    ended = date_column("ended_on", _("until"))


@admin.register(Organisation)
class OrganisationAdmin(ForumTranslationAdmin):
    list_display = ("name", "acronym", "kind", "country", "is_published", "translation_gaps")
    list_filter = ("is_published", "kind", country_filter("country"), MissingTranslationFilter)
    search_fields = ("name_fa", "name_en", "acronym_fa", "acronym_en", "slug")
    ordered_by_name = "name"
    prepopulated_fields = {"slug": ("name_en",)}


class PositionInline(TranslationStacked):
    model = Position
    fk_name = "person"
    autocomplete_fields = ("city", "organisation")
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "office",
                    "title",
                    ("city", "organisation"),
                    *PERIOD_FIELDS,
                ]
            },
        ),
        SOURCE_FIELDSET,
    ]


@admin.register(Person)
class PersonAdmin(ForumImportTranslationAdmin):
    resource_classes = [PersonResource]
    list_display = ("name", "slug", "is_published", "translation_gaps", "updated_at")
    list_filter = ("is_published", MissingTranslationFilter)
    search_fields = ("name_fa", "name_en", "slug", "email")
    ordered_by_name = "name"
    prepopulated_fields = {"slug": ("name_en",)}
    inlines = [PositionInline]


@admin.register(Position)
class PositionAdmin(ForumTranslationAdmin):
    list_display = ("person", "office", "city", "organisation", "started", "ended", "end_kind")
    list_filter = (
        "office",
        "end_kind",
        "certainty",
        StartYearFilter,
        country_filter("city__country"),
        MissingTranslationFilter,
    )
    list_select_related = ("person", "city", "organisation")
    search_fields = ("person__name_fa", "person__name_en", "title_fa", "title_en")
    autocomplete_fields = ("person", "city", "organisation")
    gregorian_date_hierarchy = "started_on"

    started = date_column("started_on", _("from"))
    ended = date_column("ended_on", _("to"))


@admin.register(BoardTerm)
class BoardTermAdmin(ForumTranslationAdmin):
    list_display = ("name", "start_year", "end_year", "translation_gaps")
    list_filter = (MissingTranslationFilter,)
    search_fields = ("name_fa", "name_en", "start_year")
    inlines = [BoardSeatInline]


@admin.register(BoardSeat)
class BoardSeatAdmin(ForumImportTranslationAdmin):
    resource_classes = [BoardSeatResource]
    list_display = ("city", "term", "role")
    list_filter = ("role", "term", country_filter("city__country"))
    list_select_related = ("city", "term")
    search_fields = ("city__name_fa", "city__name_en", "term__name_fa", "term__name_en")
    autocomplete_fields = ("term", "city")
