"""In headless Chromium, a summit's participant and document rows fit the page at the
widths staff use (1280, 1366, 1600 px), "published" and "delete" in view, and a phone
(375 px) loses nothing sideways; the Persian admin is set in the site's Vazirmatn."""

import pytest
from django.conf import settings
from django.test import Client

from tests import factories

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db(transaction=True)]

ROWS_IN_VIEW = """
const width = document.documentElement.clientWidth;
const out = [];
for (const prefix of ["participations", "documents"]) {
  const group = document.getElementById(prefix + "-group");
  if (!group) { out.push(prefix + ": missing"); continue; }
  const box = group.getBoundingClientRect();
  if (box.left < -0.5 || box.right > width + 0.5)
    out.push(prefix + ": " + box.left + "–" + box.right);
  const boxes = group.querySelectorAll(
    '.inline-related:not(.empty-form) input[name$="-DELETE"],' +
    '.inline-related:not(.empty-form) input[name$="-is_published"]');
  if (boxes.length === 0) out.push(prefix + ": no checkbox");
  for (const input of boxes) {
    const r = input.getBoundingClientRect();
    if (!input.offsetParent || r.width === 0 || r.left < 0 || r.right > width)
      out.push(input.name + ": " + r.left + "–" + r.right);
  }
}
return out;
"""


def _signed_in(browser, live_server):
    from django.contrib.auth import get_user_model

    admin = get_user_model().objects.create_superuser("layout", password="Forum-admin-1")
    client = Client()
    client.force_login(admin)
    browser.get(live_server.url + "/fa/admin/login/")
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    browser.add_cookie({"name": settings.SESSION_COOKIE_NAME, "value": session})


def _summit_with_rows():
    summit = factories.SummitFactory(is_published=True)
    for _ in range(3):
        factories.ParticipationFactory(summit=summit, city=factories.CityFactory())
        factories.DocumentFactory(summit=summit)
    return summit


@pytest.mark.parametrize("language", ["fa", "en"])
def test_participant_and_document_rows_fit_the_page_at_ordinary_widths(
    live_server, browser, settings, language
):
    settings.STAFF_2FA_REQUIRED = False
    summit = _summit_with_rows()
    _signed_in(browser, live_server)
    url = f"{live_server.url}/{language}/admin/summits/summit/{summit.pk}/change/"
    try:
        for width in (1280, 1366, 1600):
            browser.execute_cdp_cmd(
                "Emulation.setDeviceMetricsOverride",
                {"width": width, "height": 900, "deviceScaleFactor": 1, "mobile": False},
            )
            browser.get(url)
            assert browser.execute_script("return window.innerWidth;") == width
            assert browser.execute_script(ROWS_IN_VIEW) == [], width
            assert not browser.execute_script(
                "return document.documentElement.scrollWidth > "
                "document.documentElement.clientWidth;"
            ), width
        browser.execute_cdp_cmd(
            "Emulation.setDeviceMetricsOverride",
            {"width": 375, "height": 800, "deviceScaleFactor": 1, "mobile": True},
        )
        browser.get(url)
        assert not browser.execute_script(
            "return document.documentElement.scrollWidth > document.documentElement.clientWidth;"
        )
        if language == "fa":
            font = browser.execute_script("return getComputedStyle(document.body).fontFamily;")
            assert font.startswith('"Vazirmatn"') or font.startswith("Vazirmatn")
    finally:
        browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
