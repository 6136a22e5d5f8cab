"""Bulk import from CSV with a preview, all or nothing; export of every list."""

import datetime
import io
from decimal import Decimal

import openpyxl
import pytest
from django.contrib import admin

from members.models import BoardSeat, City, Membership, Person
from summits.models import Participation
from tests.admin.forms import admin_url
from tests.factories import (
    BoardTermFactory,
    CityFactory,
    ParticipationFactory,
    SummitFactory,
)

CITIES = """slug,name_fa,name_en,country,region,population,is_published
kashan,کاشان,Kashan,IR,west,364482,1
gaziantep,غازی‌آنتپ,Gaziantep,TR,west,2101157,1
"""

CITIES_WITH_A_BAD_ROW = """slug,name_fa,name_en,country,region,population,is_published
kashan,کاشان,Kashan,IR,west,364482,1
nowhere,ناکجا,Nowhere,IR,atlantis,10,1
gaziantep,غازی‌آنتپ,Gaziantep,TR,west,2101157,1
"""


def upload(client, model, text, language="en"):
    opts = model._meta
    url = admin_url(f"{opts.app_label}_{opts.model_name}_import", language=language)
    file = io.BytesIO(text.encode())
    file.name = "rows.csv"
    return client.post(url, {"import_file": file, "format": "0", "resource": "0"})


def confirm(client, model, preview, language="en"):
    opts = model._meta
    form = preview.context["confirm_form"]
    data = {name: form[name].value() for name in form.fields}
    url = admin_url(f"{opts.app_label}_{opts.model_name}_process_import", language=language)
    return client.post(url, data)


def test_city_import_shows_a_preview_and_writes_only_when_confirmed(admin_client):
    preview = upload(admin_client, City, CITIES)
    assert preview.status_code == 200
    html = preview.content.decode()
    assert "Kashan" in html and "Gaziantep" in html
    assert City.objects.count() == 0  # a preview writes nothing

    assert confirm(admin_client, City, preview).status_code == 302
    assert set(City.objects.values_list("slug", "name_fa")) == {
        ("kashan", "کاشان"),
        ("gaziantep", "غازی‌آنتپ"),
    }
    # The import is in the history too.
    assert City.history.filter(slug="kashan").count() == 1


def test_an_import_with_one_bad_row_writes_nothing_and_names_the_row_and_reason(admin_client):
    response = upload(admin_client, City, CITIES_WITH_A_BAD_ROW)
    assert response.status_code == 200
    result = response.context["result"]
    assert result.has_validation_errors()
    [invalid] = result.invalid_rows
    assert invalid.number == 2  # the second data row
    assert "region" in invalid.error_dict
    assert "confirm_form" not in response.context
    html = response.content.decode()
    assert "atlantis" in html
    assert City.objects.count() == 0


def test_the_resource_import_is_all_or_nothing_even_outside_the_admin(db):
    from import_export.formats.base_formats import CSV

    from members.resources import CityResource

    dataset = CSV().create_dataset(CITIES_WITH_A_BAD_ROW)
    result = CityResource().import_data(dataset, dry_run=False, rollback_on_validation_errors=True)
    assert result.has_validation_errors()
    assert City.objects.count() == 0


def test_a_row_breaking_a_database_rule_writes_nothing(admin_client):
    summit = SummitFactory(slug="gaziantep-2018")
    CityFactory(slug="kashan")
    CityFactory(slug="tehran")
    rows = (
        "summit,board_session,city,organisation,role,head_of_delegation,delegates,online\n"
        "gaziantep-2018,,kashan,,host,,3,0\n"
        "gaziantep-2018,,tehran,,host,,5,0\n"  # a summit has one host
    )
    response = upload(admin_client, Participation, rows)
    assert response.status_code == 200
    assert response.context["result"].has_validation_errors()
    assert [row.number for row in response.context["result"].invalid_rows] == [2]
    assert not summit.participations.exists()


def test_an_unknown_city_is_named_in_the_error(admin_client):
    term = BoardTermFactory(start_year=2022)
    CityFactory(slug="kashan")
    rows = f"term,city,role\n{term.start_year},kashan,member\n{term.start_year},atlantis,member\n"
    response = upload(admin_client, BoardSeat, rows)
    result = response.context["result"]
    [invalid] = result.invalid_rows
    assert invalid.number == 2
    assert "There is no city with slug “atlantis”." in invalid.error_dict["city"][0]
    assert "atlantis" in response.content.decode()
    assert BoardSeat.objects.count() == 0


def test_people_import_keeps_both_languages(admin_client):
    rows = "slug,name_fa,name_en,email\nmozafari,غلامرضا مظفری,Gholamreza Mozafari,g@example.org\n"
    assert confirm(admin_client, Person, upload(admin_client, Person, rows)).status_code == 302
    person = Person.objects.get()
    assert (person.name_fa, person.name_en) == ("غلامرضا مظفری", "Gholamreza Mozafari")


@pytest.mark.parametrize(
    "model",
    [model for model in admin.site._registry if model._meta.app_label in ("members", "summits")],
    ids=lambda model: model._meta.label,
)
def test_every_list_exports_as_csv_and_excel(admin_client, registry, model):
    opts = model._meta
    url = admin_url(f"{opts.app_label}_{opts.model_name}_export", language="en")
    page = admin_client.get(url)
    assert page.status_code == 200
    formats = dict(page.context["form"].fields["format"].choices)
    csv_choice = next(key for key, label in formats.items() if label == "csv")
    xlsx_choice = next(key for key, label in formats.items() if label == "xlsx")
    form = page.context["form"]
    fields = {
        name: "on"
        for name, field in form.fields.items()
        if field.widget.input_type == "checkbox" and name != "export_items"
    }
    csv = admin_client.post(url, {"format": csv_choice, **fields})
    assert csv.status_code == 200
    assert csv["Content-Type"].startswith("text/csv")
    assert len(csv.content.decode("utf-8-sig").strip().splitlines()) >= 2
    xlsx = admin_client.post(url, {"format": xlsx_choice, **fields})
    assert xlsx.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx.content)).active
    assert sheet.max_row >= 2


# The confirm step (process_import) imports the file again, for real. Whatever
# changed since the preview is checked again there, and one row that has become
# invalid writes nothing and names the row and the reason in the reader's language.

HOSTS_AND_MEMBERS = (
    "summit,board_session,city,organisation,role,head_of_delegation,delegates,online\n"
    "gaziantep-2018,,kashan,,delegation,,3,0\n"
    "gaziantep-2018,,tehran,,host,,5,0\n"
)

CONFIRM_MESSAGES = {
    "en": {
        "title": "Nothing was imported",
        "host": "This summit already has a host.",
        "city": "There is no city with slug “tehran”.",
        "row": "Row 2",
    },
    "fa": {
        "title": "هیچ ردیفی وارد نشد",
        "host": "این اجلاس میزبان دارد.",
        "city": "هیچ شهر با نامک «tehran» وجود ندارد.",
        "row": "ردیف ۲",
    },
}


@pytest.mark.parametrize("language", ["fa", "en"])
def test_a_row_that_breaks_a_rule_after_the_preview_writes_nothing_on_confirm(
    admin_client, language
):
    summit = SummitFactory(slug="gaziantep-2018")
    CityFactory(slug="kashan")
    CityFactory(slug="tehran")
    preview = upload(admin_client, Participation, HOSTS_AND_MEMBERS, language)
    assert "confirm_form" in preview.context  # the preview found nothing wrong
    # Meanwhile another editor records a host for the summit.
    ParticipationFactory(summit=summit, city=CityFactory(slug="istanbul"), role="host")

    response = confirm(admin_client, Participation, preview, language)

    assert response.status_code == 200
    assert list(summit.participations.values_list("city__slug", flat=True)) == ["istanbul"]
    html = response.content.decode()
    words = CONFIRM_MESSAGES[language]
    assert words["title"] in html
    assert words["row"] in html
    assert words["host"] in html
    assert "confirm_form" not in response.context  # the file must be uploaded again


@pytest.mark.parametrize("language", ["fa", "en"])
def test_a_row_whose_city_was_deleted_after_the_preview_writes_nothing_on_confirm(
    admin_client, language
):
    summit = SummitFactory(slug="gaziantep-2018")
    CityFactory(slug="kashan")
    tehran = CityFactory(slug="tehran")
    preview = upload(admin_client, Participation, HOSTS_AND_MEMBERS, language)
    assert "confirm_form" in preview.context
    tehran.delete()

    response = confirm(admin_client, Participation, preview, language)

    assert response.status_code == 200
    assert not summit.participations.exists()
    html = response.content.decode()
    words = CONFIRM_MESSAGES[language]
    assert words["title"] in html
    assert words["row"] in html
    assert words["city"] in html


# Cells: numbers in any digits; an unreadable cell names row, column, value and
# what the column expects, in the reader's language.


def test_numbers_in_persian_and_arabic_digits_are_read(admin_client):
    rows = (
        "slug,name_fa,name_en,country,region,population,latitude,longitude,is_published\n"
        "kashan,کاشان,Kashan,IR,west,۳۶۴٬۴۸۲,۳۳٫۹۸۵,٥١٫٤٣٥,۱\n"
    )
    preview = upload(admin_client, City, rows)
    assert "confirm_form" in preview.context, preview.context["result"].invalid_rows
    assert confirm(admin_client, City, preview).status_code == 302
    city = City.objects.get()
    assert (city.population, city.latitude, city.longitude, city.is_published) == (
        364482,
        Decimal("33.98500"),
        Decimal("51.43500"),
        True,
    )


def test_a_board_term_named_by_its_year_in_persian_digits_is_found(admin_client):
    BoardTermFactory(start_year=2022)
    CityFactory(slug="kashan")
    preview = upload(admin_client, BoardSeat, "term,city,role\n۲۰۲۲,kashan,member\n")
    assert "confirm_form" in preview.context
    assert confirm(admin_client, BoardSeat, preview).status_code == 302
    assert BoardSeat.objects.get().term.start_year == 2022


BAD_CELLS = (
    "slug,name_fa,name_en,country,region,population,latitude,is_published\n"
    "kashan,کاشان,Kashan,IR,west,many,north,yes\n"
)

BAD_CELL_LINES = {
    "en": [
        "Row 1, column “population”, value “<kbd>many</kbd>”: "
        "Expected a whole number, such as 1200 or ۱۲۰۰.",
        "Row 1, column “latitude”, value “<kbd>north</kbd>”: "
        "Expected a number, such as 35.5 or ۳۵٫۵.",
        "Row 1, column “is_published”, value “<kbd>yes</kbd>”: Expected 1 (yes) or 0 (no).",
    ],
    "fa": [
        "ردیف ۱، ستون «population»، مقدار «<kbd>many</kbd>»: "
        "یک عدد صحیح لازم است، مانند ۱۲۰۰ (به ارقام فارسی، عربی یا لاتین).",
        "ردیف ۱، ستون «latitude»، مقدار «<kbd>north</kbd>»: "
        "یک عدد لازم است، مانند ۳۵٫۵ (به ارقام فارسی، عربی یا لاتین).",
        "ردیف ۱، ستون «is_published»، مقدار «<kbd>yes</kbd>»: ۱ (بله) یا ۰ (نه) لازم است.",
    ],
}


@pytest.mark.parametrize("language", ["fa", "en"])
def test_an_unreadable_cell_names_row_column_value_and_what_is_expected(admin_client, language):
    response = upload(admin_client, City, BAD_CELLS, language)
    assert response.status_code == 200
    html = response.content.decode()
    for line in BAD_CELL_LINES[language]:
        assert line in html
    assert "ConversionSyntax" not in html
    assert City.objects.count() == 0


@pytest.mark.parametrize(
    ("language", "line"),
    [
        (
            "en",
            "Row 1, column “role”, value “<kbd>member</kbd>”: Expected one of: "
            "host, delegation, speaker, observer.",
        ),
        (
            "fa",
            "ردیف ۱، ستون «role»، مقدار «<kbd>member</kbd>»: یکی از این‌ها لازم است: "
            "host, delegation, speaker, observer.",
        ),
    ],
)
def test_an_unknown_code_lists_the_codes_the_column_accepts(admin_client, language, line):
    SummitFactory(slug="gaziantep-2018")
    CityFactory(slug="kashan")
    rows = "summit,city,role\ngaziantep-2018,kashan,member\n"
    response = upload(admin_client, Participation, rows, language)
    assert line in response.content.decode()
    assert not Participation.objects.exists()


MEMBERSHIPS = (
    "city,status,started_on,started_precision,ended_on,ended_precision\n"
    "kashan,observer,2010-01-01,year,۲۰۱۴-۰۵-۰۱,month\n"
    "kashan,member,2014-06-01,month,,day\n"
)


def test_membership_periods_are_imported_with_their_precision(admin_client):
    kashan = CityFactory(slug="kashan")
    preview = upload(admin_client, Membership, MEMBERSHIPS)
    assert "confirm_form" in preview.context, preview.context["result"].invalid_rows
    assert confirm(admin_client, Membership, preview).status_code == 302
    assert list(
        kashan.memberships.values_list(
            "status", "started_on", "started_precision", "ended_on", "ended_precision"
        )
    ) == [
        ("observer", datetime.date(2010, 1, 1), "year", datetime.date(2014, 5, 1), "month"),
        ("member", datetime.date(2014, 6, 1), "month", None, "day"),
    ]


@pytest.mark.parametrize(
    ("language", "line"),
    [
        (
            "en",
            "Row 2, column “started_on”, value “<kbd>June 2014</kbd>”: "
            "Expected a Gregorian date as year-month-day, such as 2018-09-01.",
        ),
        (
            "fa",
            "ردیف ۲، ستون «started_on»، مقدار «<kbd>June 2014</kbd>»: "
            "یک تاریخ میلادی به صورت سال-ماه-روز لازم است، مانند ۲۰۱۸-۰۹-۰۱ "
            "(به ارقام فارسی، عربی یا لاتین).",
        ),
    ],
)
def test_a_membership_date_that_cannot_be_read_is_named(admin_client, language, line):
    CityFactory(slug="kashan")
    rows = MEMBERSHIPS.replace("2014-06-01,month,,day", "June 2014,month,,day")
    response = upload(admin_client, Membership, rows, language)
    assert line in response.content.decode()
    assert not Membership.objects.exists()


def test_overlapping_membership_periods_write_nothing(admin_client):
    CityFactory(slug="kashan")
    rows = MEMBERSHIPS.replace("kashan,member,2014-06-01", "kashan,member,2012-06-01")
    response = upload(admin_client, Membership, rows)
    result = response.context["result"]
    assert [row.number for row in result.invalid_rows] == [2]
    assert not Membership.objects.exists()


# Templates: every import screen offers a file to fill in (CSV and XLSX) whose
# headers name each column in both languages and whose note rows say what each
# column expects; the filled-in template imports as it is.

IMPORTED = [
    model
    for model, model_admin in admin.site._registry.items()
    if hasattr(model_admin, "import_template_view")
]


def template_rows(admin_client, model, file_format):
    opts = model._meta
    url = admin_url(f"{opts.app_label}_{opts.model_name}_import_template", file_format)
    response = admin_client.get(url)
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    if file_format == "csv":
        return [line.split(",") for line in response.content.decode("utf-8-sig").splitlines()]
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def test_every_import_has_a_template():
    assert {model._meta.label for model in IMPORTED} >= {
        "members.City",
        "members.Person",
        "members.BoardSeat",
        "members.Membership",
        "summits.Participation",
    }


@pytest.mark.parametrize("model", IMPORTED, ids=lambda model: model._meta.label)
@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_the_import_screen_links_a_template_with_headers_in_both_languages(
    admin_client, model, file_format
):
    opts = model._meta
    page = admin_client.get(admin_url(f"{opts.app_label}_{opts.model_name}_import"))
    assert page.context["template_urls"][file_format] in page.content.decode()
    headers, english, persian = template_rows(admin_client, model, file_format)
    assert all(header.count(" | ") == 2 for header in headers)
    assert english[0].startswith("# ") and persian[0].startswith("# ")
    assert all(english) and all(persian)


def test_the_membership_template_names_columns_and_lists_the_statuses(admin_client):
    headers, english, persian = template_rows(admin_client, Membership, "xlsx")
    status = headers.index("status | status | وضعیت")
    assert english[status] == "one of: member, associate, observer, suspended, withdrawn"
    assert persian[status] == "یکی از: member, associate, observer, suspended, withdrawn"
    assert english[headers.index("started_on | from | از")] == (
        "a Gregorian date, such as 2018-09-01"
    )


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_a_filled_in_template_imports(admin_client, file_format):
    kashan = CityFactory(slug="kashan")
    opts = Membership._meta
    url = admin_url(f"{opts.app_label}_{opts.model_name}_import_template", file_format)
    if file_format == "csv":
        text = admin_client.get(url).content.decode("utf-8-sig")
        content = (text + "kashan,member,2014-06-01,month,,day\r\n").encode()
        fmt = "0"
    else:
        book = openpyxl.load_workbook(io.BytesIO(admin_client.get(url).content))
        book.active.append(["kashan", "member", "2014-06-01", "month", None, "day"])
        buffer = io.BytesIO()
        book.save(buffer)
        content = buffer.getvalue()
    page = admin_client.get(admin_url(f"{opts.app_label}_{opts.model_name}_import"))
    choices = dict(page.context["form"].fields["format"].choices)
    fmt = next(key for key, label in choices.items() if label == file_format)
    file = io.BytesIO(content)
    file.name = f"filled.{file_format}"
    preview = admin_client.post(
        admin_url(f"{opts.app_label}_{opts.model_name}_import", language="en"),
        {"import_file": file, "format": fmt, "resource": "0"},
    )
    assert "confirm_form" in preview.context, preview.context["result"].invalid_rows
    assert confirm(admin_client, Membership, preview).status_code == 302
    assert kashan.memberships.get().status == "member"
