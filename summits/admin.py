"""The secretariat's screens for summits: the summit page edits its assembly,
board session, panels, participants and documents inline; a panel edits its
speakers inline."""

from django.contrib import admin
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from common.admin import (
    ForumImportTranslationAdmin,
    ForumTranslationAdmin,
    MissingTranslationFilter,
    TranslationStacked,
    TranslationTabular,
    YearListFilter,
    date_column,
)
from common.admin_reader import SOURCE_FIELDSET, PublishedLikeParentMixin, country_filter
from summits.models import (
    BoardSession,
    Document,
    GeneralAssembly,
    Panel,
    Participation,
    Summit,
    Talk,
)
from summits.resources import ParticipationResource


class SummitYearFilter(YearListFilter):
    date_field = "start_date"


class PanelSummitYearFilter(YearListFilter):
    title = _("year of the summit")
    date_field = "summit__start_date"


class IssuedYearFilter(YearListFilter):
    date_field = "issued_on"


class GeneralAssemblyInline(TranslationStacked):
    model = GeneralAssembly
    fieldsets = [(None, {"fields": ["number", "theme"]}), SOURCE_FIELDSET]


class BoardSessionInline(TranslationStacked):
    model = BoardSession
    fieldsets = [
        (
            None,
            {
                "fields": [
                    ("number", "is_published"),
                    ("city", "format", "place_unknown"),
                    "venue",
                    ("start_date", "end_date", "date_precision", "date_is_window"),
                    "no_public_record",
                    "summary",
                ]
            },
        ),
        SOURCE_FIELDSET,
    ]
    autocomplete_fields = ("city",)


class PanelInline(TranslationStacked):
    model = Panel
    show_change_link = True
    fieldsets = [
        (None, {"fields": ["title", ("slug", "theme"), ("moderator", "order")]}),
        SOURCE_FIELDSET,
    ]
    autocomplete_fields = ("moderator",)


class ParticipationInline(TranslationStacked):
    """Stacked, each row on a few lines: a table of nine columns was wider than the page."""

    model = Participation
    fk_name = "summit"
    fieldsets = [
        (
            None,
            {
                "fields": [
                    ("city", "organisation"),
                    ("role", "head_of_delegation"),
                    ("delegates", "online"),
                ]
            },
        ),
        SOURCE_FIELDSET,
    ]
    autocomplete_fields = ("city", "organisation", "head_of_delegation")


class SessionParticipationInline(ParticipationInline):
    fk_name = "board_session"


class DocumentInline(PublishedLikeParentMixin, TranslationStacked):
    """Stacked, with "published" first: a new row is published when its summit or session is
    (see PublishedLikeParentMixin)."""

    model = Document
    fk_name = "summit"
    fields = ("is_published", ("kind", "language", "issued_on"), "title", ("file", "url"))


class SessionDocumentInline(DocumentInline):
    fk_name = "board_session"


class PanelDocumentInline(DocumentInline):
    fk_name = "panel"

    def parent_is_published(self, panel):
        return panel.summit.is_published


class TalkInline(TranslationTabular):
    model = Talk
    fields = ("speaker", "city", "title", "order")
    autocomplete_fields = ("speaker", "city")


@admin.register(Summit)
class SummitAdmin(ForumTranslationAdmin):
    list_display = (
        "title",
        "host_city",
        "dates",
        "assembly",
        "format",
        "is_published",
        "translation_gaps",
    )
    list_filter = (
        "is_published",
        SummitYearFilter,
        country_filter("host_city__country"),
        "format",
        MissingTranslationFilter,
    )
    list_select_related = ("host_city", "general_assembly")
    search_fields = ("title_fa", "title_en", "slogan_fa", "slogan_en", "slug")
    gregorian_date_hierarchy = "start_date"
    autocomplete_fields = ("host_city",)
    prepopulated_fields = {"slug": ("title_en",)}
    inlines = [
        GeneralAssemblyInline,
        BoardSessionInline,
        PanelInline,
        ParticipationInline,
        DocumentInline,
    ]

    @admin.display(description=_("dates"), ordering="start_date")
    def dates(self, summit):
        return summit.dates_display(get_language())

    @admin.display(description=_("general assembly"), ordering="general_assembly__number")
    def assembly(self, summit):
        assembly = getattr(summit, "general_assembly", None)
        return str(assembly) if assembly else ""


@admin.register(GeneralAssembly)
class GeneralAssemblyAdmin(ForumTranslationAdmin):
    list_display = ("number", "summit", "summit_dates", "translation_gaps")
    list_select_related = ("summit",)
    list_filter = (MissingTranslationFilter,)
    search_fields = ("summit__title_fa", "summit__title_en", "theme_fa", "theme_en", "number")
    autocomplete_fields = ("summit",)

    @admin.display(description=_("dates"), ordering="summit__start_date")
    def summit_dates(self, assembly):
        return assembly.summit.dates_display(get_language())


@admin.register(BoardSession)
class BoardSessionAdmin(ForumTranslationAdmin):
    list_display = ("number", "city", "dates", "format", "summit", "certainty", "is_published")
    list_filter = (
        "is_published",
        SummitYearFilter,
        "format",
        "certainty",
        "no_public_record",
        country_filter("city__country"),
    )
    list_select_related = ("city", "summit")
    search_fields = ("number", "city__name_fa", "city__name_en", "venue_fa", "venue_en")
    autocomplete_fields = ("summit", "city")
    gregorian_date_hierarchy = "start_date"
    inlines = [SessionParticipationInline, SessionDocumentInline]

    @admin.display(description=_("dates"), ordering="start_date")
    def dates(self, session):
        return session.dates_display(get_language())


@admin.register(Panel)
class PanelAdmin(ForumTranslationAdmin):
    list_display = ("title", "summit", "theme", "moderator", "translation_gaps")
    list_filter = ("theme", PanelSummitYearFilter, MissingTranslationFilter)
    list_select_related = ("summit", "moderator")
    search_fields = ("title_fa", "title_en", "slug", "summit__title_fa", "summit__title_en")
    autocomplete_fields = ("summit", "moderator")
    inlines = [TalkInline, PanelDocumentInline]


@admin.register(Talk)
class TalkAdmin(ForumTranslationAdmin):
    list_display = ("speaker", "panel", "city", "title")
    list_filter = ("panel__theme", MissingTranslationFilter)
    list_select_related = ("speaker", "panel", "city")
    search_fields = ("speaker__name_fa", "speaker__name_en", "title_fa", "title_en")
    autocomplete_fields = ("panel", "speaker", "city")


@admin.register(Participation)
class ParticipationAdmin(ForumImportTranslationAdmin):
    resource_classes = [ParticipationResource]
    list_display = (
        "party",
        "summit",
        "board_session",
        "role",
        "head_of_delegation",
        "delegates",
        "online",
    )
    list_filter = ("role", "online", "summit", country_filter("city__country"))
    list_select_related = ("summit", "board_session", "city", "organisation", "head_of_delegation")
    search_fields = (
        "city__name_fa",
        "city__name_en",
        "organisation__name_fa",
        "organisation__name_en",
        "summit__title_fa",
        "summit__title_en",
    )
    autocomplete_fields = ("summit", "board_session", "city", "organisation", "head_of_delegation")

    @admin.display(description=_("city or organisation"))
    def party(self, participation):
        return participation.city or participation.organisation


@admin.register(Document)
class DocumentAdmin(ForumTranslationAdmin):
    list_display = ("title", "kind", "language", "issued", "attached_to", "is_published")
    list_filter = ("kind", "language", "is_published", IssuedYearFilter, MissingTranslationFilter)
    list_select_related = ("summit", "board_session", "panel")
    search_fields = ("title_fa", "title_en", "url")
    autocomplete_fields = ("summit", "board_session", "panel")
    gregorian_date_hierarchy = "issued_on"

    issued = date_column("issued_on", _("date"))

    @admin.display(description=_("records"))
    def attached_to(self, document):
        return document.summit or document.board_session or document.panel
