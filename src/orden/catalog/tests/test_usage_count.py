"""The product list says how many organisations use each product, sorts by it, and costs the same
number of queries for one product as for many."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from rest_framework.test import APIClient

from orden.api.models import ApiToken
from orden.catalog.models import Category, Product
from orden.catalog.tests.specs import product, vendor
from orden.core.roles import Role
from orden.organizations.models import User
from orden.portfolio.models import System


@pytest.fixture(autouse=True)
def english(world):
    """These tests read the English texts (the translations are checked by core/tests/test_translations.py)."""
    User.objects.update(language="en")


LIST = reverse("catalog:product_list")


def api_for(user):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {ApiToken.issue(user, 't')[1]}")
    return client


def make(name):
    return Product.objects.create(name=name, vendor=vendor(), category=Category.objects.first(), status="approved")


def usage(world):
    """Acos WebSak in two organisations (three systems, one retired), Skyssplan in one, Ukjent in none."""
    websak, skyssplan, unknown = product(), make("Skyssplan"), make("Ukjent")
    System.objects.create(organization=world.own, name="Sak", product=websak)
    System.objects.create(organization=world.own, name="Sak 2", product=websak)
    System.objects.create(organization=world.other, name="Sak", product=websak, lifecycle="phasing_out")
    System.objects.create(organization=world.other, name="Skyss", product=skyssplan, lifecycle="retired")
    System.objects.create(organization=world.own, name="Skyss", product=skyssplan, lifecycle="planned")
    return websak, skyssplan, unknown


def cell(content, name):
    row = content.split(f">{name}</a>", 1)[1].split("</tr>", 1)[0]
    return [part.split("</td>")[0] for part in row.split("<td>")[1:]]


def test_the_list_shows_how_many_organisations_use_each_product(client, world):
    usage(world)
    client.force_login(world.other_users[Role.COORDINATOR])  # a member of another organisation sees it too
    content = client.get(LIST).content.decode()
    assert "Used by (organisations)" in content
    assert "2" in cell(content, "Acos WebSak")
    assert "1" in cell(content, "Skyssplan")  # the retired system does not count
    assert "0" in cell(content, "Ukjent")


def test_the_list_and_the_api_sort_by_usage(client, world):
    websak, skyssplan, unknown = usage(world)
    client.force_login(world.users[Role.READER])
    content = client.get(LIST, {"ordering": "-used_by"}).content.decode()
    assert content.index(">Acos WebSak<") < content.index(">Skyssplan<") < content.index(">Ukjent<")
    assert 'aria-sort="descending"' in content
    api = api_for(world.users[Role.READER])
    rows = api.get("/api/products/", {"ordering": "used_by"}).data["results"]
    assert [(row["id"], row["used_by"]) for row in rows] == [(unknown.pk, 0), (skyssplan.pk, 1), (websak.pk, 2)]
    assert api.get(f"/api/products/{websak.pk}/").data["used_by"] == 2


def count_queries(callable_):
    with CaptureQueriesContext(connection) as queries:
        assert callable_().status_code == 200
    return len(queries)


def test_the_list_costs_the_same_queries_for_one_and_many_used_products(client, world):
    editor = world.users[Role.CATALOGUE_EDITOR]  # who also gets the number of drafts
    client.force_login(editor)
    api = api_for(editor)
    System.objects.create(organization=world.own, name="Sak", product=product())
    client.get(LIST), api.get("/api/products/")  # warm up (session, token)
    one = (count_queries(lambda: client.get(LIST)), count_queries(lambda: api.get("/api/products/")))
    for n in range(30):
        used = make(f"Produkt {n}")
        System.objects.create(organization=world.own if n % 2 else world.other, name=f"System {n}", product=used)
    many = (
        count_queries(lambda: client.get(LIST, {"ordering": "-used_by"})),
        count_queries(lambda: api.get("/api/products/", {"ordering": "-used_by"})),
    )
    assert many == one
