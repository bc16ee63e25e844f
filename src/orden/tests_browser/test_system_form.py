"""Browser test: a system coordinator registers a system by clicking through the sectioned form: finds the
product by typing part of its name (with its usage beside it), picks a version from the list that follows
the product, reads the help texts, and saves; then classifies and confirms several systems at once with
"Edit selected". axe-core checks every page for WCAG 2.1 A/AA.

Elements are found by structure (ids, URLs, values), not by text in the page's language.
"""

import datetime

import pytest
from django.core.management import call_command
from django.urls import reverse

from .helpers import assert_accessible, log_in, path_of, screenshot, submit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DEMO_PASSWORD = "orden-demo-2026"


def test_coordinator_registers_a_system_with_the_product_search(page, live_server, fast_passwords):
    from orden.catalog.models import Product
    from orden.portfolio.models import System

    call_command("seed", size="demo")
    public360 = Product.objects.get(name="Public 360")
    version = public360.versions.order_by("-pk").first()
    assert version is not None
    log_in(page, live_server.url, "vinje-koordinator", DEMO_PASSWORD)

    # From the front page to the add form, by clicking.
    add_url = reverse("portfolio:system_add")
    with page.expect_navigation():
        page.locator(f"main a[href='{add_url}']").first.click()
    assert path_of(page) == add_url
    assert_accessible(page)

    # The form is in sections (fieldsets with a heading as legend), the help texts are linked to the inputs.
    sections = page.locator("form.orden-form fieldset.orden-form__section")
    assert sections.count() == 5
    assert sections.first.locator("legend h2").is_visible()
    for name in ("confidentiality", "time_classification", "criticality", "personal_data"):
        described = page.locator(f"#id_{name}").get_attribute("aria-describedby")
        assert f"id_{name}_helptext" in described.split()
        assert page.locator(f"#id_{name}_helptext").is_visible()
        assert page.locator(f"#id_{name}_helptext").inner_text().strip()

    page.fill("#id_name", "Arkiv for byggesaker")
    # Search as you type: the single match is chosen and the version list follows it.
    with page.expect_response(lambda response: reverse("catalog:version_options") in response.url):
        page.locator("#id_product_search").press_sequentially("Public 3", delay=30)
    assert page.locator("#id_product").input_value() == str(public360.pk)
    label = page.locator("#id_product option:checked").inner_text()
    assert label.startswith("Public 360 (")
    page.wait_for_function(
        "(pk) => [...document.querySelectorAll('#id_product_version option')].some(o => o.value === String(pk))",
        arg=version.pk,
    )
    page.select_option("#id_product_version", str(version.pk))
    assert_accessible(page)
    screenshot(page, "system-form-product-search")

    # A product used by several municipalities says so in the suggestions.
    page.locator("#id_product_search").fill("")
    with page.expect_response(lambda response: reverse("catalog:product_options") in response.url):
        page.locator("#id_product_search").press_sequentially("websak", delay=30)
    page.wait_for_function("() => document.querySelector('#id_product option:checked')?.value !== ''")
    websak = page.locator("#id_product option:checked").inner_text()
    assert websak.startswith("Acos WebSak (Acos AS) – ")
    assert any(char.isdigit() for char in websak)

    # Back to Public 360 and its version, then save.
    page.locator("#id_product_search").fill("")
    with page.expect_response(lambda response: reverse("catalog:version_options") in response.url):
        page.locator("#id_product_search").press_sequentially("Public 360", delay=30)
    page.wait_for_function(
        "(pk) => [...document.querySelectorAll('#id_product_version option')].some(o => o.value === String(pk))",
        arg=version.pk,
    )
    page.select_option("#id_product_version", str(version.pk))
    page.select_option("#id_criticality", "high")
    page.select_option("#id_time_classification", "invest")
    submit(page)

    system = System.objects.get(name="Arkiv for byggesaker")
    assert path_of(page) == system.get_absolute_url()
    assert (system.product, system.product_version, system.criticality) == (public360, version, "high")
    assert system.organization.name == "Vinje"


def test_coordinator_classifies_and_confirms_many_systems_at_once(page, live_server, fast_passwords):
    from orden.core.history import ChangeRecord
    from orden.portfolio.models import System

    call_command("seed", size="demo")
    log_in(page, live_server.url, "vinje-koordinator", DEMO_PASSWORD)
    list_url = reverse("portfolio:system_list")
    with page.expect_navigation():
        page.locator(f"header a[href='{list_url}']").first.click()
    assert_accessible(page)

    boxes = page.locator("#results input[type=checkbox][name=pk]")
    chosen = [int(boxes.nth(i).get_attribute("value")) for i in range(2)]
    for i in range(2):
        boxes.nth(i).check()
    with page.expect_navigation():
        page.locator("#results form button[type=submit]").first.click()
    assert path_of(page) == reverse("portfolio:system_bulk_edit")
    assert_accessible(page)
    assert "id_confirm_helptext" in page.locator("#id_confirm").get_attribute("aria-describedby")

    page.select_option("#id_criticality", "critical")
    page.select_option("#id_time_classification", "migrate")
    page.locator("#id_confirm").check()
    with page.expect_navigation():
        page.locator("form.orden-form button[name=apply]").click()
    assert path_of(page) == list_url
    assert_accessible(page)

    systems = System.objects.filter(pk__in=chosen)
    assert {(s.criticality, s.time_classification, s.last_reviewed) for s in systems} == {
        ("critical", "migrate", datetime.date.today())
    }
    assert ChangeRecord.objects.filter(object_id__in=chosen, action="update").count() == 2
