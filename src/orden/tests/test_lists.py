"""The generic list, on the system list and every model's: Norwegian sorting, the choice of columns, the
active filters as chips, tags, and the export of every field (with formulas neutralised).

Texts are compared in bokmål through the catalogues (``in_nb``, ``label``), so the tests do not hard-code
translations."""

import csv
import datetime
import io
import re
import zipfile
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from django.utils.text import capfirst
from openpyxl import load_workbook

from orden.catalog.models import Product, ProductVersion
from orden.catalog.tests.specs import product
from orden.core.roles import Role
from orden.core.tables import csv_cell
from orden.core.testing.matrix import ADMIN, all_specs
from orden.core.views import ModelViews
from orden.organizations.models import Contact
from orden.organizations.testing import work_in
from orden.portfolio.models import Criticality, Hosting, Lifecycle, System
from orden.portfolio.tests.specs import make_system

LIST = "portfolio:system_list"


@pytest.fixture
def coordinator(client, world):
    client.force_login(world.users[Role.COORDINATOR])
    return client


def names_on_page(response):
    return [obj.name for obj, _cells in response.context["rows"]]


def headers(response):
    return [str(column.label) for column in response.context["columns"]]


def in_nb(text, **values):
    with translation.override("nb"):
        return translation.gettext(text) % values if values else translation.gettext(text)


def label(name):
    """A system field's heading as the (bokmål) page shows it."""
    with translation.override("nb"):
        return str(capfirst(System._meta.get_field(name).verbose_name))


def choice(member):
    with translation.override("nb"):
        return str(member.label)


def views_of(model):
    import orden.urls  # noqa: F401  (imports every app's views)

    def walk(cls):
        for sub in cls.__subclasses__():
            yield sub
            yield from walk(sub)

    return next(views for views in walk(ModelViews) if getattr(views, "model", None) is model)


def all_columns(model):
    return "?columns=" + ",".join(column.key for column in views_of(model).available_columns())


# Sorting


@pytest.mark.django_db
def test_names_sort_in_norwegian_order_whatever_their_case(coordinator, world):
    for name in ["Webcruiter", "ePhorte", "itslearning", "Ørsta Arkiv", "Åpen", "Ærlig", "Zeta", "acos"]:
        System.objects.create(organization=world.own, name=name)
    expected = ["acos", "ePhorte", "itslearning", "Webcruiter", "Zeta", "Ærlig", "Ørsta Arkiv", "Åpen"]
    assert names_on_page(coordinator.get(reverse(LIST))) == expected  # the default ordering
    assert names_on_page(coordinator.get(reverse(LIST), {"ordering": "name"})) == expected
    assert names_on_page(coordinator.get(reverse(LIST), {"ordering": "-name"})) == expected[::-1]
    lines = coordinator.get(reverse(LIST), {"export": "csv"}).content.decode("utf-8-sig").splitlines()
    assert [line.split(";")[1] for line in lines[1:]] == expected  # the export keeps the order


@pytest.mark.django_db
def test_related_names_and_choices_sort_in_their_order(coordinator, world):
    first = Product.objects.create(name="Ørn", vendor=product().vendor, category=product().category)
    second = Product.objects.create(name="visma", vendor=product().vendor, category=product().category)
    System.objects.create(organization=world.own, name="A", product=first, lifecycle="retired", criticality="low")
    System.objects.create(organization=world.own, name="B", product=second, lifecycle="planned", criticality="critical")
    System.objects.create(organization=world.own, name="C", lifecycle="phasing_out", criticality="high")
    System.objects.create(organization=world.own, name="D", lifecycle="", criticality="")
    # Related names in Norwegian order; a system without a product last, both ways, on both databases.
    assert names_on_page(coordinator.get(reverse(LIST), {"ordering": "product"})) == ["B", "A", "C", "D"]
    assert names_on_page(coordinator.get(reverse(LIST), {"ordering": "-product"})) == ["A", "B", "C", "D"]
    # Choices in the order they are declared (planned, in use, being phased out, retired), not by code.
    assert names_on_page(coordinator.get(reverse(LIST), {"ordering": "lifecycle"})) == ["B", "C", "A", "D"]
    assert names_on_page(coordinator.get(reverse(LIST), {"ordering": "-criticality"})) == ["B", "C", "A", "D"]


# Columns


@pytest.mark.django_db
def test_users_choose_the_columns_and_the_choice_is_remembered(coordinator, world):
    make_system(world, world.own, 0)
    default = headers(coordinator.get(reverse(LIST)))
    chosen = [label("name"), label("product"), label("responsible"), label("hosting")]
    assert default[:2] == chosen[:2] and label("hosting") not in default
    page = coordinator.get(reverse(LIST), {"columns": "product,hosting,responsible"})
    assert headers(page) == chosen  # in the list's order; the name links to the system: always shown
    content = page.content.decode()
    assert 'href="?columns=product%2Chosting%2Cresponsible&amp;ordering=name"' in content  # sorting keeps it
    assert 'href="?columns=product%2Chosting%2Cresponsible&amp;export=csv"' in content  # so does the export
    assert 'value="hosting" id="column-hosting" checked' in content
    assert 'value="annual_cost" id="column-annual_cost">' in content
    # Remembered for this list in the session, not for others.
    assert headers(coordinator.get(reverse(LIST))) == chosen
    assert len(headers(coordinator.get(reverse("portfolio:service_list")))) > 2
    # Choosing the default set forgets the choice.
    keys = ",".join(column.key for column in views_of(System).bound_columns())
    assert headers(coordinator.get(reverse(LIST), {"columns": keys})) == default
    assert headers(coordinator.get(reverse(LIST))) == default
    # Several parameters (the form without JavaScript) work too; only unknown keys mean the default.
    assert headers(coordinator.get(reverse(LIST) + "?columns=&columns=hosting")) == [label("name"), label("hosting")]
    assert headers(coordinator.get(reverse(LIST), {"columns": ""})) == [label("name")]
    assert headers(coordinator.get(reverse(LIST), {"columns": "nonsense"})) == default


@pytest.mark.django_db
@pytest.mark.parametrize("spec", all_specs(), ids=lambda spec: spec.label)
def test_every_list_with_all_its_columns_costs_the_same_queries_for_more_rows(client, world, spec):
    work_in(client, world.users[ADMIN], world.own)
    url = reverse(spec.model.url_name("list")) + all_columns(spec.model)
    spec.make(world, world.own, 0)
    client.get(url)  # warm up: the session's bookkeeping happens once

    def queries(rows):
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        assert response.status_code == 200 and response.context["page"].paginator.count >= rows
        assert len(response.context["columns"]) == len(views_of(spec.model).available_columns())
        return len(captured)

    one = queries(1)
    for n in range(1, 20):
        spec.make(world, world.own, n)
    assert queries(20) == one


@pytest.mark.django_db
def test_the_system_list_with_every_column_filled_costs_the_same_queries(coordinator, world):
    url = reverse(LIST) + all_columns(System)

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert coordinator.get(url).status_code == 200
        return len(captured)

    full_system(world, 0)
    coordinator.get(url)
    one = queries()
    for n in range(1, 10):
        full_system(world, n)
    assert queries() == one


# Chips and tags


@pytest.mark.django_db
def test_active_filters_are_chips_that_each_remove_one_filter(coordinator, world):
    make_system(world, world.own, 0)
    query = "?q=System&lifecycle=in_use&lifecycle=retired&hosting=saas&ordering=-name&page=1"
    response = coordinator.get(reverse(LIST) + query)
    lifecycle, hosting = label("lifecycle"), label("hosting")
    in_use, retired, saas = choice(Lifecycle.IN_USE), choice(Lifecycle.RETIRED), choice(Hosting.SAAS)

    def remove(text):
        return in_nb("Remove filter: %(filter)s", filter=text)

    assert {name: url for _text, name, url in response.context["chips"]} == {
        remove(
            f"{in_nb('Search')}: System"
        ): "/systems/?lifecycle=in_use&lifecycle=retired&hosting=saas&ordering=-name",
        remove(f"{lifecycle}: {in_use}"): "/systems/?q=System&lifecycle=retired&hosting=saas&ordering=-name",
        remove(f"{lifecycle}: {retired}"): "/systems/?q=System&lifecycle=in_use&hosting=saas&ordering=-name",
        remove(f"{hosting}: {saas}"): "/systems/?q=System&lifecycle=in_use&lifecycle=retired&ordering=-name",
    }
    content = response.content.decode()
    assert 'class="ds-chip" data-removable="true" href="/systems/?q=System&amp;lifecycle=retired' in content
    assert f'aria-label="{remove(f"{lifecycle}: {in_use}")}"' in content
    assert response.context["clear_url"] == "/systems/?ordering=-name"
    # The chips are part of the results htmx replaces.
    partial = coordinator.get(reverse(LIST) + query, HTTP_HX_REQUEST="true", HTTP_HX_TARGET="results")
    assert f'aria-label="{remove(f"{lifecycle}: {in_use}")}"' in partial.content.decode()
    assert "<header" not in partial.content.decode()
    # No filter, no chips.
    assert coordinator.get(reverse(LIST), {"ordering": "name"}).context["chips"] == []


@pytest.mark.django_db
def test_chips_name_related_rows_and_yes_or_no(coordinator, world):
    make_system(world, world.own, 0)
    owner = world.users[Role.SYSTEM_OWNER]
    response = coordinator.get(reverse(LIST), {"owner": owner.pk, "personal_data": "false", "hosting": "bad"})
    texts = [text for text, _name, _url in response.context["chips"]]
    assert texts == [f"{label('owner')}: {owner}", f"{label('personal_data')}: {in_nb('No')}"]  # not the invalid one


@pytest.mark.django_db
def test_lifecycle_and_criticality_are_coloured_tags(coordinator, world):
    make_system(world, world.own, 0)  # in use, high
    content = coordinator.get(reverse(LIST)).content.decode()
    assert f'<span class="ds-tag" data-color="success">{choice(Lifecycle.IN_USE)}</span>' in content
    assert f'<span class="ds-tag" data-color="warning">{choice(Criticality.HIGH)}</span>' in content


# Export


def full_system(world, n):
    """A system with every field filled in."""
    made = product()
    version = ProductVersion.objects.get_or_create(product=made, name="10.2")[0]
    contacts = [Contact.objects.create(organization=world.own, name=f"Kontakt {n} {i}") for i in ("B", "A")]
    system = System.objects.create(
        organization=world.own,
        name=f"Fullt system {n}",
        product=made,
        product_version=version,
        description="Brukes av alle; også «sitater»\nog linjeskift",
        lifecycle="phasing_out",
        in_use_from=datetime.date(2019, 1, 31),
        in_use_until=datetime.date(2026, 12, 1),
        owner=world.users[Role.SYSTEM_OWNER],
        responsible=world.users[Role.ARCHITECT],
        user_count=1234,
        criticality="critical",
        last_risk_assessment=datetime.date(2024, 5, 2),
        hosting="saas",
        personal_data=True,
        special_categories=True,
        confidentiality="3",
        integrity="2",
        availability="4",
        time_classification="invest",
        annual_cost=Decimal("1250000"),
        vendor_contact=contacts[0],
    )
    system.super_users.set(contacts)
    return system


def expected_export(system):
    """Every field as the export writes it (XLSX types; the CSV text follows from them), by heading."""
    with translation.override("nb"):
        values = {
            "name": system.name,
            "product": system.product.name,
            "product_version": f"{system.product.name} 10.2",
            "description": system.description,
            "lifecycle": system.get_lifecycle_display(),
            "in_use_from": datetime.date(2019, 1, 31),
            "in_use_until": datetime.date(2026, 12, 1),
            "owner": str(system.owner),
            "responsible": str(system.responsible),
            "user_count": 1234,
            "criticality": system.get_criticality_display(),
            "last_risk_assessment": datetime.date(2024, 5, 2),
            "hosting": system.get_hosting_display(),
            "personal_data": True,
            "special_categories": True,
            "confidentiality": system.get_confidentiality_display(),
            "integrity": system.get_integrity_display(),
            "availability": system.get_availability_display(),
            "time_classification": system.get_time_classification_display(),
            "annual_cost": 1250000,
            "super_users": "Kontakt 0 A, Kontakt 0 B",
            "vendor_contact": "Kontakt 0 B",
        }
        values = {name: str(value) if isinstance(value, str) else value for name, value in values.items()}
    assert set(values) == set(System.edit_fields), "a field was added to System: add it to this test"
    return {in_nb("ID"): system.pk, **{label(name): values[name] for name in System.edit_fields}}


def export(client, fmt, **query):
    response = client.get(reverse(LIST), {"export": fmt, **query})
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="systemer-')
    return response


@pytest.mark.django_db
def test_the_export_has_every_field_of_the_filtered_rows_typed_in_xlsx_and_csv(coordinator, world):
    system = full_system(world, 0)
    make_system(world, world.own, 1)  # in use: filtered out below
    make_system(world, world.other, 2)  # another organisation's
    expected = expected_export(system)

    workbook = load_workbook(io.BytesIO(export(coordinator, "xlsx", lifecycle="phasing_out").content))
    rows = list(workbook.active.iter_rows(values_only=True))
    assert len(rows) == 2  # the header and the one system the filter shows, whatever columns the list shows
    header, values = rows
    assert list(header) == list(expected)
    got = dict(zip(header, values, strict=True))
    for name in ("in_use_from", "in_use_until", "last_risk_assessment"):
        got[label(name)] = got[label(name)].date()  # XLSX stores dates as date-times
    assert got == expected
    assert isinstance(got[label("user_count")], int) and isinstance(got[label("annual_cost")], int | float)

    text = export(coordinator, "csv", lifecycle="phasing_out", columns="name").content.decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text[1:], newline=""), delimiter=";"))
    assert len(rows) == 2 and rows[0] == list(expected)
    got = dict(zip(rows[0], rows[1], strict=True))
    assert got[in_nb("ID")] == str(system.pk)
    assert got[label("user_count")] == "1234" and got[label("annual_cost")] == "1250000"  # no thousands separator
    assert got[label("in_use_from")] == "2019-01-31" and got[label("last_risk_assessment")] == "2024-05-02"
    assert got[label("personal_data")] == in_nb("Yes")
    assert got[label("description")] == system.description  # the semicolon and the line break survive
    with translation.override("nb"):
        assert got == {name: csv_cell(value) for name, value in expected.items()}


def test_csv_numbers_use_a_decimal_comma_and_dates_iso_8601():
    assert csv_cell(Decimal("1234567.50")) == "1234567,50"
    assert csv_cell(2.5) == "2,5" and csv_cell(-3) == "-3" and csv_cell(None) == ""
    assert csv_cell(datetime.date(2025, 3, 31)) == "2025-03-31"
    moment = datetime.datetime(2025, 3, 31, 12, 5, tzinfo=datetime.UTC)
    assert re.fullmatch(r"2025-03-31T\d\d:05:00[+-]\d\d:\d\d", csv_cell(moment))


@pytest.mark.django_db
def test_the_export_costs_the_same_queries_for_more_rows(coordinator, world):
    full_system(world, 0)
    export(coordinator, "csv")  # warm up: the session's bookkeeping happens once

    def queries(fmt):
        with CaptureQueriesContext(connection) as captured:
            export(coordinator, fmt)
        return len(captured)

    one = queries("csv"), queries("xlsx")
    for n in range(1, 10):
        full_system(world, n)
    assert (queries("csv"), queries("xlsx")) == one


FORMULAS = ['=HYPERLINK("http://evil")', "+47 22 00 00 00", "-2+3", "@SUM(A1)", "\tindent", "\rreturn"]


@pytest.mark.django_db
def test_cells_that_begin_like_a_formula_are_neutralised(coordinator, world):
    for n, text in enumerate(FORMULAS):
        System.objects.create(organization=world.own, name=f"System {n}", description=text)
    System.objects.create(organization=world.own, name="=cmd|' /C calc'!A0")

    text = export(coordinator, "csv").content.decode("utf-8")[1:]
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))
    descriptions = [row[rows[0].index(label("description"))] for row in rows[1:] if row[1].startswith("System")]
    assert sorted(descriptions) == sorted(f"'{formula}" for formula in FORMULAS)
    assert "'=cmd|' /C calc'!A0" in [row[1] for row in rows[1:]]

    content = export(coordinator, "xlsx").content
    sheet = load_workbook(io.BytesIO(content)).active
    column = [cell.value for cell in sheet[1]].index(label("description")) + 1
    cells = [sheet.cell(row=row, column=column) for row in range(2, sheet.max_row + 1)]
    cells = [cell for cell in cells if cell.value]
    # Kept as written (XML reads a carriage return as a line feed) …
    assert sorted(cell.value for cell in cells) == sorted(text.replace("\r", "\n") for text in FORMULAS)
    # … but as text, which the spreadsheet keeps as text even when the cell is edited: never a formula.
    assert all(cell.data_type == "s" and cell.quotePrefix for cell in cells)
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        sheets = [archive.read(name).decode() for name in archive.namelist() if name.startswith("xl/worksheets/")]
    assert sheets and not any("<f>" in xml for xml in sheets)
