"""Units roll up their sub-units' services and systems; the unit tree counts them at a constant number of
queries (issue 7)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from orden.core.roles import Role
from orden.core.testing.matrix import OUTSIDER
from orden.organizations.models import Unit
from orden.organizations.unit_tree import unit_tree
from orden.portfolio.models import Service, ServiceSystem, System


@pytest.fixture
def units(world):
    """Oppvekst › Skule › Vinje skule, and Teknisk. Services only on the sub-units."""
    oppvekst = Unit.objects.create(organization=world.own, name="Oppvekst")
    skule = Unit.objects.create(organization=world.own, name="Skule", parent=oppvekst)
    vinje_skule = Unit.objects.create(organization=world.own, name="Vinje skule", parent=skule)
    teknisk = Unit.objects.create(organization=world.own, name="Teknisk")
    visma = System.objects.create(organization=world.own, name="Visma", annual_cost=100000)
    its = System.objects.create(organization=world.own, name="IST", annual_cost=50000)
    isy = System.objects.create(organization=world.own, name="ISY", annual_cost=7000)
    for name, unit, systems in [
        ("Skuleskyss", skule, [visma]),
        ("Spesialundervisning", vinje_skule, [visma, its]),
        ("Byggesak", teknisk, [isy]),
    ]:
        service = Service.objects.create(organization=world.own, name=name, responsible_unit=unit)
        for system in systems:
            ServiceSystem.objects.create(organization=world.own, service=service, system=system)
    Service.objects.create(organization=world.own, name="Uten enhet")
    return {"oppvekst": oppvekst, "skule": skule, "vinje_skule": vinje_skule, "teknisk": teknisk}


@pytest.fixture
def reader(client, world):
    client.force_login(world.users[Role.READER])
    return client


def test_the_tree_rolls_up_services_systems_and_cost(world, units):
    tree = unit_tree(world.users[Role.READER], world.own)
    assert [node.unit.name for node in tree.roots] == ["Oppvekst", "Teknisk"]
    assert [(node.unit.name, node.depth) for node in tree.walk()] == [
        ("Oppvekst", 0),
        ("Skule", 1),
        ("Vinje skule", 2),
        ("Teknisk", 0),
    ]
    oppvekst, skule, vinje_skule = (tree[units[name].pk] for name in ("oppvekst", "skule", "vinje_skule"))
    assert (oppvekst.service_count, oppvekst.system_count, oppvekst.annual_cost) == (2, 2, 150000)
    assert (skule.service_count, skule.system_count) == (2, 2)  # Visma counted once
    assert (vinje_skule.service_count, vinje_skule.system_count) == (1, 2)
    assert tree.services_without_unit == 1


def test_the_unit_page_includes_sub_units_by_default_and_on_request_not(reader, units):
    url = units["oppvekst"].get_absolute_url()
    page = reader.get(url)
    assert page.context["include_subunits"] is True
    assert [s.name for s in page.context["services"]] == ["Skuleskyss", "Spesialundervisning"]
    assert [s.name for s in page.context["systems"]] == ["IST", "Visma"]
    assert page.context["annual_cost"] == 150000
    html = page.content.decode()
    assert 'id="id_subunits" checked' in html and f'data-unit="{units["skule"].pk}"' in html
    alone = reader.get(url, {"subunits": "0"})
    assert alone.context["include_subunits"] is False
    assert list(alone.context["services"]) == [] and alone.context["annual_cost"] == 0
    # The checked box sends the hidden "0" and then "1".
    again = reader.get(url + "?subunits=0&subunits=1")
    assert again.context["include_subunits"] is True and len(again.context["services"]) == 2
    # The sub-units are shown as a tree with their counts.
    assert [node.unit.name for node in page.context["children"]] == ["Skule"]


def test_the_tree_page_is_linked_from_the_unit_list(reader, units):
    tree_url = reverse("organizations:unit_tree")
    assert tree_url in reader.get(reverse("organizations:unit_list")).content.decode()
    page = reader.get(tree_url)
    assert page.status_code == 200
    assert page.context["total_services"] == 4 and page.context["total_systems"] == 3
    html = page.content.decode()
    assert html.index("Oppvekst") < html.index("Skule") < html.index("Vinje skule") < html.index("Teknisk")


def test_another_organisations_units_are_not_in_the_tree(client, world, units):
    Unit.objects.create(organization=world.other, name="Tokke-eining")
    client.force_login(world.users[Role.READER])
    names = {node.unit.name for node in client.get(reverse("organizations:unit_tree")).context["tree"].walk()}
    assert "Tokke-eining" not in names and "Oppvekst" in names
    client.force_login(world.users[OUTSIDER])
    assert client.get(reverse("organizations:unit_tree")).context["tree"] is None


def count_queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_tree_and_unit_page_cost_the_same_queries_for_more_units(reader, world, units):
    tree_url, unit_url = reverse("organizations:unit_tree"), units["oppvekst"].get_absolute_url()
    reader.get(tree_url)
    tree_before, unit_before = count_queries(reader, tree_url), count_queries(reader, unit_url)
    parent = units["vinje_skule"]
    for n in range(15):
        parent = Unit.objects.create(
            organization=world.own, name=f"Eining {n}", parent=parent if n % 2 else units["skule"]
        )
        service = Service.objects.create(organization=world.own, name=f"Tjeneste {n}", responsible_unit=parent)
        system = System.objects.create(organization=world.own, name=f"System {n}", annual_cost=n)
        ServiceSystem.objects.create(organization=world.own, service=service, system=system)
    assert count_queries(reader, tree_url) == tree_before
    assert count_queries(reader, unit_url) == unit_before
    assert len(reader.get(unit_url).context["services"]) == 17
