"""Fixtures for the browser tests: real Chromium (Debian's package) driven by Playwright's sync API.

Playwright cannot download its own browsers here, so the tests use the system Chromium and skip, saying
why, when it is not installed. Playwright's sync API runs an asyncio event loop in the test thread;
Django's ORM refuses to run inside one unless DJANGO_ALLOW_ASYNC_UNSAFE is set.
"""

import os
import shutil

import pytest

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium_path() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="session")
def browser():
    executable = chromium_path()
    if executable is None:
        pytest.skip("Chromium is not installed (Debian package `chromium`); the browser tests need it.")
    sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright for Python is not installed.")
    playwright = sync_api.sync_playwright().start()
    try:
        browser = playwright.chromium.launch(executable_path=executable, headless=True, args=CHROMIUM_ARGS)
    except Exception:
        playwright.stop()
        raise
    yield browser
    browser.close()
    playwright.stop()


@pytest.fixture
def new_context(browser):
    """A factory for isolated browser contexts (own cookies, so own sessions); all closed after the test."""
    contexts = []

    def make():
        context = browser.new_context(locale="nb-NO", viewport={"width": 1280, "height": 900})
        context.set_default_timeout(10_000)
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_context):
    return new_context().new_page()


@pytest.fixture
def fast_passwords(settings):
    """A fast hasher for these tests' passwords: the default one costs about a second per login."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
