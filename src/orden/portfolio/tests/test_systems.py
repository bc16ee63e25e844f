"""The system register: validation, filters, search and the API's answers to bad input."""

import datetime

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from orden.api.models import ApiToken
from orden.catalog.models import ProductVersion
from orden.catalog.tests.specs import product
from orden.core.roles import Role
from orden.organizations.testing import make_user
from orden.portfolio.models import System
from orden.portfolio.tests.specs import make_system


@pytest.fixture
def architect_client(client, world):
    client.force_login(world.users[Role.ARCHITECT])
    return client


@pytest.fixture
def api(world):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {ApiToken.issue(world.users[Role.ARCHITECT], 't')[1]}")
    return client


def add(client, **data):
    return client.post(reverse("portfolio:system_add"), {"lifecycle": "in_use", **data})


def test_field_errors_and_nothing_saved(architect_client, world):
    other_version = ProductVersion.objects.create(product=product(), name="1.0")
    stranger = make_user("stranger", world.other, Role.READER)
    tomorrow = datetime.date.today() + datetime.timedelta(days=1)
    response = add(
        architect_client,
        name="x" * 121,
        in_use_from="2024-05-01",
        in_use_until="2023-01-01",
        owner=stranger.pk,
        last_risk_assessment=tomorrow.isoformat(),
        special_categories="on",
        product_version=other_version.pk,
    )
    assert response.status_code == 422
    errors = response.context["form"].errors
    assert {"name", "owner"} <= set(errors)
    assert not System.objects.exists()
    response = add(
        architect_client,
        name="Ok",
        in_use_from="2024-05-01",
        in_use_until="2023-01-01",
        last_risk_assessment=tomorrow.isoformat(),
        special_categories="on",
    )
    assert response.status_code == 422
    assert {"in_use_until", "last_risk_assessment", "special_categories"} <= set(response.context["form"].errors)
    assert not System.objects.exists()


def test_duplicate_name_in_the_same_organization(architect_client, world):
    make_system(world, world.own, 0)
    response = add(architect_client, name="System 0")
    assert response.status_code == 422
    assert "name" in response.context["form"].errors
    make_system(world, world.other, 5)  # the same name in another organisation is fine
    assert add(architect_client, name="System 5").status_code == 302


def test_version_must_belong_to_the_product(architect_client):
    from orden.catalog.models import Category, Product, Vendor

    other = Product.objects.create(
        name="Annet", vendor=Vendor.objects.create(name="V"), category=Category.objects.first()
    )
    wrong = ProductVersion.objects.create(product=other, name="2.0")
    response = add(architect_client, name="S", product=product().pk, product_version=wrong.pk)
    assert response.status_code == 422 and "product_version" in response.context["form"].errors


def test_api_answers_400_with_field_errors(api, world):
    response = api.post(
        "/api/systems/",
        {
            "organization": world.own.pk,
            "name": "",
            "lifecycle": "sometimes",
            "annual_cost": "-5",
            "in_use_from": "not a date",
        },
        format="json",
    )
    assert response.status_code == 400
    assert {"name", "lifecycle", "annual_cost", "in_use_from"} <= set(response.data)
    response = api.post(
        "/api/systems/",
        {"organization": world.own.pk, "name": "S", "in_use_from": "2024-01-01", "in_use_until": "2020-01-01"},
        format="json",
    )
    assert response.status_code == 400 and "in_use_until" in response.data
    assert api.post("/api/systems/", "not json", content_type="application/json").status_code == 400
    assert not System.objects.exists()


def test_api_refuses_an_owner_from_another_organization(api, world):
    response = api.post(
        "/api/systems/",
        {"organization": world.own.pk, "name": "S", "owner": world.other_users[Role.SYSTEM_OWNER].pk},
        format="json",
    )
    assert response.status_code == 400 and "owner" in response.data


def test_api_cannot_move_a_system_to_another_organization(api, world):
    system = make_system(world, world.own, 0)
    response = api.patch(
        f"/api/systems/{system.pk}/", {"organization": world.other.pk}, format="json", HTTP_IF_MATCH='"1"'
    )
    assert response.status_code == 400


def test_filters_search_and_ordering(architect_client, world):
    for n, (lifecycle, criticality, cost) in enumerate(
        [("in_use", "critical", 100), ("retired", "low", 300), ("in_use", "low", 200)]
    ):
        system = make_system(world, world.own, n)
        System.objects.filter(pk=system.pk).update(lifecycle=lifecycle, criticality=criticality, annual_cost=cost)
    url = reverse("portfolio:system_list")

    def names(**params):
        return [obj.name for obj, _cells in architect_client.get(url, params).context["rows"]]

    assert names() == ["System 0", "System 1", "System 2"]  # no filter: everything

    assert names(lifecycle="in_use") == ["System 0", "System 2"]
    assert names(criticality="low", ordering="-annual_cost") == ["System 1", "System 2"]
    assert names(q="system 1") == ["System 1"]
    assert names(q="Acos") == ["System 0", "System 1", "System 2"]  # matches the product's vendor


def test_htmx_filter_returns_only_the_results(architect_client, world):
    make_system(world, world.own, 0)
    response = architect_client.get(
        reverse("portfolio:system_list"), {"q": "System"}, HTTP_HX_REQUEST="true", HTTP_HX_TARGET="results"
    )
    content = response.content.decode()
    assert 'id="results"' in content and "<header" not in content


def test_export_what_i_see(architect_client, world):
    make_system(world, world.own, 0)
    make_system(world, world.other, 1)
    response = architect_client.get(reverse("portfolio:system_list"), {"export": "csv"})
    lines = response.content.decode("utf-8-sig").strip().splitlines()
    assert len(lines) == 2 and "System 0" in lines[1]
    page = architect_client.get(reverse("portfolio:system_list"), {"lifecycle": "in_use"}).content.decode()
    assert 'href="?lifecycle=in_use&amp;export=csv"' in page  # the export keeps the filter
    assert 'href="?lifecycle=in_use&amp;ordering=name"' in page or 'href="?lifecycle=in_use&amp;ordering=-name"' in page
    xlsx = architect_client.get(reverse("portfolio:system_list"), {"export": "xlsx"})
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")


def test_system_owner_may_change_only_own_systems(client, world):
    owner = world.users[Role.SYSTEM_OWNER]
    mine = make_system(world, world.own, 0)
    not_mine = System.objects.create(organization=world.own, name="Annet")
    client.force_login(owner)
    assert client.get(reverse("portfolio:system_edit", args=[mine.pk])).status_code == 200
    assert client.get(reverse("portfolio:system_edit", args=[not_mine.pk])).status_code == 404
    assert client.get(reverse("portfolio:system_detail", args=[not_mine.pk])).status_code == 200


def test_api_duplicate_name_has_a_clear_message_in_the_users_language(api, world):
    make_system(world, world.own, 0)
    world.users[Role.ARCHITECT].language = "en"
    world.users[Role.ARCHITECT].save()
    response = api.post("/api/systems/", {"organization": world.own.pk, "name": "System 0"}, format="json")
    assert response.status_code == 400
    assert response.data["name"] == ["System with this name already exists in the organisation."]
    world.users[Role.ARCHITECT].language = "nb"
    world.users[Role.ARCHITECT].save()
    response = api.post("/api/systems/", {"organization": world.own.pk, "name": "System 0"}, format="json")
    assert "finnes" in response.data["name"][0]


def test_reports_api_refuses_a_malformed_organization(api):
    assert api.get("/api/reports/completeness/", {"organization": "abc"}).status_code == 400
    assert api.get("/api/reports/completeness/").status_code == 400


def test_api_refuses_contacts_from_another_organization(api, world):
    from orden.organizations.models import Contact

    own = Contact.objects.create(organization=world.own, name="Kari")
    foreign = Contact.objects.create(organization=world.other, name="Ola")
    for payload in ({"super_users": [own.pk, foreign.pk]}, {"vendor_contact": foreign.pk}):
        response = api.post("/api/systems/", {"organization": world.own.pk, "name": "S", **payload}, format="json")
        assert response.status_code == 400 and set(payload) <= set(response.data)
    response = api.post(
        "/api/systems/", {"organization": world.own.pk, "name": "S", "super_users": [own.pk]}, format="json"
    )
    assert response.status_code == 201


def test_the_owner_confirms_from_the_system_page(client, world):
    """The reminder e-mail sends owners to the system page: the button is there, and works."""
    system = make_system(world, world.own, 0)
    client.force_login(world.users[Role.READER])
    confirm_url = reverse("portfolio:system_confirm", args=[system.pk])
    assert confirm_url not in client.get(system.get_absolute_url()).content.decode()

    client.force_login(system.owner)
    page = client.get(system.get_absolute_url()).content.decode()
    assert f'action="{confirm_url}"' in page
    assert client.post(confirm_url).status_code == 302
    system.refresh_from_db()
    assert system.last_reviewed == datetime.date.today()
