"""The catalogue editors' queue of drafts: who may open it, what it lists, approving and merging from it,
and the number of drafts on the catalogue lists and in the menu."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from rest_framework.test import APIClient

from orden.api.models import ApiToken
from orden.catalog import services
from orden.catalog.models import Category, Product, ProductVersion, Vendor
from orden.catalog.tests.specs import product, vendor
from orden.core.models import ChangeAction, ChangeRecord
from orden.core.roles import Role
from orden.organizations.models import User
from orden.portfolio.models import System


@pytest.fixture(autouse=True)
def english(world):
    """These tests read the English texts (the translations are checked by core/tests/test_translations.py)."""
    User.objects.update(language="en")


DRAFTS = reverse("catalog:drafts")


def proposal(name, author, proposed_vendor=None):
    return Product.objects.create(
        name=name, vendor=proposed_vendor or vendor(), category=Category.objects.first(), created_by=author
    )


@pytest.mark.parametrize("role", [Role.COORDINATOR, Role.ARCHITECT, Role.READER, "outsider"])
def test_only_catalogue_editors_open_the_queue(client, world, role):
    client.force_login(world.users[role])
    assert client.get(DRAFTS).status_code == 403


def test_the_queue_needs_a_login(client, world):
    assert client.get(DRAFTS).status_code == 302


@pytest.mark.parametrize("role", [Role.CATALOGUE_EDITOR, "platform_admin"])
def test_the_queue_lists_drafts_with_author_date_and_similar_entries(client, world, role):
    existing = product()  # approved "Acos WebSak"
    architect = world.users[Role.ARCHITECT]
    duplicate = proposal("Acos Websak", architect)
    new = proposal("Skyssplan", architect)
    draft_vendor = Vendor.objects.create(name="ACOS", created_by=architect)
    client.force_login(world.users[role])
    answer = client.get(DRAFTS)
    content = answer.content.decode()
    assert answer.status_code == 200
    for entry in (duplicate, new, draft_vendor):
        assert entry.get_absolute_url() in content
        assert reverse(f"catalog:{entry._meta.model_name}_approve", args=[entry.pk]) in content
    assert str(architect) in content
    assert existing.get_absolute_url() in content  # the similar existing product
    assert f"{reverse('catalog:product_merge', args=[duplicate.pk])}?target={existing.pk}" in content
    assert f"{reverse('catalog:vendor_merge', args=[draft_vendor.pk])}?target={vendor().pk}" in content
    assert existing.get_absolute_url() not in content.split("Skyssplan", 1)[1].split("</tr>", 1)[0]
    # Approved entries are not in the queue.
    assert reverse("catalog:product_approve", args=[existing.pk]) not in content


def test_approving_from_the_queue_returns_to_it(client, world):
    draft = proposal("Skyssplan", world.users[Role.ARCHITECT])
    draft_vendor = Vendor.objects.create(name="Skyss AS", created_by=world.users[Role.ARCHITECT])
    client.force_login(world.users[Role.CATALOGUE_EDITOR])
    answer = client.post(reverse("catalog:product_approve", args=[draft.pk]), {"next": DRAFTS})
    assert answer.status_code == 302 and answer.url == DRAFTS
    answer = client.post(reverse("catalog:vendor_approve", args=[draft_vendor.pk]), {"next": DRAFTS})
    assert answer.url == DRAFTS
    draft.refresh_from_db()
    draft_vendor.refresh_from_db()
    assert draft.status == draft_vendor.status == "approved"
    queue = client.get(DRAFTS).content.decode()
    assert draft.get_absolute_url() not in queue and draft_vendor.get_absolute_url() not in queue
    # An address of another site is not followed.
    other = proposal("Skyssplan 2", world.users[Role.ARCHITECT])
    answer = client.post(reverse("catalog:product_approve", args=[other.pk]), {"next": "https://evil.example/"})
    assert answer.url == other.get_absolute_url()


def test_only_editors_approve_or_merge_vendors(client, world):
    draft_vendor = Vendor.objects.create(name="Skyss AS", created_by=world.users[Role.ARCHITECT])
    client.force_login(world.users[Role.ARCHITECT])
    assert client.post(reverse("catalog:vendor_approve", args=[draft_vendor.pk])).status_code == 403
    assert client.get(reverse("catalog:vendor_merge", args=[draft_vendor.pk])).status_code == 403
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {ApiToken.issue(world.users[Role.ARCHITECT], 't')[1]}")
    assert api.post(f"/api/vendors/{draft_vendor.pk}/approve/").status_code == 403


def test_merging_a_vendor_moves_its_products_and_folds_twins(client, world):
    keep = vendor()
    kept_product = product()  # "Acos WebSak" of the vendor kept
    duplicate = Vendor.objects.create(name="ACOS", organization_number="974760673", created_by=world.users["reader"])
    twin = proposal("Acos Websak", world.users[Role.ARCHITECT], duplicate)
    other = proposal("Acos Interact", world.users[Role.ARCHITECT], duplicate)
    ProductVersion.objects.create(product=twin, name="7.1")
    system = System.objects.create(organization=world.own, name="Sak", product=twin)
    client.force_login(world.users[Role.CATALOGUE_EDITOR])
    merge = reverse("catalog:vendor_merge", args=[duplicate.pk])
    form = client.get(merge, {"target": keep.pk, "next": DRAFTS}).content.decode()
    assert f'<option value="{keep.pk}" selected>' in form and f'value="{DRAFTS}"' in form
    answer = client.post(merge, {"target": keep.pk, "next": DRAFTS})
    assert answer.status_code == 302 and answer.url == DRAFTS
    other.refresh_from_db()
    system.refresh_from_db()
    keep.refresh_from_db()
    assert other.vendor == keep
    assert system.product == kept_product and kept_product.versions.filter(name="7.1").exists()
    assert not Vendor.objects.filter(pk=duplicate.pk).exists() and not Product.objects.filter(pk=twin.pk).exists()
    assert keep.organization_number == "974760673"
    assert ChangeRecord.objects.filter(object_id=other.pk, action=ChangeAction.MERGE).exists()


def test_the_api_approves_and_merges_vendors(world):
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {ApiToken.issue(world.users[Role.CATALOGUE_EDITOR], 't')[1]}")
    draft_vendor = Vendor.objects.create(name="Skyss AS", created_by=world.users[Role.ARCHITECT])
    assert api.post(f"/api/vendors/{draft_vendor.pk}/approve/").data["status"] == "approved"
    assert api.post(f"/api/vendors/{draft_vendor.pk}/merge/", {"target": draft_vendor.pk}).status_code == 400
    answer = api.post(f"/api/vendors/{draft_vendor.pk}/merge/", {"target": vendor().pk}, format="json")
    assert answer.status_code == 200 and answer.data["id"] == vendor().pk
    assert not Vendor.objects.filter(pk=draft_vendor.pk).exists()


def test_editors_see_the_number_of_drafts_on_the_catalogue_lists_and_a_menu_entry(client, world):
    proposal("Skyssplan", world.users[Role.ARCHITECT])
    proposal("Skyssbillett", world.users[Role.ARCHITECT])
    Vendor.objects.create(name="Skyss AS", created_by=world.users[Role.ARCHITECT])
    assert services.draft_count(world.users[Role.CATALOGUE_EDITOR]) == 3
    client.force_login(world.users[Role.CATALOGUE_EDITOR])
    for list_name in ("catalog:product_list", "catalog:vendor_list"):
        content = client.get(reverse(list_name)).content.decode()
        assert "3 drafts are waiting for a catalogue editor." in content
        assert f'href="{DRAFTS}"' in content
    queue = client.get(DRAFTS).content.decode()
    assert f'href="{DRAFTS}" aria-current="page"' in queue

    client.force_login(world.users[Role.ARCHITECT])
    content = client.get(reverse("catalog:product_list")).content.decode()
    assert "waiting for a catalogue editor" not in content and f'href="{DRAFTS}"' not in content


def test_the_queue_costs_the_same_queries_for_one_and_many_drafts(client, world):
    architect = world.users[Role.ARCHITECT]
    client.force_login(world.users[Role.CATALOGUE_EDITOR])
    proposal("Skyssplan 0", architect, Vendor.objects.create(name="Skyss 0", created_by=architect))
    client.get(DRAFTS)  # warm up (session, content types)
    with CaptureQueriesContext(connection) as one:
        client.get(DRAFTS)
    for n in range(1, 20):
        proposal(f"Skyssplan {n}", architect, Vendor.objects.create(name=f"Skyss {n}", created_by=architect))
    with CaptureQueriesContext(connection) as many:
        content = client.get(DRAFTS).content.decode()
    assert "Skyssplan 19" in content
    assert len(many) == len(one)


def test_a_draft_page_names_the_similar_entries_and_offers_the_merge(client, world):
    existing = product()
    draft = proposal("Acos Websak", world.users[Role.ARCHITECT])
    draft_vendor = Vendor.objects.create(name="ACOS", created_by=world.users[Role.ARCHITECT])
    client.force_login(world.users[Role.CATALOGUE_EDITOR])
    page = client.get(draft.get_absolute_url()).content.decode()
    assert existing.get_absolute_url() in page
    assert f"{reverse('catalog:product_merge', args=[draft.pk])}?target={existing.pk}" in page
    page = client.get(draft_vendor.get_absolute_url()).content.decode()
    assert f"{reverse('catalog:vendor_merge', args=[draft_vendor.pk])}?target={vendor().pk}" in page
    # The proposer sees the similar entries too, without the merge.
    client.force_login(world.users[Role.ARCHITECT])
    page = client.get(draft.get_absolute_url()).content.decode()
    assert existing.get_absolute_url() in page and reverse("catalog:product_merge", args=[draft.pk]) not in page
    # An approved product's page does not list them.
    assert draft.get_absolute_url() not in client.get(existing.get_absolute_url()).content.decode()
