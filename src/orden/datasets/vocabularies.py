"""The controlled vocabularies Orden ships (``datasets/vocabularies/*.ttl``, built by ``vocabularies/build.py``).

They are read once per process. ``vocabulary_graph()`` holds the concept triples the DCAT-AP-NO shapes test
(types, ``skos:inScheme``, labels); validation merges it into the data graph, as Digdir's validator does.
The administrative units (for ``dct:spatial``) are kept apart: no shape tests them.
"""

import functools
from pathlib import Path

from rdflib import DCTERMS, RDF, SKOS, Graph, URIRef

FOLDER = Path(__file__).parent / "vocabularies"

# The files of concept schemes, in the order they are merged.
CONCEPT_FILES = (
    "data-themes.ttl",
    "access-rights.ttl",
    "frequencies.ttl",
    "file-types.ttl",
    "licences.ttl",
    "languages.ttl",
    "provenance.ttl",
    "los.ttl",
)
ADMINISTRATIVE_UNITS_FILE = "administrative-units.ttl"

EU = "http://publications.europa.eu/resource/authority/"
DATA_THEME_SCHEME = URIRef(EU + "data-theme")
ACCESS_RIGHT = EU + "access-right/"
LANGUAGE = EU + "language/"
LOS = "https://psi.norge.no/los/"
GEONORGE = "https://data.geonorge.no/administrativeEnheter/"
NORWAY = URIRef(GEONORGE + "nasjon/id/173163")
PROVENANCE = "http://data.brreg.no/datakatalog/provinens/"


def parse(name: str) -> Graph:
    return Graph().parse(FOLDER / name, format="turtle")


@functools.cache
def vocabulary_graph() -> Graph:
    """All shipped concept schemes in one graph (do not modify it: it is shared by the process)."""
    graph = Graph()
    for name in CONCEPT_FILES:
        for triple in parse(name):
            graph.add(triple)
    return graph


@functools.cache
def concept_index() -> dict[URIRef, tuple[tuple, ...]]:
    """For each concept (and scheme) IRI: its triples, to merge the ones a data graph refers to cheaply."""
    index: dict[URIRef, list] = {}
    for s, p, o in vocabulary_graph():
        index.setdefault(s, []).append((s, p, o))
    return {subject: tuple(triples) for subject, triples in index.items()}


@functools.cache
def concepts_in_scheme(scheme: str) -> frozenset[str]:
    """The IRIs (as strings) of the concepts in ``scheme``."""
    return frozenset(str(s) for s in vocabulary_graph().subjects(SKOS.inScheme, URIRef(scheme)))


@functools.cache
def los_concepts() -> frozenset[str]:
    """The Los themes and Kommune-Los words Orden ships: the Los IRIs a description may use as ``dcat:theme``."""
    return concepts_in_scheme(LOS + "ontologi/tema") | concepts_in_scheme(LOS + "ontologi/ord")


@functools.cache
def administrative_units() -> Graph:
    """Norway, its counties and municipalities (``dct:Location`` with ``dct:identifier`` = the number)."""
    return parse(ADMINISTRATIVE_UNITS_FILE)


@functools.cache
def _units_by_number() -> dict[tuple[str, str], str]:
    graph = administrative_units()
    units = {}
    for subject in graph.subjects(RDF.type, DCTERMS.Location):
        level = str(subject)[len(GEONORGE) :].split("/", 1)[0]  # "kommune", "fylke" or "nasjon"
        units[(level, str(graph.value(subject, DCTERMS.identifier)))] = str(subject)
    return units


def municipality_unit(number: str) -> str | None:
    """The administrative-unit IRI of a municipality by its kommunenummer (4 digits), or None."""
    return _units_by_number().get(("kommune", number))


def county_unit(number: str) -> str | None:
    """The administrative-unit IRI of a county by its fylkesnummer (2 digits), or None."""
    return _units_by_number().get(("fylke", number))


def unit_title(uri: str) -> str:
    """The name of an administrative unit ("" when it is not one Orden knows)."""
    title = administrative_units().value(URIRef(uri), DCTERMS.title)
    return str(title) if title is not None else ""


def spatial_unit(organization) -> str | None:
    """Where an organisation's data applies: its municipality, its county (counties), Norway otherwise."""
    number = organization.municipality_number or ""
    if organization.kind == "municipality" and number:
        return municipality_unit(number) or str(NORWAY)
    if organization.kind == "county" and number:
        return county_unit(number[:2]) or str(NORWAY)
    return str(NORWAY)


def labels(uri: str) -> dict[str, str]:
    """The prefLabels of a shipped concept by language (nb, nn, en; empty when unknown)."""
    return {
        label.language: str(label)
        for label in vocabulary_graph().objects(URIRef(uri), SKOS.prefLabel)
        if label.language in ("nb", "nn", "en")
    }
