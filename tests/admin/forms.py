"""Submit admin forms as a browser would: every field as the page rendered it."""

from django import forms
from django.urls import reverse
from django.utils import translation


def admin_url(name, *args, language="fa"):
    """An admin address in the given language (/fa/admin/… or /en/admin/…)."""
    with translation.override(language):
        return reverse(f"admin:{name}", args=args)


def _form_values(form):
    data = {}
    for name, field in form.fields.items():
        bound = form[name]
        value = bound.value()
        widget = field.widget
        if getattr(widget, "input_type", None) == "checkbox" or value is True or value is False:
            if value:
                data[bound.html_name] = "on"
            continue
        if (
            getattr(getattr(widget, "widget", widget), "allow_multiple_selected", False)
            and not value
        ):
            continue  # a list with nothing chosen: a browser sends no value
        if isinstance(value, list | tuple):
            data[bound.html_name] = [str(item) for item in value]
            continue
        formatted = widget.format_value(value)
        formatted = "" if formatted is None else formatted
        if isinstance(widget, forms.Textarea):
            # A browser sends a text area's line breaks as CRLF.
            formatted = formatted.replace("\r\n", "\n").replace("\n", "\r\n")
        data[bound.html_name] = formatted
    return data


def page_form_data(response, language):
    """The POST data of an admin change or add page, exactly as shown in `language`."""
    with translation.override(language):
        data = _form_values(response.context["adminform"].form)
        # A history ("revert") page has no inline rows.
        for inline in response.context.get("inline_admin_formsets", []):
            formset = inline.formset
            data.update(_form_values(formset.management_form))
            for form in formset.forms:
                data.update(_form_values(form))
    return data


def inline_prefix(response, model):
    for inline in response.context["inline_admin_formsets"]:
        if inline.formset.model is model:
            return inline.formset.prefix
    raise LookupError(model)
