"""The data catalogue's API beyond the generated matrix: publish, unpublish, validation, adopt and offer as
template with every role, another organisation's rows, refusals that change nothing, the read-only
concepts, and list query counts that do not grow with the rows."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from rest_framework.test import APIClient

from orden.catalog.tests.specs import product
from orden.core import history
from orden.core.roles import Role
from orden.core.testing.matrix import ADMIN, OUTSIDER
from orden.datasets import rdf, validation
from orden.datasets.models import Concept, DataService, Dataset, DatasetTemplate, Distribution, Scheme
from orden.datasets.tests.specs import file_type, licence, make_data_service, make_dataset, make_template, theme
from orden.organizations.models import Contact
from orden.portfolio.models import Service, System
from orden.tests.test_matrix import api_client

# Who may publish (change the row): the coordinator, the architect, the data owner (a system owner named as
# owner); every other member only views (403); a platform admin everything; an outsider sees nothing (404).
MAY_CHANGE = (Role.COORDINATOR, Role.ARCHITECT, Role.SYSTEM_OWNER, ADMIN)
VIEW_ONLY = tuple(role for role in Role.values if role not in MAY_CHANGE)


def contact(org):
    return Contact.objects.get_or_create(
        organization=org, name="Postmottak", defaults={"email": "post@example.org", "phone": "35 06 20 00"}
    )[0]


def valid_dataset(world, org=None, n=1, **extra):
    """A dataset that passes DCAT-AP-NO 2.2: title, description, an EU theme, a contact point, the publisher."""
    org = org or world.own
    dataset = make_dataset(world, org, n, contact_point=contact(org), keywords="vei", **extra)
    Distribution.objects.create(
        organization=org,
        dataset=dataset,
        title_nb="Som CSV",
        format=file_type(),
        licence=licence(),
        access_url="https://data.example.org/",
    )
    return dataset


def invalid_dataset(world, org=None):
    """No description and no theme: DCAT-AP-NO 2.2 requires both."""
    org = org or world.own
    return Dataset.objects.create(organization=org, title_nb="Uten beskrivelse")


def valid_data_service(world, org=None, n=1):
    org = org or world.own
    service = make_data_service(world, org, n)
    DataService.objects.filter(pk=service.pk).update(description_nb="Et API", contact_point=contact(org))
    service.refresh_from_db()
    return service


def url(name, obj):
    return reverse(name, args=[obj.pk])


def if_match(obj) -> dict:
    """The If-Match header of the row's current version (publishing needs it, as a change does)."""
    obj.refresh_from_db()
    return {"HTTP_IF_MATCH": f'"{obj.version}"'}


def records(obj) -> int:
    return history.history_of(obj).count()


def assert_finding(finding):
    assert set(finding) == {"version", "severity", "message", "path"}
    assert finding["version"] in ("2.2", "3.0")
    assert finding["message"]


# --- publish and unpublish ------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("actor", MAY_CHANGE)
def test_who_may_change_a_dataset_publishes_and_unpublishes_it(world, actor):
    dataset = valid_dataset(world)
    api = api_client(world, actor)
    response = api.post(url("dataset-publish", dataset), **if_match(dataset))
    assert response.status_code == 200, response.data
    assert response.data["published"] is True and response.data["published_at"]
    dataset.refresh_from_db()
    assert dataset.published and dataset.published_at is not None
    assert records(dataset) == 1

    response = api.post(url("dataset-unpublish", dataset), **if_match(dataset))
    assert response.status_code == 200, response.data
    dataset.refresh_from_db()
    assert not dataset.published and dataset.published_at is None
    assert records(dataset) == 2


@pytest.mark.django_db
@pytest.mark.parametrize("actor", VIEW_ONLY)
@pytest.mark.parametrize("name", ["dataset-publish", "dataset-unpublish"])
def test_who_may_only_view_a_dataset_gets_403_and_nothing_changes(world, actor, name):
    dataset = valid_dataset(world)
    response = api_client(world, actor).post(url(name, dataset))
    assert response.status_code == 403
    dataset.refresh_from_db()
    assert dataset.version == 1 and not dataset.published and records(dataset) == 0


@pytest.mark.django_db
def test_a_system_owner_publishes_only_the_datasets_they_own(world):
    dataset = valid_dataset(world, owner=world.users[Role.COORDINATOR])
    response = api_client(world, Role.SYSTEM_OWNER).post(url("dataset-publish", dataset), **if_match(dataset))
    assert response.status_code == 403
    dataset.refresh_from_db()
    assert not dataset.published


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["dataset-publish", "dataset-unpublish", "dataset-validation"])
def test_another_organisations_dataset_is_404(world, name):
    dataset = valid_dataset(world, world.other)
    for actor in (Role.COORDINATOR, OUTSIDER):
        api = api_client(world, actor)
        response = api.get(url(name, dataset)) if name.endswith("validation") else api.post(url(name, dataset))
        assert response.status_code == 404
    dataset.refresh_from_db()
    assert dataset.version == 1 and not dataset.published


@pytest.mark.django_db
def test_publishing_what_fails_validation_is_400_with_the_findings_and_changes_nothing(world):
    dataset = invalid_dataset(world)
    response = api_client(world, Role.COORDINATOR).post(url("dataset-publish", dataset), **if_match(dataset))
    assert response.status_code == 400, response.data
    assert response.data["detail"]
    assert response.data["findings"]
    for finding in response.data["findings"]:
        assert_finding(finding)
        assert finding["version"] in ("2.2", "3.0") and finding["severity"] == "violation"
    dataset.refresh_from_db()
    assert dataset.version == 1 and not dataset.published and dataset.published_at is None
    assert records(dataset) == 0


@pytest.mark.django_db
def test_published_is_read_only_in_a_change(world):
    dataset = invalid_dataset(world)
    response = api_client(world, Role.COORDINATOR).patch(
        url("dataset-detail", dataset), {"published": True, "published_at": "2026-01-01T00:00:00Z"}, HTTP_IF_MATCH='"1"'
    )
    assert response.status_code == 200, response.data
    dataset.refresh_from_db()
    assert not dataset.published and dataset.published_at is None


@pytest.mark.django_db
def test_data_services_publish_and_unpublish_with_the_same_rights(world):
    service = valid_data_service(world)
    assert (
        api_client(world, Role.READER).post(url("dataservice-publish", service), **if_match(service)).status_code == 403
    )
    other = valid_data_service(world, world.other)
    assert (
        api_client(world, Role.COORDINATOR).post(url("dataservice-publish", other), **if_match(other)).status_code
        == 404
    )
    api = api_client(world, Role.SYSTEM_OWNER)  # the matrix's data services name the system owner as owner
    response = api.post(url("dataservice-publish", service), **if_match(service))
    assert response.status_code == 200, response.data
    service.refresh_from_db()
    assert service.published
    assert api.post(url("dataservice-unpublish", service), **if_match(service)).status_code == 200
    service.refresh_from_db()
    assert not service.published


@pytest.mark.django_db
def test_a_data_service_that_fails_validation_is_not_published(world, monkeypatch):
    # The model requires all that 2.2 requires of a data service, so the refusal is staged.
    refusal = validation.Finding(version="2.2", severity="violation", focus="x", path="", message="Missing: x")
    monkeypatch.setattr(validation, "validate", lambda obj: {"2.2": [refusal], "3.0": []})
    service = valid_data_service(world)
    response = api_client(world, Role.COORDINATOR).post(url("dataservice-publish", service), **if_match(service))
    assert response.status_code == 400, response.data
    assert response.data["findings"] == [
        {"version": "2.2", "severity": "violation", "message": "Missing: x", "path": None}
    ]
    service.refresh_from_db()
    assert not service.published and service.version == 1 and records(service) == 0


# --- validation -----------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_validation_shows_the_findings_of_both_versions_to_every_member(world):
    dataset = invalid_dataset(world)
    response = api_client(world, Role.READER).get(url("dataset-validation", dataset))
    assert response.status_code == 200, response.data
    assert response.data["publishable"] is False
    for finding in response.data["findings"]:
        assert_finding(finding)
    assert {finding["version"] for finding in response.data["findings"]} == {"2.2", "3.0"}


@pytest.mark.django_db
def test_a_valid_dataset_is_publishable(world):
    dataset = valid_dataset(world)
    response = api_client(world, Role.READER).get(url("dataset-validation", dataset))
    assert response.status_code == 200
    assert response.data["publishable"] is True
    assert not [f for f in response.data["findings"] if f["version"] == "2.2" and f["severity"] == "violation"]


@pytest.mark.django_db
def test_data_service_validation(world):
    service = valid_data_service(world)
    response = api_client(world, Role.READER).get(url("dataservice-validation", service))
    assert response.status_code == 200, response.data
    assert response.data["publishable"] is True


# --- what the serializers show --------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_dataset_shows_its_iri_theme_uris_and_distributions(world):
    dataset = valid_dataset(world)
    data = api_client(world, Role.READER).get(url("dataset-detail", dataset)).data
    assert data["uri"] == rdf.dataset_uri(dataset)
    assert data["theme_uris"] == [theme().uri] and data["themes"] == [theme().pk]
    assert data["distributions"] == list(dataset.distributions.values_list("pk", flat=True))
    assert data["published"] is False and data["published_at"] is None
    distribution = dataset.distributions.get()
    data = api_client(world, Role.READER).get(url("distribution-detail", distribution)).data
    assert data["uri"] == rdf.distribution_uri(distribution)
    assert data["format_uri"] == file_type().uri and data["licence_uri"] == licence().uri


@pytest.mark.django_db
def test_a_theme_must_be_a_theme_and_related_rows_must_be_visible(world):
    api = api_client(world, Role.COORDINATOR)
    payload = {"organization": world.own.pk, "title_nb": "Nytt", "access_rights": "public"}
    response = api.post(reverse("dataset-list"), {**payload, "themes": [licence().pk]})
    assert response.status_code == 400 and "themes" in response.data
    hidden = System.objects.create(organization=world.other, name="Deres", product=product(), lifecycle="in_use")
    response = api.post(reverse("dataset-list"), {**payload, "authoritative_system": hidden.pk})
    assert response.status_code == 400 and "authoritative_system" in response.data
    assert not Dataset.objects.filter(title_nb="Nytt").exists()


# --- dataset templates: adopt and offer -----------------------------------------------------------------


def own_system(world, org=None):
    return System.objects.create(organization=org or world.own, name="Fagsystem", product=product(), lifecycle="in_use")


@pytest.mark.django_db
@pytest.mark.parametrize("actor", [Role.COORDINATOR, Role.ARCHITECT, ADMIN])
def test_who_may_add_datasets_adopts_a_template_for_a_system(world, actor):
    template, system = make_template(world, None, 1), own_system(world)
    response = api_client(world, actor).post(url("datasettemplate-adopt", template), {"system": system.pk})
    assert response.status_code == 201, response.data
    dataset = Dataset.objects.get(pk=response.data["id"])
    assert dataset.organization == world.own and dataset.template == template
    assert dataset.title_nb == template.title_nb and response.data["systems"] == [system.pk]
    assert response.data["uri"] == rdf.dataset_uri(dataset)
    assert records(dataset) == 1


@pytest.mark.django_db
@pytest.mark.parametrize("actor", [Role.SYSTEM_OWNER, Role.READER, Role.SERVICE_LEADER, Role.CATALOGUE_EDITOR])
def test_who_may_not_add_datasets_gets_403_on_adopt(world, actor):
    template, system = make_template(world, None, 1), own_system(world)
    response = api_client(world, actor).post(url("datasettemplate-adopt", template), {"system": system.pk})
    assert response.status_code == 403
    assert not Dataset.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("actor", [Role.COORDINATOR, OUTSIDER])
def test_adopting_for_another_organisations_system_is_refused(world, actor):
    template, system = make_template(world, None, 1), own_system(world, world.other)
    response = api_client(world, actor).post(url("datasettemplate-adopt", template), {"system": system.pk})
    assert response.status_code == 400 and "system" in response.data
    assert not Dataset.objects.exists()


@pytest.mark.django_db
def test_adopting_a_template_twice_is_400_and_adds_nothing(world):
    template, system = make_template(world, None, 1), own_system(world)
    api = api_client(world, Role.COORDINATOR)
    assert api.post(url("datasettemplate-adopt", template), {"system": system.pk}).status_code == 201
    response = api.post(url("datasettemplate-adopt", template), {"system": system.pk})
    assert response.status_code == 400, response.data
    assert Dataset.objects.count() == 1


@pytest.mark.django_db
def test_adopt_takes_json_only(world):
    template, system = make_template(world, None, 1), own_system(world)
    api = api_client(world, Role.COORDINATOR)
    response = api.post(url("datasettemplate-adopt", template), {"system": system.pk}, format="multipart")
    assert response.status_code == 415
    assert not Dataset.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("actor", [Role.COORDINATOR, Role.ARCHITECT, Role.SYSTEM_OWNER])
def test_who_may_change_a_dataset_offers_it_as_a_draft_template(world, actor):
    dataset = valid_dataset(world)
    dataset.systems.add(own_system(world))  # it may be offered for the products of the systems that hold it
    response = api_client(world, actor).post(url("dataset-offer-as-template", dataset), {"product": product().pk})
    assert response.status_code == 201, response.data
    template = DatasetTemplate.objects.get(pk=response.data["id"])
    assert template.status == "draft" and template.product == product()
    assert template.created_by == world.users[actor] and template.source_organization == world.own
    assert response.data["theme_uris"] == [theme().uri]


@pytest.mark.django_db
def test_offering_is_403_for_viewers_404_for_others_and_400_for_another_product(world):
    dataset = valid_dataset(world)
    offer = url("dataset-offer-as-template", dataset)
    assert api_client(world, Role.READER).post(offer, {"product": product().pk}).status_code == 403
    other = valid_dataset(world, world.other)
    assert (
        api_client(world, Role.COORDINATOR)
        .post(url("dataset-offer-as-template", other), {"product": product().pk})
        .status_code
        == 404
    )
    response = api_client(world, Role.COORDINATOR).post(offer, {"product": 999999})
    assert response.status_code == 400 and "product" in response.data
    response = api_client(world, Role.COORDINATOR).post(offer, {"product": product().pk})
    assert response.status_code == 400 and "product" in response.data  # no system of the product holds it
    assert not DatasetTemplate.objects.exists()


# --- concepts -------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_concepts_are_read_only_and_filtered_by_vocabulary(world):
    licence(), theme()
    api = api_client(world, Role.READER)
    response = api.get(reverse("concept-list"), {"scheme": "licence", "per_page": 100})
    assert response.status_code == 200
    assert response.data["results"]
    assert {row["scheme"] for row in response.data["results"]} == {"licence"}
    row = next(row for row in response.data["results"] if row["uri"] == licence().uri)
    assert row["id"] == licence().pk and row["label"]
    assert api.get(reverse("concept-list"), {"scheme": "colour"}).status_code == 400
    admin = api_client(world, ADMIN)
    assert admin.post(reverse("concept-list"), {"scheme": "licence", "uri": "https://x.example/"}).status_code == 405
    assert admin.delete(url("concept-detail", licence())).status_code == 405
    assert Concept.objects.filter(pk=licence().pk).exists()
    assert APIClient().get(reverse("concept-list")).status_code == 401


@pytest.mark.django_db
def test_concepts_offer_the_ids_a_dataset_needs(world):
    theme()
    api = api_client(world, Role.READER)
    rows = api.get(reverse("concept-list"), {"scheme": Scheme.DATA_THEME, "code": "GOVE"}).data["results"]
    assert [row["id"] for row in rows] == [theme().pk]


# --- query counts ---------------------------------------------------------------------------------------


def queries(api, path) -> tuple[int, int]:
    with CaptureQueriesContext(connection) as captured:
        response = api.get(path, {"per_page": 100})
    assert response.status_code == 200
    return len(captured), response.data["count"]


def rich_dataset(world, n, system, service):
    dataset = valid_dataset(world, n=n, authoritative_system=system)
    dataset.systems.add(system)
    dataset.services.add(service)
    dataset.themes.add(*Concept.objects.filter(scheme__in=[Scheme.DATA_THEME, Scheme.LOS_THEME])[:3])
    Distribution.objects.create(
        organization=world.own, dataset=dataset, title_nb="API", access_url="https://api.example.org/"
    )
    data_service = make_data_service(world, world.own, n)
    data_service.datasets.add(dataset)
    return dataset


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["dataset-list", "distribution-list", "dataservice-list", "datasettemplate-list"])
def test_api_lists_cost_the_same_for_1_and_20_rows_with_distributions_and_themes(world, name):
    system = own_system(world)
    service = Service.objects.create(organization=world.own, name="Byggesak")
    api = api_client(world, Role.READER)
    rich_dataset(world, 0, system, service)
    make_template(world, None, 0)
    api.get(reverse(name))  # warm up: token bookkeeping happens once
    one, shown = queries(api, reverse(name))
    assert shown >= 1
    for n in range(1, 20):
        rich_dataset(world, n, system, service)
        make_template(world, None, n)
    many, shown = queries(api, reverse(name))
    assert shown >= 20
    assert many == one, f"{name}: {one} queries for 1 row, {many} for 20"


@pytest.mark.django_db
def test_a_change_that_breaks_a_published_dataset_is_refused_in_the_api_and_the_ui(world, client):
    from orden.organizations.testing import work_in

    dataset = valid_dataset(world)
    coordinator = api_client(world, Role.COORDINATOR)
    assert coordinator.post(url("dataset-publish", dataset), **if_match(dataset)).status_code == 200
    dataset.refresh_from_db()
    version = dataset.version
    response = coordinator.patch(url("dataset-detail", dataset), {"contact_point": None}, HTTP_IF_MATCH=f'"{version}"')
    assert response.status_code == 400, response.data
    assert "non_field_errors" in response.data
    work_in(client, world.users[Role.COORDINATOR], world.own)
    edit = reverse("datasets:dataset_edit", args=[dataset.pk])
    form = client.get(edit).context["form"]
    data = {name: value for name, value in form.initial.items() if value is not None}
    data.update(contact_point="", base_version=version, themes=[t.pk for t in dataset.themes.all()])
    data.pop("systems", None), data.pop("services", None)
    response = client.post(edit, data)
    assert response.status_code == 422
    assert response.context["form"].errors == {"__all__": [response.context["form"].non_field_errors()[0]]}
    assert "DCAT-AP-NO" in response.context["form"].non_field_errors()[0]
    dataset.refresh_from_db()
    assert dataset.version == version and dataset.contact_point_id is not None


@pytest.mark.django_db
def test_publishing_needs_the_version_the_client_saw(world):
    dataset = valid_dataset(world)
    api = api_client(world, Role.COORDINATOR)
    assert api.post(url("dataset-publish", dataset)).status_code == 428
    stale = {"HTTP_IF_MATCH": f'"{dataset.version}"'}
    history.save(dataset, world.users[Role.COORDINATOR])  # someone else saves meanwhile
    response = api.post(url("dataset-publish", dataset), **stale)
    assert response.status_code == 412, response.data
    dataset.refresh_from_db()
    assert not dataset.published
    assert api.post(url("dataset-publish", dataset), **if_match(dataset)).status_code == 200
