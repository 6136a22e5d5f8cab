from django import template

from common.imports import import_problems

register = template.Library()


@register.simple_tag
def problems_of(result):
    """The import's errors as sentences naming row, column, value and reason."""
    return import_problems(result) if result else []
