"""Browser tests: the main scenarios in real Chromium, with axe-core checking every page for WCAG 2.1 A/AA.

The tests select elements by structure (ids, URLs, roles) rather than by text, so they pass whether the
interface is in bokmål, nynorsk or English.
"""

import re
from urllib.parse import parse_qs, urlparse

import pytest

from orden.core import history
from orden.core.models import ChangeAction
from orden.core.roles import Role
from orden.organizations.testing import make_organization, make_user

from .helpers import PASSWORD, SUBMIT, assert_accessible, digits, log_in, log_out, path_of, screenshot, submit, visit

# Transactional: the live server runs in another thread and must see the test's data. (serialized_rollback
# would not help restore the migrations' data: the ORM's connection objects live in context variables,
# and Playwright's sync API runs the test in another context than the one the test database was set up in.)
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# --- data ----------------------------------------------------------------------------------------------


@pytest.fixture
def register(fast_passwords):
    """Vinje and Tokke, a catalogue product with a version, and the users of the scenarios."""
    from orden.catalog.models import Category, Product, ProductVersion, Vendor
    from orden.portfolio.models import Lifecycle, System

    vinje = make_organization("Vinje", "4036", "964964076")
    tokke = make_organization("Tokke", "4034", "964963630")
    # The categories come from a data migration, but an earlier transactional test may have flushed them.
    category, _ = Category.objects.get_or_create(
        slug="sak-arkiv",
        defaults={"label_nb": "Sak og arkiv", "label_nn": "Sak og arkiv", "label_en": "Case management and archive"},
    )
    acos = Vendor.objects.create(name="Acos AS", status="approved")
    websak = Product.objects.create(name="Acos WebSak", vendor=acos, category=category, status="approved")
    version = ProductVersion.objects.create(product=websak, name="7.0")
    ProductVersion.objects.create(product=websak, name="6.5")
    sikri = Vendor.objects.create(name="Sikri AS", status="approved")
    elements = Product.objects.create(name="Elements", vendor=sikri, category=category, status="approved")

    coordinator = make_user("vinje-koordinator", vinje, Role.COORDINATOR, first_name="Vera", last_name="Vinje")
    reader = make_user("tokke-leser", tokke, Role.READER, first_name="Tor", last_name="Tokke")
    for user in (coordinator, reader):
        user.set_password(PASSWORD)
        user.save()
    System.objects.create(organization=tokke, name="Tokke arkiv", product=elements, lifecycle=Lifecycle.IN_USE)
    return {"vinje": vinje, "tokke": tokke, "product": websak, "version": version}


# --- tests ---------------------------------------------------------------------------------------------


def test_create_edit_restore_and_privacy_across_municipalities(page, live_server, register):
    """The issue's scenario: a Vinje coordinator registers, edits and restores a system; a Tokke user sees
    that Vinje uses the product but none of the system's private facts; every page passes axe-core."""
    from orden.portfolio.models import System

    base = live_server.url
    stylesheets = {}
    # The first response for each stylesheet (later ones may be 304 revalidations).
    page.on("response", lambda r: stylesheets.setdefault(r.url, r.status) if r.url.endswith(".css") else None)

    log_in(page, base, "vinje-koordinator")

    # The styles load: every stylesheet answers 200 and Designsystemet styles the buttons.
    assert stylesheets and all(status == 200 for status in stylesheets.values()), stylesheets
    assert any("designsystemet" in url for url in stylesheets), stylesheets
    primary = page.locator("main .ds-button:not([data-variant])").first  # "Register a system"
    background = primary.evaluate("e => getComputedStyle(e).backgroundColor")
    assert background not in ("rgba(0, 0, 0, 0)", "rgb(239, 239, 239)", "rgb(240, 240, 240)"), background
    assert "Vinje" in page.locator("h1").inner_text()
    screenshot(page, "home")

    # Register a system from the catalogue product.
    visit(page, f"{base}/systems/")
    with page.expect_navigation():
        page.locator(".orden-actions a[href$='/systems/add/']").click()
    assert path_of(page) == "/systems/add/"
    assert_accessible(page)
    page.fill("#id_name", "Saksbehandling")
    with page.expect_response(lambda r: "/catalogue/versions/options/" in r.url) as options:
        page.select_option("#id_product", label="Acos WebSak (Acos AS)")
    assert options.value.status == 200
    page.locator("#id_product_version option", has_text="7.0").wait_for(state="attached")
    page.select_option("#id_product_version", label="7.0")
    page.select_option("#id_criticality", "high")
    page.fill("#id_annual_cost", "350000")
    assert_accessible(page)  # the form after htmx swapped the version options
    screenshot(page, "system-form")
    submit(page)

    system = System.objects.get(organization=register["vinje"], name="Saksbehandling")
    assert system.product_version == register["version"]
    detail = f"/systems/{system.pk}/"
    assert path_of(page) == detail
    assert page.locator("h1").inner_text() == "Saksbehandling"
    assert "350000" in digits(page.locator("main").inner_text())

    # Edit: the annual cost goes up.
    with page.expect_navigation():
        page.locator(".orden-actions a[href$='/edit/']").click()
    assert_accessible(page)
    assert digits(page.input_value("#id_annual_cost")) == "350000"
    page.fill("#id_annual_cost", "420000")
    submit(page)
    assert path_of(page) == detail
    assert "420000" in digits(page.locator("main").inner_text())

    # The history shows the change with the value before and after.
    with page.expect_navigation():
        page.locator(".orden-tabs a[href$='/history/']").click()
    assert_accessible(page)
    changes = page.locator("article.orden-change")
    assert changes.count() == 2  # created, changed (newest first)
    rows = [digits(text) for text in changes.first.locator("tbody tr").all_inner_texts()]
    assert any(re.search(r"350000\s+420000", row) for row in rows), rows  # field, before, after
    assert changes.first.locator("form[action*='/restore/']").count() == 0  # the current version

    # Restore the first version.
    restore = changes.nth(1).locator("form[action*='/restore/']")
    with page.expect_navigation():
        restore.locator(SUBMIT).click()
    assert path_of(page) == f"{detail}history/"
    assert_accessible(page)
    assert page.locator(".orden-messages [role=status]").count() == 1
    changes = page.locator("article.orden-change")
    assert changes.count() == 3
    screenshot(page, "history")
    system.refresh_from_db()
    assert system.annual_cost == 350000
    newest = history.history_of(system).order_by("-time", "-pk").first()
    assert newest.action == ChangeAction.RESTORE
    assert str(newest.get_action_display()) in changes.first.locator("h3").inner_text()
    visit(page, f"{base}{detail}")
    assert "350000" in digits(page.locator("main").inner_text())
    assert "420000" not in digits(page.locator("main").inner_text())

    log_out(page)

    # A reader in Tokke: the system itself is not found, the product page shows only that Vinje uses it.
    log_in(page, base, "tokke-leser")
    visit(page, f"{base}{detail}", status=404)
    assert "Saksbehandling" not in page.content()
    visit(page, f"{base}/catalogue/products/{register['product'].pk}/")
    screenshot(page, "product")
    usage = page.locator("#usage tbody tr")
    assert usage.count() == 1
    cells = usage.first.locator("td")
    assert cells.nth(0).inner_text().strip() == "Vinje"
    assert cells.nth(1).inner_text().strip() == "7.0"
    content = page.content()
    assert "Saksbehandling" not in content
    assert "350000" not in digits(page.locator("body").inner_text())
    assert f"/systems/{system.pk}/" not in content


def test_system_list_filters_with_htmx_and_works_with_the_keyboard(page, live_server, register):
    from orden.portfolio.models import System

    vinje, product = register["vinje"], register["product"]
    for name in ("Saksbehandling", "Lønn og personal", "Barnevern"):
        System.objects.create(organization=vinje, name=name, product=product if name == "Saksbehandling" else None)
    base = live_server.url
    log_in(page, base, "vinje-koordinator")
    visit(page, f"{base}/systems/")
    result_links = page.locator("#results tbody a")
    assert result_links.count() == 3
    screenshot(page, "system-list")

    # Typing in the search field updates the results in place (no page load) and pushes the URL.
    page.evaluate("window.ordenNoReload = true")
    with page.expect_response(
        lambda r: "/systems/" in r.url and "q=Saks" in r.url and r.request.headers.get("hx-request") == "true"
    ) as filtered:
        page.locator("#id_q").press_sequentially("Saks", delay=50)
    assert filtered.value.status == 200
    page.wait_for_function("() => document.querySelectorAll('#results tbody a').length === 1")
    assert result_links.first.inner_text() == "Saksbehandling"
    assert page.evaluate("window.ordenNoReload") is True, "the filter reloaded the whole page"
    # Screen readers hear the new row count through the page's live region.
    page.wait_for_function("() => document.getElementById('result-announcement').textContent.trim().startsWith('1 ')")
    page.wait_for_function("() => location.search.includes('q=Saks')")
    assert parse_qs(urlparse(page.url).query)["q"] == ["Saks"]
    assert_accessible(page)

    # The pushed URL is a real page, and its first result is reachable with Tab and opened with Enter.
    visit(page, page.url)
    assert result_links.count() == 1
    page.locator("body").focus()
    for _ in range(80):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('#results tbody a')"):
            break
    else:
        pytest.fail("Tab never reached the first result link")
    focused_href = page.evaluate("document.activeElement.getAttribute('href')")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    system = System.objects.get(organization=vinje, name="Saksbehandling")
    assert path_of(page) == focused_href == f"/systems/{system.pk}/"
    assert_accessible(page)


def test_stale_edit_is_refused_and_shows_what_changed(new_context, live_server, register):
    from orden.portfolio.models import System

    system = System.objects.create(organization=register["vinje"], name="Saksbehandling", annual_cost=350000)
    base = live_server.url
    edit = f"{base}/systems/{system.pk}/edit/"
    first, second = new_context().new_page(), new_context().new_page()
    for page in (first, second):
        log_in(page, base, "vinje-koordinator")
        visit(page, edit)

    first.fill("#id_annual_cost", "400000")
    submit(first, status=200)
    assert path_of(first) == f"/systems/{system.pk}/"

    second.fill("#id_annual_cost", "500000")
    submit(second, status=409)
    assert path_of(second) == f"/systems/{system.pk}/edit/"
    assert second.locator("#stale-heading").count() == 1
    assert second.locator("#error-summary").count() == 1
    screenshot(second, "stale")
    stale_rows = digits(second.locator("section[aria-labelledby=stale-heading]").inner_text())
    assert "350000" in stale_rows and "400000" in stale_rows
    system.refresh_from_db()
    assert system.annual_cost == 400000
    assert system.version == 2

    # Reloading the form shows the other user's value.
    with second.expect_navigation():
        second.locator("section[aria-labelledby=stale-heading] a").click()
    assert_accessible(second)
    assert digits(second.input_value("#id_annual_cost")) == "400000"
