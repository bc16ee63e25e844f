"""The service map: totals, the filter, the default filter of a large organisation, marks that say their role,
exports with totals and a constant number of queries (issue 7)."""

import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from orden.core.roles import Role
from orden.organizations.models import Unit
from orden.portfolio.models import Sector, Service, ServiceSystem, System
from orden.reports import matrix as service_matrix

URL = "/reports/service-matrix/"


def sector(n):
    return Sector.objects.get_or_create(
        uri=f"https://psi.norge.no/los/tema/test-{n}", defaults={"label_nb": f"Sektor {n}"}
    )[0]


def link(world, service, system, role="primary"):
    return ServiceSystem.objects.create(organization=world.own, service=service, system=system, role=role)


@pytest.fixture
def register(world):
    """Two units (Oppvekst with Skule under it), two sectors, three services, four systems."""
    oppvekst = Unit.objects.create(organization=world.own, name="Oppvekst")
    skule = Unit.objects.create(organization=world.own, name="Skule", parent=oppvekst)
    teknisk = Unit.objects.create(organization=world.own, name="Teknisk")
    school, building = sector(1), sector(2)
    opptak = Service.objects.create(
        organization=world.own, name="Barnehageopptak", responsible_unit=oppvekst, sector=school
    )
    skyss = Service.objects.create(organization=world.own, name="Skuleskyss", responsible_unit=skule, sector=school)
    byggesak = Service.objects.create(
        organization=world.own, name="Byggesak", responsible_unit=teknisk, sector=building
    )
    systems = {
        name: System.objects.create(organization=world.own, name=name) for name in ("Visma", "Websak", "ISY", "Unused")
    }
    link(world, opptak, systems["Visma"])
    link(world, opptak, systems["Websak"], "supporting")
    link(world, skyss, systems["Visma"])
    link(world, byggesak, systems["ISY"])
    link(world, byggesak, systems["Websak"], "supporting")
    return {"oppvekst": oppvekst, "skule": skule, "teknisk": teknisk, "school": school, "building": building}


@pytest.fixture
def reader(client, world):
    client.force_login(world.users[Role.READER])
    return client


def test_totals_per_row_and_column(reader, register):
    response = reader.get(URL)
    result = response.context["matrix"]
    assert [system.name for system in result.systems] == ["ISY", "Visma", "Websak"]  # "Unused" supports nothing
    rows = {service.name: total for service, _cells, total in response.context["table_rows"]}
    assert rows == {"Barnehageopptak": 2, "Byggesak": 2, "Skuleskyss": 1}
    assert response.context["system_totals"] == [1, 2, 2]
    assert response.context["link_count"] == 5


def test_every_cell_says_its_role_and_marks_line_up(reader, register):
    html = reader.get(URL).content.decode()
    assert html.count('data-role="primary"><span class="ds-sr-only">') == 3
    assert html.count('data-role="supporting"><span class="ds-sr-only">') == 2
    assert html.count('<td class="orden-cell"><span class="ds-sr-only">') == 3 * 3 - 5  # the empty cells
    assert 'id="matrix-legend"' in html and "onclick" not in html


def test_the_filter_by_unit_includes_sub_units_and_by_sector(reader, register):
    by_unit = reader.get(URL, {"unit": register["oppvekst"].pk}).context
    assert [s.name for s in by_unit["matrix"].services] == ["Barnehageopptak", "Skuleskyss"]
    assert [s.name for s in by_unit["matrix"].systems] == ["Visma", "Websak"]
    assert by_unit["system_totals"] == [2, 1]
    by_sector = reader.get(URL, {"sector": register["building"].pk}).context
    assert [s.name for s in by_sector["matrix"].services] == ["Byggesak"]
    assert [s.name for s in by_sector["matrix"].systems] == ["ISY", "Websak"]
    # The sector choices are those the organisation has services in.
    assert set(by_sector["form"].fields["sector"].queryset) == {register["school"], register["building"]}


def test_the_exports_have_the_totals(reader, register):
    text = reader.get(URL, {"unit": register["oppvekst"].pk, "export": "csv"}).content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert rows[0] == ["", "Visma", "Websak", "Totalt"]
    assert rows[1][0] == "Barnehageopptak" and rows[1][-1] == "2"
    assert rows[-1] == ["Totalt", "2", "1", "3"]
    workbook = load_workbook(io.BytesIO(reader.get(URL, {"export": "xlsx"}).content), read_only=True)
    sheet = [list(row) for row in workbook.active.iter_rows(values_only=True)]
    assert sheet[-1] == ["Totalt", 1, 2, 2, 5]


def test_a_large_map_opens_on_a_default_filter(reader, world, register, monkeypatch):
    monkeypatch.setattr(service_matrix, "FITS_ON_SCREEN", 2)
    response = reader.get(URL)
    result = response.context["matrix"]
    # The reader leads no unit: the sector with most services.
    assert result.default_sector == register["school"] and result.unfiltered_systems == 3
    assert [s.name for s in result.services] == ["Barnehageopptak", "Skuleskyss"]
    assert response.context["form"].initial["sector"] == register["school"]
    assert 'id="matrix-default"' in response.content.decode()
    # The export of that page is what it shows.
    text = reader.get(URL, {"export": "csv"}).content.decode("utf-8-sig")
    assert [row.split(";")[0] for row in text.splitlines()] == ["", "Barnehageopptak", "Skuleskyss", "Totalt"]
    # "Show everything" is a choice of its own.
    everything = reader.get(URL, {"unit": "", "sector": ""}).context["matrix"]
    assert not everything.defaulted and len(everything.systems) == 3
    # A head of service sees the unit they lead, with its sub-units.
    Unit.objects.filter(pk=register["teknisk"].pk).update(leader=world.users[Role.SERVICE_LEADER])
    reader.force_login(world.users[Role.SERVICE_LEADER])
    result = reader.get(URL).context["matrix"]
    assert result.default_unit == register["teknisk"] and [s.name for s in result.services] == ["Byggesak"]


def test_another_organisations_rows_are_not_in_the_map(reader, world, register):
    other = Service.objects.create(organization=world.other, name="Tokke-tjeneste")
    system = System.objects.create(organization=world.other, name="Tokke-system")
    ServiceSystem.objects.create(organization=world.other, service=other, system=system)
    result = reader.get(URL).context["matrix"]
    assert "Tokke-tjeneste" not in {s.name for s in result.services}
    assert "Tokke-system" not in {s.name for s in result.systems}


def test_the_api_keeps_its_shape_and_adds_totals(world, register):
    from orden.portfolio.tests.test_services import api_for

    data = api_for(world.users[Role.READER]).get("/api/reports/service-matrix/", {"organization": world.own.pk}).data
    assert {s["name"]: s["services"] for s in data["systems"]} == {"ISY": 1, "Visma": 2, "Websak": 2}
    opptak = next(s for s in data["services"] if s["name"] == "Barnehageopptak")
    assert opptak["total"] == 2 and {entry["role"] for entry in opptak["systems"]} == {"Primær", "Støttende"}
    assert set(opptak["systems"][0]) == {"system", "role", "role_code"}


def queries(client, params):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(URL, params).status_code == 200
    return len(captured)


@pytest.mark.parametrize("params", [{}, {"sector": "school"}, {"unit": "oppvekst"}])
def test_the_map_costs_the_same_queries_for_more_rows(reader, world, register, params):
    params = {key: register[value].pk for key, value in params.items()}
    reader.get(URL)
    few = queries(reader, params)
    for n in range(20):
        service = Service.objects.create(
            organization=world.own, name=f"Tjeneste {n}", responsible_unit=register["skule"], sector=register["school"]
        )
        system = System.objects.create(organization=world.own, name=f"System {n}")
        link(world, service, system)
        link(world, service, System.objects.get(name="Visma"), "supporting")
    assert queries(reader, params) == few
