"""Issue 7, reading, in Chromium: the system page leads with what needs attention, the service map fits a
1,366 px screen with sticky headers and marks in their columns, the unit page rolls up its sub-units; axe-core
checks every page visited."""

import datetime
import re

import pytest
from django.utils import timezone

from orden.core.roles import Role
from orden.organizations.testing import make_organization, make_user

from .helpers import PASSWORD, SMALL_PHONE, assert_accessible, assert_fits_width, log_in, screenshot, visit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def register(fast_passwords):
    from orden.catalog.models import Category, Product, ProductVersion, Vendor
    from orden.organizations.models import Unit
    from orden.portfolio.models import Sector, Service, ServiceSystem, System

    vinje = make_organization("Vinje", "4036", "964964076")
    coordinator = make_user("vinje-koordinator", vinje, Role.COORDINATOR, first_name="Kari", last_name="Nordmann")
    coordinator.set_password(PASSWORD)
    coordinator.save()
    vendor = Vendor.objects.create(name="Visma AS", status="approved")
    category = Category.objects.first() or Category.objects.create(label_nb="Fag", label_nn="Fag", label_en="Fag")
    product = Product.objects.create(name="Visma Flyt Skole", vendor=vendor, category=category, status="approved")
    version = ProductVersion.objects.create(
        product=product, name="3.2", end_of_support=timezone.localdate() - datetime.timedelta(days=10)
    )
    old = System.objects.create(
        organization=vinje, name="Visma Flyt Skole", product=product, product_version=version, criticality="critical"
    )
    oppvekst = Unit.objects.create(organization=vinje, name="Oppvekst")
    skule = Unit.objects.create(organization=vinje, name="Skule", parent=oppvekst)
    school = Sector.objects.create(uri="https://psi.norge.no/los/tema/skule-test", label_nb="Skule og utdanning")
    systems = [old] + [
        System.objects.create(organization=vinje, name=f"Fagsystem {n:02d} med eit langt namn") for n in range(24)
    ]
    for n in range(30):
        service = Service.objects.create(
            organization=vinje, name=f"Tenesta nummer {n:02d}", responsible_unit=skule, sector=school
        )
        ServiceSystem.objects.create(organization=vinje, service=service, system=systems[n % len(systems)])
        ServiceSystem.objects.create(
            organization=vinje, service=service, system=systems[(n + 3) % len(systems)], role="supporting"
        )
    return {"system": old, "oppvekst": oppvekst, "skule": skule}


def test_reading_a_system_the_map_and_a_unit(page, live_server, register):
    base = live_server.url
    page.set_viewport_size({"width": 1366, "height": 768})
    log_in(page, base, "vinje-koordinator")

    # The system page: the unsupported version and the missing owner come before the facts.
    visit(page, base + register["system"].get_absolute_url())
    attention = page.locator("#attention li")
    codes = attention.evaluate_all("items => items.map(i => i.dataset.attention)")
    assert codes[:2] == ["unsupported_version", "no_owner"] and "review_overdue" in codes
    assert "3.2" in attention.first.inner_text()
    first_group = page.locator(".orden-fact-group").first
    assert page.locator("#attention").bounding_box()["y"] < first_group.bounding_box()["y"]
    assert page.locator(".orden-fact-group .ds-tag[data-color=danger]").inner_text().strip() == "Kritisk"
    assert page.locator("button", has_text="Bekreft").count() == 1 or page.locator(".orden-titlebar form").count() == 1
    assert_fits_width(page)
    screenshot(page, "reading-system")

    # The service map: one screen wide, headers in place, marks under their column's header.
    visit(page, f"{base}/reports/service-matrix/")
    assert_fits_width(page)
    wrap = page.locator(".orden-matrix-wrap")
    assert page.evaluate("() => document.querySelector('.orden-matrix-wrap').scrollWidth") <= 1366
    headers = page.locator("#service-matrix thead th.orden-matrix__system")
    assert headers.count() == 25
    row = page.locator("#service-matrix tbody tr").first
    marked = row.locator("td.orden-cell[data-role]")
    assert marked.count() == 2
    for index in range(marked.count()):
        cell = marked.nth(index)
        column = cell.evaluate("td => td.cellIndex") - 1  # the row header is cell 0
        cell_box, header_box = cell.bounding_box(), headers.nth(column).bounding_box()
        assert abs((cell_box["x"] + cell_box["width"] / 2) - (header_box["x"] + header_box["width"] / 2)) < 2
        assert cell.inner_text().strip() in ("Primær", "Støttende")  # the text for screen readers
    # Scrolling the map keeps the column headers and the service names in view.
    header_y = headers.first.bounding_box()["y"]
    wrap.evaluate("el => { el.scrollTop = 400; el.scrollLeft = 200; }")
    assert abs(headers.first.bounding_box()["y"] - header_y) < 2
    wrap_box = wrap.bounding_box()
    row_header = page.locator("#service-matrix tbody tr").nth(12).locator("th")
    assert abs(row_header.bounding_box()["x"] - wrap_box["x"]) < 3
    screenshot(page, "reading-matrix")
    wrap.evaluate("el => { el.scrollTop = 0; el.scrollLeft = 0; }")
    totals = page.locator("#service-matrix tfoot td").all_inner_texts()
    assert totals[-1].strip() == "60"
    assert_accessible(page)

    # The unit page rolls up its sub-unit, and the choice turns it off.
    visit(page, base + register["oppvekst"].get_absolute_url())
    assert page.locator("#unit-services tbody tr").count() == 30
    with page.expect_navigation():
        page.locator("#id_subunits").uncheck()
    assert "subunits=0" in page.url
    screenshot(page, "reading-unit")
    assert page.locator("#unit-services tbody tr").count() == 1  # "None."
    assert_accessible(page)

    # The unit tree.
    visit(page, f"{base}/units/tree/")
    counts = page.locator(f".orden-unit-tree__counts[data-unit='{register['oppvekst'].pk}']").inner_text()
    assert re.findall(r"\d+", counts)[:2] == ["30", "25"]  # services and systems, the sub-unit's included
    nested = page.locator(".orden-unit-tree .orden-unit-tree a", has_text="Skule")
    assert nested.count() == 1
    screenshot(page, "reading-unit-tree")


def test_the_system_page_and_the_map_on_a_phone(page, live_server, register):

    log_in(page, live_server.url, "vinje-koordinator")
    page.set_viewport_size(SMALL_PHONE)
    for url in (register["system"].get_absolute_url(), "/reports/service-matrix/", "/units/tree/"):
        visit(page, live_server.url + url)
        assert_fits_width(page)
