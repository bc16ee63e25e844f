"""Validation against the DCAT-AP-NO shapes: plain-language findings, mapped to the row and field to fix."""

from unittest import mock

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from rdflib import Literal, URIRef

from orden.core import history
from orden.datasets import rdf, validation
from orden.datasets.models import Concept, DataService
from orden.datasets.validation import Finding, blocking, validate, validate_graph, with_vocabularies
from orden.datasets.vocabularies import vocabulary_graph
from orden.organizations.models import Contact

from . import test_rdf
from .test_rdf import add_data_service, describe

base_url = test_rdf.base_url  # fixtures
described = test_rdf.described


def messages(findings):
    return sorted((f.version, f.severity, str(f.message)) for f in findings)


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def test_fully_described_dataset_has_no_findings(described):
    result = validate(described)
    assert result == {"2.2": [], "3.0": []}
    service = DataService.objects.get()
    assert validate(service) == {"2.2": [], "3.0": []}


def test_missing_contact_point(world, base_url):
    dataset = describe(world, contact_point=None, published=False)
    result = validate(dataset)
    assert result["2.2"] == []  # 2.2 recommends a contact point; 3.0 requires it
    assert messages(result["3.0"]) == [("3.0", "violation", "Missing: contact point")]
    finding = result["3.0"][0]
    assert (finding.kind, finding.pk, finding.field) == ("dataset", dataset.pk, "contact_point")
    assert finding.focus == rdf.dataset_uri(dataset)
    assert finding.path == "http://www.w3.org/ns/dcat#contactPoint"
    assert blocking(result) == [finding]  # a violation of 3.0 stops publication too


def test_theme_not_from_the_eu_vocabulary(world, base_url):
    dataset = describe(world, published=False)
    dataset.themes.set([Concept.objects.get(uri="https://psi.norge.no/los/tema/planer")])
    result = validate(dataset)
    assert messages(result["2.2"]) == [("2.2", "warning", "No theme is from the EU data theme vocabulary")]
    assert messages(result["3.0"]) == [("3.0", "violation", "No theme is from the EU data theme vocabulary")]
    assert {f.field for f in result["3.0"]} == {"themes"}


def test_wrong_data_theme_code(described):
    graph = rdf.catalogue_graph([described.organization])
    graph.add((URIRef(rdf.dataset_uri(described)), rdf.DCAT.theme, URIRef(rdf.vocabularies.EU + "data-theme/XXXX")))
    found = messages(validate_graph(graph, "3.0"))
    assert ("3.0", "warning", "The theme is not from the EU data theme vocabulary") in found
    assert ("3.0", "violation", "The theme is not from the EU data theme vocabulary") in found  # not a skos:Concept


def test_one_title_per_language(described):
    graph = rdf.catalogue_graph([described.organization])
    graph.add((URIRef(rdf.dataset_uri(described)), rdf.DCTERMS.title, Literal("Enda en tittel", lang="nb")))
    assert messages(validate_graph(graph, "3.0")) == [("3.0", "violation", "Only one title per language")]
    assert validate_graph(graph, "2.2") == []


def test_missing_description_blocks_publication(world, base_url):
    dataset = describe(world, description_nb="", description_nn="", description_en="", published=False)
    result = validate(dataset)
    assert messages(result["2.2"]) == [("2.2", "violation", "Missing: description")]
    assert messages(result["3.0"]) == [("3.0", "violation", "Missing: description")]
    assert [(f.version, f.field) for f in blocking(result)] == [("2.2", "description_nb"), ("3.0", "description_nb")]


def test_distribution_and_contact_findings_map_to_the_dataset(world, base_url):
    dataset = describe(world, published=False)
    dataset.contact_point.email = ""
    dataset.contact_point.save()
    dist = dataset.distributions.get()
    dist.licence = None
    dist.save()
    result = validate(dataset)
    assert messages(result["2.2"]) == [("2.2", "warning", "Missing: licence")]
    assert (result["2.2"][0].kind, result["2.2"][0].pk, result["2.2"][0].field) == ("distribution", dist.pk, "licence")
    assert messages(result["3.0"]) == [("3.0", "violation", "The contact point needs an e-mail address")]
    assert (result["3.0"][0].kind, result["3.0"][0].pk, result["3.0"][0].field) == (
        "dataset",
        dataset.pk,
        "contact_point",
    )


def test_data_service_without_contact_point(world, base_url):
    dataset = describe(world)
    service = add_data_service(dataset, contact_point=None, published=False)
    result = validate(service)
    assert result["2.2"] == []
    assert messages(result["3.0"]) == [("3.0", "violation", "Missing: contact point")]
    assert result["3.0"][0].kind == "data_service"


def test_results_are_cached_by_the_rows_state(world, base_url):
    dataset = describe(world, contact_point=None, published=False)
    with mock.patch.object(validation, "_run", wraps=validation._run) as run:
        first = validate(dataset)
        assert run.call_count == 2  # one run per version
        assert validate(dataset) == first
        assert run.call_count == 2
        dataset.refresh_from_db()
        dataset.contact_point = Contact.objects.create(organization=world.own, name="Kundesenter", email="k@vinje.no")
        history.save(dataset, world.users["coordinator"], expected_version=dataset.version)
        assert validate(dataset)["3.0"] == []
        assert run.call_count == 4
        dist = dataset.distributions.get()
        dist.licence = None
        dist.save()
        assert messages(validate(dataset)["2.2"]) == [("2.2", "warning", "Missing: licence")]
        assert run.call_count == 6


def test_cached_findings_render_in_the_active_language(world, base_url):
    dataset = describe(world, contact_point=None, published=False)
    finding = validate(dataset)["3.0"][0]
    with translation.override("nb"):
        cached = validate(dataset)["3.0"][0]
    assert cached == finding
    assert isinstance(str(cached.message), str)


def test_merging_only_the_referenced_concepts_is_the_same_as_merging_all(described):
    graph = rdf.catalogue_graph([described.organization])
    graph.add((URIRef(rdf.dataset_uri(described)), rdf.DCAT.theme, URIRef("https://example.org/not-a-concept")))
    subset = with_vocabularies(graph)
    full = rdf.new_graph()
    for triple in graph:
        full.add(triple)
    for triple in vocabulary_graph():
        full.add(triple)
    for version in validation.VERSIONS:
        assert messages(validation.findings(validation._run(full, version), full, version)) == messages(
            validation.findings(validation._run(subset, version), subset, version)
        )


def test_validation_uses_a_constant_number_of_queries(world, base_url):
    dataset = describe(world, published=False)
    with CaptureQueriesContext(connection) as queries:
        validate(dataset)
    few = len(queries)
    other = describe(world, n=2, published=False)
    for n in range(3, 8):
        describe(world, n=n)  # other published datasets in the catalogue do not add queries
    with CaptureQueriesContext(connection) as queries:
        validate(other)
    assert len(queries) == few


def test_finding_is_plain_data():
    finding = Finding("2.2", "violation", "https://x/ds/1", "", "Missing: title")
    assert str(finding) == "Missing: title"
    assert blocking([finding]) == [finding]
    assert blocking([Finding("3.0", "warning", "x", "", "m")]) == []
