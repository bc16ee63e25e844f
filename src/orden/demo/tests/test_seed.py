import io
import json
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db.models import F
from django.utils import timezone

from orden.catalog.models import CatalogueStatus, Product, Vendor
from orden.core.roles import Role
from orden.core.validators import validate_organization_number
from orden.organizations.models import Membership, Organization, OrganizationKind, Region
from orden.portfolio.models import System

DATA = Path(__file__).resolve().parent.parent / "data"
VEST_TELEMARK = ["Fyresdal", "Kviteseid", "Nissedal", "Seljord", "Tokke", "Vinje"]
DEMO_ROLES = {
    "koordinator": Role.COORDINATOR,
    "arkitekt": Role.ARCHITECT,
    "systemeier": Role.SYSTEM_OWNER,
    "leder": Role.SERVICE_LEADER,
    "personvern": Role.PRIVACY_OFFICER,
    "rad": Role.ADVISOR,
    "leser": Role.READER,
}


@pytest.fixture
def seeded(db):
    call_command("seed", size="demo", stdout=io.StringIO())


def test_vest_telemark_municipalities_have_their_real_numbers(seeded):
    with open(DATA / "kommuner-2025.json", encoding="utf-8") as f:
        numbers = {m["k_name_no"]: m["k_id"] for m in json.load(f)}
    for name in VEST_TELEMARK:
        org = Organization.objects.get(name=name)
        assert org.kind == OrganizationKind.MUNICIPALITY
        assert org.municipality_number == numbers[name]
        assert org.county.municipality_number == "4000"
    region = Region.objects.get(name="Vest-Telemark")
    assert sorted(region.organizations.values_list("name", flat=True)) == VEST_TELEMARK


def test_organisation_numbers_are_valid(seeded):
    numbers = list(Organization.objects.values_list("organization_number", flat=True))
    assert numbers
    for number in numbers:
        validate_organization_number(number)
    for number in Vendor.objects.exclude(organization_number=None).values_list("organization_number", flat=True):
        validate_organization_number(number)


def test_demo_users_have_exactly_their_memberships(seeded):
    User = get_user_model()
    expected = {}
    for prefix, municipality in (("vinje", "Vinje"), ("tokke", "Tokke")):
        for suffix, role in DEMO_ROLES.items():
            expected[f"{prefix}-{suffix}"] = [(municipality, role)]
    expected["katalog"] = [("Vinje", Role.CATALOGUE_EDITOR)]
    expected["admin"] = []
    for username, memberships in expected.items():
        user = User.objects.get(username=username)
        actual = list(Membership.objects.filter(user=user).values_list("organization__name", "role"))
        assert actual == memberships, username
        assert user.check_password("orden-demo-2026")
    admin = User.objects.get(username="admin")
    assert admin.is_superuser and admin.is_staff


def test_vinje_and_tokke_share_products(seeded):
    vinje = set(
        System.objects.filter(organization__name="Vinje").exclude(product=None).values_list("product", flat=True)
    )
    tokke = set(
        System.objects.filter(organization__name="Tokke").exclude(product=None).values_list("product", flat=True)
    )
    assert vinje & tokke
    assert Product.objects.get(name="Acos WebSak").pk in vinje & tokke
    for name in ("Vinje", "Tokke"):
        systems = System.objects.filter(organization__name=name)
        assert 25 <= systems.count() <= 40
        assert systems.filter(product=None).count() >= 2


def test_system_facts_are_consistent(seeded):
    assert System.objects.exclude(product_version=None).exclude(product_version__product=F("product")).count() == 0
    assert System.objects.filter(product=None).exclude(product_version=None).count() == 0
    assert System.objects.filter(special_categories=True, personal_data=False).count() == 0
    owner = get_user_model().objects.get(username="vinje-systemeier")
    assert System.objects.filter(owner=owner).count() >= 3
    assert System.objects.filter(responsible=owner).exclude(owner=owner).exists()
    # "retired version in use": systems in use on a version the vendor no longer supports
    assert System.objects.filter(lifecycle="in_use", product_version__end_of_support__lt=timezone.localdate()).exists()
    assert Product.objects.filter(status=CatalogueStatus.DRAFT).exclude(created_by=None).exists()


def test_seed_if_empty_creates_nothing_new(seeded):
    counts = (Organization.objects.count(), System.objects.count(), get_user_model().objects.count())
    call_command("seed", size="demo", if_empty=True, stdout=io.StringIO())
    assert (Organization.objects.count(), System.objects.count(), get_user_model().objects.count()) == counts


@pytest.mark.django_db
def test_seed_is_deterministic():
    from orden.demo.generator import Seeder

    Seeder(size="demo", seed=7).run()
    first = list(System.objects.order_by("organization__name", "name").values_list("name", "lifecycle", "annual_cost"))
    Organization.objects.all().delete()
    get_user_model().objects.all().delete()
    Product.objects.all().delete()
    Vendor.objects.all().delete()
    Region.objects.all().delete()
    Seeder(size="demo", seed=7).run()
    second = list(System.objects.order_by("organization__name", "name").values_list("name", "lifecycle", "annual_cost"))
    assert first == second
