"""Fixtures for the browser tests: real Chromium (Debian's package) driven by Playwright's sync API.

Playwright cannot download its own browsers here, so the tests use the system Chromium and skip, saying
why, when it is not installed. Playwright's sync API runs an asyncio event loop in the test thread;
Django's ORM refuses to run inside one unless DJANGO_ALLOW_ASYNC_UNSAFE is set.
"""

import os
import shutil

import pytest

from .helpers import watch_csp

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
        watch_csp(context)
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()
    # Also what happened after a test's last check (a late htmx swap, a script run on leaving a page).
    late = [violation for context in contexts for violation in context.orden_csp_violations]
    assert late == [], f"Content-Security-Policy violations: {late}"


@pytest.fixture
def page(new_context):
    return new_context().new_page()


@pytest.fixture
def fast_passwords(settings):
    """A fast hasher for these tests' passwords: the default one costs about a second per login."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def catalogue(fast_passwords):
    """Vinje, the case/archive category, and Acos WebSak by Acos AS (approved)."""
    from orden.catalog.models import Category, Product, Vendor
    from orden.organizations.testing import make_organization

    organization = make_organization("Vinje", "4036", "964964076")
    # The categories come from a data migration, but an earlier transactional test may have flushed them.
    category, _ = Category.objects.get_or_create(
        slug="sak-arkiv",
        defaults={"label_nb": "Sak og arkiv", "label_nn": "Sak og arkiv", "label_en": "Case management and archive"},
    )
    vendor = Vendor.objects.create(name="Acos AS", status="approved")
    product = Product.objects.create(name="Acos WebSak", vendor=vendor, category=category, status="approved")
    return {"organization": organization, "vendor": vendor, "category": category, "product": product}
