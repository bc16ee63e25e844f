"""Publishing, adopting a product's dataset template and offering a dataset as one (datasets.services)."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from orden.catalog.models import CatalogueStatus
from orden.catalog.tests.specs import product
from orden.core.history import history_of
from orden.core.roles import Role
from orden.organizations.models import Contact
from orden.portfolio.tests.specs import make_system

from .. import services
from ..models import AccessRights, Concept, DataService, Dataset, DatasetTemplate, Provenance, Scheme

EU_THEME = "http://publications.europa.eu/resource/authority/data-theme/GOVE"
ANNUAL = "http://publications.europa.eu/resource/authority/frequency/ANNUAL"


def concept(scheme, uri, label):
    code = uri.rsplit("/", 1)[-1]
    return Concept.objects.get_or_create(
        uri=uri, defaults={"scheme": scheme, "code": code, "label_nb": label, "label_nn": label, "label_en": label}
    )[0]


@pytest.fixture(autouse=True)
def in_english():
    """The messages below are compared in English."""
    with translation.override("en"):
        yield


@pytest.fixture
def coordinator(world):
    return world.users[Role.COORDINATOR]


@pytest.fixture
def template(world):
    made = DatasetTemplate.objects.create(
        product=product(),
        title_nb="Byggesaker",
        description_nb="Søknader om byggetillatelse og vedtak.",
        keywords="byggesak, plan",
        access_rights=AccessRights.RESTRICTED,
        personal_data=True,
        frequency=concept(Scheme.FREQUENCY, ANNUAL, "Årlig"),
        provenance=Provenance.DECISION,
        status=CatalogueStatus.APPROVED,
    )
    made.themes.set([concept(Scheme.DATA_THEME, EU_THEME, "Forvaltning og offentlig sektor")])
    return made


def complete_dataset(world, **extra) -> Dataset:
    """A dataset with everything DCAT-AP-NO 2.2 and 3.0 ask for."""
    contact = Contact.objects.create(organization=world.own, name="Postmottak", email="post@vinje.kommune.no")
    facts = {"title_nb": "Vegnett", "contact_point": contact, "access_rights": AccessRights.PUBLIC, **extra}
    dataset = Dataset.objects.create(
        organization=world.own, description_nb="Kommunale veger med navn og klasse.", **facts
    )
    dataset.themes.set([concept(Scheme.DATA_THEME, EU_THEME, "Forvaltning og offentlig sektor")])
    return dataset


def test_publish_records_the_change_and_unpublish_takes_it_back(world, coordinator):
    dataset = complete_dataset(world)
    services.publish(dataset, coordinator)
    dataset.refresh_from_db()
    assert dataset.published and dataset.published_at is not None and dataset.version == 2
    record = history_of(dataset).first()
    assert record.postchange_data["published"] is True and record.user == coordinator
    services.unpublish(dataset, coordinator)
    dataset.refresh_from_db()
    assert not dataset.published and dataset.published_at is None
    assert history_of(dataset).count() == 2


def test_publish_refused_changes_nothing(world, coordinator):
    dataset = Dataset.objects.create(organization=world.own, title_nb="Uten tema")  # no description, no theme
    with pytest.raises(services.PublishRefused) as refused:
        services.publish(dataset, coordinator)
    assert refused.value.findings
    assert all(finding.severity == "violation" for finding in refused.value.findings)
    dataset.refresh_from_db()
    assert not dataset.published and dataset.published_at is None and dataset.version == 1
    assert not history_of(dataset).exists()


def test_a_data_service_is_published_the_same_way(world, coordinator):
    contact = Contact.objects.create(organization=world.own, name="Postmottak", email="post@vinje.kommune.no")
    service = DataService.objects.create(
        organization=world.own,
        title_nb="Vegnett-API",
        description_nb="Vegene som JSON.",
        endpoint_url="https://api.vinje.kommune.no/veg",
        contact_point=contact,
    )
    served = complete_dataset(world)
    services.publish(served, world.users[Role.COORDINATOR])  # a service serves published datasets only
    service.datasets.set([served])
    services.publish(service, coordinator)
    service.refresh_from_db()
    assert service.published and history_of(service).count() == 1


def test_adopting_a_template_describes_a_dataset_held_by_the_system(world, coordinator, template):
    system = make_system(world, world.own, 1)
    dataset = services.adopt_template(template, system, coordinator)
    assert dataset.organization == world.own and dataset.template == template
    assert dataset.authoritative_system == system and list(dataset.systems.all()) == [system]
    assert (dataset.title_nb, dataset.description_nb, dataset.keywords) == (
        template.title_nb,
        template.description_nb,
        template.keywords,
    )
    assert (dataset.access_rights, dataset.personal_data, dataset.frequency, dataset.provenance) == (
        AccessRights.RESTRICTED,
        True,
        template.frequency,
        Provenance.DECISION,
    )
    assert [theme.uri for theme in dataset.themes.all()] == [EU_THEME]
    assert dataset.owner is None and dataset.contact_point is None and not dataset.published
    record = history_of(dataset).get()
    assert record.postchange_data["systems"] == [system.pk] and "Byggesaker" in record.message


def test_adopting_twice_is_refused_with_a_clear_message(world, coordinator, template):
    system = make_system(world, world.own, 1)
    services.adopt_template(template, system, coordinator)
    with pytest.raises(ValidationError) as refused:
        services.adopt_template(template, system, coordinator)
    assert "already has a dataset called “Byggesaker”" in refused.value.messages[0]
    assert Dataset.objects.filter(organization=world.own).count() == 1


def test_a_template_that_opens_personal_data_is_adopted_with_conditional_access(world, coordinator, template):
    DatasetTemplate.objects.filter(pk=template.pk).update(access_rights=AccessRights.PUBLIC)
    template.refresh_from_db()
    dataset = services.adopt_template(template, make_system(world, world.own, 1), coordinator)
    assert dataset.access_rights == AccessRights.RESTRICTED and dataset.open_personal_data_reason == ""


def test_offering_as_template_copies_only_what_can_be_shared(world, coordinator):
    owner = world.users[Role.SYSTEM_OWNER]
    system = make_system(world, world.own, 1)
    dataset = complete_dataset(
        world,
        owner=owner,
        personal_data=True,
        open_personal_data_reason="Offentlige postlister er åpne etter offentleglova.",
        restriction_basis="Offentleglova § 13",
        keywords="veg, adresse",
        authoritative_system=system,
    )
    dataset.systems.set([system])
    template = services.offer_as_template(dataset, system.product, coordinator)
    assert template.status == CatalogueStatus.DRAFT and template.created_by == coordinator
    assert template.source_organization == world.own and template.product == system.product
    assert (template.title_nb, template.keywords, template.access_rights, template.personal_data) == (
        "Vegnett",
        "veg, adresse",
        AccessRights.PUBLIC,
        True,
    )
    assert [theme.uri for theme in template.themes.all()] == [EU_THEME]
    shared = {field.name for field in DatasetTemplate._meta.get_fields()}
    assert not shared & {"owner", "contact_point", "systems", "restriction_basis", "open_personal_data_reason"}
    snapshot = history_of(template).get().postchange_data
    assert "Offentleglova" not in str(snapshot) and "post@vinje" not in str(snapshot)
    with pytest.raises(ValidationError) as refused:
        services.offer_as_template(dataset, system.product, coordinator)
    assert "already has a dataset template called “Vegnett”" in refused.value.messages[0]


def test_the_iri_is_kept_from_publication_on(world, coordinator, settings):
    from .. import rdf

    settings.ORDEN_BASE_URL = "https://orden.example.no"
    dataset = complete_dataset(world)
    services.publish(dataset, coordinator)
    dataset.refresh_from_db()
    first = dataset.uri
    assert first == f"https://orden.example.no/dcat/{world.own.organization_number}/datasets/{dataset.pk}"
    settings.ORDEN_BASE_URL = "https://register.example.no"  # the installation moves
    assert rdf.dataset_uri(dataset) == first
    services.unpublish(dataset, coordinator)
    services.publish(dataset, coordinator)
    dataset.refresh_from_db()
    assert dataset.uri == first


def test_an_iri_another_organisation_has_published_is_refused(world, coordinator):
    iri = "https://data.example.no/datasett/vegnett"
    other = complete_dataset(world)
    Dataset.objects.filter(pk=other.pk).update(organization=world.other, contact_point=None)
    Dataset.objects.filter(pk=other.pk).update(uri=iri, published=True)
    dataset = complete_dataset(world, title_nb="Vegnett importert")
    dataset.uri = iri
    dataset.save(update_fields=["uri"])
    with pytest.raises(services.PublishRefused) as refused:
        services.publish(dataset, coordinator)
    assert [str(finding) for finding in refused.value.findings] == [
        f"Another organisation has published a description with the same address ({iri})."
    ]
    dataset.refresh_from_db()
    assert not dataset.published


def test_a_change_that_breaks_a_published_description_is_undone(world, coordinator):
    from orden.core import history

    dataset = complete_dataset(world)
    services.publish(dataset, coordinator)
    dataset.refresh_from_db()
    version, records = dataset.version, history_of(dataset).count()
    dataset.contact_point = None  # DCAT-AP-NO 3.0 requires one
    with pytest.raises(ValidationError) as refused:
        history.save(dataset, coordinator, expected_version=version)
    assert "contact point" in " ".join(refused.value.messages)
    dataset.refresh_from_db()
    assert dataset.version == version and dataset.contact_point_id is not None
    assert history_of(dataset).count() == records
    # Unpublished, the same change is saved (and the finding is shown on the page instead).
    services.unpublish(dataset, coordinator)
    dataset.refresh_from_db()
    dataset.contact_point = None
    history.save(dataset, coordinator, expected_version=dataset.version)
    dataset.refresh_from_db()
    assert dataset.contact_point_id is None
