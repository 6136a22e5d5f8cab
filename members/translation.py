from modeltranslation.translator import TranslationOptions, register

from members.models import BoardTerm, City, Organisation, Person, Position


@register(City)
class CityTranslation(TranslationOptions):
    fields = ("name", "description")


@register(Organisation)
class OrganisationTranslation(TranslationOptions):
    fields = ("name", "acronym", "description")


@register(Person)
class PersonTranslation(TranslationOptions):
    fields = ("name", "biography")


@register(Position)
class PositionTranslation(TranslationOptions):
    fields = ("title",)


@register(BoardTerm)
class BoardTermTranslation(TranslationOptions):
    fields = ("name",)
