"""Near-duplicate vendors and products: the similarity rule, the suggestions while typing, and the
"save anyway" step of the form and the API."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from orden.api.models import ApiToken
from orden.catalog import similarity
from orden.catalog.models import Category, Product, Vendor
from orden.catalog.tests.specs import product, vendor
from orden.core.roles import Role
from orden.organizations.models import User


@pytest.fixture(autouse=True)
def english(world):
    """These tests read the English texts (the translations are checked by core/tests/test_translations.py)."""
    User.objects.update(language="en")


def api_for(user):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {ApiToken.issue(user, 't')[1]}")
    return client


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Acos Websak", "Acos WebSak"),
        ("Public 360", "Public360"),
        ("Tieto Evry", "TietoEVRY"),
        ("Familia", "Famila"),
        ("Søknadssenter", "Soknadssenter"),
    ],
)
def test_names_that_differ_in_case_spaces_punctuation_or_a_typo_are_similar(a, b):
    assert similarity.score(a, b) >= similarity.OTHER_VENDOR_SCORE


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Skyssplan", "Acos WebSak"),
        ("Visma Flyt Skole", "Visma Flyt Barnehage"),
        ("Gerica", "Gerica Mobil"),
        ("Produkt 1", "Produkt 101"),  # different numbers: different products
    ],
)
def test_different_names_are_not_similar(a, b):
    assert similarity.score(a, b) < similarity.SAME_VENDOR_SCORE


def test_similar_products_finds_the_known_duplicate_same_vendor_first(world):
    existing = product()  # "Acos WebSak" by "Acos AS"
    elsewhere = Product.objects.create(
        name="Acos Websak", vendor=Vendor.objects.create(name="Annen AS"), category=Category.objects.first()
    )
    user = world.users[Role.ARCHITECT]
    found = similarity.similar_products(user, "Acos Websak", vendor())
    assert [match.id for match in found] == [existing.pk, elsewhere.pk]
    assert found[0].same_vendor and str(found[0]) == "Acos WebSak (Acos AS)"
    # Without the vendor's name in front, for the same vendor.
    assert [match.id for match in similarity.similar_products(user, "WebSak", vendor())] == [existing.pk]
    assert similarity.similar_products(user, "Skyssplan", vendor()) == []
    assert similarity.similar_products(user, "Acos WebSak", vendor(), exclude=existing.pk)[0].id == elsewhere.pk


def test_similar_vendors_ignore_the_legal_form(world):
    acos = vendor()
    user = world.users[Role.READER]
    assert [match.id for match in similarity.similar_vendors(user, "ACOS")] == [acos.pk]
    assert [match.id for match in similarity.similar_vendors(user, "Acos A/S")] == [acos.pk]
    assert similarity.similar_vendors(user, "Visma Software AS") == []


def test_suggestions_while_typing_list_similar_products_with_vendor(client, world):
    existing = product()
    client.force_login(world.users[Role.ARCHITECT])
    url = reverse("catalog:product_similar")
    answer = client.get(url, {"name": "Acos Web", "vendor": vendor().pk}, headers={"HX-Request": "true"})
    content = answer.content.decode()
    assert answer.status_code == 200
    assert existing.get_absolute_url() in content and "Acos AS" in content
    assert client.get(url, {"name": "Skyssplan"}).content.decode().strip() == ""
    # The product being edited is not its own duplicate.
    assert (
        existing.get_absolute_url()
        not in client.get(url, {"name": "Acos WebSak", "exclude": existing.pk}).content.decode()
    )
    vendors = client.get(reverse("catalog:vendor_similar"), {"name": "Acos"}).content.decode()
    assert vendor().get_absolute_url() in vendors


def test_the_name_field_asks_for_suggestions_in_a_polite_live_region(client, world):
    client.force_login(world.users[Role.ARCHITECT])
    page = client.get(reverse("catalog:product_add")).content.decode()
    assert f'hx-get="{reverse("catalog:product_similar")}"' in page
    assert 'id="id_name_similar"' in page and 'role="status"' in page
    assert 'hx-include="#id_vendor"' in page


def product_post(**extra):
    return {"name": "Acos Websak", "vendor": vendor().pk, "category": Category.objects.first().pk, **extra}


def test_saving_a_near_duplicate_asks_first_then_saves_anyway(client, world):
    product()
    client.force_login(world.users[Role.ARCHITECT])
    url = reverse("catalog:product_add")
    answer = client.post(url, product_post())
    content = answer.content.decode()
    assert answer.status_code == 422
    assert "Acos WebSak (Acos AS)" in content and "is it the same product?" in content
    assert 'name="confirm_duplicate"' in content
    assert not Product.objects.filter(name="Acos Websak").exists()

    # Left unticked, it asks again; ticked, it saves.
    assert client.post(url, product_post(confirm_duplicate="")).status_code == 422
    assert client.post(url, product_post(confirm_duplicate="on")).status_code == 302
    assert Product.objects.get(name="Acos Websak").status == "draft"


def test_saving_a_new_name_and_editing_without_renaming_need_no_confirmation(client, world):
    existing = product()
    client.force_login(world.users[Role.CATALOGUE_EDITOR])
    assert (
        client.post(reverse("catalog:product_add"), product_post(name="Skyssplan", status="approved")).status_code
        == 302
    )
    Product.objects.create(name="Acos Websak", vendor=vendor(), category=Category.objects.first(), status="approved")
    edit = reverse("catalog:product_edit", args=[existing.pk])
    data = product_post(
        name="Acos WebSak", status="approved", description="Sak og arkiv", base_version=existing.version
    )
    assert client.post(edit, data).status_code == 302


def test_a_near_duplicate_vendor_asks_first(client, world):
    vendor()
    client.force_login(world.users[Role.ARCHITECT])
    url = reverse("catalog:vendor_add")
    answer = client.post(url, {"name": "ACOS"})
    assert answer.status_code == 422 and "is it the same vendor?" in answer.content.decode()
    assert client.post(url, {"name": "ACOS", "confirm_duplicate": "on"}).status_code == 302


def test_the_api_refuses_a_near_duplicate_unless_confirmed(world):
    existing = product()
    api = api_for(world.users[Role.ARCHITECT])
    payload = {"name": "Acos Websak", "vendor": vendor().pk, "category": Category.objects.first().pk}
    answer = api.post("/api/products/", payload, format="json")
    assert answer.status_code == 400
    assert answer.data["similar"] == [
        {
            "id": existing.pk,
            "name": "Acos WebSak",
            "status": "approved",
            "url": existing.get_absolute_url(),
            "vendor": vendor().pk,
            "vendor_name": "Acos AS",
        }
    ]
    assert "Acos WebSak (Acos AS)" in answer.data["name"][0] and "confirm_duplicate" in answer.data
    assert not Product.objects.filter(name="Acos Websak").exists()

    created = api.post("/api/products/", {**payload, "confirm_duplicate": True}, format="json")
    assert created.status_code == 201 and "confirm_duplicate" not in created.data
    assert api.post("/api/products/", {**payload, "name": "Skyssplan"}, format="json").status_code == 201


def test_the_api_checks_permission_before_similarity(world):
    product()
    payload = {"name": "Acos Websak", "vendor": vendor().pk, "category": Category.objects.first().pk}
    assert api_for(world.users["outsider"]).post("/api/products/", payload, format="json").status_code == 403


def test_the_api_checks_a_renamed_vendor(world):
    vendor()
    other = Vendor.objects.create(name="Visma", status="approved")
    api = api_for(world.users[Role.CATALOGUE_EDITOR])
    answer = api.patch(f"/api/vendors/{other.pk}/", {"name": "Acos"}, format="json", headers={"If-Match": '"1"'})
    assert answer.status_code == 400 and answer.data["similar"][0]["name"] == "Acos AS"
    assert "vendor" not in answer.data["similar"][0]
    confirmed = api.patch(
        f"/api/vendors/{other.pk}/",
        {"name": "Acos", "confirm_duplicate": True},
        format="json",
        headers={"If-Match": '"1"'},
    )
    assert confirmed.status_code == 200
    # A change that leaves the name alone is not checked.
    unchanged = api.patch(
        f"/api/vendors/{other.pk}/", {"website": "https://acos.example"}, format="json", headers={"If-Match": '"2"'}
    )
    assert unchanged.status_code == 200
