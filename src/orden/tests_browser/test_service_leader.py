"""Browser test: a head of service (virksomhetsleder) links a system to their service, sees the services ×
systems matrix update and exports it; axe-core checks every page for WCAG 2.1 A/AA.

Like the other browser tests, elements are found by structure (ids, URLs, values) rather than by text; the
role labels in the matrix are compared in the page's own language.
"""

import csv
import io
from urllib.parse import parse_qs, urlparse

import pytest
from openpyxl import load_workbook

from orden.core.roles import Role
from orden.organizations.testing import make_organization, make_user

from .helpers import PASSWORD, assert_accessible, log_in, path_of, screenshot, submit, visit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def leader_register(fast_passwords):
    """Vinje with a head of service who leads "Barnehagar" and owns the service "Barnehageplass"."""
    from orden.organizations.models import Unit
    from orden.portfolio.models import Service, ServiceSystem, System, SystemRole

    vinje = make_organization("Vinje", "4036", "964964076")
    leader = make_user("vinje-leder", vinje, Role.SERVICE_LEADER, first_name="Liv", last_name="Leder")
    leader.set_password(PASSWORD)
    leader.save()
    kindergartens = Unit.objects.create(organization=vinje, name="Barnehagar", leader=leader)
    technical = Unit.objects.create(organization=vinje, name="Teknisk drift")
    service = Service.objects.create(
        organization=vinje, name="Barnehageplass", process_owner=leader, responsible_unit=kindergartens
    )
    other = Service.objects.create(organization=vinje, name="Byggesøknad", responsible_unit=technical)
    visma = System.objects.create(organization=vinje, name="Visma Flyt Barnehage")
    websak = System.objects.create(organization=vinje, name="Acos WebSak")
    byggsok = System.objects.create(organization=vinje, name="ISY Byggsøk")
    ServiceSystem.objects.create(organization=vinje, service=service, system=visma, role=SystemRole.PRIMARY)
    ServiceSystem.objects.create(organization=vinje, service=other, system=byggsok, role=SystemRole.PRIMARY)
    return {
        "vinje": vinje,
        "leader": leader,
        "unit": kindergartens,
        "service": service,
        "other": other,
        "visma": visma,
        "websak": websak,
        "byggsok": byggsok,
    }


def matrix_row(page, service):
    """The matrix's row for ``service``: {system path: cell text}, by the column headers' links."""
    headers = page.locator("#service-matrix thead th a")
    columns = [urlparse(headers.nth(i).get_attribute("href")).path for i in range(headers.count())]
    row = page.locator("#service-matrix tbody tr").filter(
        has=page.locator(f"th a[href='{service.get_absolute_url()}']")
    )
    assert row.count() == 1, f"no single matrix row for {service}"
    cells = [text.strip() for text in row.locator("td.orden-cell").all_inner_texts()]
    assert len(cells) == len(columns)
    return dict(zip(columns, cells, strict=True))


def matrix_services(page):
    links = page.locator("#service-matrix tbody th a")
    return {urlparse(links.nth(i).get_attribute("href")).path for i in range(links.count())}


def download(page, selector):
    """Click a download link; return the downloaded file's bytes."""
    with page.expect_download() as info:
        page.locator(selector).click()
    path = info.value.path()
    assert path is not None, f"the download from {selector} failed: {info.value.failure()}"
    with open(path, "rb") as file:
        return file.read()


def test_head_of_service_links_a_system_and_exports_the_matrix(page, live_server, leader_register):
    from django.utils import translation

    from orden.portfolio.models import ServiceSystem, SystemRole

    base = live_server.url
    service, other = leader_register["service"], leader_register["other"]
    visma, websak, byggsok = leader_register["visma"], leader_register["websak"], leader_register["byggsok"]
    unit = leader_register["unit"]
    service_path = service.get_absolute_url()

    log_in(page, base, "vinje-leder")

    # The matrix for the unit before linking: one row, one system.
    matrix = f"{base}/reports/service-matrix/"
    visit(page, matrix)
    assert matrix_services(page) == {service.get_absolute_url(), other.get_absolute_url()}
    page.select_option("#id_unit", str(unit.pk))
    submit(page, "form.orden-filters")
    assert parse_qs(urlparse(page.url).query)["unit"] == [str(unit.pk)]
    assert matrix_services(page) == {service_path}
    assert set(matrix_row(page, service)) == {visma.get_absolute_url()}
    filtered_matrix = page.url

    # "My responsibilities" lists the service; its link leads to the service page.
    visit(page, f"{base}/me/")
    service_link = page.locator(f"section[aria-labelledby=services-heading] a[href='{service_path}']")
    assert service_link.count() == 1
    assert page.locator(f"section[aria-labelledby=services-heading] a[href='{other.get_absolute_url()}']").count() == 0
    screenshot(page, "leader-me")
    with page.expect_navigation():
        service_link.click()
    assert path_of(page) == service_path
    assert_accessible(page)
    linked = page.locator("#service-systems tbody td:first-child a")
    assert [linked.nth(i).get_attribute("href") for i in range(linked.count())] == [visma.get_absolute_url()]

    # Link Acos WebSak as a supporting system; the form offers only the systems not linked yet.
    link_form = "section[aria-labelledby=link-heading] form"
    assert page.locator("#link-heading").count() == 1
    assert page.locator(f"{link_form} input[type=hidden][name=service]").input_value() == str(service.pk)
    assert page.locator(f"{link_form} input[type=hidden][name=next]").input_value() == service_path
    offered = page.locator("#id_system option").evaluate_all("options => options.map(o => o.value)")
    assert str(websak.pk) in offered and str(visma.pk) not in offered
    page.select_option("#id_system", str(websak.pk))
    page.select_option("#id_role", SystemRole.SUPPORTING.value)
    page.fill("#id_note", "Vedtak om barnehageplass blir arkiverte her.")
    assert_accessible(page)
    screenshot(page, "leader-link-form")
    submit(page, link_form)

    assert path_of(page) == service_path
    link = ServiceSystem.objects.get(service=service, system=websak)
    assert link.role == SystemRole.SUPPORTING and link.note == "Vedtak om barnehageplass blir arkiverte her."
    hrefs = [linked.nth(i).get_attribute("href") for i in range(linked.count())]
    assert sorted(hrefs) == sorted([visma.get_absolute_url(), websak.get_absolute_url()])
    assert "Vedtak om barnehageplass" in page.locator("#service-systems").inner_text()
    screenshot(page, "leader-service")

    # The other service is not the leader's: no form to link systems to it.
    visit(page, f"{base}{other.get_absolute_url()}")
    assert page.locator("#link-heading").count() == 0
    assert page.locator("form[action$='/service-systems/add/']").count() == 0

    # The filtered matrix now shows both systems in the service's row, with their roles.
    visit(page, filtered_matrix)
    assert matrix_services(page) == {service_path}
    row = matrix_row(page, service)
    with translation.override(page.locator("html").get_attribute("lang")):
        primary, supporting = str(SystemRole.PRIMARY.label), str(SystemRole.SUPPORTING.label)
    assert row == {visma.get_absolute_url(): primary, websak.get_absolute_url(): supporting}
    assert byggsok.get_absolute_url() not in row
    screenshot(page, "leader-matrix")

    # Excel export of the same (filtered) matrix.
    xlsx = page.locator("a[href*='export=xlsx']")
    assert parse_qs(urlparse(xlsx.get_attribute("href")).query)["unit"] == [str(unit.pk)]
    workbook = load_workbook(io.BytesIO(download(page, "a[href*='export=xlsx']")), read_only=True)
    rows = [[cell if cell is not None else "" for cell in r] for r in workbook.active.iter_rows(values_only=True)]
    assert sorted(rows[0][1:-1]) == ["Acos WebSak", "Visma Flyt Barnehage"]  # the last column and row: totals
    assert [r[0] for r in rows[1:-1]] == ["Barnehageplass"]
    assert dict(zip(rows[0][1:-1], rows[1][1:-1], strict=True)) == {
        "Visma Flyt Barnehage": primary,
        "Acos WebSak": supporting,
    }

    # CSV export: UTF-8 with a byte order mark, separated by semicolons.
    text = download(page, "a[href*='export=csv']").decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert sorted(rows[0][1:-1]) == ["Acos WebSak", "Visma Flyt Barnehage"]  # the last column and row: totals
    assert [r[0] for r in rows[1:-1]] == ["Barnehageplass"]
    assert dict(zip(rows[0][1:-1], rows[1][1:-1], strict=True)) == {
        "Visma Flyt Barnehage": primary,
        "Acos WebSak": supporting,
    }
    assert path_of(page) == "/reports/service-matrix/"  # downloads do not navigate away
