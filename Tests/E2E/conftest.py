"""Fixtures of the browser end-to-end tests: one `bms` server with the demo data on a free port and a
temporary data directory, and headless Chromium driven through Debian's chromedriver.

The binary is not built here: it comes from BMS_BIN (default .build/debug/bms), so these tests prove
the binary that the Swift build produced. BMS_E2E_ASSETS=Assets makes it serve templates, CSS and JS
from that folder instead (`bms serve --assets`), to try page changes without rebuilding.
"""

import contextlib
import os
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = Path(__file__).resolve().parent / "screenshots"
WIDTHS = {"phone": 375, "desktop": 1280}


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_for_health(url: str, process: subprocess.Popen, log: Path, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"bms exited with {process.returncode}:\n{log.read_text()}")
        try:
            with urllib.request.urlopen(url + "/health", timeout=1) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"bms did not answer /health within {timeout} s:\n{log.read_text()}")


@contextlib.contextmanager
def _running_server(**settings: str):
    """A `bms serve` with the demo data on a free port, configured by `settings` (environment variables)
    beyond the test defaults; stopped (SIGTERM) on exit."""
    binary = Path(os.environ.get("BMS_BIN", ".build/debug/bms"))
    if not binary.is_absolute():
        binary = ROOT / binary
    if not os.access(binary, os.X_OK):
        pytest.exit(f"no bms binary at {binary}: build it first or set BMS_BIN", returncode=2)
    workdir = Path(tempfile.mkdtemp(prefix="bms-e2e-"))
    data = workdir / "data"
    port = _free_port()
    environment = {
        **os.environ,
        "BCRYPT_COST": "4",
        "RATE_LIMIT_PER_MIN": "0",
        "BMS_HOST": "127.0.0.1",
        "BMS_PORT": str(port),
        "LOG_LEVEL": "info",
        # Tests run offline and must send nothing past this machine: the maps ask a port nobody listens
        # on for their tiles, which is also how a page must behave when tiles cannot load.
        "MAP_TILE_URL": f"http://127.0.0.1:{_free_port()}/tiles/{{z}}/{{x}}/{{y}}.png",
        **settings,
    }
    log = workdir / "server.log"
    # In the temporary folder, so that a coverage build's profile files do not land in the source tree.
    subprocess.run([str(binary), "seed", "--data", str(data)], env=environment, cwd=workdir, check=True, capture_output=True)
    with open(log, "w") as output:
        command = [str(binary), "serve", "--data", str(data)]
        if os.environ.get("BMS_E2E_ASSETS"):
            command += ["--assets", str((ROOT / os.environ["BMS_E2E_ASSETS"]).resolve())]
        process = subprocess.Popen(command, env=environment, cwd=workdir, stdout=output, stderr=output)
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_for_health(url, process, log)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        shutil.rmtree(workdir, ignore_errors=True)


@pytest.fixture(scope="session")
def server():
    """The base URL of a running `bms serve` with the demo data."""
    with _running_server() as url:
        yield url


@pytest.fixture(scope="session")
def short_hold_server():
    """Another server whose unpaid bookings hold their beds for one minute (BOOKING_HOLD_MINUTES=1), the
    shortest a hold can be, so that a test can see a bed come free again."""
    with _running_server(BOOKING_HOLD_MINUTES="1") as url:
        yield url


def _chromium(width: int, javascript: bool = True):
    """Debian's Chromium, headless, through Debian's chromedriver."""
    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", f"--window-size={width},900"):
        options.add_argument(argument)
    # The browser's console, for the tests that check a page ran its scripts without errors.
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    if not javascript:
        options.add_experimental_option("prefs", {"profile.managed_default_content_settings.javascript": 2})
    driver = webdriver.Chrome(service=Service(shutil.which("chromedriver") or "/usr/bin/chromedriver"), options=options)
    driver.implicitly_wait(2)
    return driver


@pytest.fixture(scope="session")
def browser():
    """Headless Chromium; one for the session (tests clear its cookies as they need)."""
    driver = _chromium(WIDTHS["desktop"])
    try:
        yield driver
    finally:
        driver.quit()


@pytest.fixture
def fresh_browser(browser, server):
    """The browser with no cookies of the site and a desktop-sized window."""
    browser.get(server + "/health")
    browser.delete_all_cookies()
    set_width(browser, WIDTHS["desktop"])
    return browser


def set_width(driver, width: int) -> None:
    """Makes the page's layout viewport `width` CSS pixels wide (the window's chrome aside)."""
    driver.set_window_size(width, 900)
    inner = driver.execute_script("return window.innerWidth")
    if inner != width:
        driver.set_window_size(width + (width - inner), 900)


def screenshot(driver, name: str) -> None:
    """A full-height screenshot of the current page into Tests/E2E/screenshots/ (not committed)."""
    SCREENSHOTS.mkdir(exist_ok=True)
    height = driver.execute_script("return Math.max(document.body.scrollHeight, 600)")
    width = driver.execute_script("return window.innerWidth")
    driver.set_window_size(driver.get_window_size()["width"], min(height + 150, 6000))
    driver.save_screenshot(str(SCREENSHOTS / f"{name}.png"))
    set_width(driver, width)


@pytest.fixture(scope="session")
def browser_without_javascript():
    """Headless Chromium at phone width with JavaScript switched off: every page must still work."""
    driver = _chromium(WIDTHS["phone"], javascript=False)
    try:
        yield driver
    finally:
        driver.quit()
