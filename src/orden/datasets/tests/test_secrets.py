"""Nothing private reaches a public output: a unique secret is planted in every private text field (and every
date of the unpublished rows) of every row a catalogue is made from, and every public document and page,
searches for each secret included, is searched for all of them.

Which fields are private is derived from the models: every text field that is not a choice and not in
``PUBLISHED`` (the fields DCAT-AP-NO publishes of a published row) gets a secret, so a field added later is
covered without touching this test. Unpublished rows, inactive organisations' rows, and the rows a dataset
merely refers to (its owner, its systems, its services, the template it came from) get one in every text field.
Dataset templates are shared catalogue data for signed-in users: no public output shows them.
"""

import datetime
import itertools
import re

import pytest
from django.core.cache import cache
from django.db import models

from orden.catalog.models import Product
from orden.catalog.tests.specs import product
from orden.datasets.models import DataService, Dataset, DatasetTemplate, Distribution
from orden.datasets.tests.specs import file_type, licence, theme
from orden.organizations.models import Contact, Membership, Organization, Unit, User
from orden.organizations.testing import make_organization, make_user
from orden.portfolio.models import Service, ServiceTemplate, System

SECRET = "zq7s"  # every planted text starts with it
SECRET_YEAR = 1066  # every planted date is in this year
# What a published row shows, per model; everything else is private.
PUBLISHED = {
    Organization: {"name", "organization_number", "municipality_number", "website"},
    Dataset: {
        "title_nb",
        "title_nn",
        "title_en",
        "description_nb",
        "description_nn",
        "description_en",
        "keywords",
        "restriction_basis",
        "restriction_basis_url",
        "conforms_to",
        "landing_page",
        "uri",
    },
    Distribution: {"title_nb", "description_nb", "access_url", "download_url", "uri"},
    DataService: {
        "title_nb",
        "title_nn",
        "title_en",
        "description_nb",
        "description_nn",
        "description_en",
        "endpoint_url",
        "endpoint_description",
        "landing_page",
        "uri",
    },
    Contact: {"name", "email", "phone"},  # of the contact point of a published row
}
SUFFIXES = ("ttl", "rdf", "jsonld")
MEDIA_TYPES = ("text/turtle", "application/rdf+xml", "application/ld+json")
DATASET_LINK = re.compile(r"/data/\d{9}/datasets/\d+/")


@pytest.fixture(autouse=True)
def fresh_cache(settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "secrets"}}
    cache.clear()


class Planter:
    """Writes a unique secret into the private fields of rows and remembers where each one went."""

    def __init__(self):
        self.where: dict[str, str] = {}  # secret -> "Model.field"
        self.numbers = itertools.count(1)

    def plant(self, obj, published=frozenset(), dates=False):
        """Every text field of ``obj`` that is neither in ``published`` nor a choice (and with ``dates``, every
        date field) gets a secret; saved without validation, as the secret is no valid value of most fields."""
        values = {}
        for field in type(obj)._meta.concrete_fields:
            if field.name in published or field.choices or not field.editable and field.name != "uri":
                continue
            if isinstance(field, models.CharField | models.TextField):
                number = next(self.numbers)
                secret = f"{SECRET}{number:04d}"
                value = (
                    f"{secret}@example.org"
                    if isinstance(field, models.EmailField)
                    else f"https://{secret}.example.org/"
                    if isinstance(field, models.URLField)
                    else secret
                )
                assert field.max_length is None or len(value) <= field.max_length, (
                    f"{type(obj).__name__}.{field.name} is too short for a secret: add it to PUBLISHED if it is "
                    "published, or plant something shorter"
                )
                values[field.attname] = value
                self.where[secret] = f"{type(obj).__name__}.{field.name} (pk {obj.pk})"
            elif dates and type(field) is models.DateField:
                values[field.attname] = datetime.date(SECRET_YEAR, 1, 1) + datetime.timedelta(days=next(self.numbers))
        type(obj)._base_manager.filter(pk=obj.pk).update(**values)
        return obj

    def found_in(self, text: str) -> list[str]:
        found = [where for secret, where in self.where.items() if secret in text]
        if SECRET in text and not found:
            found.append("a secret (its number cut off)")
        if str(SECRET_YEAR) in text:
            found.append(f"a date of {SECRET_YEAR}")
        return found


@pytest.fixture
def planted(world):
    """Vinje publishes a dataset, its distribution and a data service; everything around them is private.
    Tokke publishes nothing; Seljord (inactive) once published a dataset."""
    planter = Planter()
    own, other = world.own, world.other
    owner = make_user("eier", own, "system_owner")
    responsible = make_user("ansvarlig", own, "architect")
    unit = Unit.objects.create(organization=own, name="Eining", description="Om eininga")
    vendor_contact = Contact.objects.create(organization=own, name="Leverandør", email="l@example.org")
    contact_point = Contact.objects.create(
        organization=own,
        name="Kartkontoret",
        email="kart@vinje.kommune.no",
        phone="35062000",
        employer="Vinje",
        title="Kartsjef",
        notes="Ring før 12",
    )
    service_contact = Contact.objects.create(organization=own, name="API-kontoret", email="api@vinje.kommune.no")
    hidden_contact = Contact.objects.create(organization=own, name="Skjult", email="skjult@vinje.kommune.no")
    system = System.objects.create(
        organization=own,
        name="Kartsystem",
        description="Internt",
        product=product(),
        owner=owner,
        responsible=responsible,
        vendor_contact=vendor_contact,
        in_use_from=datetime.date(2020, 1, 1),
    )
    system.super_users.set([vendor_contact])
    los = ServiceTemplate.objects.first()  # reference data: its Los theme is published
    service = Service.objects.create(
        organization=own,
        name="Byggesak",
        description="Intern",
        template=los,
        process_owner=owner,
        responsible_unit=unit,
    )
    template = DatasetTemplate.objects.create(product=product(), title_nb="Mal", description_nb="Malen", status="draft")
    published = Dataset.objects.create(
        organization=own,
        title_nb="Vegdata",
        description_nb="Veger",
        keywords="veg",
        access_rights="restricted",
        restriction_basis="Offentleglova § 13",
        restriction_basis_url="https://lovdata.no/offentleglova",
        personal_data=True,
        open_personal_data_reason="Lovlig",
        owner=owner,
        contact_point=contact_point,
        authoritative_system=system,
        template=template,
        published=True,
    )
    published.themes.set([theme()])
    published.systems.set([system])
    published.services.set([service])
    distribution = Distribution.objects.create(
        organization=own,
        dataset=published,
        title_nb="CSV",
        format=file_type(),
        licence=licence(),
        access_url="https://data.vinje.kommune.no/veg",
    )
    draft = Dataset.objects.create(
        organization=own,
        title_nb="Utkast",
        owner=owner,
        contact_point=hidden_contact,
        access_rights="public",
        temporal_start=datetime.date(2020, 1, 1),
        authoritative_system=system,
    )
    draft.systems.set([system])
    draft.themes.set([theme()])
    draft_distribution = Distribution.objects.create(
        organization=own, dataset=draft, title_nb="Utkastfil", access_url="https://example.org/u"
    )
    data_service = DataService.objects.create(
        organization=own,
        title_nb="Veg-API",
        endpoint_url="https://api.vinje.kommune.no/",
        owner=owner,
        contact_point=service_contact,
        access_rights="public",
        published=True,
    )
    data_service.datasets.set([published, draft])
    hidden_service = DataService.objects.create(
        organization=own,
        title_nb="Skjult API",
        endpoint_url="https://example.org/api",
        owner=owner,
        contact_point=hidden_contact,
    )
    hidden_service.datasets.set([published])
    other_draft = Dataset.objects.create(organization=other, title_nb="Tokke-utkast", access_rights="public")
    other_contact = Contact.objects.create(organization=other, name="Tokke-kontakt")
    other_system = System.objects.create(organization=other, name="Tokke-system")
    inactive = make_organization("Seljord", "4022", "964963649", is_active=False)
    inactive_contact = Contact.objects.create(organization=inactive, name="Seljord-kontakt", email="s@example.org")
    inactive_dataset = Dataset.objects.create(
        organization=inactive,
        title_nb="Seljord-data",
        access_rights="public",
        contact_point=inactive_contact,
        published=True,
    )
    inactive_distribution = Distribution.objects.create(
        organization=inactive, dataset=inactive_dataset, title_nb="Fil", access_url="https://example.org/s"
    )
    inactive_service = DataService.objects.create(
        organization=inactive, title_nb="Seljord-API", endpoint_url="https://example.org/s", published=True
    )

    for organization in Organization.objects.all():
        # An inactive organisation's name and website are in no public output; its numbers are in the URLs.
        numbers = {"organization_number", "municipality_number"}
        planter.plant(organization, PUBLISHED[Organization] if organization.is_active else numbers)
    # The people: every user's name, username and e-mail address.
    for user in User.objects.all():
        planter.plant(user)
    for row in (unit, vendor_contact, hidden_contact, other_contact, inactive_contact, system, other_system, service):
        planter.plant(row)
    planter.plant(template)
    planter.plant(Product.objects.get(pk=template.product_id))
    for contact in (contact_point, service_contact):
        planter.plant(contact, PUBLISHED[Contact])
    planter.plant(published, PUBLISHED[Dataset])
    planter.plant(distribution, PUBLISHED[Distribution])
    planter.plant(data_service, PUBLISHED[DataService])
    for row in (
        draft,
        draft_distribution,
        hidden_service,
        other_draft,
        inactive_dataset,
        inactive_distribution,
        inactive_service,
    ):
        planter.plant(row, dates=True)
    assert Membership.objects.exists() and los is not None
    return planter


def public_urls():
    """Every public document and page: the catalogues and every row's description in every format, whether
    it exists or not (a 404 must not tell either), and the pages."""
    urls = [("/dcat/", media_type) for media_type in MEDIA_TYPES]
    for organization in Organization.objects.all():
        orgnr = organization.organization_number
        urls += [(f"/dcat/{orgnr}.{suffix}", None) for suffix in SUFFIXES]
        urls += [(f"/dcat/{orgnr}", media_type) for media_type in MEDIA_TYPES]
        urls += [(f"/data/{orgnr}/", None), ("/data/?organization=" + orgnr, None)]
    for model, path in ((Dataset, "datasets"), (Distribution, "distributions"), (DataService, "data-services")):
        for row in model.objects.select_related("organization"):
            orgnr = row.organization.organization_number
            urls += [(f"/dcat/{orgnr}/{path}/{row.pk}.{suffix}", None) for suffix in SUFFIXES]
            urls += [(f"/dcat/{orgnr}/{path}/{row.pk}", "text/turtle")]
            if model is Dataset:
                urls.append((f"/data/{orgnr}/datasets/{row.pk}/", None))
    return [*urls, ("/data/", None), ("/data/?page=2", None)]


def test_the_fields_are_derived_from_the_models(planted):
    """A guard of the derivation: the private fields the brief names are among those planted."""
    planted_fields = {where.split(" ")[0] for where in planted.where.values()}
    for field in (
        "Dataset.open_personal_data_reason",
        "Contact.notes",
        "Contact.employer",
        "Contact.title",
        "System.name",
        "System.description",
        "Service.name",
        "User.first_name",
        "User.last_name",
        "User.email",
        "DatasetTemplate.title_nb",
        "Dataset.title_nb",  # of the unpublished ones
        "Distribution.access_url",  # of a distribution of an unpublished dataset
        "DataService.endpoint_url",  # of the unpublished data service
        "Unit.name",
    ):
        assert field in planted_fields, field


def test_no_secret_in_any_public_output(client, planted):
    urls = public_urls()
    assert len(urls) > 60
    leaks = []
    published = 0
    for url, accept in urls:
        response = client.get(url, **({"HTTP_ACCEPT": accept} if accept else {}))
        assert response.status_code in (200, 400, 404), (url, response.status_code)
        published += response.status_code == 200
        for where in planted.found_in(response.content.decode()):
            leaks.append(f"{url}: {where}")
    assert not leaks, "private data in public output:\n" + "\n".join(leaks)
    assert published > 20  # the published rows were really fetched


def test_no_search_finds_a_dataset_by_a_secret(client, planted):
    """Searching for a private value finds nothing (the search looks at published fields only); the page shows
    the words searched for, and nothing else of them."""
    leaks = []
    for secret in planted.where:
        content = client.get("/data/", {"q": secret}).content.decode()
        if DATASET_LINK.search(content):
            leaks.append(f"searching {secret} ({planted.where[secret]}) finds a dataset")
        leaks += [f"q={secret}: {where}" for where in planted.found_in(content.replace(secret, ""))]
    assert not leaks, "\n".join(leaks)
    assert DATASET_LINK.search(client.get("/data/", {"q": "Vegdata"}).content.decode())
