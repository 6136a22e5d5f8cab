from modeltranslation.translator import TranslationOptions, register

from summits.models import BoardSession, Document, GeneralAssembly, Panel, Summit, Talk


@register(Summit)
class SummitTranslation(TranslationOptions):
    fields = ("title", "venue", "slogan", "description", "attendance")


@register(GeneralAssembly)
class GeneralAssemblyTranslation(TranslationOptions):
    fields = ("theme",)


@register(BoardSession)
class BoardSessionTranslation(TranslationOptions):
    fields = ("venue", "summary")


@register(Panel)
class PanelTranslation(TranslationOptions):
    fields = ("title", "description")


@register(Talk)
class TalkTranslation(TranslationOptions):
    fields = ("title",)


@register(Document)
class DocumentTranslation(TranslationOptions):
    fields = ("title",)
