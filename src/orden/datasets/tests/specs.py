from orden.catalog.tests.specs import product
from orden.core.roles import Role
from orden.core.testing.matrix import ModelSpec, catalogue_rules, register, tenant_rules
from orden.datasets.models import Concept, DataService, Dataset, DatasetTemplate, Distribution, Scheme
from orden.portfolio.tests.specs import owner_in

EU = "http://publications.europa.eu/resource/authority"


def concept(scheme, code, path):
    """A concept of the shipped vocabularies (the data migration loads them; made here if it has not)."""
    return Concept.objects.get_or_create(
        uri=f"{EU}/{path}/{code}",
        defaults={"scheme": scheme, "code": code, "label_nb": code, "label_nn": code, "label_en": code},
    )[0]


def theme():
    return concept(Scheme.DATA_THEME, "GOVE", "data-theme")


def file_type():
    return concept(Scheme.FILE_TYPE, "CSV", "file-type")


def licence():
    return concept(Scheme.LICENCE, "NLOD_2_0", "licence")


def make_dataset(world, org, n, **extra):
    fields = {"description_nb": "Data kommunen har", "owner": owner_in(world, org), "access_rights": "public"}
    dataset = Dataset.objects.create(organization=org, title_nb=f"Datasett {n}", **{**fields, **extra})
    dataset.themes.set([theme()])
    return dataset


def dataset_form_data(world, org, n):
    return {
        "title_nb": f"Nytt datasett {n}",
        "description_nb": "Hva dataene handler om",
        "themes": [theme().pk],
        "keywords": "vei, kart",
        "owner": owner_in(world, org).pk,
        "access_rights": "public",
    }


register(
    ModelSpec(
        model=Dataset,
        api_basename="dataset",
        make=make_dataset,
        form_data=dataset_form_data,
        api_data=lambda world, org, n: {**dataset_form_data(world, org, n), "organization": org.pk},
        allowed=tenant_rules(editors=[Role.ARCHITECT], owners=[Role.SYSTEM_OWNER]),
    )
)


def owned_dataset(world, org):
    """A dataset the organisation's system owner owns: the matrix's distributions belong to it."""
    existing = Dataset.objects.filter(organization=org, title_nb="Datasett med distribusjoner").first()
    return existing or make_dataset(world, org, "med distribusjoner")


def make_distribution(world, org, n):
    return Distribution.objects.create(
        organization=org,
        dataset=owned_dataset(world, org),
        title_nb=f"Distribusjon {n}",
        format=file_type(),
        licence=licence(),
        access_url="https://data.example.org/",
        download_url=f"https://data.example.org/{n}.csv",
    )


def distribution_form_data(world, org, n):
    return {
        "dataset": owned_dataset(world, org).pk,
        "title_nb": f"Ny distribusjon {n}",
        "description_nb": "Som CSV",
        "format": file_type().pk,
        "access_url": "https://data.example.org/",
        "download_url": f"https://data.example.org/ny-{n}.csv",
        "licence": licence().pk,
    }


register(
    ModelSpec(
        model=Distribution,
        api_basename="distribution",
        make=make_distribution,
        form_data=distribution_form_data,
        api_data=lambda world, org, n: {**distribution_form_data(world, org, n), "organization": org.pk},
        allowed=tenant_rules(
            editors=[Role.ARCHITECT], owners=[Role.SYSTEM_OWNER], owner_actions=("add", "change", "delete")
        ),
    )
)


def make_data_service(world, org, n):
    return DataService.objects.create(
        organization=org,
        title_nb=f"API {n}",
        endpoint_url=f"https://api.example.org/{n}/",
        owner=owner_in(world, org),
        access_rights="public",
        licence=licence(),
    )


def data_service_form_data(world, org, n):
    return {
        "title_nb": f"Nytt API {n}",
        "description_nb": "Et API for dataene",
        "endpoint_url": f"https://api.example.org/ny-{n}/",
        "endpoint_description": "https://api.example.org/openapi.json",
        "owner": owner_in(world, org).pk,
        "access_rights": "public",
        "licence": licence().pk,
    }


register(
    ModelSpec(
        model=DataService,
        api_basename="dataservice",
        make=make_data_service,
        form_data=data_service_form_data,
        api_data=lambda world, org, n: {**data_service_form_data(world, org, n), "organization": org.pk},
        allowed=tenant_rules(editors=[Role.ARCHITECT], owners=[Role.SYSTEM_OWNER]),
    )
)


def make_template(world, org, n):
    template = DatasetTemplate.objects.create(
        product=product(), title_nb=f"Mal {n + 100}", access_rights="restricted", status="approved"
    )
    template.themes.set([theme()])
    return template


def template_data(world, org, n):
    return {
        "product": product().pk,
        "title_nb": f"Mal {n}",
        "description_nb": "Det et slikt system vanligvis har",
        "themes": [theme().pk],
        "access_rights": "restricted",
        "personal_data": True,
        "status": "approved",
    }


register(
    ModelSpec(
        model=DatasetTemplate,
        api_basename="datasettemplate",
        make=make_template,
        form_data=template_data,
        api_data=template_data,
        allowed=catalogue_rules(),
    )
)
