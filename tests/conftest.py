import pytest
from django.core.management import call_command


@pytest.fixture
def demo_data(db):
    """The forum's real history, as `make run` loads it."""
    call_command("load_demo", verbosity=0)


# The browser quality tests: headless Debian Chromium driven by Selenium through
# Debian's chromedriver, axe-core and the Nu HTML Checker from node_modules.
# One browser for the whole session keeps them fast.

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"


@pytest.fixture(scope="session")
def node_modules():
    """The npm tools (axe-core, vnu-jar), installed from package-lock.json when missing."""
    import shutil
    import subprocess

    from django.conf import settings

    folder = settings.BASE_DIR / "node_modules"
    wanted = [folder / "axe-core" / "axe.min.js", folder / "vnu-jar" / "build" / "dist" / "vnu.jar"]
    if not all(path.exists() for path in wanted):
        if not shutil.which("npm"):
            pytest.fail("npm is needed for the browser tests (Debian: apt-get install npm)")
        subprocess.run(
            ["npm", "ci", "--ignore-scripts", "--no-audit", "--no-fund"],
            cwd=settings.BASE_DIR,
            check=True,
        )
    return folder


@pytest.fixture(scope="session")
def browser(tmp_path_factory):
    """Headless Chromium for the session."""
    from django.db import connections

    # The live server answers a browser's keep-alive connections on threads that
    # outlive a test; with persistent database connections they would keep the
    # test database open and stop its teardown.
    connections.settings["default"]["CONN_MAX_AGE"] = 0

    import os

    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    for path in (CHROMIUM, CHROMEDRIVER):
        if not os.path.exists(path):
            pytest.fail(f"{path} is missing: apt-get install chromium chromium-driver")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--hide-scrollbars",
        "--window-size=1280,900",
        f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}",
    ):
        options.add_argument(argument)
    driver = webdriver.Chrome(options=options, service=Service(executable_path=CHROMEDRIVER))
    driver.set_script_timeout(60)
    driver.set_page_load_timeout(60)
    yield driver
    driver.quit()
