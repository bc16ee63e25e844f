"""Every completeness rule fires when its fact is missing and clears when it is fixed."""

import datetime

import pytest
from django.urls import reverse

from orden.catalog.models import ProductVersion
from orden.catalog.tests.specs import product
from orden.core import completeness
from orden.core.roles import Role
from orden.datasets.models import Dataset
from orden.portfolio.models import Service, ServiceSystem, System

TODAY = datetime.date.today()


def complete_system(world):
    """A system with every fact the rules ask for."""
    system = System.objects.create(
        organization=world.own,
        name="Komplett",
        product=product(),
        lifecycle="in_use",
        owner=world.users[Role.SYSTEM_OWNER],
        responsible=world.users[Role.ARCHITECT],
        criticality="critical",
        last_risk_assessment=TODAY - datetime.timedelta(days=30),
        personal_data=True,
        confidentiality="3",
        integrity="2",
        availability="2",
        product_version=ProductVersion.objects.create(
            product=product(), name="9.0", end_of_support=TODAY.replace(year=TODAY.year + 2)
        ),
    )
    service = Service.objects.create(organization=world.own, name="Byggesak")
    ServiceSystem.objects.create(organization=world.own, service=service, system=system)
    describe_personal_data(system)
    return system


def describe_personal_data(system):
    """The datasets app's rule: a dataset with personal data names the system."""
    dataset = Dataset.objects.create(
        organization=system.organization,
        title_nb=f"Data i {system.name}",
        personal_data=True,
        access_rights="restricted",
    )
    dataset.systems.add(system)


def gaps(system):
    annotated = completeness.annotate_gaps(System.objects.filter(pk=system.pk)).get()
    return {rule.code for rule in completeness.gaps_of(annotated)}


def set_field(field, value):
    def apply(system):
        System.objects.filter(pk=system.pk).update(**{field: value})

    return apply


def set_risk_assessment(days_ago):
    return set_field("last_risk_assessment", TODAY - datetime.timedelta(days=days_ago))


def unlink_services(system):
    ServiceSystem.objects.filter(system=system).delete()


def link_service(system):
    ServiceSystem.objects.create(
        organization=system.organization,
        system=system,
        service=Service.objects.create(organization=system.organization, name="Ny tjeneste"),
    )


def set_end_of_support(days_from_now):
    def apply(system):
        ProductVersion.objects.filter(pk=system.product_version_id).update(
            end_of_support=TODAY + datetime.timedelta(days=days_from_now)
        )

    return apply


# rule -> (what breaks it, what fixes it again)
CASES = {
    "no_owner": (set_field("owner", None), lambda s: set_field("owner", s.owner_id)(s)),
    "no_responsible": (set_field("responsible", None), lambda s: set_field("responsible", s.responsible_id)(s)),
    "no_lifecycle": (set_field("lifecycle", ""), set_field("lifecycle", "phasing_out")),
    "no_criticality": (set_field("criticality", ""), set_field("criticality", "low")),
    "critical_without_risk_assessment": (set_risk_assessment(400), set_risk_assessment(10)),
    "personal_data_unclassified": (set_field("integrity", ""), set_field("integrity", "4")),
    "no_service": (unlink_services, link_service),
    "unsupported_version": (set_end_of_support(-1), set_end_of_support(365)),
    "personal_data_not_described": (lambda s: Dataset.objects.filter(systems=s).delete(), describe_personal_data),
}


@pytest.mark.django_db
def test_a_complete_system_has_no_gaps_and_scores_100(world):
    system = complete_system(world)
    assert gaps(system) == set()
    annotated = completeness.annotate_gaps(System.objects.filter(pk=system.pk)).get()
    assert completeness.row_score(annotated) == 100


def test_every_rule_has_a_case():
    assert {rule.code for rule in completeness.rules_for(System)} == set(CASES)  # a new rule needs a case


@pytest.mark.django_db
@pytest.mark.parametrize("code", sorted(CASES))
def test_rule_fires_and_clears(world, code):
    system = complete_system(world)  # the in-memory object keeps the complete values for the fix
    breaks, fixes = CASES[code]
    breaks(system)
    assert gaps(system) == {code}
    summary = completeness.summary(System.objects.filter(pk=system.pk))
    assert [gap["rule"].code for gap in summary["gaps"]] == [code]
    assert summary["score"] < 100
    fixes(system)
    assert gaps(system) == set()
    assert completeness.summary(System.objects.filter(pk=system.pk))["score"] == 100


@pytest.mark.django_db
def test_retired_systems_need_no_owner_or_service(world):
    system = complete_system(world)
    unlink_services(system)
    System.objects.filter(pk=system.pk).update(lifecycle="retired", owner=None, responsible=None)
    assert gaps(system) == set()


@pytest.mark.django_db
def test_fixing_a_gap_through_the_form_clears_it(client, world):
    system = complete_system(world)
    System.objects.filter(pk=system.pk).update(owner=None)
    client.force_login(world.users[Role.COORDINATOR])
    page = client.get(reverse("portfolio:system_tab", args=[system.pk, "completeness"])).content.decode()
    edit_link = reverse("portfolio:system_edit", args=[system.pk]) + "#id_owner"
    assert edit_link in page
    system.refresh_from_db()
    data = {
        "name": system.name,
        "product": system.product_id,
        "product_version": system.product_version_id,
        "lifecycle": "in_use",
        "owner": world.users[Role.SYSTEM_OWNER].pk,
        "responsible": system.responsible_id,
        "criticality": "critical",
        "last_risk_assessment": system.last_risk_assessment.isoformat(),
        "personal_data": "on",
        "confidentiality": "3",
        "integrity": "2",
        "availability": "2",
        "base_version": system.version,
    }
    assert client.post(reverse("portfolio:system_edit", args=[system.pk]), data).status_code == 302
    assert gaps(system) == set()


@pytest.mark.django_db
def test_dashboard_and_api_show_the_score_and_worst_gaps_first(client, world):
    complete_system(world)
    System.objects.create(organization=world.own, name="Tom", lifecycle="in_use")  # misses nearly everything
    client.force_login(world.users[Role.COORDINATOR])
    response = client.get(reverse("reports:dashboard"))
    summary = response.context["summary"]
    assert summary["rows"] == 2 and 0 < summary["score"] < 100
    assert summary["gaps"][0]["rule"].code in {"no_owner", "critical_without_risk_assessment"}
    assert response.context["worst"][0][0].name == "Tom"
    from rest_framework.test import APIClient

    from orden.api.models import ApiToken

    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {ApiToken.issue(world.users[Role.READER], 't')[1]}")
    data = api.get("/api/reports/completeness/", {"organization": world.own.pk}).data
    assert data["score"] == summary["score"] and data["systems"] == 2
    assert api.get("/api/reports/completeness/", {"organization": world.other.pk}).status_code == 404
    system_gaps = api.get(f"/api/systems/{System.objects.get(name='Tom').pk}/completeness/").data
    assert "no_owner" in {gap["code"] for gap in system_gaps["gaps"]}


@pytest.mark.django_db
def test_gap_filter_lists_the_systems_missing_a_fact(client, world):
    complete_system(world)
    System.objects.create(organization=world.own, name="Uten eier", lifecycle="in_use")
    client.force_login(world.users[Role.READER])
    rows = client.get(reverse("portfolio:system_list"), {"gap": "no_owner"}).context["rows"]
    assert [obj.name for obj, _cells in rows] == ["Uten eier"]
