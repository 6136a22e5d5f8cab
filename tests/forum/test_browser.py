"""Every page type, in Persian and English, in headless Chromium: axe-core finds
no serious or critical accessibility violation, the Nu HTML Checker finds no
error, and a 375px-wide phone screen needs no horizontal scrolling.

The measured results are printed (run with -s to read them)."""

import datetime
import json
import os
import subprocess
import urllib.error
import urllib.request

import pytest
from django.conf import settings

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
    factories.MembershipFactory(
        city=kashan, started_on=datetime.date(2015, 3, 21), started_precision="jalali_year"
    )
    factories.MembershipFactory(city=host)
    summit = factories.SummitFactory(
        slug="5th-ga", title_en="5th General Assembly", title_fa="پنجمین مجمع عمومی",
        slogan_en="Resilient, Livable and Smart Asian Cities",
        slogan_fa="شهرهای آسیایی تاب‌آور، زیست‌پذیر و هوشمند",
        host_city=host, venue_en="Gaziantep Congress Centre", venue_fa="مرکز همایش‌های غازی‌آنتپ",
        source_url="https://example.org/source",
    )  # fmt: skip
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


def vnu_errors(node_modules, files):
    jar = node_modules / "vnu-jar" / "build" / "dist" / "vnu.jar"
    run = subprocess.run(
        ["java", "-jar", str(jar), "--errors-only", "--format", "json", *map(str, files)],
        capture_output=True,
        text=True,
    )
    messages = json.loads(run.stderr or run.stdout or '{"messages": []}')["messages"]
    errors = {}
    for message in messages:
        if message.get("type") == "error":
            name = os.path.basename(message["url"].removeprefix("file:"))
            errors.setdefault(name, []).append(message["message"])
    return errors


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
    axe_source = (node_modules / "axe-core" / "axe.min.js").read_text()
    results, files = {}, []
    for kind, template in PAGES.items():
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
