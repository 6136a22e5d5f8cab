"""The admin under hostile input: script in every translated field is shown as text in
every list and form, bad list parameters never give a 500, search is bounded and takes
SQL wildcards literally, and exports hand no spreadsheet a formula."""

import csv
import html
import io

import openpyxl
import pytest
from django.contrib import admin
from django.urls import reverse
from django.utils import translation

from common.dates import persian_digits_in_text
from members.models import City, Person
from tests.admin.forms import admin_url, page_form_data
from tests.admin.test_import_export import confirm, upload
from tests.factories import CityFactory, PersonFactory
from tests.forum.test_hostile_text import XSS, XSS_SHORT, fill_every_translated_field

pytestmark = pytest.mark.django_db

REGISTERED = sorted(admin.site._registry.items(), key=lambda item: item[0]._meta.label)
IDS = [model._meta.label for model, _admin in REGISTERED]


@pytest.mark.parametrize("language", ["fa", "en"])
def test_script_in_every_translated_field_is_text_in_every_list_and_form(
    admin_client, registry, language
):
    fill_every_translated_field(XSS, XSS_SHORT)
    escaped = html.escape(XSS)
    # Persian screens show the numbers of what was typed in Persian digits, outside forms.
    shown_in_persian = persian_digits_in_text(escaped)
    shown = 0
    for model, _model_admin in REGISTERED:
        opts = model._meta
        obj = model._default_manager.order_by("pk").first()
        with translation.override(language):
            urls = [reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")]
            if obj is not None:
                name = f"admin:{opts.app_label}_{opts.model_name}_change"
                urls.append(reverse(name, args=[obj.pk]))
        for url in urls:
            response = admin_client.get(url)
            assert response.status_code == 200, url
            body = response.content.decode()
            assert "<script>alert(1)" not in body, url
            assert "<img src=x" not in body, url
            assert '"><img src=x' not in body, url
            shown += escaped in body or (language == "fa" and shown_in_persian in body)
    # Every translated text is in a form field, escaped, and most lists show one too.
    assert shown >= 20


HOSTILE_LIST_QUERIES = [
    "p=abc",
    "p=-1",
    f"p=1{'0' * 30}",
    f"q={'x' * 10_000}",
    "q=a%00b",
    "q=%FF%FE",
    "q=%25%5F%5C%27--%2A",
    "o=abc",
    "o=99",
    "o=-1.2.x",
    "status__exact=bogus",
    "id__exact=abc",
    "id__in=1,abc",
    "pk__gt=%00",
    "missing=zz",
    "year=abc",
    f"year=9{'9' * 30}",
    "start_date__year=abc",
    "start_date__month=13&start_date__year=2020",
    "is_published__exact=maybe",
    "country__exact=ZZ",
    "_to_field=password",
    "_popup=1&_to_field=email",
    "password__startswith=p",
    "all=&e=1",
    "q=a&q=b&p=1&p=2",
]


@pytest.mark.parametrize(("model", "model_admin"), REGISTERED, ids=IDS)
def test_no_changelist_answers_a_hostile_parameter_with_a_server_error(
    admin_client, registry, model, model_admin
):
    admin_client.raise_request_exception = False
    opts = model._meta
    url = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
    failures = []
    for query in HOSTILE_LIST_QUERIES:
        response = admin_client.get(f"{url}?{query}")
        if response.status_code >= 500:
            failures.append(f"{response.status_code} ?{query[:50]}")
        # Never a list of another model's private values through a lookup.
        assert "Forum-admin-1" not in response.content.decode()
    assert not failures, "\n".join(failures)


def test_admin_search_longer_than_200_characters_is_refused_with_a_message(admin_client):
    CityFactory(name_en="Kashan")
    url = admin_url("members_city_changelist", language="en")
    response = admin_client.get(url, {"q": "k" * 201})
    assert response.status_code == 200
    assert "The search text is too long: 200 characters at most." in response.content.decode()
    assert response.context["cl"].result_count == 0
    persian = admin_client.get(admin_url("members_city_changelist"), {"q": "k" * 201})
    assert "۲۰۰" in persian.content.decode()


# (A lone quote is the admin's phrase syntax, "'…'", and searches for nothing in particular.)
@pytest.mark.parametrize("wildcard", ["%", "_", "\\", "--", "*", "%_%", "a'b", "x%'--"])
def test_admin_search_takes_sql_wildcards_literally(admin_client, wildcard):
    CityFactory(name_en="Kashan")
    CityFactory(name_en="Tehran")
    literal = CityFactory(name_en=f"Odd{wildcard}Name")
    response = admin_client.get(
        admin_url("members_city_changelist", language="en"), {"q": wildcard}
    )
    assert response.status_code == 200
    assert list(response.context["cl"].result_list) == [literal]


def export(client, model, format_label, language="en"):
    opts = model._meta
    url = admin_url(f"{opts.app_label}_{opts.model_name}_export", language=language)
    form = client.get(url).context["form"]
    choice = next(k for k, label in form.fields["format"].choices if label == format_label)
    fields = {
        name: "on"
        for name, field in form.fields.items()
        if field.widget.input_type == "checkbox" and name != "export_items"
    }
    response = client.post(url, {"format": choice, **fields})
    assert response.status_code == 200
    return response


FORMULAS = ['=HYPERLINK("http://evil.example/","x")', "+98 21 5555 0101", "-2+3", "@SUM(A1:A9)"]


def test_csv_and_excel_exports_hand_no_spreadsheet_a_formula(admin_client):
    for number, formula in enumerate(FORMULAS):
        PersonFactory(slug=f"p{number}", name_en=formula, phone=formula, biography_fa=formula)
    text = export(admin_client, Person, "csv").content.decode("utf-8-sig")
    cells = [cell for row in csv.reader(io.StringIO(text)) for cell in row]
    for formula in FORMULAS:
        assert f"'{formula}" in cells
    assert not [cell for cell in cells if cell.startswith(("=", "+", "-", "@"))]

    sheet = openpyxl.load_workbook(io.BytesIO(export(admin_client, Person, "xlsx").content)).active
    values = [cell for row in sheet.iter_rows() for cell in row]
    assert not [cell for cell in values if cell.data_type == "f"]
    assert not [
        cell.value
        for cell in values
        if isinstance(cell.value, str) and cell.value.startswith(("=", "+", "-", "@"))
    ]
    assert f"'{FORMULAS[0]}" in {cell.value for cell in values}


def test_an_exported_file_imports_back_unchanged(admin_client):
    PersonFactory(slug="mozafari", name_en="=1+1", phone="+98 21 5555 0101")
    text = export(admin_client, Person, "csv").content.decode("utf-8-sig")
    Person.objects.update(name_en="changed", phone="")
    assert confirm(admin_client, Person, upload(admin_client, Person, text)).status_code == 302
    person = Person.objects.get(slug="mozafari")
    assert (person.name_en, person.phone) == ("=1+1", "+98 21 5555 0101")


def test_a_city_imported_with_a_direction_override_is_refused_naming_the_row(admin_client):
    rows = "slug,name_fa,name_en,country,region,is_published\nx,شهر,Evil\u202etxt.exe,IR,west,1\n"
    response = upload(admin_client, City, rows)
    [invalid] = response.context["result"].invalid_rows
    assert "U+202E" in str(invalid.error_dict["name_en"])
    assert City.objects.count() == 0


@pytest.mark.parametrize("language", ["fa", "en"])
def test_the_admin_form_refuses_a_direction_override_with_a_field_error(
    admin_client, registry, language
):
    city = registry["city"]
    url = admin_url("members_city_change", city.pk, language=language)
    data = page_form_data(admin_client.get(url), language)
    data["name_en"] = "Kashan\u202egnp.exe"
    response = admin_client.post(url, data)
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert list(errors) == ["name_en"]
    assert "U+202E" in errors["name_en"][0]
    city.refresh_from_db()
    assert city.name_en == "Kashan"
    # The Persian zero-width non-joiner is ordinary text.
    data["name_en"] = "Kashan"
    data["name_fa"] = "کاشان\u200cنو"
    assert admin_client.post(url, data).status_code == 302
    city.refresh_from_db()
    assert city.name_fa == "کاشان\u200cنو"
