"""Every demo organisation's public catalogue, and /dcat/ (all of them), in each serialisation: parsed back and
validated with pyshacl against DCAT-AP-NO 2.2 and 3.0, with zero violations (validators have passed broken
JSON-LD before, so each document is parsed from its bytes, not taken from the graph that made it).

The demo is seeded once for the module (a seed takes a few seconds) in a transaction rolled back at the end.
"""

import io

import pytest
import rdflib
from django.core.cache import cache
from django.core.management import call_command
from django.db import transaction
from django.test import Client
from django.urls import reverse
from rdflib.compare import isomorphic
from rdflib.namespace import DCAT, RDF

from orden.datasets.models import Dataset
from orden.datasets.validation import validate_graph
from orden.demo import register_data as rd
from orden.organizations.models import Contact, Organization

RDFLIB_FORMATS = {"ttl": "turtle", "rdf": "xml", "jsonld": "json-ld"}
MEDIA_TYPES = {"ttl": "text/turtle", "rdf": "application/rdf+xml", "jsonld": "application/ld+json"}
VERSIONS = ("2.2", "3.0")


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo data set, seeded once; the organisations (name, organisation number, published datasets)."""
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            call_command("seed", size="demo", stdout=io.StringIO())
            organizations = [
                (org.name, org.organization_number, Dataset.objects.filter(organization=org, published=True).count())
                for org in Organization.objects.order_by("organization_number")
            ]
            yield organizations
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@pytest.fixture
def client_without_login(db, settings):
    """An anonymous client (a harvester) and a memory cache of this test's own (never a shared Redis)."""
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "demo"}}
    settings.ORDEN_BASE_URL = "https://orden.example.org"
    cache.clear()
    return Client()


def parsed(response, suffix) -> rdflib.Graph:
    assert response.status_code == 200, response.content[:500]
    assert response["Content-Type"].startswith(MEDIA_TYPES[suffix])
    return rdflib.Graph().parse(data=response.content, format=RDFLIB_FORMATS[suffix])


def violations(graph) -> dict[str, list]:
    found = {}
    for version in VERSIONS:
        found[version] = [
            (f.focus, f.path, str(f.message)) for f in validate_graph(graph, version) if f.severity == "violation"
        ]
    return found


def test_every_demo_organisation_publishes_a_valid_catalogue_in_every_serialisation(demo, client_without_login):
    assert len(demo) >= 13
    failures = {}
    for name, number, published in demo:
        assert published >= 1, f"{name} publishes no dataset"
        graphs = {}
        for suffix in RDFLIB_FORMATS:
            url = reverse("datasets:dcat_catalogue_as", args=[number, suffix])
            graph = parsed(client_without_login.get(url), suffix)
            datasets = set(graph.subjects(RDF.type, DCAT.Dataset))
            assert len(datasets) == published, (name, suffix)
            assert len(set(graph.subjects(RDF.type, DCAT.Catalog))) == 1, (name, suffix)
            graphs[suffix] = graph
            for version, found in violations(graph).items():
                if found:
                    failures[(name, suffix, version)] = found[:5]
        # The three serialisations say the same thing.
        assert isomorphic(graphs["ttl"], graphs["rdf"]), name
        assert isomorphic(graphs["ttl"], graphs["jsonld"]), name
    assert failures == {}


def test_the_national_catalogue_is_valid_in_every_serialisation(demo, client_without_login):
    published = sum(n for _name, _number, n in demo)
    url = reverse("datasets:dcat")
    failures = {}
    for suffix, media_type in MEDIA_TYPES.items():
        graph = parsed(client_without_login.get(url, headers={"Accept": media_type}), suffix)
        assert len(set(graph.subjects(RDF.type, DCAT.Catalog))) >= len(demo)
        assert len(set(graph.subjects(RDF.type, DCAT.Dataset))) == published
        for version, found in violations(graph).items():
            if found:
                failures[(suffix, version)] = found[:5]
    assert failures == {}


def test_vinje_has_a_draft_that_fails_validation_until_it_has_a_contact_point(demo, db):
    """The browser test's draft: DCAT-AP-NO 3.0 requires a contact point (2.2 only recommends one)."""
    from orden.datasets.validation import validate

    number, key = rd.INVALID_DRAFT
    vinje = Organization.objects.get(municipality_number=number)
    draft = Dataset.objects.get(organization=vinje, title_nb=rd.DATASETS[key]["title"][0])
    assert not draft.published and draft.contact_point is None
    found = validate(draft)
    violations = [(f.version, f.field) for fs in found.values() for f in fs if f.severity == "violation"]
    assert violations == [("3.0", "contact_point")]
    draft.contact_point = Contact.objects.get(organization=vinje, title=rd.DATA_CONTACTS["municipality"][3])
    draft.save()
    assert [f for fs in validate(draft).values() for f in fs if f.severity == "violation"] == []
