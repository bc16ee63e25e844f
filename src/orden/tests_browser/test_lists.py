"""Browser test of the generic list on the system list: Norwegian sorting, the folded filter panel, the
filtered view in the address (reload, back and forward), the choice of columns, removable filter chips and
coloured tags; axe-core checks every state for WCAG 2.1 A/AA.

Elements are found by structure (ids, names, values, URLs); texts are compared in the page's language.
"""

from urllib.parse import parse_qs, urlparse

import pytest

from orden.core.roles import Role
from orden.organizations.testing import make_organization, make_user

from .helpers import PASSWORD, assert_accessible, log_in, path_of, screenshot, visit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ROWS = "#results tbody td a"


@pytest.fixture
def systems(fast_passwords):
    from orden.portfolio.models import System

    vinje = make_organization("Vinje", "4036", "964964076")
    coordinator = make_user("vinje-koordinator", vinje, Role.COORDINATOR)
    coordinator.set_password(PASSWORD)
    coordinator.save()
    facts = {
        "Webcruiter": ("in_use", "saas", "high"),
        "ePhorte": ("in_use", "on_premises", "critical"),
        "itslearning": ("retired", "saas", "low"),
        "Ørsta arkiv": ("phasing_out", "", ""),
    }
    for name, (lifecycle, hosting, criticality) in facts.items():
        System.objects.create(
            organization=vinje, name=name, lifecycle=lifecycle, hosting=hosting, criticality=criticality
        )
    return vinje


def names(page):
    links = page.locator(ROWS)
    return [links.nth(i).inner_text().strip() for i in range(links.count())]


def query(page):
    return parse_qs(urlparse(page.url).query, keep_blank_values=True)


def headers(page):
    return [text.strip() for text in page.locator("#results thead th").all_inner_texts()]


def hosting_label():
    from django.utils import translation
    from django.utils.text import capfirst

    from orden.portfolio.models import System

    with translation.override("nb"):
        return str(capfirst(System._meta.get_field("hosting").verbose_name))


def test_filter_share_choose_columns_and_remove_a_chip(page, live_server, systems):
    base = live_server.url
    log_in(page, base, "vinje-koordinator")
    visit(page, f"{base}/systems/")

    # Norwegian order, whatever the case; lifecycle and criticality as coloured tags.
    assert names(page) == ["ePhorte", "itslearning", "Webcruiter", "Ørsta arkiv"]
    assert page.locator("#results td .ds-tag[data-color=success]").count() == 2  # in use
    assert page.locator("#results td .ds-tag[data-color=danger]").count() == 1  # critical

    # The filter panel is folded: the first screen shows the search and the results.
    lifecycle_in_use = page.locator("input[name=lifecycle][value=in_use]")
    assert not lifecycle_in_use.is_visible()
    page.locator("#filter-panel > summary").click()
    lifecycle_in_use.wait_for(state="visible")  # the panel unfolds with a short animation
    assert_accessible(page)
    screenshot(page, "list-filter-open")

    # Filtering replaces the results in place and puts the filter, and only that, in the address.
    page.evaluate("window.ordenNoReload = true")
    lifecycle_in_use.check()
    page.wait_for_function("() => new URLSearchParams(location.search).get('lifecycle') === 'in_use'")
    page.wait_for_function(f"() => document.querySelectorAll('{ROWS}').length === 2")
    assert page.evaluate("window.ordenNoReload") is True, "the filter reloaded the whole page"
    assert query(page) == {"lifecycle": ["in_use"]}  # no empty fields in a shared link
    assert names(page) == ["ePhorte", "Webcruiter"]
    assert page.locator("#results a.ds-chip").count() == 1
    assert page.locator("#filter-count").inner_text().strip() == "(1)"
    page.fill("#id_q", "web")
    page.wait_for_function("() => new URLSearchParams(location.search).get('q') === 'web'")
    page.wait_for_function(f"() => document.querySelectorAll('{ROWS}').length === 1")
    assert query(page) == {"q": ["web"], "lifecycle": ["in_use"]}
    assert_accessible(page)

    # The address is the view: a reload (or a colleague opening the link) shows the same results.
    shared = page.url
    page.reload()
    assert names(page) == ["Webcruiter"]
    assert page.locator("#id_q").input_value() == "web" and lifecycle_in_use.is_checked()
    assert_accessible(page)

    # Back and forward move between the filtered views, with the form matching the results.
    page.go_back()
    page.wait_for_function("() => !new URLSearchParams(location.search).has('q')")
    page.wait_for_function(f"() => document.querySelectorAll('{ROWS}').length === 2")
    assert page.locator("#id_q").input_value() == ""
    page.go_forward()
    page.wait_for_function(f"() => document.querySelectorAll('{ROWS}').length === 1")
    assert page.url == shared and page.locator("#id_q").input_value() == "web"
    assert_accessible(page)

    # Choose a column: the results show it, the address carries the choice, sorting keeps it.
    page.fill("#id_q", "")
    page.wait_for_function(f"() => document.querySelectorAll('{ROWS}').length === 2")
    assert hosting_label() not in headers(page)
    page.locator("#column-panel > summary").click()
    page.locator("input[name=columns][value=hosting]").check()
    page.wait_for_function("() => (new URLSearchParams(location.search).get('columns') || '').includes('hosting')")
    page.wait_for_function(
        "(label) => [...document.querySelectorAll('#results thead th')].some(th => th.textContent.trim() === label)",
        arg=hosting_label(),
    )
    assert page.locator("input[name=columns][value=name]").is_disabled()  # the name links: always shown
    assert_accessible(page)
    screenshot(page, "list-columns")
    sort_link = page.locator("#results thead th a[href*='ordering=name']")
    assert "columns=" in sort_link.get_attribute("href") and "hosting" in sort_link.get_attribute("href")

    # Each active filter is a chip that removes that one filter; the column choice is remembered.
    chip = page.locator("#results a.ds-chip")
    assert chip.count() == 1
    name = chip.get_attribute("aria-label")
    assert chip.inner_text().strip() in name and name != chip.inner_text().strip()
    with page.expect_navigation():
        chip.click()
    assert path_of(page) == "/systems/" and "lifecycle" not in query(page)
    assert names(page) == ["ePhorte", "itslearning", "Webcruiter", "Ørsta arkiv"]
    assert page.locator("#results a.ds-chip").count() == 0
    assert hosting_label() in headers(page)
    assert_accessible(page)
    visit(page, f"{base}/systems/")  # the plain address: the chosen columns are remembered
    assert hosting_label() in headers(page)
