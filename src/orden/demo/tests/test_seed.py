import io
import json
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db.models import F
from django.utils import timezone

from orden.catalog.models import CatalogueStatus, Product, Vendor
from orden.core import completeness
from orden.core.roles import Role
from orden.core.validators import validate_organization_number
from orden.datasets.models import AccessRights, DataService, Dataset, DatasetTemplate, Distribution
from orden.organizations.models import Contact, Membership, Organization, OrganizationKind, Region, Unit
from orden.portfolio.models import Service, ServiceSystem, System
from orden.portfolio.reviews import overdue
from orden.reports.models import CompletenessSnapshot

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
    expected["vt-personvern"] = [("Tokke", Role.PRIVACY_OFFICER), ("Vinje", Role.PRIVACY_OFFICER)]
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


def snapshot_of_data():
    return (
        list(System.objects.order_by("organization__name", "name").values_list("name", "lifecycle", "annual_cost")),
        list(
            System.objects.order_by("organization__name", "name").values_list("last_reviewed", "vendor_contact__name")
        ),
        list(
            Unit.objects.order_by("organization__name", "name").values_list("name", "parent__name", "leader__username")
        ),
        list(Service.objects.order_by("organization__name", "name").values_list("name", "responsible_unit__name")),
        list(
            ServiceSystem.objects.order_by("organization__name", "service__name", "system__name").values_list(
                "service__name", "system__name", "role", "note"
            )
        ),
        list(Contact.objects.order_by("organization__name", "name").values_list("name", "email", "phone", "title")),
        list(CompletenessSnapshot.objects.order_by("organization__name", "day").values_list("day", "score")),
        list(
            Dataset.objects.order_by("organization__name", "title_nb").values_list(
                "title_nb", "published", "access_rights", "authoritative_system__name", "contact_point__name"
            )
        ),
        list(
            Distribution.objects.order_by("organization__name", "dataset__title_nb", "title_nb").values_list(
                "title_nb", "format__code", "licence__code", "access_url", "download_url"
            )
        ),
        list(DataService.objects.order_by("organization__name", "title_nb").values_list("title_nb", "endpoint_url")),
    )


@pytest.mark.django_db
def test_seed_is_deterministic():
    from orden.demo.generator import Seeder

    Seeder(size="demo", seed=7).run()
    first = snapshot_of_data()
    # Services and units are PROTECTed (responsible unit, parent unit): delete them leaves first.
    Service.objects.all().delete()
    DatasetTemplate.objects.all().delete()
    Unit.objects.exclude(parent=None).delete()
    Unit.objects.all().delete()
    Organization.objects.all().delete()
    get_user_model().objects.all().delete()
    Product.objects.all().delete()
    Vendor.objects.all().delete()
    Region.objects.all().delete()
    Seeder(size="demo", seed=7).run()
    second = snapshot_of_data()
    assert first == second


def test_units_form_trees_within_their_organisation(seeded):
    units = list(Unit.objects.select_related("parent"))
    assert units
    assert Unit.objects.exclude(parent=None).exclude(parent__organization=F("organization")).count() == 0
    assert Unit.objects.exclude(leader=None).exclude(leader__memberships__organization=F("organization")).count() == 0
    for unit in units:
        assert len(unit.ancestors()) <= 2 and unit not in unit.ancestors()
    for org in Organization.objects.all():
        tops = Unit.objects.filter(organization=org, parent=None)
        assert tops.count() >= 3, org
        assert Unit.objects.filter(organization=org).exclude(parent=None).exists(), org
    vinje_leader = get_user_model().objects.get(username="vinje-leder")
    oppvekst = Unit.objects.get(organization__name="Vinje", name="Oppvekst")
    assert oppvekst.leader == vinje_leader and oppvekst.children.count() >= 2


def test_services_links_and_contacts_stay_within_their_organisation(seeded):
    assert (
        Service.objects.exclude(responsible_unit=None).exclude(responsible_unit__organization=F("organization")).count()
        == 0
    )
    assert ServiceSystem.objects.exclude(service__organization=F("organization")).count() == 0
    assert ServiceSystem.objects.exclude(system__organization=F("organization")).count() == 0
    assert (
        System.objects.exclude(vendor_contact=None).exclude(vendor_contact__organization=F("organization")).count() == 0
    )
    through = System.super_users.through.objects
    assert through.exists()
    assert through.exclude(contact__organization=F("system__organization")).count() == 0
    assert (
        Service.objects.exclude(process_owner=None)
        .exclude(process_owner__memberships__organization=F("organization"))
        .count()
        == 0
    )
    for org in Organization.objects.all():
        # 3–8, and the contact point of its datasets (Vinje and Tokke also a person for geodata)
        assert 4 <= Contact.objects.filter(organization=org).count() <= 10, org
    for name in ("Vinje", "Tokke"):
        services = Service.objects.filter(organization__name=name)
        assert 60 <= services.count() <= 120
        assert services.exclude(template=None).exclude(sector=F("template__sector")).count() == 0
    # Vinje and Tokke write nynorsk: the services have the nynorsk Kommune-Los names.
    assert Service.objects.filter(organization__name="Vinje", name="Heimesjukepleie").exists()


def test_review_cycle_and_completeness_gaps(seeded):
    assert Organization.objects.get(name="Tokke").review_interval_months == 6
    assert Organization.objects.get(name="Vinje").review_interval_months == 12
    systems = System.objects.count()
    reviewed = System.objects.exclude(last_reviewed=None).count()
    assert 0.5 * systems < reviewed < 0.9 * systems
    vinje = Organization.objects.get(name="Vinje")
    assert overdue(System.objects.all(), vinje).exists()
    active = System.objects.exclude(lifecycle="retired")
    assert active.filter(service_links=None).exists()
    assert active.exclude(service_links=None).count() > 0.7 * active.count()
    assert Service.objects.filter(system_links=None).exists()
    owner = get_user_model().objects.get(username="vinje-systemeier")
    owned = System.objects.filter(owner=owner)
    assert overdue(owned, vinje).exists()
    assert completeness.worst_rows(owned.exclude(lifecycle="retired"))


def test_vinje_has_a_completeness_trend(seeded):
    vinje = Organization.objects.get(name="Vinje")
    trend = list(CompletenessSnapshot.objects.filter(organization=vinje).order_by("day"))
    assert len(trend) >= 3
    today = trend[-1]
    assert today.day == timezone.localdate()
    assert today.score == completeness.summary(System.objects.filter(organization=vinje))["score"]
    assert trend[0].score < today.score
    assert CompletenessSnapshot.objects.values("organization").distinct().count() == Organization.objects.count()


def test_the_head_of_oppvekst_owns_a_service_with_a_system(seeded):
    leader = get_user_model().objects.get(username="vinje-leder")
    owned = Service.objects.filter(organization__name="Vinje", process_owner=leader)
    assert owned.exclude(system_links=None).exists()
    service = owned.get(name="Barnehageplass")
    assert service.template.label_nb == "Barnehageplass"
    assert list(service.system_links.values_list("system__name", "role")) == [("Visma Flyt Barnehage", "primary")]
    assert not service.system_links.filter(system__name="Acos WebSak").exists()
    assert System.objects.filter(organization__name="Vinje", name="Acos WebSak").exists()


def test_every_organisation_describes_datasets_and_publishes_some(seeded):
    for org in Organization.objects.all():
        datasets = Dataset.objects.filter(organization=org)
        assert datasets.filter(published=True).exists(), org
    # Links stay within the organisation; the authoritative system is one of the systems that hold the data.
    assert (
        Dataset.objects.exclude(authoritative_system=None)
        .exclude(authoritative_system__organization=F("organization"))
        .count()
        == 0
    )
    through = Dataset.systems.through.objects
    assert through.exclude(system__organization=F("dataset__organization")).count() == 0
    assert Dataset.services.through.objects.exclude(service__organization=F("dataset__organization")).count() == 0
    assert (
        Dataset.objects.exclude(contact_point=None).exclude(contact_point__organization=F("organization")).count() == 0
    )
    assert (
        DataService.datasets.through.objects.exclude(dataset__organization=F("dataservice__organization")).count() == 0
    )
    for dataset in Dataset.objects.exclude(authoritative_system=None):
        assert dataset.systems.filter(pk=dataset.authoritative_system_id).exists(), dataset
    # Every dataset has an EU data theme; only open datasets with personal data give a reason.
    assert Dataset.objects.filter(themes=None).count() == 0
    assert Dataset.objects.exclude(access_rights=AccessRights.PUBLIC).exclude(open_personal_data_reason="").count() == 0
    assert (
        Dataset.objects.filter(
            personal_data=True, access_rights=AccessRights.PUBLIC, open_personal_data_reason=""
        ).count()
        == 0
    )
    assert Dataset.objects.exclude(access_rights=AccessRights.PUBLIC).filter(restriction_basis="").count() == 0
    assert (
        not Dataset.objects.exclude(access_rights=AccessRights.PUBLIC)
        .exclude(restriction_basis_url__startswith="https://lovdata.no/")
        .exists()
    )
    # Open data has files with a licence on the organisation's website; non-public data has none.
    assert not Distribution.objects.filter(dataset__access_rights=AccessRights.NON_PUBLIC).exists()
    for dist in Distribution.objects.filter(dataset__access_rights=AccessRights.PUBLIC).select_related("organization"):
        assert dist.licence is not None and dist.licence.code in ("NLOD_2_0", "CC_BY_4_0"), dist
        host = dist.organization.website.split("//", 1)[-1].rstrip("/") or ".example.no"
        assert host in dist.access_url and (not dist.download_url or host in dist.download_url), dist


def test_vinje_and_tokke_describe_what_a_municipality_holds(seeded):
    for name in ("Vinje", "Tokke"):
        datasets = Dataset.objects.filter(organization__name=name)
        titles = set(datasets.values_list("title_nb", flat=True))
        assert {"Adresser", "Byggesaker", "Reguleringsplaner", "Eiendomsskatt", "Barnehageplasser"} <= titles
        assert {"Vannverk og ledningsnett", "Politiske møter og vedtak", "Postjournal", "Elevdata"} <= titles
        assert "Brukere av hjemmetjenester" in titles
        assert datasets.filter(published=True).count() >= 10 and datasets.filter(published=False).count() >= 2
        assert datasets.filter(access_rights=AccessRights.RESTRICTED).exists()
        elevdata = datasets.get(title_nb="Elevdata")
        assert elevdata.personal_data and elevdata.access_rights == AccessRights.NON_PUBLIC
        assert elevdata.restriction_basis.startswith("Offentleglova § 13")
        home = datasets.get(title_nb="Brukere av hjemmetjenester")
        assert home.personal_data and home.access_rights == AccessRights.NON_PUBLIC
        assert home.authoritative_system.special_categories or home.authoritative_system.personal_data
        assert datasets.filter(services__isnull=False).distinct().count() >= 8
        assert datasets.exclude(authoritative_system=None).count() >= 12
        assert DataService.objects.filter(organization__name=name, published=True).exists()
        assert datasets.filter(template__isnull=False).exists()
    vinje = Dataset.objects.filter(organization__name="Vinje")
    draft = vinje.get(title_nb="Turløyper og skiløyper")
    assert not draft.published and draft.contact_point is None
    assert vinje.exclude(pk=draft.pk).filter(contact_point=None).count() == 0
    assert set(DataService.objects.filter(organization__name="Vinje").values_list("title_nb", flat=True)) == {
        "Kartinnsyn WMS",
        "Innsynsløsning API",
    }
    wms = DataService.objects.get(organization__name="Vinje", title_nb="Kartinnsyn WMS")
    assert wms.endpoint_url.startswith("https://www.vinje.kommune.no/") and wms.datasets.exists()


def test_the_catalogue_offers_dataset_templates(seeded):
    approved = DatasetTemplate.objects.filter(status=CatalogueStatus.APPROVED)
    products = set(approved.values_list("product__name", flat=True))
    assert {"Acos WebSak", "Gisline", "Visma Flyt Barnehage"} <= products
    assert approved.filter(themes=None).count() == 0
    offered = DatasetTemplate.objects.get(status=CatalogueStatus.DRAFT)
    assert offered.source_organization.name == "Vinje" and offered.created_by.username == "vinje-arkitekt"
