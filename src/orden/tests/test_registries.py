"""A later app adds a tab, a menu entry, a dashboard section and an export sheet by declaration only.

Each test registers what a new app's ``ui.py`` would, then uses the pages that other apps own: nothing
in ``portfolio`` or ``base.html`` is edited for it.
"""

import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook
from rest_framework.test import APIClient

from orden.api.models import ApiToken
from orden.core import registry
from orden.core.registry import MenuItem, Registry, Section, Tab
from orden.core.roles import Role
from orden.organizations.testing import work_in
from orden.portfolio.models import System
from orden.portfolio.tests.specs import make_system
from orden.portfolio.views import SystemViews


@pytest.fixture
def declared():
    """Registrations undone after the test, as if a test app were installed only for it."""
    made = []

    def register(place, *args):
        item = place.register(*args)
        made.append((place, args))
        return item

    yield register
    for place, args in made:
        place.unregister(*args)


def contracts_context(request, system):
    return {"contract_count": System.objects.restrict(request.user).filter(pk=system.pk).count()}


@pytest.mark.django_db
def test_another_app_adds_a_tab_to_the_system_page(client, world, declared):
    declared(
        registry.tabs, System, Tab("test-contracts", "Avtaler", "core/object_detail.html", contracts_context, weight=5)
    )
    system = make_system(world, world.own, 1)
    work_in(client, world.users[Role.READER], world.own)

    page = client.get(system.get_absolute_url()).content.decode()
    tab_url = reverse("portfolio:system_tab", args=[system.pk, "test-contracts"])
    assert f'href="{tab_url}"' in page
    assert page.index(tab_url) < page.index(reverse("portfolio:system_tab", args=[system.pk, "services"]))

    response = client.get(tab_url)
    assert response.status_code == 200
    assert response.context["active_tab"] == "test-contracts"
    assert response.context["contract_count"] == 1
    assert client.get(reverse("portfolio:system_tab", args=[system.pk, "no-such-tab"])).status_code == 404


@pytest.mark.django_db
def test_a_registered_tab_shows_nothing_of_another_organisation(client, world, declared):
    declared(registry.tabs, System, Tab("test-contracts", "Avtaler", "core/object_detail.html", contracts_context))
    theirs = make_system(world, world.other, 1)
    work_in(client, world.users[Role.COORDINATOR], world.own)
    assert client.get(reverse("portfolio:system_tab", args=[theirs.pk, "test-contracts"])).status_code == 404


@pytest.mark.django_db
def test_menu_entries_are_declared_and_shown_to_those_who_may_use_them(client, world, declared):
    declared(
        registry.menu,
        MenuItem(
            "Avtaler",
            "organizations:membership_list",
            weight=25,
            visible=lambda request: request.role == Role.COORDINATOR,
        ),
    )
    coordinator = work_in(client, world.users[Role.COORDINATOR], world.own).get(reverse("home")).content.decode()
    assert ">Avtaler</a>" in coordinator
    # Between "Systems" (20) and "Services" (30), by weight.
    assert coordinator.index(">Systemer</a>") < coordinator.index(">Avtaler</a>") < coordinator.index(">Tjenester</a>")

    reader = work_in(client, world.users[Role.READER], world.own).get(reverse("home")).content.decode()
    assert ">Avtaler</a>" not in reader and ">Systemer</a>" in reader

    # Someone who belongs to no organisation is not offered the register's pages, only the catalogue.
    outsider = work_in(client, world.users["outsider"], world.own).get(reverse("catalog:product_list")).content.decode()
    assert ">Katalog</a>" in outsider and ">Systemer</a>" not in outsider


@pytest.mark.django_db
def test_the_current_menu_entry_is_marked(client, world):
    page = work_in(client, world.users[Role.READER], world.own).get(reverse("reports:service_matrix")).content.decode()
    current = [line for line in page.splitlines() if 'aria-current="page"' in line and "<li>" in line]
    assert len(current) == 1 and "Tjenestekart" in current[0]


@pytest.mark.django_db
def test_another_app_adds_a_dashboard_section(client, world, declared, tmp_path, settings):
    (tmp_path / "deadlines.html").write_text('<section id="deadlines">{{ deadlines }} frister</section>')
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [*settings.TEMPLATES[0]["DIRS"], tmp_path]}]
    declared(registry.dashboard, Section("deadlines", "deadlines.html", lambda request: {"deadlines": 3}, weight=5))
    declared(registry.dashboard, Section("hidden", "deadlines.html", lambda request: None))
    page = work_in(client, world.users[Role.ADVISOR], world.own).get(reverse("reports:dashboard")).content.decode()
    assert page.count('id="deadlines"') == 1
    assert "3 frister" in page
    assert page.index('id="deadlines"') < page.index('id="score-heading"')


@pytest.mark.django_db
def test_the_organisation_export_has_a_sheet_per_registered_type(client, world):
    make_system(world, world.own, 1)
    theirs = make_system(world, world.other, 2)
    theirs.name = "Hemmeleg system i Tokke"
    theirs.save()
    response = work_in(client, world.users[Role.READER], world.own).get(reverse("organization_export"))
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(response.content), read_only=True)
    expected = [str(sheet.views.model._meta.verbose_name_plural)[:31] for sheet in registry.exports.items()]
    assert workbook.sheetnames == expected
    systems = [row for row in workbook[expected[0]].iter_rows(values_only=True)]
    assert systems[0][0] == "Navn"
    assert [row[0] for row in systems[1:]] == ["System 1"]
    assert "Hemmeleg" not in response.content.decode("latin-1")


@pytest.mark.django_db
def test_the_organisation_export_costs_the_same_queries_for_more_rows(client, world):
    work_in(client, world.users[Role.COORDINATOR], world.own)
    make_system(world, world.own, 0)
    client.get(reverse("organization_export"))

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse("organization_export")).status_code == 200
        return len(captured)

    one = queries()
    for n in range(1, 30):
        make_system(world, world.own, n)
    assert queries() == one


def test_registries_keep_the_order_of_weight_and_refuse_a_slug_twice():
    place = Registry("test")
    late, early, same = Tab("b", "B", "t.html", weight=20), Tab("a", "A", "t.html", weight=10), Tab("c", "C", "t.html")
    for tab in (late, early, same):
        place.register(System, tab)
    assert [tab.slug for tab in place.items("portfolio.System")] == ["a", "b", "c"]
    with pytest.raises(ValueError):
        place.register(System, Tab("a", "again", "t.html"))
    assert SystemViews.tab("services").template == "portfolio/system_services.html"


@pytest.mark.django_db
def test_the_api_exports_the_same_workbook_and_only_for_members(world):
    make_system(world, world.own, 1)
    _token, key = ApiToken.issue(world.users[Role.READER], "test")
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    response = api.get("/api/reports/export/", {"organization": world.own.pk})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    workbook = load_workbook(io.BytesIO(response.content), read_only=True)
    assert len(workbook.sheetnames) == len(registry.exports.items())
    assert api.get("/api/reports/export/", {"organization": world.other.pk}).status_code == 404
