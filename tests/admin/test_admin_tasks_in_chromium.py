"""The secretariat's tasks, played in headless Chromium in the Persian and the English
admin, for every model registered in the admin: add a record with every field filled,
change every field, open its history and revert to the first version, delete it; and
for every inline, add a row, change it and delete it.

Every step checks the database afterwards and the page shown: never a server error,
and on Persian screens no English word (outside proper names and codes) and no Latin
digit (tests/admin/browser.py). The fields are read from the page as rendered, so a
field added to a model is filled too; TASKS says, for each registered model, which
tasks apply and what values its constraints need. A registered model without a task
script fails test_every_registered_model_has_a_task_script.
"""

import datetime
import io
from dataclasses import dataclass, field
from decimal import Decimal

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin
from django_otp.plugins.otp_static.models import StaticDevice

from common.models import Source
from forum.models import ReportedFigure
from members.models import BoardTerm, City, Organisation, Person
from summits.models import BoardSession, Panel, Summit
from tests import factories as f
from tests.admin import browser as b

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db(transaction=True)]

LANGUAGES = ["fa", "en"]
EMPTY = object()  # a field left empty on purpose: the model's rules forbid it with another


def persian(text: str) -> str:
    return text.translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹"))


# Dates as typed: Solar Hijri with Persian digits in Persian, ISO in English.
DATES = {
    ("add", "start"): ("1397/09/08", "2018-11-29", datetime.date(2018, 11, 29)),
    ("add", "end"): ("1397/09/10", "2018-12-01", datetime.date(2018, 12, 1)),
    ("change", "start"): ("1398/01/15", "2019-04-04", datetime.date(2019, 4, 4)),
    ("change", "end"): ("1398/01/17", "2019-04-06", datetime.date(2019, 4, 6)),
}


@dataclass
class Task:
    """What a model's screens let staff do, and the values its rules need."""

    add: bool = True
    change: bool = True
    delete: bool = True
    revert: str | None = None  # a field to change and revert (registry models)
    # name → (add value, change value), typed as shown; EMPTY leaves the field empty.
    values: dict = field(default_factory=dict)
    factory: object = None  # makes a record for the revert, change-only and delete tasks


# A period's end: known on the date typed (add), then past on an unknown date not before
# the bound typed (change). None: the value every date field gets.
PERIOD_VALUES = {
    "end_kind": ("known", "unknown"),
    "ended_on": (None, EMPTY),
    "ended_not_before": (EMPTY, None),
}


def STAFF(world):  # noqa: N802 (a value in TASKS)
    return str(world["staff"].pk)


TASKS = {
    "members.City": Task(
        revert="name_fa",
        factory=lambda w: f.CityFactory(),
        values={
            "latitude": ("35.5", "36.25"),
            "longitude": ("51.4", "52.75"),
            "subdivision": ("IR-10", "IR-04"),
            "population": ("1200000", "1300000"),
        },
    ),
    # Added with a known end; changed to an end on an unknown date, not before a bound.
    "members.Membership": Task(
        revert="status",
        factory=lambda w: f.MembershipFactory(city=w["cities"][2]),
        values=PERIOD_VALUES,
    ),
    "members.Organisation": Task(
        revert="name_fa", factory=lambda w: f.OrganisationFactory(), values={}
    ),
    "members.Person": Task(
        revert="name_fa",
        factory=lambda w: f.PersonFactory(),
        values={"phone": ("+98 21 5555 0101", "+98 21 5555 0202")},
    ),
    "members.Position": Task(
        revert="title_fa",
        factory=lambda w: f.PositionFactory(person=w["people"][2]),
        values=PERIOD_VALUES,
    ),
    "members.BoardTerm": Task(
        revert="name_fa",
        factory=lambda w: f.BoardTermFactory(start_year=2040),
        values={"start_year": ("2030", "2034"), "end_year": ("2032", "2036")},
    ),
    "members.BoardSeat": Task(
        revert="role",
        factory=lambda w: f.BoardSeatFactory(term=w["terms"][1], city=w["cities"][2]),
    ),
    "summits.Summit": Task(revert="title_fa", factory=lambda w: f.SummitFactory()),
    "summits.GeneralAssembly": Task(
        revert="theme_fa",
        factory=lambda w: f.GeneralAssemblyFactory(summit=w["summits"][2], number=60),
        values={"number": ("71", "72")},
    ),
    "summits.BoardSession": Task(
        revert="venue_fa",
        factory=lambda w: f.BoardSessionFactory(number=60),
        # Added as a window of days at an unknown place; a session with no public record
        # has no date, so it is not one of these.
        values={"number": ("71", "72"), "no_public_record": (False, False)},
    ),
    "forum.ReportedFigure": Task(
        revert="note_fa",
        factory=lambda w: ReportedFigure.objects.create(
            reported_on=datetime.date(2030, 1, 1), member_cities=130
        ),
    ),
    "common.Source": Task(
        revert="title",
        factory=lambda w: Source.objects.create(url="https://example.org/report", title="گزارش"),
    ),
    "summits.Panel": Task(revert="title_fa", factory=lambda w: f.PanelFactory()),
    "summits.Talk": Task(revert="title_fa", factory=lambda w: f.TalkFactory(panel=w["panels"][1])),
    "summits.Participation": Task(
        revert="delegates",
        factory=lambda w: f.ParticipationFactory(summit=w["summits"][2], city=w["cities"][2]),
        # One meeting and one party: a summit and a city, not a session and an organisation.
        values={"board_session": (EMPTY, EMPTY), "organisation": (EMPTY, EMPTY)},
    ),
    "summits.Document": Task(
        revert="title_fa", factory=lambda w: f.DocumentFactory(summit=w["summits"][2])
    ),
    # Django's, django-axes', django-otp's and the partner keys' screens.
    "auth.Group": Task(),
    "auth.User": Task(
        values={
            "username": ("task-user", "task-user-renamed"),
            "password1": ("Forum-task-pass-91", None),
            "password2": ("Forum-task-pass-91", None),
            "usable_password": ("true", None),
        }
    ),
    "forum.PartnerKey": Task(),
    "otp_static.StaticDevice": Task(values={"user": (STAFF, STAFF)}),
    # A backup code typed in by hand, as an inline row of the staff member's device.
    "otp_static.StaticToken": Task(values={"token": ("abcd1234", "efgh5678")}),
    "otp_totp.TOTPDevice": Task(
        values={
            "user": (STAFF, STAFF),
            "key": ("3132333435363738393031323334353637383930", "00" * 20),
            "digits": ("6", "8"),
        }
    ),
    # Sign-in records are written by django-axes only: staff read and delete them.
    "axes.AccessAttempt": Task(
        add=False,
        change=False,
        factory=lambda w: AccessAttempt.objects.create(
            username="intruder", ip_address="203.0.113.9", user_agent="curl", failures_since_start=3
        ),
    ),
    "axes.AccessLog": Task(
        add=False,
        change=False,
        factory=lambda w: AccessLog.objects.create(
            username="maryam", ip_address="203.0.113.9", user_agent="curl"
        ),
    ),
    "axes.AccessFailureLog": Task(
        add=False,
        change=False,
        factory=lambda w: AccessFailureLog.objects.create(
            username="intruder", ip_address="203.0.113.9", user_agent="curl"
        ),
    ),
}


def registered():
    return sorted(admin.site._registry.items(), key=lambda item: item[0]._meta.label)


def test_every_registered_model_has_a_task_script():
    missing = [model._meta.label for model, _ in registered() if model._meta.label not in TASKS]
    assert not missing, f"registered in the admin without a task script here: {missing}"


def test_the_scanner_finds_an_english_sentence_and_latin_digits_on_a_persian_screen():
    screen = "ویرایش شهر کاشان — Please correct the error below. تاریخ: 2018/11/29، ۱۲ عضو"
    assert b.english_words(screen) == ["Please", "correct", "the", "error", "below"]
    assert b.latin_digits(screen) == ["2018/11/29"]
    clean = "ویرایش شهر کاشان، IR-10، https://example.org/a-1 ، CSV، ۱۳۹۷/۰۹/۰۸"
    assert b.english_words(clean) == [] and b.latin_digits(clean) == []


# ---------------------------------------------------------------- the world and values


def build_world(tmp_path, staff):
    cities = [
        f.CityFactory(slug=f"t-city-{n}", name_en=name, name_fa=fa, country="IR")
        for n, (name, fa) in enumerate(
            [("Kashan", "کاشان"), ("Yazd", "یزد"), ("Shiraz", "شیراز"), ("Tabriz", "تبریز")]
        )
    ]
    world = {
        "cities": cities,
        "organisations": [f.OrganisationFactory(name_en=n) for n in ("UCLG", "UNESCO", "WHO")],
        "people": [f.PersonFactory(name_en=n) for n in ("Maryam", "Reza", "Sara")],
        "summits": [f.SummitFactory(host_city=cities[0]) for _ in range(4)],
        "sessions": [f.BoardSessionFactory(number=50 + n, city=cities[1]) for n in range(3)],
        "terms": [
            f.BoardTermFactory(start_year=2050 + 4 * n, name_fa=f"دورهٔ {n}") for n in range(3)
        ],
    }
    # Their Persian names too: the Persian form of a record, required, is saved with a row.
    world["panels"] = [
        f.PanelFactory(summit=world["summits"][3], title_fa=f"نشست تخصصی {n}") for n in range(3)
    ]
    world["devices"] = [StaticDevice.objects.create(user=staff, name="کدهای پشتیبان")]
    world["sources"] = [
        Source.objects.create(url=f"https://example.org/source-{n}", title=f"گزارش {n}")
        for n in range(3)
    ]
    world["by_model"] = {
        City: cities,
        Organisation: world["organisations"],
        Person: world["people"],
        Summit: world["summits"],
        BoardSession: world["sessions"],
        BoardTerm: world["terms"],
        Panel: world["panels"],
        StaticDevice: world["devices"],
    }
    world["files"] = {}
    for phase, colour in (("add", (200, 30, 30)), ("change", (30, 30, 200))):
        from PIL import Image

        image = io.BytesIO()
        Image.new("RGB", (8, 8), colour).save(image, "PNG")
        path = tmp_path / f"{phase}-picture.png"
        path.write_bytes(image.getvalue())
        world["files"][phase] = path
    return world


def model_field(model, name):
    try:
        return model._meta.get_field(name)
    except Exception:
        return None


def value_for(model, control, name, phase, language, world, task):
    """(what is typed or chosen, what the database then holds) for one control."""
    index = 0 if phase == "add" else 1
    if name in task.values:
        typed = task.values[name][index]
        if callable(typed):
            typed = typed(world)
        if typed is EMPTY:
            return EMPTY, None
    else:
        typed = None
    db_field = model_field(model, name)
    kind = control["type"]
    if control["autocomplete"]:
        target = world["by_model"][db_field.related_model][index]
        return (str(target.pk), str(target)), target.pk
    if control["multiple"]:
        if not name.endswith("_old"):
            return EMPTY, None  # the chosen box of a two-box picker, filled by moving
        base = name.removesuffix("_old")
        choices = [value for value in control["options"] if value]
        chosen = choices[:2] if phase == "add" else choices[-1:]
        return ("selectfilter", base, chosen), {int(value) for value in chosen}
    if kind == "checkbox":
        checked = typed if isinstance(typed, bool) else phase == "add"
        return checked, checked
    if kind == "file":
        path = world["files"][phase]
        return path, path
    if control["tag"] == "select":
        if name.endswith("_precision"):
            return "day", "day"
        choices = [value for value in control["options"] if value]
        chosen = typed or (choices[0] if phase == "add" else choices[-1])
        if db_field is not None and db_field.is_relation:
            return chosen, int(chosen)
        return chosen, chosen
    if typed is None and name.endswith(("_at_0", "_0")):  # the day of a date and time
        return DATES[(phase, "start")][1], None
    if typed is None and name.endswith(("_at_1", "_1")):  # its time
        return ("10:30:00" if phase == "add" else "11:45:00"), None
    if typed is None:
        is_date = db_field is not None and db_field.get_internal_type() == "DateField"
        if is_date or name.endswith(("_on", "_date", "_at")):
            end = name.startswith("end")
            jalali, iso, day = DATES[(phase, "end" if end else "start")]
            return (persian(jalali) if language == "fa" else iso), day
        if kind == "url":
            typed = f"https://example.org/{phase}-{language}"
        elif kind == "email":
            typed = f"{phase}-{language}@example.org"
        elif kind == "number":
            typed = "7" if phase == "add" else "8"
        elif name == "slug":
            typed = f"task-{phase}-{language}"
        elif name.endswith("_en"):
            typed = f"{phase.title()} text in English"
        else:
            typed = f"متن {'افزوده' if phase == 'add' else 'ویرایش‌شده'}"
    if kind == "number" or (
        db_field is not None
        and db_field.get_internal_type().endswith(("IntegerField", "DecimalField"))
    ):
        return typed, Decimal(typed)
    if db_field is not None and db_field.is_relation:  # a raw id box
        return typed, int(typed)
    return typed, typed


def fill(browser, root, model, phase, language, world, task, prefix="", skip_inlines=True):
    """Fill every control of a form (or of one inline row); what the database must hold."""
    expected = {}
    found = [c for c in b.controls(browser, root, prefix, skip_inlines) if not c["readonly"]]
    assert found, f"no form controls found for {model._meta.label} {prefix}"
    for _pass in range(2):  # twice: a prepopulated slug follows the name typed after it
        for control in found:
            name = control["name"].removeprefix(prefix)
            typed, stored = value_for(model, control, name, phase, language, world, task)
            if typed is EMPTY:
                empty = False if control["type"] == "checkbox" else ""
                b.set_control(browser, root, control, empty)
                continue
            if control["type"] == "file" and _pass:
                continue
            if isinstance(typed, tuple) and typed[0] == "selectfilter":
                b.choose_in_two_boxes(browser, typed[1], typed[2])
                expected[typed[1]] = stored
                continue
            if isinstance(typed, tuple):
                b.set_control(browser, root, control, typed[0], typed[1])
            else:
                b.set_control(browser, root, control, typed)
            expected[name] = stored
    return expected


def normal(value):
    if value is None:
        return ""
    if isinstance(value, bool | datetime.date):
        return value
    if isinstance(value, int | float | Decimal):
        return Decimal(str(value))
    return str(value)


def assert_stored(obj, expected):
    obj.refresh_from_db()
    wrong = {}
    for name, value in expected.items():
        db_field = model_field(type(obj), name)
        if db_field is None:
            continue
        if db_field.many_to_many:
            chosen = set(getattr(obj, name).values_list("pk", flat=True))
            if chosen != value:
                wrong[name] = (chosen, value)
            continue
        actual = getattr(obj, db_field.attname)
        if db_field.get_internal_type() in ("FileField", "ImageField"):
            # Stored under a new random name: the same bytes as the file chosen.
            with actual.open("rb") as stored:
                if stored.read() != value.read_bytes():
                    wrong[name] = (actual.name, value.name)
            continue
        got, want = normal(actual), normal(value)
        if got != want:
            wrong[name] = (got, want)
    assert not wrong, f"{obj._meta.label} stored (got, expected): {wrong}"


def admin_path(model, view, *args, language):
    from tests.admin.forms import admin_url

    opts = model._meta
    return admin_url(f"{opts.app_label}_{opts.model_name}_{view}", *args, language=language)


def saved(screens, step):
    """After a save: no server error, and no error shown on the form."""
    screens.check(step)
    errors = b.error_text(screens.browser)
    assert not errors, f"{step}: the form was refused: {errors}"


def model_form(browser, model):
    return browser.find_element("css selector", f"form#{model._meta.model_name}_form")


# ---------------------------------------------------------------- the tasks


@pytest.fixture
def staff(django_user_model):
    return django_user_model.objects.create_superuser(
        "admin", password="Forum-admin-1", first_name="Maryam"
    )


@pytest.fixture
def play(live_server, browser, staff, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    browser.set_window_size(1366, 900)

    def start(language):
        world = build_world(tmp_path, staff)
        world["staff"] = staff
        b.sign_in(browser, live_server.url, staff)
        # The staff member, the English text the task types, the sign-in attempts' data.
        allowed = {"Maryam", "admin", "Add", "Change", "text", "in", "English"}
        allowed.update({"curl", "intruder", "unknown"})
        for records in world["by_model"].values():
            allowed.update(word for obj in records for word in str(obj).split())
        screens = b.Screens(browser, live_server.url, language, allowed=allowed)
        return screens, world

    return start


def cases(applies):
    params = []
    for model, _ in registered():
        label = model._meta.label
        task = TASKS.get(label)
        if task is None or not applies(task):
            continue
        for language in LANGUAGES:
            params.append(pytest.param(model, language, id=f"{label}-{language}"))
    return params


@pytest.mark.parametrize(("model", "language"), cases(lambda t: t.add))
def test_staff_add_a_record_with_every_field_change_every_field_and_delete_it(
    play, browser, model, language
):
    screens, world = play(language)
    task = TASKS[model._meta.label]
    manager = model._base_manager
    before = set(manager.values_list("pk", flat=True))

    screens.open(admin_path(model, "changelist", language=language))
    screens.open(admin_path(model, "add", language=language))
    added = fill(browser, model_form(browser, model), model, "add", language, world, task)
    b.submit(browser)
    saved(screens, "add: save")
    new = set(manager.values_list("pk", flat=True)) - before
    assert len(new) == 1, f"add saved {len(new)} records"
    obj = manager.get(pk=new.pop())
    assert_stored(obj, added)

    screens.open(admin_path(model, "change", obj.pk, language=language))
    changed = fill(browser, model_form(browser, model), model, "change", language, world, task)
    b.submit(browser)
    saved(screens, "change: save")
    assert_stored(obj, changed)

    screens.open(admin_path(model, "history", obj.pk, language=language))
    if task.revert:
        revert_to_first_version(screens, obj, added)

    screens.open(admin_path(model, "delete", obj.pk, language=language))
    b.submit_delete(browser)
    screens.check("delete: confirm")
    assert not manager.filter(pk=obj.pk).exists()
    screens.assert_persian()


def revert_to_first_version(screens, obj, added):
    """From the history page shown: open the first version, revert; the record holds what
    was added again, as a new version in its history."""
    first = obj.history.order_by("history_date", "history_id").first()
    versions = obj.history.count()
    link = screens.browser.find_element("css selector", f'a[href$="/history/{first.history_id}/"]')
    link.click()
    screens.check("history: the first version")
    b.submit(screens.browser)  # "Revert"
    saved(screens, "history: revert")
    # The list of sources is not in the history: the revert leaves the one last chosen.
    assert_stored(obj, {name: value for name, value in added.items() if name != "sources"})
    latest = obj.history.order_by("-history_date", "-history_id").first()
    assert obj.history.count() == versions + 1 and latest.history_type == "~"


def inline_cases():
    params = []
    for model, model_admin in registered():
        for inline in model_admin.inlines:
            for language in LANGUAGES:
                label = f"{model._meta.label}-{inline.__name__}-{language}"
                params.append(pytest.param(model, inline, language, id=label))
    return params


def row_prefix(browser, group, pk):
    """The prefix of the inline row holding the record `pk` ("memberships-2-")."""
    row = browser.execute_script(
        'return arguments[0].querySelector(\'input[name$="-id"][value="\' + arguments[1] +'
        " '\"]').closest('.inline-related, tr.form-row').id;",
        group,
        str(pk),
    )
    return row + "-"


@pytest.mark.parametrize(("model", "inline", "language"), inline_cases())
def test_staff_add_change_and_delete_an_inline_row(play, browser, model, inline, language):
    from django.forms.models import _get_foreign_key

    screens, world = play(language)
    parent = world["by_model"][model][0]
    child = inline.model
    task = TASKS[child._meta.label]
    fk = _get_foreign_key(model, child, fk_name=inline.fk_name)
    prefix = fk.remote_field.get_accessor_name(model=child).replace("+", "")
    rows = child._base_manager.filter(**{fk.name: parent})
    before = set(rows.values_list("pk", flat=True))
    page = admin_path(model, "change", parent.pk, language=language)

    def group():
        return browser.find_element("css selector", f"#{prefix}-group")

    screens.open(page)
    add = group().find_element("css selector", ".add-row a")
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'});", add)
    add.click()
    row = browser.find_element("css selector", f"#{prefix}-{len(before)}")
    added = fill(
        browser, row, child, "add", language, world, task, f"{prefix}-{len(before)}-", False
    )
    b.submit(browser, "_continue")
    saved(screens, "inline: add a row")
    new = set(rows.values_list("pk", flat=True)) - before
    assert len(new) == 1, f"the added row saved {len(new)} records"
    record = child._base_manager.get(pk=new.pop())
    assert_stored(record, added)

    at = row_prefix(browser, group(), record.pk)
    row = browser.find_element("css selector", f"#{at.rstrip('-')}")
    changed = fill(browser, row, child, "change", language, world, task, at, False)
    b.submit(browser, "_continue")
    saved(screens, "inline: change the row")
    assert_stored(record, changed)

    at = row_prefix(browser, group(), record.pk)
    browser.execute_script(
        "const box = document.querySelector('[name=\"' + arguments[0] + 'DELETE\"]');"
        "box.checked = true; box.dispatchEvent(new Event('change', {bubbles: true}));",
        at,
    )
    b.submit(browser, "_continue")
    saved(screens, "inline: delete the row")
    assert not child._base_manager.filter(pk=record.pk).exists()
    screens.assert_persian()


@pytest.mark.parametrize(("model", "language"), cases(lambda t: not t.add))
def test_staff_open_a_record_they_cannot_add_and_delete_it(play, browser, model, language):
    screens, world = play(language)
    obj = TASKS[model._meta.label].factory(world)
    screens.open(admin_path(model, "changelist", language=language))
    screens.open(admin_path(model, "change", obj.pk, language=language))
    screens.open(admin_path(model, "delete", obj.pk, language=language))
    b.submit_delete(browser)
    screens.check("delete: confirm")
    assert not model._base_manager.filter(pk=obj.pk).exists()
    screens.assert_persian()
