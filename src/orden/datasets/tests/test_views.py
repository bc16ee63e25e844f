"""The data catalogue's pages: lists, forms, the dataset page with its validation and publish buttons, the
system page's "Datasets" tab (adopt a template), offering a dataset as a template, and the confirmation of
open personal data."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from orden.catalog.models import CatalogueStatus
from orden.catalog.tests.specs import product
from orden.core.history import history_of
from orden.core.models import ChangeRecord
from orden.core.roles import Role
from orden.organizations.models import Contact, User
from orden.organizations.testing import work_in
from orden.portfolio.tests.specs import make_system

from .. import services
from ..models import AccessRights, Concept, DataService, Dataset, DatasetTemplate, Distribution, Scheme
from .test_services import EU_THEME, complete_dataset, concept

CSV = "http://publications.europa.eu/resource/authority/file-type/CSV"
NLOD = "http://publications.europa.eu/resource/authority/licence/NLOD_2_0"
LOS_THEME = "https://psi.norge.no/los/tema/veg-og-vegregulering"


def version_of(obj) -> int:
    obj.refresh_from_db()
    return obj.version


@pytest.fixture(autouse=True)
def english(world):
    User.objects.update(language="en")  # the tests read the English texts


@pytest.fixture
def architect(client, world):
    return work_in(client, world.users[Role.ARCHITECT], world.own)


@pytest.fixture
def reader(client, world):
    return work_in(client, world.users[Role.READER], world.own)


@pytest.fixture
def eu_theme(db):
    return concept(Scheme.DATA_THEME, EU_THEME, "Forvaltning og offentlig sektor")


def distribution(dataset, n):
    return Distribution.objects.create(
        organization=dataset.organization,
        dataset=dataset,
        title_nb=f"Fil {n}",
        access_url=f"https://data.vinje.kommune.no/veg/{n}",
        format=concept(Scheme.FILE_TYPE, CSV, "CSV"),
        licence=concept(Scheme.LICENCE, NLOD, "NLOD 2.0"),
    )


def test_every_page_of_every_model_answers(architect, world, eu_theme):
    dataset = complete_dataset(world)
    file = distribution(dataset, 1)
    service = DataService.objects.create(
        organization=world.own, title_nb="Veg-API", endpoint_url="https://api.vinje.kommune.no/veg"
    )
    # A draft of their own: members change only their own drafts.
    template = DatasetTemplate.objects.create(
        product=product(), title_nb="Vegdata", created_by=world.users[Role.ARCHITECT]
    )
    for obj in (dataset, file, service, template):
        for view in ("list", "add"):
            assert architect.get(reverse(obj.url_name(view))).status_code == 200, (obj, view)
        for view in ("detail", "edit", "history"):
            assert architect.get(reverse(obj.url_name(view), args=[obj.pk])).status_code == 200, (obj, view)
    listed = architect.get(reverse("datasets:dataset_list")).content.decode()
    assert "Vegnett" in listed and 'data-color="success"' in listed  # open access as a green tag
    assert architect.get(reverse("datasets:datasettemplate_list") + f"?product={product().pk}").status_code == 200


def test_an_architect_describes_a_dataset_in_sections(architect, world, eu_theme):
    system = make_system(world, world.own, 1)
    los = concept(Scheme.LOS_THEME, LOS_THEME, "Veg og vegregulering")
    form = architect.get(reverse("datasets:dataset_add")).content.decode()
    for legend in ("Description", "Where the data lives", "Access", "Coverage and quality", "People"):
        assert f">{legend}</h2></legend>" in form
    assert form.index(eu_theme.label_en) < form.index(los.label_en)  # EU themes first
    response = architect.post(
        reverse("datasets:dataset_add"),
        {
            "title_nb": "Vegnett",
            "description_nb": "Kommunale veger.",
            "themes": [eu_theme.pk, los.pk],
            "authoritative_system": system.pk,
            "access_rights": AccessRights.PUBLIC,
            "conforms_to": "https://example.org/standard\n\nhttps://example.org/modell",
        },
    )
    assert response.status_code == 302
    dataset = Dataset.objects.get(title_nb="Vegnett")
    assert dataset.organization == world.own
    assert set(dataset.themes.all()) == {eu_theme, los}
    assert list(dataset.systems.all()) == [system]  # the authoritative system holds the data
    bad = architect.post(
        reverse("datasets:dataset_add"), {"title_nb": "Annet", "access_rights": "public", "conforms_to": "ikke en url"}
    )
    assert bad.status_code == 422 and "conforms_to" in bad.context["form"].errors


def test_a_reader_sees_but_may_not_add_or_publish(reader, world, eu_theme):
    dataset = complete_dataset(world)
    page = reader.get(dataset.get_absolute_url())
    assert page.status_code == 200 and not page.context["may_publish"]
    assert reverse("datasets:dataset_publish", args=[dataset.pk]).encode() not in page.content
    assert reader.get(reverse("datasets:dataset_add")).status_code == 403
    assert (
        reader.post(
            reverse("datasets:dataset_publish", args=[dataset.pk]), {"base_version": version_of(dataset)}
        ).status_code
        == 403
    )
    dataset.refresh_from_db()
    assert not dataset.published


def test_the_validation_panel_says_what_is_missing_and_links_to_the_field(architect, world, eu_theme):
    dataset = complete_dataset(world)
    Dataset.objects.filter(pk=dataset.pk).update(contact_point=None)
    page = architect.get(dataset.get_absolute_url())
    fix = f"{reverse('datasets:dataset_edit', args=[dataset.pk])}#id_contact_point"
    findings = [finding for result in page.context["validation"]["versions"] for finding in result["findings"]]
    about_contact = [finding for finding in findings if finding.fix_url == fix]
    assert about_contact, findings
    assert all(
        "contact" in finding.message.lower() or "kontakt" in finding.message.lower() for finding in about_contact
    )
    assert fix in page.content.decode()

    contact = Contact.objects.create(organization=world.own, name="Postmottak", email="post@vinje.kommune.no")
    Dataset.objects.filter(pk=dataset.pk).update(contact_point=contact, version=2)
    page = architect.get(dataset.get_absolute_url())
    findings = [finding for result in page.context["validation"]["versions"] for finding in result["findings"]]
    assert not [finding for finding in findings if finding.fix_url == fix]
    assert fix not in page.content.decode()


def test_publish_refused_shows_the_findings_and_changes_nothing(architect, world):
    dataset = Dataset.objects.create(organization=world.own, title_nb="Uten tema")
    response = architect.post(
        reverse("datasets:dataset_publish", args=[dataset.pk]), {"base_version": version_of(dataset)}, follow=True
    )
    assert response.redirect_chain[-1][0] == f"{dataset.get_absolute_url()}#validation"
    page = response.content.decode()
    assert "Not published" in page
    assert not response.context["validation"]["publishable"]
    assert response.context["validation"]["versions"][0]["findings"]
    dataset.refresh_from_db()
    assert not dataset.published and dataset.version == 1 and not history_of(dataset).exists()


def test_publish_and_unpublish_from_the_dataset_page(architect, world, eu_theme):
    dataset = complete_dataset(world)
    page = architect.get(dataset.get_absolute_url())
    assert page.context["validation"]["publishable"]
    assert reverse("datasets:dataset_publish", args=[dataset.pk]) in page.content.decode()
    response = architect.post(
        reverse("datasets:dataset_publish", args=[dataset.pk]), {"base_version": version_of(dataset)}
    )
    assert response.status_code == 302
    dataset.refresh_from_db()
    assert dataset.published and dataset.published_at is not None
    record = history_of(dataset).get()
    assert record.message == "Published" and record.postchange_data["published"] is True
    page = architect.get(dataset.get_absolute_url()).content.decode()
    assert f"/dcat/{world.own.organization_number}/datasets/{dataset.pk}" in page
    assert reverse("datasets:dataset_unpublish", args=[dataset.pk]) in page
    assert (
        architect.post(
            reverse("datasets:dataset_unpublish", args=[dataset.pk]), {"base_version": version_of(dataset)}
        ).status_code
        == 302
    )
    dataset.refresh_from_db()
    assert not dataset.published and history_of(dataset).count() == 2
    assert architect.get(reverse("datasets:dataset_publish", args=[dataset.pk])).status_code == 405


def test_a_data_service_page_validates_and_publishes(architect, world, eu_theme):
    contact = Contact.objects.create(organization=world.own, name="Postmottak", email="post@vinje.kommune.no")
    service = DataService.objects.create(
        organization=world.own,
        title_nb="Veg-API",
        description_nb="Vegene som JSON.",
        endpoint_url="https://api.vinje.kommune.no/veg",
        contact_point=contact,
    )
    served = complete_dataset(world)
    services.publish(served, world.users[Role.COORDINATOR])  # a service serves published datasets only
    service.datasets.set([served])
    page = architect.get(service.get_absolute_url())
    assert page.status_code == 200 and "validation" in page.context
    assert (
        architect.post(
            reverse("datasets:dataservice_publish", args=[service.pk]), {"base_version": version_of(service)}
        ).status_code
        == 302
    )
    service.refresh_from_db()
    assert service.published
    page = architect.get(service.get_absolute_url()).content.decode()
    assert f"/dcat/{world.own.organization_number}/data-services/{service.pk}" in page


def test_the_dataset_page_lists_distributions_and_services_and_prefills_a_new_distribution(architect, world, eu_theme):
    dataset = complete_dataset(world)
    distribution(dataset, 1)
    service = DataService.objects.create(
        organization=world.own, title_nb="Veg-API", endpoint_url="https://api.vinje.kommune.no/veg"
    )
    service.datasets.set([dataset])
    page = architect.get(dataset.get_absolute_url()).content.decode()
    assert "Fil 1" in page and "Veg-API" in page
    add = reverse("datasets:distribution_add")
    assert f'href="{add}?dataset={dataset.pk}&amp;next={dataset.get_absolute_url()}"' in page
    form = architect.get(f"{add}?dataset={dataset.pk}")
    assert form.context["form"]["dataset"].value() == str(dataset.pk)
    response = architect.post(
        f"{add}?next={dataset.get_absolute_url()}",
        {"dataset": dataset.pk, "title_nb": "Fil 2", "access_url": "https://data.vinje.kommune.no/veg/2"},
    )
    assert response.status_code == 302 and response["Location"] == dataset.get_absolute_url()
    assert dataset.distributions.count() == 2


def test_the_dataset_page_costs_the_same_queries_for_1_and_10_distributions(architect, world, eu_theme):
    dataset = complete_dataset(world)
    dataset.systems.set([make_system(world, world.own, 1)])
    distribution(dataset, 0)

    def queries():
        architect.get(dataset.get_absolute_url())  # the validation of this state is cached from here on
        with CaptureQueriesContext(connection) as captured:
            assert architect.get(dataset.get_absolute_url()).status_code == 200
        return len(captured)

    one = queries()
    for n in range(1, 10):
        distribution(dataset, n)
    assert dataset.distributions.count() == 10
    assert queries() == one


def test_adopting_a_template_from_the_system_tab(architect, world, eu_theme):
    system = make_system(world, world.own, 1)
    approved = DatasetTemplate.objects.create(
        product=system.product, title_nb="Byggesaker", status=CatalogueStatus.APPROVED, personal_data=True
    )
    approved.themes.set([eu_theme])
    draft = DatasetTemplate.objects.create(product=system.product, title_nb="Utkast til mal")
    tab = reverse("portfolio:system_tab", args=[system.pk, "datasets"])
    page = architect.get(tab)
    assert page.status_code == 200
    assert [template for template, adopted in page.context["templates"]] == [approved, draft]
    html = page.content.decode()
    assert reverse("datasets:datasettemplate_adopt", args=[approved.pk]) in html and "Draft" in html
    response = architect.post(
        reverse("datasets:datasettemplate_adopt", args=[approved.pk]), {"system": system.pk, "next": tab}
    )
    dataset = Dataset.objects.get(template=approved)
    assert response.status_code == 302 and response["Location"] == dataset.get_absolute_url()
    assert dataset.organization == world.own and dataset.authoritative_system == system
    page = architect.get(tab)
    assert ("Byggesaker" in page.content.decode()) and list(page.context["datasets"]) == [dataset]
    assert dict(page.context["templates"])[approved] is True  # adopted: no button any more
    again = architect.post(
        reverse("datasets:datasettemplate_adopt", args=[approved.pk]), {"system": system.pk, "next": tab}, follow=True
    )
    assert "already has a dataset called" in again.content.decode()
    assert Dataset.objects.filter(template=approved).count() == 1


def test_a_reader_gets_no_adopt_button_and_may_not_adopt(reader, world):
    system = make_system(world, world.own, 1)
    template = DatasetTemplate.objects.create(product=system.product, title_nb="Byggesaker", status="approved")
    page = reader.get(reverse("portfolio:system_tab", args=[system.pk, "datasets"]))
    assert reverse("datasets:datasettemplate_adopt", args=[template.pk]) not in page.content.decode()
    response = reader.post(reverse("datasets:datasettemplate_adopt", args=[template.pk]), {"system": system.pk})
    assert response.status_code == 403 and not Dataset.objects.exists()
    other_system = make_system(world, world.other, 2)
    response = reader.post(reverse("datasets:datasettemplate_adopt", args=[template.pk]), {"system": other_system.pk})
    assert response.status_code == 404


def test_offering_a_dataset_as_a_template_for_its_systems_product(architect, world, eu_theme):
    system = make_system(world, world.own, 1)
    dataset = complete_dataset(world, restriction_basis="Offentleglova § 13")
    page = architect.get(dataset.get_absolute_url())
    assert page.context["offer_products"] == []  # no system yet, so no product
    dataset.systems.set([system])
    page = architect.get(dataset.get_absolute_url())
    assert page.context["offer_products"] == [system.product]
    response = architect.post(reverse("datasets:dataset_offer", args=[dataset.pk]), {"product": system.product.pk})
    template = DatasetTemplate.objects.get(product=system.product)
    assert response.status_code == 302 and response["Location"] == template.get_absolute_url()
    assert template.status == CatalogueStatus.DRAFT and template.source_organization == world.own
    assert template.title_nb == "Vegnett"
    other = product()
    other_product = type(other).objects.create(name="Annet", vendor=other.vendor, category=other.category)
    refused = architect.post(reverse("datasets:dataset_offer", args=[dataset.pk]), {"product": other_product.pk})
    assert refused.status_code == 404


def personal_data_post(**extra):
    return {"title_nb": "Postliste", "access_rights": AccessRights.PUBLIC, "personal_data": "on", **extra}


def test_open_personal_data_needs_a_reason_on_the_field(architect, world):
    form = architect.get(reverse("datasets:dataset_add"))
    assert not form.context["form"].fields["open_personal_data_reason"].required
    refused = architect.post(reverse("datasets:dataset_add"), personal_data_post())
    assert refused.status_code == 422
    errors = refused.context["form"].errors
    assert list(errors) == ["open_personal_data_reason"]
    assert "To make it open, confirm by giving the reason" in errors["open_personal_data_reason"][0]
    html = refused.content.decode()
    assert 'id="id_open_personal_data_reason_error"' in html
    assert refused.context["form"].fields["open_personal_data_reason"].required  # the label says "required"
    assert not Dataset.objects.exists()

    reason = "Postlisten er offentlig etter offentleglova § 3; personnavn er skjermet der loven krever det."
    accepted = architect.post(reverse("datasets:dataset_add"), personal_data_post(open_personal_data_reason=reason))
    assert accepted.status_code == 302
    dataset = Dataset.objects.get(title_nb="Postliste")
    assert dataset.open_personal_data_reason == reason
    assert ChangeRecord.objects.get(object_id=dataset.pk).postchange_data["open_personal_data_reason"] == reason
    edit = architect.get(reverse("datasets:dataset_edit", args=[dataset.pk]))
    assert edit.context["form"].fields["open_personal_data_reason"].required


def test_conditional_access_needs_no_reason(architect):
    response = architect.post(
        reverse("datasets:dataset_add"), personal_data_post(access_rights=AccessRights.RESTRICTED)
    )
    assert response.status_code == 302
    assert Dataset.objects.get().open_personal_data_reason == ""


def test_bulk_edit_sets_the_contact_point_of_many_datasets(architect, world):
    contact = Contact.objects.create(organization=world.own, name="Postmottak", email="post@vinje.kommune.no")
    rows = [Dataset.objects.create(organization=world.own, title_nb=f"Datasett {n}") for n in range(3)]
    response = architect.post(
        reverse("datasets:dataset_bulk_edit"),
        {"pk": [row.pk for row in rows], "apply": "1", "contact_point": contact.pk},
    )
    assert response.status_code == 302
    assert set(Dataset.objects.values_list("contact_point", flat=True)) == {contact.pk}
    assert Dataset.objects.filter(access_rights=AccessRights.NON_PUBLIC).count() == 3  # left as they were


def test_the_theme_field_groups_los_themes_after_the_eu_themes(architect, eu_theme):
    los = concept(Scheme.LOS_THEME, LOS_THEME, "Veg og vegregulering")
    html = architect.get(reverse("datasets:dataset_add")).content.decode()
    assert 'class="orden-themes"' in html
    assert html.index(eu_theme.label_en) < html.index("<details") < html.index(los.label_en)
    assert Concept.objects.filter(scheme=Scheme.LOS_THEME).count() > 1


def test_the_product_page_has_a_dataset_templates_tab(architect, world):
    template = DatasetTemplate.objects.create(product=product(), title_nb="Byggesaker", status="approved")
    response = architect.get(reverse("catalog:product_tab", args=[product().pk, "dataset-templates"]))
    assert response.status_code == 200 and "Byggesaker" in response.content.decode()
    assert list(response.context["templates"]) == [template]


def test_the_menu_and_export_everything_include_datasets(architect, world):
    complete_dataset(world)
    home = architect.get("/").content.decode()
    assert f'href="{reverse("datasets:dataset_list")}"' in home
    export = architect.get(reverse("organization_export"))
    assert export.status_code == 200


def test_a_data_service_page_names_the_served_datasets_to_publish_first(architect, world, eu_theme):
    served = complete_dataset(world)
    service = DataService.objects.create(
        organization=world.own, title_nb="Veg-API", endpoint_url="https://api.vinje.kommune.no/veg"
    )
    service.datasets.set([served])
    page = architect.get(service.get_absolute_url())
    assert list(page.context["unpublished_datasets"]) == [served]
    assert "Publish these first" in page.content.decode()
    services.publish(served, world.users[Role.COORDINATOR])
    assert not architect.get(service.get_absolute_url()).context["unpublished_datasets"]


def test_publishing_from_a_page_someone_has_changed_since_is_refused(architect, world, eu_theme):
    from orden.core import history

    dataset = complete_dataset(world)
    seen = version_of(dataset)
    history.save(dataset, world.users[Role.COORDINATOR])  # a colleague saves meanwhile
    response = architect.post(reverse("datasets:dataset_publish", args=[dataset.pk]), {"base_version": seen})
    assert response.status_code == 302
    dataset.refresh_from_db()
    assert not dataset.published
    assert architect.post(reverse("datasets:dataset_publish", args=[dataset.pk])).status_code == 400
