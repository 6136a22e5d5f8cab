from modeltranslation.translator import TranslationOptions, register

from forum.models import ReportedFigure


@register(ReportedFigure)
class ReportedFigureTranslation(TranslationOptions):
    fields = ("note", "source_note")
