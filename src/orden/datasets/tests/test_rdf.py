"""DCAT-AP-NO output: what is published, valid against both shape versions, deterministic, in constant queries."""

import datetime
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic

from orden.datasets import rdf
from orden.datasets.models import Concept, DataService, Dataset, Distribution
from orden.datasets.rdf import DCAT, DCTERMS, FOAF, RDF, VCARD
from orden.datasets.validation import validate_graph
from orden.organizations.models import Contact
from orden.portfolio.models import ServiceTemplate
from orden.portfolio.tests.specs import make_service, make_system

BASE = "https://orden.example.no"
SECRETS = {
    "personal": "SECRET-PERSONAL-REASON",
    "notes": "SECRET-CONTACT-NOTES",
    "employer": "SECRET-EMPLOYER",
    "title": "SECRET-CONTACT-TITLE",
    "service": "SECRET-SERVICE-NAME",
    "system": "SECRET-SYSTEM-NAME",
    "draft": "SECRET-DRAFT-TITLE",
}


def concept(code_or_uri):
    if "://" in code_or_uri:
        return Concept.objects.get(uri=code_or_uri)
    return Concept.objects.get(uri__endswith="/" + code_or_uri)


def describe(world, org=None, n=1, **extra):
    """A dataset with every property Orden publishes filled in, a distribution and a service with a Los theme."""
    org = org or world.own
    contact = Contact.objects.create(
        organization=org,
        name="Postmottak",
        email="postmottak@vinje.kommune.no",
        phone="+47 35 06 25 00",
        employer=SECRETS["employer"],
        title=SECRETS["title"],
        notes=SECRETS["notes"],
    )
    service = make_service(world, org, n)
    service.name = f"{SECRETS['service']} {n}"
    service.template = ServiceTemplate.objects.get(uri="https://psi.norge.no/los/ord/byggesak")
    service.save()
    system = make_system(world, org, n)
    system.name = f"{SECRETS['system']} {n}"
    system.save()
    values = dict(
        organization=org,
        title_nb=f"Byggesaker {n}",
        title_nn=f"Byggjesaker {n}",
        title_en=f"Building cases {n}",
        description_nb="Alle byggesøknader og vedtak.",
        description_nn="Alle byggjesøknader og vedtak.",
        description_en="All building applications and decisions.",
        keywords="byggesak, søknad",
        contact_point=contact,
        access_rights="public",
        personal_data=True,
        open_personal_data_reason=SECRETS["personal"],
        frequency=concept("DAILY"),
        temporal_start=datetime.date(2020, 1, 1),
        temporal_end=datetime.date(2025, 12, 31),
        conforms_to="https://example.org/standard/byggesak\nhttps://example.org/model/eiendom",
        provenance="vedtak",
        landing_page="https://www.vinje.kommune.no/byggesak",
        owner=world.users["coordinator"],
        published=True,
    )
    values.update(extra)
    dataset = Dataset.objects.create(**values)
    dataset.themes.set([concept("GOVE"), concept("https://psi.norge.no/los/tema/planer")])
    dataset.services.set([service])
    dataset.systems.set([system])
    Distribution.objects.create(
        organization=org,
        dataset=dataset,
        title_nb="Nedlasting som CSV",
        description_nb="Én rad per sak.",
        format=concept("CSV"),
        access_url="https://data.vinje.kommune.no/byggesak",
        download_url="https://data.vinje.kommune.no/byggesak.csv",
        licence=concept("NLOD_2_0"),
    )
    return dataset


def add_data_service(dataset, **extra):
    values = dict(
        organization=dataset.organization,
        title_nb="Byggesak-API",
        description_nb="Søk i byggesakene.",
        endpoint_url="https://api.vinje.kommune.no/byggesak",
        endpoint_description="https://api.vinje.kommune.no/byggesak/openapi.json",
        contact_point=dataset.contact_point,
        access_rights="public",
        licence=concept("NLOD_2_0"),
        published=True,
    )
    values.update(extra)
    service = DataService.objects.create(**values)
    service.datasets.set([dataset])
    return service


@pytest.fixture
def base_url(settings):
    settings.ORDEN_BASE_URL = BASE + "/"
    return BASE


@pytest.fixture
def described(world, base_url):
    dataset = describe(world)
    add_data_service(dataset)
    return dataset


def ids(graph, kind):
    return sorted(str(s) for s in graph.subjects(RDF.type, kind))


def test_iris(world, base_url):
    dataset = describe(world)
    org = world.own
    assert rdf.catalogue_uri(org) == f"{BASE}/dcat/964964076"
    assert rdf.dataset_uri(dataset) == f"{BASE}/dcat/964964076/datasets/{dataset.pk}"
    dist = dataset.distributions.get()
    assert rdf.distribution_uri(dist) == f"{BASE}/dcat/964964076/distributions/{dist.pk}"
    assert rdf.publisher_uri(org) == "https://data.brreg.no/enhetsregisteret/api/enheter/964964076"
    dataset.uri = "https://data.vinje.kommune.no/id/byggesak"
    assert rdf.dataset_uri(dataset) == "https://data.vinje.kommune.no/id/byggesak"


def test_catalogue_describes_the_published_dataset(described):
    graph = rdf.catalogue_graph([described.organization])
    catalogue = URIRef(rdf.catalogue_uri(described.organization))
    ds = URIRef(rdf.dataset_uri(described))
    assert ids(graph, DCAT.Catalog) == [str(catalogue)]
    assert (catalogue, DCAT.dataset, ds) in graph
    assert set(graph.objects(ds, DCTERMS.title)) == {
        Literal("Byggesaker 1", lang="nb"),
        Literal("Byggjesaker 1", lang="nn"),
        Literal("Building cases 1", lang="en"),
    }
    themes = {str(o) for o in graph.objects(ds, DCAT.theme)}
    assert themes == {
        "http://publications.europa.eu/resource/authority/data-theme/GOVE",
        "https://psi.norge.no/los/tema/planer",
        "https://psi.norge.no/los/ord/byggesak",  # from the service's common service (Kommune-Los)
    }
    assert set(graph.objects(ds, DCAT.keyword)) == {Literal("byggesak", lang="nb"), Literal("søknad", lang="nb")}
    publisher = graph.value(ds, DCTERMS.publisher)
    assert str(publisher) == "https://data.brreg.no/enhetsregisteret/api/enheter/964964076"
    assert (publisher, RDF.type, FOAF.Agent) in graph
    assert graph.value(publisher, DCTERMS.identifier) == Literal("964964076")
    contact = graph.value(ds, DCAT.contactPoint)
    assert (contact, RDF.type, VCARD.Organization) in graph
    assert graph.value(contact, VCARD.hasEmail) == URIRef("mailto:postmottak@vinje.kommune.no")
    assert graph.value(contact, VCARD.hasTelephone) == URIRef("tel:+4735062500")
    assert str(graph.value(ds, DCTERMS.spatial)) == "https://data.geonorge.no/administrativeEnheter/kommune/id/4036"
    assert str(graph.value(ds, DCTERMS.accessRights)).endswith("/access-right/PUBLIC")
    period = graph.value(ds, DCTERMS.temporal)
    assert graph.value(period, DCAT.startDate).toPython() == datetime.date(2020, 1, 1)
    dist = graph.value(ds, DCAT.distribution)
    assert str(graph.value(dist, DCTERMS.format)).endswith("/file-type/CSV")
    assert str(graph.value(dist, DCTERMS.license)).endswith("/licence/NLOD_2_0")
    service = URIRef(ids(graph, DCAT.DataService)[0])
    assert (service, DCAT.servesDataset, ds) in graph
    assert (catalogue, DCAT.service, service) in graph


def test_legal_basis_of_a_restricted_dataset(world, base_url):
    dataset = describe(
        world,
        access_rights="restricted",
        personal_data=False,
        open_personal_data_reason="",
        restriction_basis="Offentleglova § 13",
        restriction_basis_url="https://lovdata.no/lov/2006-05-19-16/§13",
    )
    graph = rdf.catalogue_graph([world.own])
    ds = URIRef(rdf.dataset_uri(dataset))
    basis = graph.value(ds, rdf.DCATNO.legalBasisForRestriction)
    assert (basis, RDF.type, DCTERMS.RightsStatement) in graph
    assert str(graph.value(basis, DCTERMS.source)) == "https://lovdata.no/lov/2006-05-19-16/§13"
    assert validate_graph(graph, "2.2") == []


def test_unpublished_rows_are_left_out(world, base_url):
    describe(world, title_nb=SECRETS["draft"], published=False)
    graph = rdf.catalogue_graph([world.own])
    assert ids(graph, DCAT.Dataset) == []
    assert SECRETS["draft"] not in rdf.serialize(graph, "ttl").decode()
    drafts = rdf.catalogue_graph([world.own], published_only=False)
    assert len(ids(drafts, DCAT.Dataset)) == 1


@pytest.mark.parametrize("suffix", sorted(rdf.FORMATS))
def test_every_serialisation_passes_both_versions(described, suffix):
    graph = rdf.catalogue_graph([described.organization])
    data = rdf.serialize(graph, suffix)
    parsed = Graph().parse(data=data, format=rdf.FORMATS[suffix][0])
    assert isomorphic(parsed, graph)
    for version in ("2.2", "3.0"):
        assert validate_graph(parsed, version) == [], version


def test_empty_organisation_has_a_valid_catalogue(world, base_url):
    graph = rdf.catalogue_graph([world.other])
    assert ids(graph, DCAT.Catalog) == [rdf.catalogue_uri(world.other)]
    assert ids(graph, DCAT.Dataset) == []
    for suffix in rdf.FORMATS:
        parsed = Graph().parse(data=rdf.serialize(graph, suffix), format=rdf.FORMATS[suffix][0])
        for version in ("2.2", "3.0"):
            assert validate_graph(parsed, version) == [], (suffix, version)


def test_national_document_holds_every_organisation(world, base_url):
    describe(world)
    describe(world, org=world.other, n=2)
    graph = rdf.catalogue_graph([world.own, world.other])
    assert ids(graph, DCAT.Catalog) == sorted([rdf.catalogue_uri(world.own), rdf.catalogue_uri(world.other)])
    assert len(ids(graph, DCAT.Dataset)) == 2
    assert validate_graph(graph, "2.2") == []
    assert validate_graph(graph, "3.0") == []


def test_private_fields_never_in_the_output(described):
    graph = rdf.catalogue_graph([described.organization])
    for suffix in rdf.FORMATS:
        output = rdf.serialize(graph, suffix).decode()
        for secret in SECRETS.values():
            assert secret not in output, (suffix, secret)
        assert "coordinator" not in output  # the data owner
        assert "personal" not in output.lower()


def test_resource_graphs(described):
    dataset = described
    graph = rdf.resource_graph(dataset)
    assert ids(graph, DCAT.Dataset) == [rdf.dataset_uri(dataset)]
    assert ids(graph, DCAT.Catalog) == []
    dist = dataset.distributions.get()
    dist_graph = rdf.resource_graph(dist)
    assert {str(s) for s in dist_graph.subjects()} == {rdf.distribution_uri(dist)}
    service = DataService.objects.get()
    service_graph = rdf.resource_graph(service)
    assert str(service_graph.value(URIRef(rdf.data_service_uri(service)), DCAT.servesDataset)) == rdf.dataset_uri(
        dataset
    )
    Dataset.objects.filter(pk=dataset.pk).update(published=False)
    assert len(rdf.resource_graph(dataset)) == 0
    assert len(rdf.resource_graph(dist)) == 0
    service_graph = rdf.resource_graph(service)
    assert service_graph.value(URIRef(rdf.data_service_uri(service)), DCAT.servesDataset) is None


def test_query_count_is_constant(world, base_url):
    def count():
        with CaptureQueriesContext(connection) as queries:
            graph = rdf.catalogue_graph([world.own])
        return len(queries), len(ids(graph, DCAT.Dataset))

    dataset = describe(world)
    add_data_service(dataset)
    one, datasets = count()
    assert datasets == 1
    for n in range(2, 21):
        dataset = describe(world, n=n)
        add_data_service(dataset, title_nb=f"API {n}")
    twenty, datasets = count()
    assert datasets == 20
    assert one == twenty


DETERMINISM = """
import os, sys
import django
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "orden.conf.settings")
django.setup()
from rdflib import Graph
from orden.datasets import rdf
from orden.datasets.rdf import DCAT, DCTERMS, FOAF, RDF, VCARD
graph = Graph().parse(sys.argv[1], format="turtle")
built = rdf.new_graph()
# Rebuild in the order the builder adds triples (sorted here), as a new process would.
for triple in sorted(graph):
    built.add(triple)
sys.stdout.buffer.write(rdf.serialize(built, sys.argv[2]))
"""


@pytest.mark.parametrize("suffix", sorted(rdf.FORMATS))
def test_serialisation_is_the_same_in_every_process(described, suffix, tmp_path):
    source = tmp_path / "catalogue.nt"
    graph = rdf.catalogue_graph([described.organization])
    source.write_bytes(rdf.serialize(graph, "ttl"))
    outputs = set()
    for seed in ("1", "2", "12345"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        src = str(Path(rdf.__file__).resolve().parents[2])
        env["PYTHONPATH"] = src + os.pathsep + env.get("PYTHONPATH", "")
        result = subprocess.run(
            [sys.executable, "-c", DETERMINISM, str(source), suffix], env=env, capture_output=True, check=True
        )
        outputs.add(result.stdout)
    assert len(outputs) == 1
    assert Graph().parse(data=outputs.pop(), format=rdf.FORMATS[suffix][0])


def test_serialisation_is_stable_in_this_process(described):
    first = {suffix: rdf.serialize(rdf.catalogue_graph([described.organization]), suffix) for suffix in rdf.FORMATS}
    second = {suffix: rdf.serialize(rdf.catalogue_graph([described.organization]), suffix) for suffix in rdf.FORMATS}
    assert first == second


def test_graph_changed_after_building_is_written_as_changed(described):
    graph = rdf.catalogue_graph([described.organization])
    pending = rdf.serialize(graph, "ttl")
    extra = (URIRef(rdf.dataset_uri(described)), DCAT.keyword, Literal("tillegg", lang="nb"))
    graph.add(extra)  # the first rdflib use moves the triples into the store
    assert extra in graph
    for suffix in rdf.FORMATS:
        parsed = Graph().parse(data=rdf.serialize(graph, suffix), format=rdf.FORMATS[suffix][0])
        assert isomorphic(parsed, graph), suffix
    graph.remove(extra)
    assert rdf.serialize(graph, "ttl") == pending


NASTY_TEXTS = [
    'a "quoted" \\ back',
    "line1\nline2\r\nline3\ttab",  # a textarea sends \r\n
    "<tag> & ]]> 's",
    "æøå ÆØÅ 😀 \u2028 \u0085",
    '"""triple"""',
    'ends with a quote"',
    "\\u0041 is not an escape here",
    "@prefix x: <y> .",
]
NASTY_IRIS = [
    "https://example.no/a b",
    'https://example.no/q?x=1&y="2"',
    "https://example.no/<>{}|^`",
    "https://example.no/æøå",
    "https://example.no/#frag#2",
]


@pytest.mark.parametrize(("suffix", "parser"), [("ttl", "turtle"), ("rdf", "xml"), ("jsonld", "json-ld")])
def test_the_writers_round_trip_any_text_and_address(suffix, parser):
    graph = rdf.new_graph()
    for n, value in enumerate(NASTY_TEXTS):
        subject = URIRef(f"https://example.no/s{n}")
        graph.add((subject, DCTERMS.title, rdf.text(value, "nb")))
        graph.add((subject, DCTERMS.description, rdf.text(value)))
    for n, value in enumerate(NASTY_IRIS):
        graph.add((URIRef(f"https://example.no/i{n}"), DCAT.landingPage, rdf.iri(value)))
        graph.add((rdf.iri(value), DCTERMS.title, Literal("x")))
    assert isomorphic(Graph().parse(data=rdf.serialize(graph, suffix), format=parser), graph)
