"""The Content-Security-Policy and the other security headers, and headless Chromium
proving that the public pages, the admin and the API docs work under the policy: no
violation, no script error, and their scripts run (tabs, Swagger UI)."""

import json
import secrets

import pytest
from django.contrib.auth import get_user_model
from django.http import HttpResponse
from django.test import Client
from django.urls import path, reverse
from django_otp.plugins.otp_totp.models import TOTPDevice
from selenium.webdriver.support.wait import WebDriverWait

from forum import urls as forum_urls
from tests import factories
from tests.forum.test_browser import PAGES, build_site

POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-hashes' "
    "'sha256-mHgUAqxc8GPXM/QhzkHrHujcrQTU9fd6ZjWz+icxKcA=' "
    "'sha256-+YWRMZ88jMyO7jVlBA52tZADiPobPIUA8LAWee68Fvs=' "
    "'sha256-XMXSevYjgSjXgRafBFDvtjwX+yyWLrxfso9DcNZ9UXM='; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'"
)


def directives(header):
    return {part.split()[0]: part.split()[1:] for part in header.split("; ")}


@pytest.mark.parametrize("path", ["/fa/", "/en/summits/", "/en/admin/login/", "/api/v1/docs/"])
def test_every_kind_of_page_carries_the_policy_and_the_security_headers(client, db, path):
    response = client.get(path)
    assert response.status_code == 200
    assert directives(response["Content-Security-Policy"]) == directives(POLICY)
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


def test_api_docs_have_no_inline_script_and_load_their_start_up_script_from_the_portal(client, db):
    html = client.get("/api/v1/docs/").content.decode()
    assert "<script>" not in html and "<style>" not in html
    script = client.get("/api/v1/docs/?script=")
    assert script.status_code == 200
    assert script["Content-Type"].startswith("application/javascript")
    assert "SwaggerUIBundle" in script.content.decode()


def test_session_and_csrf_cookies_are_http_only(client, django_user_model):
    page = client.get("/en/admin/login/")
    assert page.cookies["csrftoken"]["httponly"]
    django_user_model.objects.create_superuser("admin", password="Forum-admin-1")
    client.post("/en/admin/login/", {"username": "admin", "password": "Forum-admin-1"})
    assert client.cookies["sessionid"]["httponly"]


# In the browser: a script that DevTools adds before any of the page's own (CSP does not
# apply to it) records every policy violation, uncaught error and console error. A
# violation whose element carries data-csp-canary is the checker's own (see problems_on).
RECORDER = """
window.__problems = [];
window.__canaries = [];
document.addEventListener('securitypolicyviolation', e => {
  if (e.target instanceof Element && e.target.hasAttribute('data-csp-canary')) {
    window.__canaries.push(e.target.getAttribute('data-csp-canary'));
    return;
  }
  window.__problems.push('CSP ' + e.violatedDirective + ' blocked ' + (e.blockedURI || 'inline') +
    ' at ' + e.sourceFile + ':' + e.lineNumber);
});
window.addEventListener('error', e => window.__problems.push(
  'error ' + (e.message || (e.target && (e.target.src || e.target.href)))), true);
const consoleError = console.error;
console.error = (...args) => {
  window.__problems.push('console ' + args.join(' '));
  consoleError(...args);
};
"""


@pytest.fixture
def recorder(browser):
    added = browser.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": RECORDER})
    yield
    browser.execute_cdp_cmd(
        "Page.removeScriptToEvaluateOnNewDocument", {"identifier": added["identifier"]}
    )


# After the page, its images and its fonts have loaded, the checker breaks the policy once
# itself, with an inline script: violations are reported in the order they happen, so once
# that report has arrived every earlier one has too. No fixed wait.
PROVOKE = """
const [token, done] = arguments;
const loaded = document.readyState === 'complete' ? Promise.resolve()
  : new Promise(resolve => window.addEventListener('load', resolve, {once: true}));
loaded.then(() => document.fonts.ready).then(() => {
  const script = document.createElement('script');
  script.setAttribute('data-csp-canary', token);
  script.textContent = 'window.__canaryRan = true;';
  document.head.appendChild(script);
  done();
});
"""


def problems_on(browser, url, ready=None):
    """Every violation and error on the page at `url`, once the element `ready` is shown."""
    browser.get(url)
    wait = WebDriverWait(browser, 20, poll_frequency=0.05)
    if ready:
        wait.until(
            lambda driver: driver.find_elements("css selector", ready),
            f"{url}: {ready} never appeared",
        )
    if not browser.execute_script(
        "return Array.isArray(window.__problems) && Array.isArray(window.__canaries);"
    ):
        pytest.fail(f"{url}: the violation recorder is not in the page, so it checked nothing")
    token = secrets.token_hex(8)
    browser.execute_async_script(PROVOKE, token)
    wait.until(
        lambda driver: driver.execute_script(
            "return window.__canaries.includes(arguments[0]);", token
        ),
        f"{url}: the recorder never saw the checker's own violation of the policy",
    )
    assert not browser.execute_script("return window.__canaryRan === true;"), (
        f"{url}: an inline script ran: the policy is not enforced"
    )
    return browser.execute_script("return window.__problems;")


def violating_page(request):
    """A page that breaks the policy twice: an inline script and an inline event handler
    (one that runs by itself: Chromium checks a handler when it is first called)."""
    return HttpResponse(
        '<!DOCTYPE html><html lang="en"><head><title>Breaks the policy</title>'
        "<script>window.inlineScriptRan = true;</script></head>"
        '<body onload="window.inlineHandlerRan = true"><p>Breaks the policy</p></body></html>'
    )


# The portal's URLs and the test's deliberately violating page, served with the policy.
urlpatterns = [path("csp-violating-page/", violating_page), *forum_urls.urlpatterns]


@pytest.fixture
def policy_checker(browser, recorder, settings, live_server):
    """problems_on, after proving that the recorder reports a page that breaks the policy."""
    settings.ROOT_URLCONF = __name__
    problems = problems_on(browser, live_server.url + "/csp-violating-page/")
    assert [problem.split(" at ")[0] for problem in problems] == [
        "CSP script-src-elem blocked inline",
        "CSP script-src-attr blocked inline",
    ], problems
    return problems_on


@pytest.mark.browser
@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_a_page_checked_without_the_recorder_fails_instead_of_passing(live_server, browser):
    with pytest.raises(pytest.fail.Exception, match="recorder is not in the page"):
        problems_on(browser, live_server.url + "/robots.txt")


@pytest.mark.browser
@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_pages_admin_and_api_docs_work_under_the_policy_in_chromium(
    live_server, browser, policy_checker, settings
):
    settings.STAFF_2FA_REQUIRED = True
    build_site()
    city = factories.CityFactory(slug="tabbed", name_en="Tabriz", name_fa="تبریز")
    summit = factories.SummitFactory(slug="with-inlines")
    factories.PanelFactory(summit=summit)
    admin_user = get_user_model().objects.create_superuser("admin", password="Forum-admin-1")
    device = TOTPDevice.objects.create(user=admin_user, name="phone", confirmed=True)
    staff = Client()
    staff.force_login(admin_user)
    browser.get(live_server.url + "/robots.txt")
    browser.delete_all_cookies()
    browser.add_cookie({"name": "sessionid", "value": staff.cookies["sessionid"].value})

    found, checked = {}, []

    def check(path, ready=None):
        checked.append(path)
        problems = policy_checker(browser, live_server.url + path, ready)
        if problems:
            found[path] = problems

    for template in PAGES.values():
        for language in ("fa", "en"):
            check(template.format(lang=language))
    check("/api/v1/docs/", ready=".swagger-ui .info .title")  # drawn by Swagger UI's script

    # The second step of the sign-in, as staff see it before the admin opens.
    check("/en/admin/two-factor/")
    device.delete()
    check("/fa/admin/two-factor/enrol/", ready=".qr-code svg")
    session = browser.get_cookie("sessionid")["value"]
    from django.contrib.sessions.backends.db import SessionStore
    from django_otp import DEVICE_ID_SESSION_KEY

    device = TOTPDevice.objects.create(user=admin_user, name="phone", confirmed=True)
    store = SessionStore(session_key=session)
    store[DEVICE_ID_SESSION_KEY] = device.persistent_id
    store.save()

    for language in ("fa", "en"):
        check(f"/{language}/admin/", ready="#content-main")
        # modeltranslation's Persian/English tabs are drawn by jQuery UI.
        check(
            reverse("admin:members_city_change", args=[city.pk]).replace("/fa/", f"/{language}/"),
            ready=".ui-tabs-nav",
        )
    for name, args in (
        ("admin:members_city_changelist", []),
        ("admin:members_city_add", []),
        ("admin:summits_summit_change", [summit.pk]),
        ("admin:members_city_history", [city.pk]),
        ("admin:members_city_import", []),
        ("admin:members_city_export", []),
        ("admin:otp_totp_totpdevice_changelist", []),
        ("admin:password_change", []),
    ):
        check(reverse(name, args=args), ready="#content")
    print(f"\nChecked {len(checked)} pages under the CSP in Chromium: {len(found)} with problems")
    assert found == {}, json.dumps(found, ensure_ascii=False, indent=1)


@pytest.mark.browser
@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_the_select_all_toggle_of_an_export_page_works_under_the_policy_in_chromium(
    live_server, browser, policy_checker
):
    factories.CityFactory()
    admin_user = get_user_model().objects.create_superuser("admin", password="Forum-admin-1")
    staff = Client()
    staff.force_login(admin_user)
    browser.get(live_server.url + "/robots.txt")
    browser.delete_all_cookies()
    browser.add_cookie({"name": "sessionid", "value": staff.cookies["sessionid"].value})
    url = live_server.url + reverse("admin:members_city_export")
    problems = policy_checker(browser, url, ready="input.select-toggle")

    def fields_checked():
        return [
            box.is_selected()
            for box in browser.find_elements(
                "css selector",
                '.selectable-field-export-row input[type="checkbox"]:not(.select-toggle)',
            )
        ]

    toggle = browser.find_element("css selector", "input.select-toggle")
    assert len(fields_checked()) >= 5 and all(fields_checked())
    toggle.click()
    assert not toggle.is_selected() and not any(fields_checked())
    browser.find_element("css selector", "label[for=select-all-toggle]").click()
    assert toggle.is_selected() and all(fields_checked())
    assert problems == []
