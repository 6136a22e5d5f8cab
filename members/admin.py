from django.contrib import admin
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline

from members.models import BoardSeat, BoardTerm, City, Membership, Organisation, Person, Position


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0


@admin.register(City)
class CityAdmin(TranslationAdmin):
    list_display = ("name", "country", "region", "is_published")
    list_filter = ("is_published", "region", "country")
    search_fields = ("name_fa", "name_en", "slug")
    prepopulated_fields = {"slug": ("name_en",)}
    inlines = [MembershipInline]


@admin.register(Organisation)
class OrganisationAdmin(TranslationAdmin):
    list_display = ("name", "acronym", "kind", "is_published")
    list_filter = ("is_published", "kind")
    search_fields = ("name_fa", "name_en", "acronym_fa", "acronym_en")


class PositionInline(TranslationTabularInline):
    model = Position
    fk_name = "person"
    extra = 0
    autocomplete_fields = ("city", "organisation")


@admin.register(Person)
class PersonAdmin(TranslationAdmin):
    list_display = ("name", "is_published")
    list_filter = ("is_published",)
    search_fields = ("name_fa", "name_en")
    inlines = [PositionInline]


class BoardSeatInline(admin.TabularInline):
    model = BoardSeat
    extra = 0
    autocomplete_fields = ("city",)


@admin.register(BoardTerm)
class BoardTermAdmin(TranslationAdmin):
    list_display = ("name", "start_year", "end_year")
    inlines = [BoardSeatInline]
