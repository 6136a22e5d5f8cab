from django.contrib import admin
from modeltranslation.admin import (
    TranslationAdmin,
    TranslationStackedInline,
    TranslationTabularInline,
)

from summits.models import (
    BoardSession,
    Document,
    GeneralAssembly,
    Panel,
    Participation,
    Summit,
    Talk,
)


class GeneralAssemblyInline(TranslationStackedInline):
    model = GeneralAssembly
    extra = 0


class PanelInline(TranslationTabularInline):
    model = Panel
    extra = 0
    show_change_link = True
    fields = ("title", "slug", "theme", "moderator", "order")
    autocomplete_fields = ("moderator",)


class ParticipationInline(admin.TabularInline):
    model = Participation
    extra = 0
    fk_name = "summit"
    autocomplete_fields = ("city", "organisation", "head_of_delegation")


@admin.register(Summit)
class SummitAdmin(TranslationAdmin):
    list_display = ("title", "host_city", "start_date", "is_published")
    list_filter = ("is_published",)
    search_fields = ("title_fa", "title_en", "slogan_fa", "slogan_en")
    date_hierarchy = "start_date"
    autocomplete_fields = ("host_city",)
    inlines = [GeneralAssemblyInline, PanelInline, ParticipationInline]


class TalkInline(TranslationTabularInline):
    model = Talk
    extra = 0
    autocomplete_fields = ("speaker", "city")


@admin.register(Panel)
class PanelAdmin(TranslationAdmin):
    list_display = ("title", "summit", "theme")
    list_filter = ("theme",)
    search_fields = ("title_fa", "title_en")
    inlines = [TalkInline]


@admin.register(BoardSession)
class BoardSessionAdmin(TranslationAdmin):
    list_display = ("number", "city", "start_date", "format", "is_published")
    autocomplete_fields = ("summit", "city")


@admin.register(Document)
class DocumentAdmin(TranslationAdmin):
    list_display = ("title", "kind", "language", "issued_on", "is_published")
    list_filter = ("kind", "language", "is_published")
    search_fields = ("title_fa", "title_en")
