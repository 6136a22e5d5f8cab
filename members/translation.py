from modeltranslation.translator import TranslationOptions, register

from members.models import BoardSeat, BoardTerm, City, Membership, Organisation, Person, Position


@register(City)
class CityTranslation(TranslationOptions):
    fields = ("name", "description", "source_note")


@register(Organisation)
class OrganisationTranslation(TranslationOptions):
    fields = ("name", "acronym", "description", "source_note")


@register(Person)
class PersonTranslation(TranslationOptions):
    fields = ("name", "biography", "source_note")


@register(Position)
class PositionTranslation(TranslationOptions):
    fields = ("title", "source_note")


@register(BoardTerm)
class BoardTermTranslation(TranslationOptions):
    fields = ("name", "source_note")


@register(Membership)
class MembershipTranslation(TranslationOptions):
    fields = ("source_note",)


@register(BoardSeat)
class BoardSeatTranslation(TranslationOptions):
    fields = ("source_note",)
