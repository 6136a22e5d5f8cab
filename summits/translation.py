from modeltranslation.translator import TranslationOptions, register

from summits.models import (
    BoardSession,
    Document,
    GeneralAssembly,
    Panel,
    Participation,
    Summit,
    Talk,
)


@register(Summit)
class SummitTranslation(TranslationOptions):
    fields = ("title", "venue", "slogan", "description", "attendance", "source_note")


@register(GeneralAssembly)
class GeneralAssemblyTranslation(TranslationOptions):
    fields = ("theme", "source_note")


@register(BoardSession)
class BoardSessionTranslation(TranslationOptions):
    fields = ("venue", "summary", "source_note")


@register(Panel)
class PanelTranslation(TranslationOptions):
    fields = ("title", "description", "source_note")


@register(Talk)
class TalkTranslation(TranslationOptions):
    fields = ("title",)


@register(Document)
class DocumentTranslation(TranslationOptions):
    fields = ("title",)


@register(Participation)
class ParticipationTranslation(TranslationOptions):
    fields = ("source_note",)
