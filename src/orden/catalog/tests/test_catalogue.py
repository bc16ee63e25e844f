"""Proposals, approval, merging duplicates and the product page's list of users."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from orden.api.models import ApiToken
from orden.catalog.models import Category, Product, ProductVersion, Vendor
from orden.catalog.tests.specs import product, vendor
from orden.core.models import ChangeAction, ChangeRecord
from orden.core.roles import Role
from orden.portfolio.models import System


def api_for(user):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {ApiToken.issue(user, 't')[1]}")
    return client


def test_a_member_proposes_a_draft_with_author_and_cannot_approve_it(client, world):
    architect = world.users[Role.ARCHITECT]
    client.force_login(architect)
    response = client.post(
        reverse("catalog:product_add"),
        {"name": "Skyssplan", "vendor": vendor().pk, "category": Category.objects.first().pk, "status": "approved"},
    )
    assert response.status_code == 302
    proposal = Product.objects.get(name="Skyssplan")
    assert proposal.status == "draft" and proposal.created_by == architect
    page = client.get(proposal.get_absolute_url()).content.decode()
    assert architect.username in page
    assert client.post(reverse("catalog:product_approve", args=[proposal.pk])).status_code == 403
    # The author may still improve their draft, and add versions to it.
    assert (
        api_for(architect)
        .post("/api/product-versions/", {"product": proposal.pk, "name": "1.0"}, format="json")
        .status_code
        == 201
    )


def test_an_editor_approves_a_draft(client, world):
    proposal = Product.objects.create(
        name="Skyssplan", vendor=vendor(), category=Category.objects.first(), created_by=world.users[Role.ARCHITECT]
    )
    client.force_login(world.users[Role.CATALOGUE_EDITOR])
    client.post(reverse("catalog:product_approve", args=[proposal.pk]))
    proposal.refresh_from_db()
    assert proposal.status == "approved"
    assert ChangeRecord.objects.filter(object_id=proposal.pk, action=ChangeAction.UPDATE).exists()


def test_merge_moves_every_organizations_systems_and_is_recorded(client, world):
    survivor = product()
    survivor_version = ProductVersion.objects.create(product=survivor, name="7.0")
    duplicate = Product.objects.create(
        name="Acos Websak",
        vendor=Vendor.objects.create(name="Acos"),
        category=Category.objects.first(),
        status="approved",
    )
    same_name = ProductVersion.objects.create(product=duplicate, name="7.0")
    other_version = ProductVersion.objects.create(product=duplicate, name="6.2")
    in_vinje = System.objects.create(organization=world.own, name="Sak", product=duplicate, product_version=same_name)
    in_tokke = System.objects.create(
        organization=world.other, name="Sak", product=duplicate, product_version=other_version
    )
    client.force_login(world.users[Role.CATALOGUE_EDITOR])
    response = client.post(reverse("catalog:product_merge", args=[duplicate.pk]), {"target": survivor.pk})
    assert response.status_code == 302
    in_vinje.refresh_from_db()
    in_tokke.refresh_from_db()
    assert (in_vinje.product, in_vinje.product_version) == (survivor, survivor_version)
    assert in_tokke.product == survivor and in_tokke.product_version.name == "6.2"
    assert in_tokke.product_version.product == survivor
    assert not Product.objects.filter(pk=duplicate.pk).exists()
    assert ChangeRecord.objects.filter(object_id=in_tokke.pk, message__contains="Acos Websak").exists()
    assert ChangeRecord.objects.filter(object_id=duplicate.pk, action=ChangeAction.DELETE).exists()


def test_only_editors_merge(client, world):
    client.force_login(world.users[Role.COORDINATOR])
    assert client.get(reverse("catalog:product_merge", args=[product().pk])).status_code == 403


def test_the_product_page_shows_who_uses_it_but_no_private_facts(client, world):
    version = ProductVersion.objects.create(product=product(), name="7.0")
    System.objects.create(
        organization=world.own,
        name="Hemmelig saksbehandling",
        product=product(),
        product_version=version,
        annual_cost=987654,
        lifecycle="in_use",
    )
    reader_in_tokke = world.other_users[Role.COORDINATOR]
    client.force_login(reader_in_tokke)
    page = client.get(product().get_absolute_url())
    content = page.content.decode()
    assert "Vinje" in content and "7.0" in content
    assert "Hemmelig" not in content and "987" not in content
    usage = api_for(reader_in_tokke).get(f"/api/products/{product().pk}/usage/").data
    assert usage["count"] == 1
    assert usage["results"] == [
        {"organization": world.own.pk, "organization_name": "Vinje", "version": "7.0", "lifecycle": "in_use"}
    ]


def test_product_version_must_end_after_release(world):
    client = api_for(world.users[Role.CATALOGUE_EDITOR])
    response = client.post(
        "/api/product-versions/",
        {"product": product().pk, "name": "1", "released_on": "2024-01-01", "end_of_support": "2023-01-01"},
        format="json",
    )
    assert response.status_code == 400 and "end_of_support" in response.data


@pytest.mark.parametrize("ordering", ["name", "-vendor", "category"])
def test_allowed_orderings(world, ordering):
    assert api_for(world.users[Role.READER]).get("/api/products/", {"ordering": ordering}).status_code == 200


def test_ordering_outside_the_allow_list_is_refused(client, world):
    api = api_for(world.users[Role.READER])
    assert api.get("/api/products/", {"ordering": "created_by__password"}).status_code == 400
    client.force_login(world.users[Role.READER])
    # The list page says the sorting is not valid (400) and shows no rows.
    assert client.get(reverse("catalog:product_list"), {"ordering": "created_by__password"}).status_code == 400


def test_the_editor_approves_and_merges_from_the_product_page(client, world):
    proposal = Product.objects.create(
        name="Skyssplan", vendor=vendor(), category=Category.objects.first(), created_by=world.users[Role.ARCHITECT]
    )
    approve_url = reverse("catalog:product_approve", args=[proposal.pk])
    merge_url = reverse("catalog:product_merge", args=[proposal.pk])
    client.force_login(world.users[Role.ARCHITECT])
    page = client.get(proposal.get_absolute_url()).content.decode()
    assert approve_url not in page and merge_url not in page

    client.force_login(world.users[Role.CATALOGUE_EDITOR])
    page = client.get(proposal.get_absolute_url()).content.decode()
    assert f'action="{approve_url}"' in page and f'href="{merge_url}"' in page
    client.post(approve_url)
    proposal.refresh_from_db()
    assert proposal.status == "approved"
    assert approve_url not in client.get(proposal.get_absolute_url()).content.decode()
