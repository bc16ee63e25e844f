"""Every completeness rule of the datasets app fires when its fact is missing and clears when it is fixed;
the rule on systems reaches the system list's filter and the organisation's score."""

import pytest
from django.urls import reverse

from orden.catalog.tests.specs import product
from orden.core import completeness
from orden.core.roles import Role
from orden.datasets.models import Dataset, Distribution
from orden.datasets.tests.specs import licence, make_dataset
from orden.organizations.testing import work_in
from orden.portfolio.models import System
from orden.tests.test_matrix import api_client


def gaps(obj) -> set[str]:
    annotated = completeness.annotate_gaps(type(obj).objects.filter(pk=obj.pk)).get()
    return {rule.code for rule in completeness.gaps_of(annotated)}


def system_with_personal_data(world, **extra):
    fields = {"name": "Fagsystem", "product": product(), "lifecycle": "in_use", "personal_data": True, **extra}
    return System.objects.create(organization=world.own, **fields)


def described_dataset(world, n=1, **extra):
    """A dataset with everything the dataset rules ask for."""
    dataset = make_dataset(world, world.own, n, **extra)
    Distribution.objects.create(
        organization=world.own,
        dataset=dataset,
        title_nb="CSV",
        access_url="https://data.example.org/",
        licence=licence(),
    )
    return dataset


def test_the_rules_are_registered_for_their_models():
    assert "personal_data_not_described" in {rule.code for rule in completeness.rules_for(System)}
    assert {rule.code for rule in completeness.rules_for(Dataset)} == {
        "no_authoritative_system",
        "published_without_distribution",
        "published_distribution_without_licence",
    }
    fixes = {rule.code: rule.fix_field for rule in completeness.rules_for(Dataset)}
    assert fixes["no_authoritative_system"] == "authoritative_system"


# --- systems: personal data that no dataset describes ---------------------------------------------------


@pytest.mark.django_db
def test_a_system_with_personal_data_and_no_dataset_has_the_gap(world):
    system = system_with_personal_data(world)
    assert "personal_data_not_described" in gaps(system)


@pytest.mark.django_db
@pytest.mark.parametrize("how", ["holds", "authoritative"])
def test_a_dataset_with_personal_data_naming_the_system_clears_it(world, how):
    system = system_with_personal_data(world)
    if how == "holds":
        make_dataset(world, world.own, 1, personal_data=True, access_rights="restricted").systems.add(system)
    else:
        make_dataset(world, world.own, 1, personal_data=True, access_rights="restricted", authoritative_system=system)
    assert "personal_data_not_described" not in gaps(system)


@pytest.mark.django_db
def test_a_dataset_without_personal_data_does_not_describe_the_personal_data(world):
    system = system_with_personal_data(world)
    make_dataset(world, world.own, 1, authoritative_system=system).systems.add(system)
    assert "personal_data_not_described" in gaps(system)


@pytest.mark.django_db
def test_systems_without_personal_data_or_retired_need_no_dataset(world):
    plain = System.objects.create(organization=world.own, name="Uten", product=product(), lifecycle="in_use")
    retired = system_with_personal_data(world, lifecycle="retired")
    assert "personal_data_not_described" not in gaps(plain)
    assert "personal_data_not_described" not in gaps(retired)


@pytest.mark.django_db
def test_the_system_rule_reaches_the_system_list_filter_and_the_score(client, world):
    system = system_with_personal_data(world, confidentiality="2", integrity="2", availability="2")
    System.objects.create(organization=world.own, name="Annet", product=product(), lifecycle="in_use")

    api = api_client(world, Role.READER)
    response = api.get(reverse("system-list"), {"gap": "personal_data_not_described"})
    assert response.status_code == 200
    assert [row["id"] for row in response.data["results"]] == [system.pk]
    page = work_in(client, world.users[Role.READER], world.own).get(
        reverse("portfolio:system_list"), {"gap": "personal_data_not_described"}
    )
    assert page.status_code == 200
    assert [row.pk for row in page.context["page"].object_list] == [system.pk]

    systems = System.objects.filter(pk=system.pk)
    summary = completeness.summary(systems)
    assert "personal_data_not_described" in [gap["rule"].code for gap in summary["gaps"]]
    make_dataset(world, world.own, 1, personal_data=True, access_rights="restricted").systems.add(system)
    assert "personal_data_not_described" not in [gap["rule"].code for gap in completeness.summary(systems)["gaps"]]
    assert completeness.summary(systems)["score"] > summary["score"]


# --- datasets -------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_complete_dataset_has_no_gaps(world):
    system = system_with_personal_data(world)
    dataset = described_dataset(world, authoritative_system=system, published=True)
    assert gaps(dataset) == set()


@pytest.mark.django_db
def test_no_authoritative_system_fires_and_clears(world):
    dataset = described_dataset(world)
    assert gaps(dataset) == {"no_authoritative_system"}
    Dataset.objects.filter(pk=dataset.pk).update(authoritative_system=system_with_personal_data(world))
    assert gaps(dataset) == set()


@pytest.mark.django_db
def test_published_without_distribution_fires_and_clears(world):
    dataset = make_dataset(world, world.own, 1, authoritative_system=system_with_personal_data(world))
    assert gaps(dataset) == set()  # a draft needs no distribution yet
    Dataset.objects.filter(pk=dataset.pk).update(published=True)
    assert gaps(dataset) == {"published_without_distribution"}
    Distribution.objects.create(
        organization=world.own,
        dataset=dataset,
        title_nb="API",
        access_url="https://api.example.org/",
        licence=licence(),
    )
    assert gaps(dataset) == set()


@pytest.mark.django_db
def test_published_distribution_without_licence_fires_and_clears(world):
    dataset = described_dataset(world, authoritative_system=system_with_personal_data(world))
    extra = Distribution.objects.create(
        organization=world.own, dataset=dataset, title_nb="PDF", access_url="https://data.example.org/pdf"
    )
    assert gaps(dataset) == set()  # a draft needs no licence yet
    Dataset.objects.filter(pk=dataset.pk).update(published=True)
    assert gaps(dataset) == {"published_distribution_without_licence"}
    Distribution.objects.filter(pk=extra.pk).update(licence=licence())
    assert gaps(dataset) == set()


@pytest.mark.django_db
def test_the_dataset_rules_reach_the_dataset_filter(world):
    described_dataset(world, 1, authoritative_system=system_with_personal_data(world), published=True)
    bare = make_dataset(world, world.own, 2, published=True)
    api = api_client(world, Role.READER)
    for code, expected in [
        ("no_authoritative_system", [bare.pk]),
        ("published_without_distribution", [bare.pk]),
        ("published_distribution_without_licence", []),
    ]:
        response = api.get(reverse("dataset-list"), {"gap": code})
        assert response.status_code == 200, response.data
        assert [row["id"] for row in response.data["results"]] == expected
    assert api.get(reverse("dataset-list"), {"gap": "no_such_rule"}).status_code == 400
