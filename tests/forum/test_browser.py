"""Every page type, in Persian and English, in headless Chromium: axe-core finds
no serious or critical accessibility violation, the Nu HTML Checker finds no
error, and a 375px-wide phone screen needs no horizontal scrolling.

The measured results are printed (run with -s to read them)."""

import datetime
import json
import os
import pathlib
import subprocess
import tempfile
import urllib.error
import urllib.parse
import urllib.request

import pytest
from django.conf import settings

from common.models import Source
from forum.models import ReportedFigure
from summits.models import Participation
from tests import factories

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 375, "height": 800, "deviceScaleFactor": 1, "mobile": True}
SCREENSHOTS = settings.BASE_DIR / "docs" / "screenshots"


def build_site():
    """A small registry with every kind of record, so every block of every page shows."""
    host = factories.CityFactory(
        slug="gaziantep", name_en="Gaziantep", name_fa="غازی‌آنتپ", country="TR",
        latitude=37.06, longitude=37.38, website="https://www.gaziantep.bel.tr/",
    )  # fmt: skip
    kashan = factories.CityFactory(slug="kashan", name_en="Kashan", name_fa="کاشان")
    source = Source.objects.create(url="https://example.org/reported")
    for day, precision, cities, qualifier in (
        (datetime.date(2014, 11, 1), "month", 67, "exact"),
        (datetime.date(2018, 1, 1), "year", 80, "at_least"),
        (datetime.date(2025, 8, 1), "month", 120, "nearly"),
    ):
        figure = ReportedFigure.objects.create(
            reported_on=day, reported_precision=precision, member_cities=cities,
            qualifier=qualifier, countries=39 if cities == 120 else None,
            certainty="single_source",
        )  # fmt: skip
        figure.sources.set([source])
    factories.MembershipFactory(
        city=kashan, started_on=datetime.date(2015, 3, 21), started_precision="jalali_year"
    )
    factories.MembershipFactory(city=host)
    summit = factories.SummitFactory(
        slug="5th-ga", title_en="5th General Assembly", title_fa="پنجمین مجمع عمومی",
        slogan_en="Resilient, Livable and Smart Asian Cities",
        slogan_fa="شهرهای آسیایی تاب‌آور، زیست‌پذیر و هوشمند",
        host_city=host, venue_en="Gaziantep Congress Centre", venue_fa="مرکز همایش‌های غازی‌آنتپ",
    )  # fmt: skip
    summit.sources.add(Source.objects.create(url="https://example.org/source", title="A report"))
    factories.GeneralAssemblyFactory(summit=summit, number=5)
    factories.BoardSessionFactory(number=6, summit=summit, city=host)
    factories.ParticipationFactory(summit=summit, city=host, role=Participation.Role.HOST)
    factories.ParticipationFactory(summit=summit, city=kashan, delegates=3)
    factories.ParticipationFactory(
        summit=summit, city=None, organisation=factories.OrganisationFactory()
    )
    for order, (english, persian) in enumerate(
        [("Mobility", "حمل‌ونقل"), ("Smart city", "شهر هوشمند"), ("Resilience", "تاب‌آوری")]
    ):
        panel = factories.PanelFactory(
            summit=summit, title_en=english, title_fa=persian, order=order
        )
        factories.TalkFactory(panel=panel, city=kashan, title_en="A talk")
    factories.DocumentFactory(
        summit=summit, title_en="Gaziantep Declaration", title_fa="بیانیهٔ غازی‌آنتپ"
    )
    factories.BoardSeatFactory(
        city=host, term__name_en="2018–2020", term__name_fa="۱۳۹۷–۱۳۹۹", role="president"
    )
    factories.PositionFactory(
        city=kashan, person__name_en="Mayor of Kashan", person__name_fa="شهردار کاشان"
    )
    factories.SummitFactory(
        slug="next", title_en="Next summit", title_fa="اجلاس آینده", host_city=kashan,
        start_date=datetime.date.today() + datetime.timedelta(days=90), end_date=None,
    )  # fmt: skip


PAGES = {
    "home": "/{lang}/",
    "directory": "/{lang}/members/",
    "city": "/{lang}/members/kashan/",
    "summits": "/{lang}/summits/",
    "summit": "/{lang}/summits/5th-ga/",
    "board": "/{lang}/board/",
    "search": "/{lang}/search/?q=%D9%83%D8%A7%D8%B4%D8%A7%D9%86",  # كاشان with an Arabic kaf
    "statistics": "/{lang}/statistics/",
    "not found": "/{lang}/summits/no-such-summit/",
}


def axe_violations(browser, axe_source):
    browser.execute_script(axe_source)
    result = browser.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document).then(r => done(r.violations)).catch(e => done({error: String(e)}));"
    )
    assert "error" not in result, result
    return [v for v in result if v["impact"] in ("serious", "critical")]


def overflows(browser):
    return browser.execute_script(
        "return document.documentElement.scrollWidth > document.documentElement.clientWidth;"
    )


# Added to every run of the Nu checker: a page with a stray end tag, which the run must
# report, so that a run that checked nothing cannot pass.
DELIBERATELY_INVALID = (
    '<!DOCTYPE html><html lang="en"><head><title>Invalid</title></head>'
    "<body><ul><li>One</li></li></ul></body></html>"
)
STRAY_END_TAG = "No “li” element in scope but a “li” end tag seen."


def vnu_errors(node_modules, files):
    """The Nu checker's errors in each of `files`, by file name (a name with none is absent).

    The run fails unless the checker checked every file it was given, reported nothing it
    could not check, and reported the deliberately invalid page that each run includes."""
    jar = node_modules / "vnu-jar" / "build" / "dist" / "vnu.jar"
    files = [pathlib.Path(file).resolve() for file in files]
    with tempfile.TemporaryDirectory(prefix="nu-") as folder:
        invalid = pathlib.Path(folder) / "deliberately-invalid.html"
        invalid.write_text(DELIBERATELY_INVALID, encoding="utf-8")
        given = [*files, invalid]
        # --verbose names each file checked on standard output; the report is on standard error.
        run = subprocess.run(
            ["java", "-jar", str(jar), "--verbose", "--format", "json", *map(str, given)],
            capture_output=True,
            text=True,
        )
    assert run.returncode == 1, (
        f"the Nu checker exited {run.returncode}, not 1 (errors found): {run.stderr[-2000:]}"
    )
    try:
        messages = json.loads(run.stderr)["messages"]
    except (ValueError, KeyError) as error:
        pytest.fail(f"the Nu checker's report is not its JSON ({error}): {run.stderr[-2000:]!r}")
    checked = {pathlib.Path(line.strip()) for line in run.stdout.splitlines() if line.strip()}
    unchecked = [str(path) for path in given if path not in checked]
    assert not unchecked, (
        f"the Nu checker checked {len(checked)} of {len(given)} files: {unchecked}"
    )
    errors, not_checked = {}, []
    for message in messages:
        path = pathlib.Path(
            urllib.parse.unquote(urllib.parse.urlparse(message.get("url", "")).path)
        )
        if message.get("type") == "non-document-error" or (
            message.get("type") == "info" and "lastLine" not in message
        ):
            not_checked.append(f"{path.name}: {message.get('message')}")
        elif message.get("type") == "error":
            errors.setdefault(path, []).append(message["message"])
    assert not not_checked, f"the Nu checker could not check: {not_checked}"
    assert STRAY_END_TAG in errors.pop(invalid, []), (
        f"the Nu checker did not report the deliberately invalid page: {run.stderr[-2000:]}"
    )
    unknown = [str(path) for path in errors if path not in files]
    assert not unknown, f"the Nu checker reported files it was not given: {unknown}"
    return {path.name: found for path, found in errors.items()}


def fetch(url):
    try:
        with urllib.request.urlopen(url) as response:  # noqa: S310 (the live test server)
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def test_every_page_type_passes_axe_and_the_nu_checker_and_fits_a_phone(
    live_server, browser, node_modules, tmp_path
):
    build_site()
    check_pages(PAGES, live_server, browser, node_modules, tmp_path)


def test_the_statistics_page_passes_axe_and_the_nu_checker_and_fits_a_phone(
    live_server, browser, node_modules, tmp_path
):
    """The newest page by itself (`-k statistics`); the test above checks it with the rest."""
    build_site()
    check_pages({"statistics": PAGES["statistics"]}, live_server, browser, node_modules, tmp_path)


def check_pages(pages, live_server, browser, node_modules, tmp_path):
    axe_source = (node_modules / "axe-core" / "axe.min.js").read_text()
    results, files = {}, []
    for kind, template in pages.items():
        for language in ("fa", "en"):
            name = f"{kind} ({language})"
            url = live_server.url + template.format(lang=language)
            status, body = fetch(url)
            assert status == (404 if kind == "not found" else 200), name
            html_file = tmp_path / f"{kind.replace(' ', '-')}-{language}.html"
            html_file.write_bytes(body)
            files.append(html_file)
            browser.get(url)
            assert browser.find_element("css selector", "html").get_attribute("dir") == (
                "rtl" if language == "fa" else "ltr"
            )
            serious = axe_violations(browser, axe_source)
            browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", PHONE)
            browser.get(url)
            assert browser.execute_script("return window.innerWidth;") == PHONE["width"]
            too_wide = overflows(browser)
            browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
            results[name] = {
                "file": html_file.name,
                "axe": [f"{v['id']} ({v['impact']}): {len(v['nodes'])} nodes" for v in serious],
                "overflow_at_375px": too_wide,
            }
    errors = vnu_errors(node_modules, files)
    for result in results.values():
        result["nu_errors"] = errors.get(result.pop("file"), [])
    print("\nPage quality (axe serious/critical, Nu errors, overflow at 375px):")
    for name, result in results.items():
        print(f"  {name}: axe {len(result['axe'])}, Nu {len(result['nu_errors'])}, "
              f"overflow {result['overflow_at_375px']}")  # fmt: skip
    failing = {
        name: result
        for name, result in results.items()
        if result["axe"] or result["nu_errors"] or result["overflow_at_375px"]
    }
    assert failing == {}, json.dumps(failing, ensure_ascii=False, indent=1)


def test_the_nu_checker_reports_a_valid_page_clean_and_an_invalid_one_with_its_error(
    node_modules, tmp_path
):
    valid = tmp_path / "valid.html"
    valid.write_text(
        '<!DOCTYPE html><html lang="fa" dir="rtl"><head><title>درست</title></head>'
        "<body><p>درست</p></body></html>",
        encoding="utf-8",
    )
    invalid = tmp_path / "invalid.html"
    invalid.write_text(DELIBERATELY_INVALID.replace("Invalid", "Also invalid"), encoding="utf-8")
    assert vnu_errors(node_modules, [valid]) == {}
    assert vnu_errors(node_modules, [valid, invalid]) == {"invalid.html": [STRAY_END_TAG]}


def test_a_nu_checker_run_that_could_not_check_a_file_fails(node_modules, tmp_path):
    valid = tmp_path / "valid.html"
    valid.write_text(
        '<!DOCTYPE html><html lang="en"><head><title>Valid</title></head><body></body></html>',
        encoding="utf-8",
    )
    with pytest.raises(AssertionError, match="checked 2 of 3 files"):
        vnu_errors(node_modules, [tmp_path / "missing.html", valid])


def test_the_search_page_for_an_ordinary_query_on_the_demo_data_passes_the_nu_checker(
    live_server, demo_data, node_modules, tmp_path
):
    """`tehran` finds cities, summits, people and documents: every kind of result list."""
    files = []
    for language in ("fa", "en"):
        status, body = fetch(f"{live_server.url}/{language}/search/?q=tehran")
        assert status == 200
        html = body.decode()
        for kind in ("cities", "summits", "documents"):
            assert f'id="results-{kind}"' in html, (language, kind)
        files.append(tmp_path / f"search-tehran-{language}.html")
        files[-1].write_bytes(body)
    assert vnu_errors(node_modules, files) == {}


def test_search_box_and_language_switch_work_in_the_browser(live_server, browser):
    factories.CityFactory(slug="kashan", name_en="Kashan", name_fa="کاشان")
    browser.get(live_server.url + "/fa/")
    box = browser.find_element("id", "site-search-q")
    box.send_keys("كاشان")  # Arabic kaf, as many keyboards type it
    box.submit()
    link = browser.find_element("css selector", ".results a")
    assert link.text == "کاشان"
    link.click()
    assert browser.current_url == live_server.url + "/fa/members/kashan/"
    browser.find_element("css selector", ".language-switch a").click()
    assert browser.current_url == live_server.url + "/en/members/kashan/"
    assert browser.find_element("tag name", "h1").text == "Kashan"


def test_screenshots_of_home_and_the_gaziantep_summit_in_both_languages(
    live_server, browser, demo_data, tmp_path
):
    """Writes docs/screenshots/ when UPDATE_SCREENSHOTS=1; otherwise only proves they render."""
    folder = SCREENSHOTS if os.environ.get("UPDATE_SCREENSHOTS") else tmp_path
    folder.mkdir(parents=True, exist_ok=True)
    pages = {"home": "/{lang}/", "summit": "/{lang}/summits/5th-general-assembly-gaziantep-2018/"}
    for language in ("fa", "en"):
        for name, path in pages.items():
            browser.get(live_server.url + path.format(lang=language))
            browser.execute_async_script(
                "const done = arguments[arguments.length - 1];"
                "document.fonts.ready.then(() => done());"
            )
            assert not overflows(browser)
            target = folder / f"{name}-{language}.png"
            browser.save_screenshot(str(target))
            assert target.stat().st_size > 10_000


def test_error_pages_pass_axe_and_the_nu_checker(browser, node_modules, tmp_path):
    """The 500 and 503 pages, rendered as their handlers render them (no request, no database)."""
    from django.template import loader
    from django.utils import translation

    axe_source = (node_modules / "axe-core" / "axe.min.js").read_text()
    files, serious = [], {}
    for language in ("fa", "en"):
        with translation.override(language):
            pages = {
                "500": loader.render_to_string("500.html"),
                "503": loader.render_to_string("503.html", {"message": "…"}),
            }
        for kind, html in pages.items():
            html_file = tmp_path / f"error-{kind}-{language}.html"
            html_file.write_text(html, encoding="utf-8")
            files.append(html_file)
            browser.get(html_file.as_uri())
            serious[html_file.name] = axe_violations(browser, axe_source)
    assert vnu_errors(node_modules, files) == {}
    assert {name: v for name, v in serious.items() if v} == {}
