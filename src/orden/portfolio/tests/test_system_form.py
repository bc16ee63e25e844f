"""The system form for daily use: sections with legends, help texts linked to their inputs, the product
search with usage counts, the version list that follows the product, and the wider bulk edit."""

import datetime
from html.parser import HTMLParser

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from orden.catalog.models import Category, Product, ProductVersion, Vendor
from orden.catalog.tests.specs import product
from orden.core.history import ChangeRecord
from orden.core.roles import Role
from orden.organizations.models import Contact
from orden.portfolio.forms import SystemForm
from orden.portfolio.models import System
from orden.portfolio.tests.specs import make_system

SECTIONS = ["What it is", "Who answers for it", "How critical it is", "Hosting and security", "Cost and people"]
HELPED = [
    "confidentiality",
    "integrity",
    "availability",
    "time_classification",
    "lifecycle",
    "criticality",
    "last_risk_assessment",
    "hosting",
    "personal_data",
    "special_categories",
    "annual_cost",
]


class FormPage(HTMLParser):
    """What a test needs of a form page: the fieldsets' legends with the fields inside each, the elements'
    attributes by id, and the text of each element with an id."""

    def __init__(self, html):
        super().__init__()
        self.sections = []  # [(legend, [field names])], outermost fieldsets of a section only
        self.by_id = {}
        self.fieldsets = []  # the attributes of every fieldset
        self.text = {}
        self._open = []  # ids of open elements with an id, for their text
        self._stack = []  # tag names
        self._section = None
        self._in_legend = False
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag not in ("input", "br", "img", "meta", "link", "hr"):
            self._stack.append((tag, attrs.get("id")))
            if attrs.get("id"):
                self._open.append(attrs["id"])
                self.text[attrs["id"]] = ""
        if attrs.get("id"):
            self.by_id[attrs["id"]] = {"tag": tag, **attrs}
        if tag == "fieldset":
            self.fieldsets.append(attrs)
        if tag == "fieldset" and "orden-form__section" in attrs.get("class", ""):
            self._section = ["", []]
            self.sections.append(self._section)
        elif tag == "legend" and self._section is not None and not self._section[0]:
            self._in_legend = True
        if tag in ("input", "select", "textarea") and self._section is not None and attrs.get("name"):
            if attrs["name"] not in self._section[1] and attrs.get("type") != "search":
                self._section[1].append(attrs["name"])

    def handle_endtag(self, tag):
        if tag not in [name for name, _id in self._stack]:
            return
        while self._stack:
            name, element_id = self._stack.pop()
            if element_id:
                self._open.remove(element_id)
            if name == tag:
                break
        if tag == "legend":
            self._in_legend = False
        if tag == "fieldset" and self._section is not None and not any(n == "fieldset" for n, _ in self._stack):
            self._section = None

    def handle_data(self, data):
        if self._in_legend:
            self._section[0] += data.strip()
        for element_id in self._open:
            self.text[element_id] += data


@pytest.fixture
def coordinator(client, world):
    user = world.users[Role.COORDINATOR]
    user.language = "en"
    user.save()
    client.force_login(user)
    return user


def test_the_form_renders_its_sections_in_order_with_legends(client, coordinator, world):
    Contact.objects.create(organization=world.own, name="Kari Superbrukar")
    page = FormPage(client.get(reverse("portfolio:system_add")).content.decode())
    assert [legend for legend, _fields in page.sections] == SECTIONS
    fields = dict(page.sections)
    assert fields["What it is"][:3] == ["name", "product", "product_version"]
    assert fields["Who answers for it"] == ["owner", "responsible"]
    assert fields["How critical it is"] == ["criticality", "confidentiality", "integrity", "availability"]
    assert fields["Cost and people"][0] == "annual_cost" and "super_users" in fields["Cost and people"]
    # Every field of the form is in exactly one section.
    placed = [name for _legend, names in page.sections for name in names]
    assert sorted(placed) == sorted(System.edit_fields)
    assert list(SystemForm.sections) and all(len(section) == 2 for section in SystemForm.sections)


def test_every_field_has_a_help_text_linked_by_aria_describedby(client, coordinator):
    page = FormPage(client.get(reverse("portfolio:system_add")).content.decode())
    for name in System.edit_fields:
        assert System._meta.get_field(name).help_text, f"{name} has no help text"
    for name in HELPED:
        described = page.by_id[f"id_{name}"].get("aria-describedby", "")
        assert f"id_{name}_helptext" in described.split(), name
        assert page.text[f"id_{name}_helptext"].strip() == str(System._meta.get_field(name).help_text)
    assert "Very high" in page.text["id_confidentiality_helptext"]
    assert "Eliminate" in page.text["id_time_classification_helptext"]
    # The group of boxes carries its description on the fieldset.
    described = [attrs for attrs in page.fieldsets if attrs.get("aria-describedby") == "id_super_users_helptext"]
    assert len(described) == 1 and page.text["id_super_users_helptext"].strip()


def test_errors_are_linked_too(client, coordinator):
    response = client.post(reverse("portfolio:system_add"), {"name": "", "lifecycle": "in_use"})
    assert response.status_code == 422
    page = FormPage(response.content.decode())
    assert page.by_id["id_name"]["aria-describedby"].split() == ["id_name_helptext", "id_name_error"]


def test_a_form_without_sections_renders_as_before(client, coordinator):
    page = FormPage(client.get(reverse("portfolio:service_add")).content.decode())
    assert page.sections == []
    assert "id_name" in page.by_id


def catalogue(n):
    vendor = Vendor.objects.create(name="Leverandør", status="approved")
    category = Category.objects.first()
    return [
        Product.objects.create(name=f"Sak {i}", vendor=vendor, category=category, status="approved") for i in range(n)
    ]


def options(client, q):
    response = client.get(reverse("catalog:product_options"), {"q": q})
    assert response.status_code == 200
    return response.content.decode()


def test_product_search_by_name_and_vendor_with_usage_counts(client, coordinator, world):
    websak = product()  # Acos WebSak by Acos
    other = Product.objects.create(
        name="Elements", vendor=Vendor.objects.create(name="Sikri"), category=Category.objects.first()
    )
    make_system(world, world.own, 1)  # Vinje uses WebSak
    make_system(world, world.other, 2)  # and Tokke
    retired = make_system(world, world.other, 3)
    retired.lifecycle = "retired"
    retired.save()
    html = options(client, "websak")
    assert f'value="{websak.pk}"' in html and f'value="{other.pk}"' not in html
    assert "Acos WebSak (Acos AS) – used by 2 municipalities" in html
    assert " selected" in html  # a single match is chosen at once
    by_vendor = options(client, "sikri")
    assert "Elements (Sikri)" in by_vendor and "used by" not in by_vendor
    everything = options(client, "")
    assert everything.index("Acos WebSak") < everything.index("Elements")  # the most used first


def test_product_search_costs_the_same_queries_for_one_or_many_products(client, coordinator, world):
    vendor = Vendor.objects.create(name="Leverandør", status="approved")

    def add_products(start, stop):
        for n in range(start, stop):
            item = Product.objects.create(
                name=f"Sak {n}", vendor=vendor, category=Category.objects.first(), status="approved"
            )
            for org in (world.own, world.other)[: 1 + n % 2]:
                System.objects.create(organization=org, name=f"S{n}", product=item)

    def measure():
        with CaptureQueriesContext(connection) as queries:
            html = options(client, "sak")
        return len(queries), html

    add_products(0, 1)
    options(client, "sak")  # the first request of the session reads the roles once
    one, html = measure()
    assert html.count("<option") == 2 and "used by 1 municipality" in html
    add_products(1, 30)
    many, html = measure()
    assert html.count("<option") == 31 and "used by 2 municipalities" in html
    assert one == many


def test_version_options_follow_the_product(client, coordinator):
    websak = product()
    ProductVersion.objects.create(product=websak, name="2024.1")
    ProductVersion.objects.create(product=websak, name="2025.2")
    other = Product.objects.create(
        name="Annet", vendor=Vendor.objects.create(name="V"), category=Category.objects.first()
    )
    ProductVersion.objects.create(product=other, name="9.9")
    html = client.get(reverse("catalog:version_options"), {"product": websak.pk}).content.decode()
    assert "2024.1" in html and "2025.2" in html and "9.9" not in html
    assert "9.9" in client.get(reverse("catalog:version_options"), {"product": other.pk}).content.decode()
    # The product select asks for them on change; its search replaces its options (then orden.js fires change).
    page = FormPage(client.get(reverse("portfolio:system_add")).content.decode())
    select = page.by_id["id_product"]
    assert select["hx-get"] == reverse("catalog:version_options") and select["hx-target"] == "#id_product_version"
    search = page.by_id["id_product_search"]
    assert search["hx-get"] == reverse("catalog:product_options") and search["hx-target"] == "#id_product"
    # A bound form offers the versions of the chosen product, and saving keeps the choice.
    version = websak.versions.get(name="2025.2")
    response = client.post(
        reverse("portfolio:system_add"),
        {"name": "Sak", "product": websak.pk, "product_version": version.pk, "lifecycle": "in_use"},
    )
    assert response.status_code == 302
    assert System.objects.get(name="Sak").product_version == version


def bulk(client, systems, **data):
    return client.post(reverse("portfolio:system_bulk_edit"), {"pk": [s.pk for s in systems], "apply": "1", **data})


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("criticality", "critical"),
        ("time_classification", "migrate"),
        ("hosting", "saas"),
        ("lifecycle", "phasing_out"),
    ],
)
def test_bulk_edit_sets_each_new_field_with_history(client, coordinator, world, field, value):
    systems = [make_system(world, world.own, n) for n in range(3)]
    response = bulk(client, systems, **{field: value})
    assert response.status_code == 302
    assert set(System.objects.filter(pk__in=[s.pk for s in systems]).values_list(field, flat=True)) == {value}
    records = ChangeRecord.objects.filter(object_id__in=[s.pk for s in systems], action="update")
    assert records.count() == 3
    assert all(record.postchange_data[field] == value for record in records)
    # Fields left empty are not changed.
    assert set(System.objects.filter(pk__in=[s.pk for s in systems]).values_list("owner", flat=True)) == {
        world.users[Role.SYSTEM_OWNER].pk
    }


def test_bulk_edit_sets_owner_and_responsible(client, coordinator, world):
    systems = [make_system(world, world.own, n) for n in range(2)]
    architect = world.users[Role.ARCHITECT]
    assert bulk(client, systems, owner=coordinator.pk, responsible=architect.pk).status_code == 302
    assert set(System.objects.values_list("owner", "responsible")) == {(coordinator.pk, architect.pk)}
    # Someone who is not a member of the organisation cannot be named.
    stranger = world.other_users[Role.COORDINATOR]
    response = bulk(client, systems, owner=stranger.pk)
    assert response.status_code == 422
    assert set(System.objects.values_list("owner", flat=True)) == {coordinator.pk}


def test_bulk_confirm_sets_last_reviewed_today_with_history(client, coordinator, world):
    systems = [make_system(world, world.own, n) for n in range(3)]
    assert bulk(client, systems, confirm="on").status_code == 302
    today = datetime.date.today()
    assert set(System.objects.values_list("last_reviewed", flat=True)) == {today}
    records = ChangeRecord.objects.filter(object_id__in=[s.pk for s in systems], action="update")
    assert records.count() == 3
    assert {record.message for record in records} == {"Confirmed that the facts are correct"}
    assert all(record.postchange_data["last_reviewed"] == today.isoformat() for record in records)
    # Together with another change, the record says both.
    bulk(client, systems, confirm="on", criticality="low")
    assert set(System.objects.values_list("criticality", flat=True)) == {"low"}
    assert ChangeRecord.objects.filter(message="Bulk edit; confirmed that the facts are correct").count() == 3


def test_bulk_edit_with_nothing_chosen_changes_nothing(client, coordinator, world):
    systems = [make_system(world, world.own, n) for n in range(2)]
    response = bulk(client, systems)
    assert response.status_code == 422
    assert not ChangeRecord.objects.exists()


def test_bulk_edit_of_the_new_fields_is_all_or_nothing(client, world):
    """A system owner may confirm and classify only their own systems: one other row stops it all."""
    owner = world.users[Role.SYSTEM_OWNER]
    mine = make_system(world, world.own, 1)
    not_mine = make_system(world, world.own, 2)
    not_mine.owner = None
    not_mine.save()
    client.force_login(owner)
    bulk(client, [mine, not_mine], confirm="on", criticality="critical", time_classification="eliminate")
    assert not System.objects.filter(last_reviewed__isnull=False).exists()
    assert not System.objects.filter(criticality="critical").exists()
    assert not ChangeRecord.objects.filter(action="update").exists()
    # Their own systems alone: done.
    assert bulk(client, [mine], confirm="on", time_classification="eliminate").status_code == 302
    mine.refresh_from_db()
    assert mine.time_classification == "eliminate" and mine.last_reviewed == datetime.date.today()


def test_bulk_edit_page_shows_the_new_fields_with_help(client, coordinator, world):
    systems = [make_system(world, world.own, n) for n in range(2)]
    response = client.post(reverse("portfolio:system_bulk_edit"), {"pk": [s.pk for s in systems]})
    assert response.status_code == 200
    page = FormPage(response.content.decode())
    for name in ("lifecycle", "criticality", "time_classification", "hosting", "owner", "responsible", "confirm"):
        assert f"id_{name}" in page.by_id, name
    assert "id_confirm_helptext" in page.by_id["id_confirm"]["aria-describedby"]
    assert "id_criticality_helptext" in page.by_id["id_criticality"]["aria-describedby"]
    # Nothing is chosen at first (the lifecycle's default is not applied to every row).
    lifecycle = response.content.decode().split('id="id_lifecycle"')[1].split("</select>")[0]
    assert lifecycle.count("selected") == 1 and '<option value="" selected>' in lifecycle
