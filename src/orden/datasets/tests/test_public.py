"""The public catalogue: the DCAT-AP-NO documents under /dcat/ (content negotiation, suffixes, caching with
ETag and Last-Modified, 404s) and the public pages under /data/, all without login."""

import datetime

import pytest
import rdflib
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.http import http_date
from rdflib.namespace import DCAT, RDF

from orden.core import history
from orden.core.roles import Role
from orden.core.testing.matrix import ADMIN
from orden.datasets import rdf, validation, vocabularies
from orden.datasets.models import Concept, DataService, Dataset, Distribution, Scheme
from orden.datasets.tests.specs import file_type, licence, theme
from orden.organizations.models import Contact, Organization
from orden.organizations.testing import make_organization
from orden.portfolio.models import Sector, Service, ServiceTemplate

RDFLIB_FORMATS = {"ttl": "turtle", "rdf": "xml", "jsonld": "json-ld"}
MEDIA_TYPES = {"ttl": "text/turtle", "rdf": "application/rdf+xml", "jsonld": "application/ld+json"}


@pytest.fixture(autouse=True)
def fresh_cache(settings):
    """A memory cache of these tests' own (never a flush of a Redis that ORDEN_REDIS_URL may name)."""
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "dcat"}}
    settings.ORDEN_BASE_URL = "https://orden.example.org"
    cache.clear()


class Catalogue:
    """Vinje's published dataset (with a distribution, a contact point and a data service), beside a draft
    with its own distribution and an unpublished data service."""

    def __init__(self, world):
        self.organization = world.own
        self.contact = Contact.objects.create(
            organization=world.own, name="Kartkontoret", email="kart@vinje.kommune.no", phone="35 06 20 00"
        )
        self.dataset = Dataset.objects.create(
            organization=world.own,
            title_nb="Vegdata",
            title_en="Road data",
            description_nb="Kommunale veger og bruer.",
            keywords="veg, bru",
            contact_point=self.contact,
            access_rights="public",
            published=True,
        )
        self.dataset.themes.set([theme()])
        self.distribution = Distribution.objects.create(
            organization=world.own,
            dataset=self.dataset,
            title_nb="Vegdata som CSV",
            format=file_type(),
            licence=licence(),
            access_url="https://data.vinje.kommune.no/veg",
            download_url="https://data.vinje.kommune.no/veg.csv",
        )
        self.service = DataService.objects.create(
            organization=world.own,
            title_nb="Veg-API",
            endpoint_url="https://api.vinje.kommune.no/veg",
            contact_point=self.contact,
            access_rights="public",
            published=True,
        )
        self.service.datasets.set([self.dataset])
        self.draft = Dataset.objects.create(organization=world.own, title_nb="Utkast", access_rights="public")
        self.draft_distribution = Distribution.objects.create(
            organization=world.own, dataset=self.draft, title_nb="Utkastfil", access_url="https://example.org/utkast"
        )
        self.draft_service = DataService.objects.create(
            organization=world.own, title_nb="Hemmelig API", endpoint_url="https://example.org/api"
        )

    @property
    def orgnr(self):
        return self.organization.organization_number

    def urls(self):
        """Every document of the catalogue (without suffix)."""
        return {
            "catalogue": f"/dcat/{self.orgnr}",
            "dataset": f"/dcat/{self.orgnr}/datasets/{self.dataset.pk}",
            "distribution": f"/dcat/{self.orgnr}/distributions/{self.distribution.pk}",
            "data service": f"/dcat/{self.orgnr}/data-services/{self.service.pk}",
        }


@pytest.fixture
def catalogue(world):
    return Catalogue(world)


def parse(response, suffix) -> rdflib.Graph:
    assert response.status_code == 200, response.content[:500]
    return rdflib.Graph().parse(data=response.content, format=RDFLIB_FORMATS[suffix])


def subjects_of(graph, rdf_type):
    return set(graph.subjects(RDF.type, rdf_type))


# Content negotiation and suffixes.


@pytest.mark.parametrize(
    ("accept", "suffix", "content_type"),
    [
        ("text/turtle", "ttl", "text/turtle; charset=utf-8"),
        ("application/rdf+xml", "rdf", "application/rdf+xml; charset=utf-8"),
        ("application/ld+json", "jsonld", "application/ld+json"),
        ("application/json", "jsonld", "application/json"),
        ("*/*", "ttl", "text/turtle; charset=utf-8"),
        ("", "ttl", "text/turtle; charset=utf-8"),
        ("application/rdf+xml;q=0.5, application/ld+json;q=0.9", "jsonld", "application/ld+json"),
        ("text/html;q=0.5, text/turtle", "ttl", "text/turtle; charset=utf-8"),
    ],
)
@pytest.mark.parametrize("document", ["catalogue", "dataset", "distribution", "data service", "national"])
def test_the_format_follows_accept(client, catalogue, accept, suffix, content_type, document):
    url = "/dcat/" if document == "national" else catalogue.urls()[document]
    headers = {"HTTP_ACCEPT": accept} if accept else {}
    response = client.get(url, **headers)
    graph = parse(response, suffix)
    assert response["Content-Type"] == content_type
    assert "Accept" in response["Vary"]
    assert response["Access-Control-Allow-Origin"] == "*"
    expected = {
        "catalogue": (DCAT.Catalog, rdf.catalogue_uri(catalogue.organization)),
        "national": (DCAT.Catalog, rdf.catalogue_uri(catalogue.organization)),
        "dataset": (DCAT.Dataset, rdf.dataset_uri(catalogue.dataset)),
        "distribution": (DCAT.Distribution, rdf.distribution_uri(catalogue.distribution)),
        "data service": (DCAT.DataService, rdf.data_service_uri(catalogue.service)),
    }[document]
    assert rdflib.URIRef(expected[1]) in subjects_of(graph, expected[0])


@pytest.mark.parametrize("suffix", ["ttl", "rdf", "jsonld"])
@pytest.mark.parametrize("document", ["catalogue", "dataset", "distribution", "data service"])
def test_the_suffix_wins_over_accept(client, catalogue, suffix, document):
    other = "text/turtle" if suffix != "ttl" else "application/ld+json"
    response = client.get(f"{catalogue.urls()[document]}.{suffix}", HTTP_ACCEPT=other)
    graph = parse(response, suffix)
    assert response["Content-Type"].split(";")[0] == MEDIA_TYPES[suffix]
    assert "Accept" not in response.get("Vary", "")
    assert len(graph) > 0


def test_the_iris_dereference_without_a_redirect(client, catalogue):
    """Orden's IRIs are the documents' addresses: each answers 200 with its own description."""
    for iri in (
        rdf.catalogue_uri(catalogue.organization),
        rdf.dataset_uri(catalogue.dataset),
        rdf.distribution_uri(catalogue.distribution),
        rdf.data_service_uri(catalogue.service),
    ):
        path = iri.removeprefix("https://orden.example.org")
        response = client.get(path, HTTP_ACCEPT="text/turtle")
        assert response.status_code == 200, path
        assert rdflib.URIRef(iri) in set(parse(response, "ttl").subjects())


def test_the_dataset_document_describes_its_distributions(client, catalogue):
    graph = parse(client.get(catalogue.urls()["dataset"] + ".ttl"), "ttl")
    dataset = rdflib.URIRef(rdf.dataset_uri(catalogue.dataset))
    assert rdflib.URIRef(rdf.distribution_uri(catalogue.distribution)) in set(graph.objects(dataset, DCAT.distribution))


def test_an_accept_nothing_matches_is_406(client, catalogue):
    for url in ["/dcat/", *catalogue.urls().values()]:
        response = client.get(url, HTTP_ACCEPT="image/png")
        assert response.status_code == 406
        assert "text/turtle" in response.content.decode()
        assert "Accept" in response["Vary"]


def test_a_browser_is_sent_to_the_page_for_people(client, catalogue):
    browser = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
    pages = {
        "/dcat/": "/data/",
        catalogue.urls()["catalogue"]: f"/data/{catalogue.orgnr}/",
        catalogue.urls()["dataset"]: f"/data/{catalogue.orgnr}/datasets/{catalogue.dataset.pk}/",
        catalogue.urls()["distribution"]: (
            f"/data/{catalogue.orgnr}/datasets/{catalogue.dataset.pk}/#distribution-{catalogue.distribution.pk}"
        ),
        catalogue.urls()["data service"]: f"/data/{catalogue.orgnr}/#data-service-{catalogue.service.pk}",
    }
    for url, page in pages.items():
        response = client.get(url, HTTP_ACCEPT=browser)
        assert response.status_code == 303 and response["Location"] == page
        assert "Accept" in response["Vary"]
        assert client.get(page.split("#")[0]).status_code == 200


@pytest.mark.parametrize("suffix", ["ttl", "rdf", "jsonld"])
@pytest.mark.parametrize("version", ["2.2", "3.0"])
def test_the_served_documents_pass_the_shapes(client, catalogue, world, suffix, version):
    """What a harvester gets, parsed back from each format, has no violation of either version's shapes."""
    urls = {
        "/dcat/": MEDIA_TYPES[suffix],
        f"{catalogue.urls()['catalogue']}.{suffix}": None,
        f"/dcat/{world.other.organization_number}.{suffix}": None,  # publishes nothing
    }
    for url, accept in urls.items():
        graph = parse(client.get(url, **({"HTTP_ACCEPT": accept} if accept else {})), suffix)
        violations = [f for f in validation.validate_graph(graph, version) if f.severity == "violation"]
        assert not violations, (url, [(f.focus, f.path, str(f)) for f in violations])


# 404s and the empty catalogue.


def test_what_is_not_published_is_not_found(client, catalogue, world):
    other = world.other.organization_number
    unknown = "974760673"  # a valid organisation number that no organisation in Orden has
    not_found = [
        f"/dcat/{unknown}",
        f"/dcat/{unknown}.ttl",
        f"/dcat/{catalogue.orgnr}/datasets/{catalogue.draft.pk}",
        f"/dcat/{catalogue.orgnr}/datasets/{catalogue.draft.pk}.jsonld",
        f"/dcat/{catalogue.orgnr}/datasets/999999",
        f"/dcat/{catalogue.orgnr}/distributions/{catalogue.draft_distribution.pk}",
        f"/dcat/{catalogue.orgnr}/distributions/999999",
        f"/dcat/{catalogue.orgnr}/data-services/{catalogue.draft_service.pk}.rdf",
        f"/dcat/{catalogue.orgnr}/data-services/999999",
        f"/dcat/{catalogue.orgnr}/datasets/99999999999999999999",  # beyond 64 bits: no pattern matches
        f"/dcat/{other}/datasets/{catalogue.dataset.pk}",  # another organisation's number
        f"/dcat/{catalogue.orgnr}/distributions/{catalogue.dataset.pk}x",
        f"/data/{unknown}/",
        f"/data/{catalogue.orgnr}/datasets/{catalogue.draft.pk}/",
        f"/data/{other}/datasets/{catalogue.dataset.pk}/",
    ]
    for url in not_found:
        assert client.get(url, HTTP_ACCEPT="text/turtle").status_code == 404, url


def test_an_inactive_organisation_is_not_found(client, catalogue):
    Organization.objects.filter(pk=catalogue.organization.pk).update(is_active=False)
    for url in [*catalogue.urls().values(), f"/data/{catalogue.orgnr}/"]:
        assert client.get(url).status_code == 404, url
    assert rdflib.URIRef(rdf.catalogue_uri(catalogue.organization)) not in set(
        parse(client.get("/dcat/"), "ttl").subjects()
    )


@pytest.mark.parametrize("suffix", ["ttl", "rdf", "jsonld"])
def test_an_organisation_that_publishes_nothing_has_an_empty_catalogue(client, catalogue, world, suffix):
    response = client.get(f"/dcat/{world.other.organization_number}.{suffix}")
    graph = parse(response, suffix)
    assert subjects_of(graph, DCAT.Catalog) == {rdflib.URIRef(rdf.catalogue_uri(world.other))}
    assert not subjects_of(graph, DCAT.Dataset)


def test_unpublished_rows_are_left_out_of_the_catalogue(client, catalogue):
    graph = parse(client.get(catalogue.urls()["catalogue"] + ".ttl"), "ttl")
    assert subjects_of(graph, DCAT.Dataset) == {rdflib.URIRef(rdf.dataset_uri(catalogue.dataset))}
    assert subjects_of(graph, DCAT.DataService) == {rdflib.URIRef(rdf.data_service_uri(catalogue.service))}
    text = client.get(catalogue.urls()["catalogue"] + ".ttl").content.decode()
    assert "Utkast" not in text and "Hemmelig API" not in text


# Conditional requests and the cache.


def test_a_repeated_harvest_with_the_etag_is_304(client, catalogue):
    for url in ["/dcat/", *catalogue.urls().values()]:
        first = client.get(url)
        etag = first["ETag"]
        assert etag.startswith('"') and first["Cache-Control"] == "public, max-age=300"
        again = client.get(url, HTTP_IF_NONE_MATCH=etag)
        assert again.status_code == 304 and again.content == b""
        assert again["ETag"] == etag
        assert client.get(url, HTTP_IF_NONE_MATCH='"something else"').status_code == 200


def test_a_repeated_harvest_with_last_modified_is_304(client, catalogue):
    first = client.get(catalogue.urls()["catalogue"])
    last_modified = first["Last-Modified"]
    again = client.get(catalogue.urls()["catalogue"], HTTP_IF_MODIFIED_SINCE=last_modified)
    assert again.status_code == 304 and again.content == b""
    long_ago = http_date(946684800)  # 2000-01-01
    assert client.get(catalogue.urls()["catalogue"], HTTP_IF_MODIFIED_SINCE=long_ago).status_code == 200


def test_the_etag_differs_per_format(client, catalogue):
    url = catalogue.urls()["catalogue"]
    assert len({client.get(f"{url}.{suffix}")["ETag"] for suffix in RDFLIB_FORMATS}) == 3


@pytest.mark.parametrize("document", ["national", "catalogue", "dataset", "distribution", "data service"])
def test_an_unchanged_catalogue_is_answered_from_the_cache_with_one_query(client, catalogue, document):
    url = "/dcat/" if document == "national" else catalogue.urls()[document]
    first = client.get(url)
    assert first.status_code == 200
    with CaptureQueriesContext(connection) as queries:
        second = client.get(url)
    assert len(queries) == 1, [q["sql"] for q in queries.captured_queries]  # the stamp only
    assert second.content == first.content and second["ETag"] == first["ETag"]
    assert second["Last-Modified"] == first["Last-Modified"]


@pytest.mark.parametrize("suffix", ["ttl", "rdf", "jsonld"])
def test_the_output_is_byte_for_byte_the_same(client, catalogue, suffix):
    urls = ["/dcat/", *(f"{url}.{suffix}" for url in catalogue.urls().values())]
    for url in urls:
        first = client.get(url, HTTP_ACCEPT=MEDIA_TYPES[suffix]).content
        cache.clear()  # built again, not read from the cache
        assert client.get(url, HTTP_ACCEPT=MEDIA_TYPES[suffix]).content == first, url


def change_title(catalogue, admin):
    catalogue.dataset.title_nb = "Vegdata 2"
    history.save(catalogue.dataset, admin)
    return "Vegdata 2"


def delete_distribution(catalogue, admin):
    history.delete(catalogue.distribution, admin)
    return None


def unpublish(catalogue, admin):
    catalogue.dataset.published = False
    history.save(catalogue.dataset, admin)
    return None


def change_email(catalogue, admin):
    catalogue.contact.email = "post@vinje.kommune.no"
    history.save(catalogue.contact, admin)
    return "post@vinje.kommune.no"


def delete_contact(catalogue, admin):
    history.delete(catalogue.contact, admin)  # SET_NULL on the dataset: its `updated` does not move
    return None


def replace_theme(catalogue, admin):
    other = Concept.objects.get_or_create(
        uri="http://publications.europa.eu/resource/authority/data-theme/TRAN",
        defaults={
            "scheme": Scheme.DATA_THEME,
            "code": "TRAN",
            "label_nb": "Transport",
            "label_nn": "Transport",
            "label_en": "Transport",
        },
    )[0]
    catalogue.dataset.themes.set([other])  # through rows only: no `updated` moves
    return other.uri


def add_organisation(catalogue, admin):
    make_organization("Seljord", "4022", "964963649")
    return None


CHANGES = [change_title, delete_distribution, unpublish, change_email, delete_contact, replace_theme]


@pytest.mark.parametrize("change", CHANGES, ids=lambda change: change.__name__)
@pytest.mark.parametrize("document", ["national", "catalogue", "dataset"])
def test_a_change_shows_at_once(client, catalogue, world, change, document):
    url = "/dcat/" if document == "national" else catalogue.urls()[document]
    before = client.get(url)
    assert before.status_code == 200
    shows = change(catalogue, world.users[ADMIN])
    after = client.get(url)
    if change is unpublish and document == "dataset":
        assert after.status_code == 404
        return
    assert after.status_code == 200
    assert after.content != before.content and after["ETag"] != before["ETag"]
    if shows:
        assert shows in after.content.decode()
    # A client that kept the old copy gets the new one, by its ETag and by its Last-Modified.
    assert client.get(url, HTTP_IF_NONE_MATCH=before["ETag"]).status_code == 200
    assert client.get(url, HTTP_IF_MODIFIED_SINCE=before["Last-Modified"]).status_code == 200
    if change is delete_distribution:
        assert rdf.distribution_uri(catalogue.distribution) not in after.content.decode()


def test_a_new_organisation_shows_in_the_national_catalogue(client, catalogue, world):
    before = client.get("/dcat/")
    add_organisation(catalogue, world.users[ADMIN])
    assert client.get("/dcat/").content != before.content


def test_a_change_to_a_private_field_keeps_last_modified(client, catalogue, world):
    """The stamp moves (a new body is built), but the body is the same: the validators stay."""
    before = client.get(catalogue.urls()["catalogue"])
    catalogue.draft.title_nb = "Utkast 2"
    history.save(catalogue.draft, world.users[ADMIN])
    with CaptureQueriesContext(connection) as queries:
        after = client.get(catalogue.urls()["catalogue"], HTTP_IF_MODIFIED_SINCE=before["Last-Modified"])
    assert len(queries) > 1  # built again
    assert after.status_code == 304 and after["ETag"] == before["ETag"]


def test_a_release_builds_the_documents_again(client, catalogue, settings):
    client.get(catalogue.urls()["catalogue"])
    settings.ORDEN_RELEASE = "next"
    with CaptureQueriesContext(connection) as queries:
        assert client.get(catalogue.urls()["catalogue"]).status_code == 200
    assert len(queries) > 1


def test_the_national_catalogue_costs_the_same_queries_for_1_and_5_organisations(client, world, catalogue):
    def queries_of_a_fresh_build():
        cache.clear()
        with CaptureQueriesContext(connection) as queries:
            response = client.get("/dcat/")
        assert response.status_code == 200
        return len(queries), response

    Organization.objects.filter(pk=world.other.pk).update(is_active=False)
    one, response = queries_of_a_fresh_build()  # Vinje alone
    assert len(subjects_of(parse(response, "ttl"), DCAT.Catalog)) == 1
    Organization.objects.filter(pk=world.other.pk).update(is_active=True)
    for n, (name, number, orgnr) in enumerate(
        [("Seljord", "4022", "964963649"), ("Fyresdal", "4023", "964964017"), ("Kviteseid", "4024", "964963541")]
    ):
        organization = make_organization(name, number, orgnr)
        dataset = Dataset.objects.create(
            organization=organization, title_nb=f"Data {n}", access_rights="public", published=True
        )
        dataset.themes.set([theme()])
        Distribution.objects.create(
            organization=organization, dataset=dataset, title_nb="Fil", access_url="https://example.org/f"
        )
    five, response = queries_of_a_fresh_build()  # Vinje, Tokke and three more
    assert len(subjects_of(parse(response, "ttl"), DCAT.Catalog)) == 5
    assert five == one


@pytest.mark.parametrize("suffix", ["ttl", "rdf", "jsonld"])
def test_a_catalogue_costs_the_same_queries_for_1_and_5_datasets(client, catalogue, suffix):
    url = f"{catalogue.urls()['catalogue']}.{suffix}"

    def queries_of_a_fresh_build():
        cache.clear()
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    one = queries_of_a_fresh_build()
    for n in range(4):
        dataset = Dataset.objects.create(
            organization=catalogue.organization,
            title_nb=f"Mer {n}",
            access_rights="public",
            contact_point=catalogue.contact,
            published=True,
        )
        dataset.themes.set([theme()])
        Distribution.objects.create(
            organization=catalogue.organization, dataset=dataset, title_nb="Fil", access_url="https://example.org/f"
        )
    assert queries_of_a_fresh_build() == one


def test_head_answers_the_headers_only(client, catalogue):
    get = client.get(catalogue.urls()["catalogue"])
    head = client.head(catalogue.urls()["catalogue"])
    assert head.status_code == 200 and head.content == b""
    assert head["ETag"] == get["ETag"] and head["Content-Type"] == get["Content-Type"]
    assert client.post(catalogue.urls()["catalogue"]).status_code == 405


def test_a_signed_in_users_answer_stays_private(client, catalogue, world):
    client.force_login(world.users[Role.READER])
    response = client.get(catalogue.urls()["catalogue"])
    assert response.status_code == 200 and response["Cache-Control"] == "private, no-store"


# The pages for people.


def test_the_search_page_lists_published_datasets_anonymously(client, catalogue):
    response = client.get("/data/")
    content = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="nb"' in content
    assert "Vegdata" in content and "Utkast" not in content
    assert f"/data/{catalogue.orgnr}/datasets/{catalogue.dataset.pk}/" in content
    assert "organization-switcher" not in content  # no signed-in chrome


def test_the_search_finds_by_words_organisation_and_theme(client, catalogue, world):
    other = Dataset.objects.create(
        organization=world.other, title_nb="Skolekart", keywords="skole", access_rights="public", published=True
    )
    assert "Skolekart" in client.get("/data/", {"q": "skole"}).content.decode()
    found = client.get("/data/", {"q": "bruer"}).content.decode()  # in the description
    assert "Vegdata" in found and "Skolekart" not in found
    assert "Vegdata" in client.get("/data/", {"q": "veg bru"}).content.decode()
    assert "Vegdata" not in client.get("/data/", {"q": "veg skole"}).content.decode()  # every word must match
    by_organization = client.get("/data/", {"organization": world.other.organization_number}).content.decode()
    assert "Skolekart" in by_organization and "Vegdata" not in by_organization
    by_theme = client.get("/data/", {"theme": theme().pk}).content.decode()
    assert "Vegdata" in by_theme and "Skolekart" not in by_theme
    assert f"/datasets/{catalogue.draft.pk}/" not in client.get("/data/", {"q": "Utkast"}).content.decode()
    assert f"/datasets/{other.pk}/" in client.get("/data/", {"q": "Skolekart"}).content.decode()


def test_a_filter_that_is_not_offered_is_a_400(client, catalogue):
    assert client.get("/data/", {"organization": "974760673"}).status_code == 400
    assert client.get("/data/", {"theme": "abc"}).status_code == 400
    assert client.get("/data/", {"page": "x"}).status_code == 200  # forgiven, as on the list pages


@pytest.mark.parametrize("language", ["nb", "en"])
def test_the_public_pages_in_the_chosen_language(client, catalogue, settings, language):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    for url in ("/data/", f"/data/{catalogue.orgnr}/", f"/data/{catalogue.orgnr}/datasets/{catalogue.dataset.pk}/"):
        response = client.get(url)
        content = response.content.decode()
        assert response.status_code == 200, url
        assert f'<html lang="{language}"' in content
        assert response["Content-Language"] == language
    page = client.get(f"/data/{catalogue.orgnr}/datasets/{catalogue.dataset.pk}/").content.decode()
    assert ("Road data" if language == "en" else "Vegdata") in page
    if language == "en":
        assert "Machine-readable description" in page


def test_the_dataset_page_shows_its_public_facts_and_links_to_its_description(client, catalogue):
    page = client.get(f"/data/{catalogue.orgnr}/datasets/{catalogue.dataset.pk}/").content.decode()
    for fact in (
        "Kommunale veger og bruer.",
        "Kartkontoret",
        "kart@vinje.kommune.no",
        "Vegdata som CSV",
        "https://data.vinje.kommune.no/veg.csv",
        "Veg-API",
        rdf.dataset_uri(catalogue.dataset),
    ):
        assert fact in page, fact
    for suffix in RDFLIB_FORMATS:
        assert f'href="/dcat/{catalogue.orgnr}/datasets/{catalogue.dataset.pk}.{suffix}"' in page


def test_the_dataset_page_shows_the_los_themes_of_its_services_as_the_description_does(client, catalogue):
    los = Concept.objects.filter(scheme=Scheme.LOS_THEME).exclude(uri__in=ServiceTemplate.objects.values("uri"))
    concept = next(c for c in los.order_by("pk") if c.uri in vocabularies.los_concepts())
    common = ServiceTemplate.objects.create(
        uri=concept.uri, sector=Sector.objects.first(), label_nb="Felles", label_nn="Felles", label_en="Common"
    )
    service = Service.objects.create(organization=catalogue.organization, name="Byggesak", template=common)
    catalogue.dataset.services.set([service])
    page = client.get(f"/data/{catalogue.orgnr}/datasets/{catalogue.dataset.pk}/").content.decode()
    assert concept.label_nb in page and "Byggesak" not in page
    graph = parse(client.get(catalogue.urls()["dataset"] + ".ttl"), "ttl")
    assert rdflib.URIRef(concept.uri) in set(
        graph.objects(rdflib.URIRef(rdf.dataset_uri(catalogue.dataset)), DCAT.theme)
    )


def test_the_organisation_page_lists_datasets_and_data_services(client, catalogue):
    page = client.get(f"/data/{catalogue.orgnr}/").content.decode()
    assert "Vegdata" in page and "Veg-API" in page
    assert "Utkast" not in page and "Hemmelig API" not in page
    assert f'href="/dcat/{catalogue.orgnr}.ttl"' in page


def test_a_signed_in_user_sees_the_public_pages_too(client, catalogue, world):
    client.force_login(world.users[Role.READER])
    assert client.get("/data/").status_code == 200
    assert client.get(f"/data/{catalogue.orgnr}/datasets/{catalogue.dataset.pk}/").status_code == 200


@pytest.mark.parametrize("url", ["/data/", "/data/{orgnr}/"])
def test_the_public_pages_cost_the_same_queries_for_1_and_5_datasets(client, catalogue, url):
    url = url.format(orgnr=catalogue.orgnr)

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    one = count()
    for n in range(4):
        dataset = Dataset.objects.create(
            organization=catalogue.organization, title_nb=f"Mer {n}", access_rights="public", published=True
        )
        dataset.themes.set([theme()])
        DataService.objects.create(
            organization=catalogue.organization,
            title_nb=f"API {n}",
            endpoint_url="https://example.org/",
            published=True,
        )
    assert count() == one


def test_the_dataset_page_costs_the_same_queries_for_1_and_5_distributions(client, catalogue):
    url = f"/data/{catalogue.orgnr}/datasets/{catalogue.dataset.pk}/"

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    one = count()
    for n in range(4):
        Distribution.objects.create(
            organization=catalogue.organization,
            dataset=catalogue.dataset,
            title_nb=f"Fil {n}",
            access_url="https://example.org/",
            format=file_type(),
            licence=licence(),
        )
    assert count() == one


def test_the_stamp_statement_compiled_once_gives_what_the_orm_gives(catalogue):
    from django.db.models import OuterRef

    from orden.datasets import cache as documents

    organization = Organization.objects.get(organization_number=catalogue.orgnr)
    expected = (
        Organization.objects.filter(pk=organization.pk)
        .order_by()
        .values("pk", "organization_number", "updated", **documents._facts(OuterRef("pk")))
        .get()
    )
    assert documents.organization_facts(catalogue.orgnr) == expected
    assert any(isinstance(value, datetime.datetime) and value.tzinfo for value in expected.values())
    assert documents.organization_facts("000000000") is None
