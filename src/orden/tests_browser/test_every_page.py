"""Every page of Orden, in every UI language, passes axe-core's WCAG 2.1 A/AA checks.

On the demo data, a platform admin working in Vinje opens each model's list, detail, history, add, edit
and delete pages in bokmål (the lists and reports in nynorsk and English). The pages are found through
the same ModelViews declarations that build the URLs, so a new model is swept without touching this
test. The scenario tests check the flows; this one checks that no page escapes the accessibility check.
On a phone (390 px, bokmål) every page must also fit the window and the folded main menu must work.
"""

import pytest
from django.core.management import call_command
from django.urls import reverse

from orden.core.views import ModelViews, is_tenant_model

from .helpers import (
    MENU_BUTTON,
    MENU_ENTRIES,
    PHONE,
    SMALL_PHONE,
    assert_accessible,
    assert_fits_width,
    assert_menu_works,
    log_in,
    open_menu,
    path_of,
    screenshot,
    submit,
    visit,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DEMO_PASSWORD = "orden-demo-2026"


def all_model_views():
    import orden.urls  # noqa: F401  (imports every app's views)

    found, stack = [], list(ModelViews.__subclasses__())
    while stack:
        views = stack.pop()
        stack.extend(views.__subclasses__())
        if hasattr(views, "model"):
            found.append(views)
    return sorted(found, key=lambda views: views.model._meta.label)


def pages_of(views, organization):
    model = views.model
    rows = model.objects.all()
    if is_tenant_model(model):
        rows = rows.filter(organization=organization)
    urls = [reverse(model.url_name("list")), reverse(model.url_name("add"))]
    obj = rows.order_by("pk").first()
    if obj is not None:
        urls += [
            obj.get_absolute_url(),
            reverse(model.url_name("edit"), args=[obj.pk]),
            reverse(model.url_name("history"), args=[obj.pk]),
            reverse(model.url_name("delete"), args=[obj.pk]),
        ]
        urls += [reverse(model.url_name("tab"), args=[obj.pk, tab.slug]) for tab in views.all_tabs()]
    return urls


def sweep_urls(organization, language="nb"):
    """The pages of the sweep: the special pages and, per model, its pages (in bokmål) or its list."""
    urls = [
        "/",
        reverse("reports:dashboard"),
        reverse("reports:responsibilities"),
        reverse("reports:service_matrix"),
        reverse("portfolio:service_adopt"),
        reverse("datasets:dataset_import"),
        reverse("profile"),
        reverse("organization_settings"),
        reverse("password_change"),
    ]
    for views in all_model_views():
        urls += pages_of(views, organization) if language == "nb" else [reverse(views.model.url_name("list"))]
    return urls


def work_in(page, base_url, organization):
    """Log in as the demo's platform admin and choose ``organization`` in the switcher (in the menu on a phone)."""
    log_in(page, base_url, "admin", DEMO_PASSWORD)
    if page.locator(MENU_BUTTON).is_visible():
        open_menu(page)
    page.select_option("#organization-switcher", str(organization.pk))
    submit(page, form="form.orden-switcher")


@pytest.mark.parametrize("language", ["nb", "nn", "en"])
def test_every_page_passes_axe(page, live_server, fast_passwords, language):
    from orden.organizations.models import Organization, User

    call_command("seed", size="demo")
    User.objects.filter(username="admin").update(language=language)
    vinje = Organization.objects.get(name="Vinje")
    work_in(page, live_server.url, vinje)

    urls = sweep_urls(vinje, language)
    assert len(urls) > (80 if language == "nb" else 20)
    for url in urls:
        visit(page, live_server.url + url)
        assert page.locator("html").get_attribute("lang") == language

    # A form with errors (the error summary and field messages) is checked too.
    visit(page, live_server.url + reverse("portfolio:system_add"))
    page.fill("#id_name", "")
    page.fill("#id_in_use_from", "2024-05-01")
    page.fill("#id_in_use_until", "2023-01-01")
    submit(page, status=422)
    assert page.locator("#error-summary").count() == 1
    assert_accessible(page)


def test_owners_are_searched_as_you_type(page, live_server, fast_passwords):
    from orden.organizations.models import User

    call_command("seed", size="demo")
    owner = User.objects.get(username="vinje-systemeier")
    log_in(page, live_server.url, "vinje-koordinator", DEMO_PASSWORD)
    visit(page, live_server.url + reverse("portfolio:system_add"))
    options = page.locator("#id_owner option")
    everyone = options.count()
    with page.expect_response(lambda response: "/people/options/" in response.url):
        page.fill("#id_owner_search", owner.last_name)
    page.wait_for_function("n => document.querySelectorAll('#id_owner option').length < n", arg=everyone)
    labels = [options.nth(i).inner_text() for i in range(options.count())]
    assert str(owner) in labels and all(owner.last_name in label for label in labels if label != "---------")
    page.select_option("#id_owner", str(owner.pk))
    assert_accessible(page)


def test_every_page_fits_a_phone(page, live_server, fast_passwords):
    """At 390 px no page scrolls sideways, every page passes axe, and the folded menu reaches every entry."""
    from orden.organizations.models import Organization
    from orden.portfolio.models import System

    call_command("seed", size="demo")
    vinje = Organization.objects.get(name="Vinje")
    page.set_viewport_size(PHONE)
    work_in(page, live_server.url, vinje)
    assert page.locator(".orden-header__organization").inner_text() == "Vinje"

    urls = sweep_urls(vinje)
    assert len(urls) > 80
    for url in urls:
        visit(page, live_server.url + url)
        assert_fits_width(page)

    # From the front page, the menu button opens the menu and every entry leads to its page.
    visit(page, live_server.url + "/")
    visited = assert_menu_works(page)
    assert reverse("portfolio:system_list") in visited and reverse("reports:service_matrix") in visited

    # The narrowest phones (320 px): a few of the widest pages, and the menu once more.
    page.set_viewport_size(SMALL_PHONE)
    system = System.objects.filter(organization=vinje).order_by("pk").first()
    for url in [
        "/",
        reverse("portfolio:system_list"),
        system.get_absolute_url(),
        reverse("portfolio:system_edit", args=[system.pk]),
        reverse("reports:service_matrix"),
        reverse("reports:dashboard"),
    ]:
        visit(page, live_server.url + url)
        assert_fits_width(page)
        screenshot(page, "phone-320" + url.replace("/", "-").rstrip("-"))
    entries = open_menu(page)
    assert all(entries.nth(i).is_visible() for i in range(entries.count()))
    assert_accessible(page)
    screenshot(page, "phone-320-menu")


def test_phone_menu_by_keyboard_without_javascript_and_on_desktop(browser, page, live_server, fast_passwords):
    """The menu button works from the keyboard; without JavaScript the menu is shown open; desktop has no button."""
    from orden.organizations.models import Organization

    call_command("seed", size="demo")
    vinje = Organization.objects.get(name="Vinje")
    work_in(page, live_server.url, vinje)

    # Desktop: the entries are in the header, the button is not shown.
    visit(page, live_server.url + reverse("portfolio:system_list"))
    assert not page.locator(MENU_BUTTON).is_visible()
    entries = page.locator(MENU_ENTRIES)
    assert entries.count() > 3 and all(entries.nth(i).is_visible() for i in range(entries.count()))
    assert page.locator("#organization-switcher").is_visible()
    assert_fits_width(page)

    # Phone, keyboard only: Enter opens, Tab reaches the first entry, Escape closes and returns to the button.
    page.set_viewport_size(PHONE)
    button = page.locator(MENU_BUTTON)
    button.focus()
    page.keyboard.press("Enter")
    assert button.get_attribute("aria-expanded") == "true"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('nav.orden-nav') !== null")
    assert page.locator("#organization-switcher").is_visible()
    assert_accessible(page)
    page.keyboard.press("Escape")
    assert button.get_attribute("aria-expanded") == "false"
    assert page.evaluate("document.activeElement.classList.contains('orden-menu-button')")
    assert not entries.first.is_visible()
    page.keyboard.press("Space")
    assert button.get_attribute("aria-expanded") == "true" and entries.first.is_visible()
    with page.expect_navigation():
        entries.first.press("Enter")
    assert path_of(page) == entries.first.get_attribute("href")

    # Without JavaScript (same session): no button, the whole menu and the switcher are shown, stacked.
    context = browser.new_context(java_script_enabled=False, locale="nb-NO", viewport=PHONE)
    try:
        context.add_cookies(page.context.cookies())
        plain = context.new_page()
        plain.goto(live_server.url + reverse("portfolio:system_list"))
        assert not plain.locator(MENU_BUTTON).is_visible()
        entries = plain.locator(MENU_ENTRIES)
        assert entries.count() > 3
        for i in range(entries.count()):
            box = entries.nth(i).bounding_box()
            assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
        assert plain.locator("#organization-switcher").is_visible()
        assert_fits_width(plain)
    finally:
        context.close()
