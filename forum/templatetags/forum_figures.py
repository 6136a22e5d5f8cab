"""The forum's reported figures as a reader of the page's language writes them."""

from django import template
from django.utils.translation import get_language

from forum.statistics import figure_text

register = template.Library()


@register.filter
def figure(value):
    """«نزدیک به ۱۲۰ شهر عضو از ۳۹ کشور», "nearly 120 member cities from 39 countries"."""
    return figure_text(value, get_language()) if value else ""
