"""What staff read when a bulk import fails, and the confirm step that writes all or nothing.

django-import-export imports the file twice: a preview (a dry run, rolled back) and,
after "Confirm import", the real import (``process_import``). The registry may change
between the two, so the confirm step checks every row again; then one invalid row
rolls back the whole file (not only that row, the package's default) and the page
names each row, column, value and reason in the reader's language, instead of
reporting success."""

import functools

import tablib
from django.core.exceptions import NON_FIELD_ERRORS, FieldDoesNotExist, PermissionDenied
from django.http import Http404, HttpResponse
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import translation
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from import_export import resources, widgets

from common.dates import digits_for
from common.forms import latin_digits
from common.spreadsheets import CSV, XLSX


def import_problems(result) -> list[str]:
    """One line per error of an import result: row, column, value and reason, as HTML:
    the value in `<kbd>`, shown as it was in the file (Latin digits kept on Persian
    screens, forum.middleware.PersianAdminDigitsMiddleware)."""
    language = get_language()
    columns = getattr(result, "columns", {})
    headers = list(result.diff_headers or [])
    lines = [escape(error.error) for error in result.base_errors]
    for number, errors in result.row_errors():
        for error in errors:
            line = _("Row %(row)s: %(message)s") % {
                "row": digits_for(number, language),
                "message": escape(error.error),
            }
            lines.append(mark_safe(line))
    for row in result.invalid_rows:
        number = digits_for(row.number, language)
        for field, messages in row.error_dict.items():
            column = columns.get(field, field)
            for message in messages:
                if field == NON_FIELD_ERRORS or column not in headers:
                    line = _("Row %(row)s: %(message)s") % {
                        "row": number,
                        "message": escape(message),
                    }
                    lines.append(mark_safe(line))
                    continue
                value = row.values[headers.index(column)]
                line = _("Row %(row)s, column “%(column)s”, value “%(value)s”: %(message)s") % {
                    "row": number,
                    "column": escape(column),
                    "value": format_html("<kbd>{}</kbd>", "" if value is None else value),
                    "message": escape(message),
                }
                lines.append(mark_safe(line))
    return lines


class AllOrNothingImportMixin:
    """The confirm step of an admin import writes every row or none."""

    template_formats = {"csv": CSV, "xlsx": XLSX}

    def get_urls(self):
        info = self.get_model_info()
        return [
            path(
                "import/template.<str:file_format>",
                self.admin_site.admin_view(self.import_template_view),
                name=f"{info[0]}_{info[1]}_import_template",
            ),
            *super().get_urls(),
        ]

    def import_template_view(self, request, file_format):
        """A file to fill in: the columns of this import, named and explained."""
        if not self.has_import_permission(request):
            raise PermissionDenied
        if file_format not in self.template_formats:
            raise Http404
        resource_class = self.get_import_resource_classes(request)[0]
        dataset = template_dataset(resource_class(**self.get_import_resource_kwargs(request)))
        output = self.template_formats[file_format]()
        response = HttpResponse(output.export_data(dataset), content_type=output.get_content_type())
        name = f"{self.model._meta.model_name}-template.{file_format}"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response

    def get_import_context_data(self, **kwargs):
        info = self.get_model_info()
        return {
            **super().get_import_context_data(**kwargs),
            "template_urls": {
                name: reverse(f"admin:{info[0]}_{info[1]}_import_template", args=[name])
                for name in self.template_formats
            },
        }

    def process_dataset(self, dataset, form, request, **kwargs):
        kwargs.setdefault("rollback_on_validation_errors", True)
        return super().process_dataset(dataset, form, request, **kwargs)

    def process_result(self, result, request):
        if result.has_errors() or result.has_validation_errors():
            return self.import_refused(result, request)
        return super().process_result(result, request)

    def import_refused(self, result, request):
        resources = [
            resource_class(**self.get_import_resource_kwargs(request))
            for resource_class in self.get_import_resource_classes(request)
        ]
        form_class = self.get_import_form_class(request)
        form = form_class(
            self.get_import_formats(),
            self.get_import_resource_classes(request),
            initial=self.get_import_form_initial(request),
        )
        context = {
            **self.get_import_context_data(),
            **self.admin_site.each_context(request),
            "title": _("Import"),
            "form": form,
            "opts": self.model._meta,
            "media": self.media + form.media,
            "result": result,
            "import_refused": True,
            "import_error_display": self.import_error_display,
            "fields_list": [
                (
                    resource.get_display_name(),
                    [f.column_name for f in resource.get_user_visible_fields()],
                )
                for resource in resources
            ],
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, [self.import_template_name], context)


# Cells of an imported file. Numbers may be typed in Persian or Arabic-Indic digits
# (with «٫» as the decimal point and «٬» between thousands), as in the admin's forms;
# a cell that cannot be read says what the column expects, never a Python class name.


def _typed(value):
    return latin_digits(value).strip() if isinstance(value, str) else value


class IntegerCell(widgets.IntegerWidget):
    expected = _lazy("a whole number")

    def clean(self, value, row=None, **kwargs):
        try:
            return super().clean(_typed(value), row, **kwargs)
        except (ValueError, ArithmeticError):
            raise ValueError(_("Expected a whole number, such as 1200 or ۱۲۰۰.")) from None


class DecimalCell(widgets.DecimalWidget):
    expected = _lazy("a number")

    def clean(self, value, row=None, **kwargs):
        try:
            return super().clean(_typed(value), row, **kwargs)
        except (ValueError, ArithmeticError):
            raise ValueError(_("Expected a number, such as 35.5 or ۳۵٫۵.")) from None


class BooleanCell(widgets.BooleanWidget):
    expected = _lazy("1 (yes) or 0 (no)")

    def clean(self, value, row=None, **kwargs):
        value = _typed(value)
        if value in self.NULL_VALUES or value in self.TRUE_VALUES or value in self.FALSE_VALUES:
            return super().clean(value, row, **kwargs)
        raise ValueError(_("Expected 1 (yes) or 0 (no)."))


class DateCell(widgets.DateWidget):
    """A Gregorian day as year-month-day (ISO 8601), in any digits."""

    expected = _lazy("a Gregorian date, such as 2018-09-01")

    def __init__(self, format="%Y-%m-%d", **kwargs):
        super().__init__(format=format, **kwargs)

    def clean(self, value, row=None, **kwargs):
        try:
            return super().clean(_typed(value), row, **kwargs)
        except ValueError:
            raise ValueError(
                _("Expected a Gregorian date as year-month-day, such as 2018-09-01.")
            ) from None


# A column with more codes than this is not listed in full in its error.
LISTED_CHOICES = 20


class ChoiceCell(widgets.CharWidget):
    """A column of codes (a model field's choices): an unknown code lists the known ones."""

    def __init__(self, choices=(), **kwargs):
        self.codes = [str(code) for code, _label in choices if code not in ("", None)]
        super().__init__(**kwargs)

    @property
    def expected(self):
        return _("one of: %(codes)s") % {"codes": ", ".join(self.codes)}

    def clean(self, value, row=None, **kwargs):
        value = super().clean(_typed(value), row, **kwargs)
        if value in ("", None) or value in self.codes:
            return value
        if len(self.codes) <= LISTED_CHOICES:
            expected = ", ".join(self.codes)
            raise ValueError(_("Expected one of: %(codes)s.") % {"codes": expected})
        raise ValueError(
            _("Expected a code of this column, such as %(codes)s.")
            % {"codes": ", ".join(self.codes[:3])}
        )


class ReadableCellsMixin:
    """A ModelResource whose cells are read as above."""

    WIDGETS_MAP = {
        **resources.ModelResource.WIDGETS_MAP,
        "DecimalField": DecimalCell,
        "FloatField": DecimalCell,
        **{
            name: IntegerCell
            for name, widget in resources.ModelResource.WIDGETS_MAP.items()
            if widget is widgets.IntegerWidget
        },
        "BooleanField": BooleanCell,
        "NullBooleanField": BooleanCell,
        "DateField": DateCell,
    }

    @classmethod
    def widget_from_django_field(cls, f, default=widgets.Widget):
        if getattr(f, "choices", None) and not f.is_relation:
            return functools.partial(ChoiceCell, choices=f.choices)
        return super().widget_from_django_field(f, default)


# A template file: the columns an import reads. Its first row names each column by
# its code (what the import reads), then its name in English and in Persian, as
# "code | English | فارسی"; the next two rows, which start with "#", say what each
# column expects in English and in Persian. An import reads a header "code | …" as
# "code" and skips rows whose first cell starts with "#" (a data row never does:
# it starts with a slug or a code), so the template can be filled in and uploaded.

NOTE_MARK = "#"


def column_code(header) -> str:
    return str(header).split("|")[0].strip() if header is not None else header


def read_template_conventions(dataset):
    """The dataset as the import reads it: plain column codes, no note rows."""
    if dataset.headers:
        dataset.headers = [column_code(header) for header in dataset.headers]
    for index in reversed(range(len(dataset))):
        first = dataset[index][0] if dataset.width else None
        if isinstance(first, str) and first.strip().startswith(NOTE_MARK):
            del dataset[index]


def expected_of(field) -> str:
    expected = getattr(field.widget, "expected", None)
    if expected is None and isinstance(field.widget, widgets.ForeignKeyWidget):
        model = field.widget.model
        expected = _("the %(key)s of a %(record)s") % {
            "key": model._meta.get_field(field.widget.field).verbose_name,
            "record": model._meta.verbose_name,
        }
    return str(expected or _("text"))


def template_dataset(resource) -> tablib.Dataset:
    model = resource._meta.model
    fields = resource.get_import_fields()
    headers, notes = [], {"en": [], "fa": []}
    for field in fields:
        names = {}
        for language in ("en", "fa"):
            with translation.override(language):
                try:
                    names[language] = str(model._meta.get_field(field.attribute).verbose_name)
                except FieldDoesNotExist:
                    names[language] = field.column_name
                notes[language].append(expected_of(field))
        headers.append(f"{field.column_name} | {names['en']} | {names['fa']}")
    dataset = tablib.Dataset(headers=headers)
    for language in ("en", "fa"):
        row = notes[language]
        dataset.append([f"{NOTE_MARK} {row[0]}", *row[1:]])
    return dataset
