"""A real headless Chromium driven by Selenium through Debian's chromedriver: no browser is ever downloaded.

Without Chromium the browser tests are skipped with the reason; with ``PATTI_REQUIRE_BROWSER=1`` (CI) they fail
instead, so a missing browser can never pass for a tested page.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from selenium import webdriver
from selenium.common.exceptions import StaleElementReferenceException, WebDriverException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.remote.webelement import WebElement

CHROMIUM = os.environ.get("PATTI_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = os.environ.get("PATTI_CHROMEDRIVER") or shutil.which("chromedriver") or "/usr/bin/chromedriver"
# Chromium reaches for Google's services at start; this machine's network refuses them, so turn them off.
FLAGS = (
    "--headless=new",
    "--no-sandbox",  # CI runs as root, where Chromium's sandbox cannot start
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--window-size=1400,1000",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--lang=it-IT",
)


def require_browser() -> None:
    """Skip (or, under ``PATTI_REQUIRE_BROWSER``, fail) when Chromium or its driver is missing."""
    missing = [path for path in (CHROMIUM, CHROMEDRIVER) if not Path(path).is_file()]
    if not missing:
        return
    reason = f"no browser for the web page tests: {', '.join(missing)} missing (apt install chromium chromium-driver)"
    if os.environ.get("PATTI_REQUIRE_BROWSER") == "1":
        pytest.fail(reason)
    pytest.skip(reason)


def start_chromium(downloads: Path, profile: Path) -> webdriver.Chrome:
    """A fresh headless Chromium with its own profile, saving downloads into ``downloads``."""
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={profile}")
    options.add_experimental_option(
        "prefs", {"download.default_directory": str(downloads), "download.prompt_for_download": False}
    )
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.execute_cdp_cmd("Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)})
    driver.set_page_load_timeout(60)
    return driver


def screenshot_dir() -> Path:
    """Where the tests leave a screenshot of each page: ``PATTI_SCREENSHOTS`` or ``test-output/screenshots``."""
    root = Path(__file__).resolve().parents[3]
    folder = Path(os.environ.get("PATTI_SCREENSHOTS") or root / "test-output" / "screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def replaced(element: WebElement) -> Callable[[WebDriver], bool]:
    """A wait condition: ``element``'s page has gone (a reload or a new page). Chromium may answer a question
    about a node of the page being torn down with "Node … does not belong to the document" rather than a stale
    reference; either says the element is gone."""

    def check(_driver: WebDriver) -> bool:
        try:
            element.is_enabled()
        except StaleElementReferenceException:
            return True
        except WebDriverException as exc:
            if "does not belong to the document" in str(exc):
                return True
            raise
        return False

    return check
