"""Build the small vocabulary files Orden ships (the Turtle files next to this script).

DCAT-AP-NO descriptions name concepts of official vocabularies by URI, and the SHACL shapes check
``skos:inScheme`` (and, in 3.0, ``rdf:type skos:Concept``) on the referenced concept. The validator therefore
needs the concept triples beside the catalogue. This script extracts only what Orden needs (types, schemes and
labels) from the copies in ``shared/standards`` and the municipality list in ``shared/data/kommuner`` and
writes one Turtle file per vocabulary. See README.md for the sources and their licences.

Run by hand from the repository root, as a script (it imports nothing from Orden; ``orden.datasets.vocabularies``
is the module that reads the files):

    .venv/bin/python src/orden/datasets/vocabularies/build.py /work/shared

The app reads the committed Turtle files (``orden.datasets.vocabularies``); it never reads ``shared``.
"""

import csv
import shutil
import sys
from pathlib import Path

from rdflib import DCTERMS, RDF, SKOS, Graph, Literal, Namespace, URIRef

OUT = Path(__file__).parent

EU = "http://publications.europa.eu/resource/authority/"
LOS = "https://psi.norge.no/los/"
GEONORGE = "https://data.geonorge.no/administrativeEnheter/"
NORWAY = URIRef(GEONORGE + "nasjon/id/173163")
PROVENANCE_SCHEME = URIRef("http://data.brreg.no/datakatalog/provinens")
LANGUAGES = ("nb", "nn", "en")

# Norwegian labels Orden adds where the source has English only (access rights) or one Norwegian label (licences).
ACCESS_RIGHT_LABELS = {
    "PUBLIC": ("Allmenn tilgang", "Allmenn tilgang", "Public"),
    "RESTRICTED": ("Begrenset tilgang", "Avgrensa tilgang", "Restricted"),
    "NON_PUBLIC": ("Ikke-allmenn tilgang", "Ikkje-allmenn tilgang", "Non-public"),
}
LICENCE_LABELS = {
    "CC_BY_4_0": (
        "Creative Commons Navngivelse 4.0 Internasjonal",
        "Creative Commons Namngjeving 4.0 Internasjonal",
        "Creative Commons Attribution 4.0 International",
    ),
    "CC0": (
        "Creative Commons Universal Fristatus-erklæring",
        "Creative Commons Universell fristatuserklæring",
        "Creative Commons Universal Public Domain Dedication",
    ),
    "NLOD_2_0": (
        "Norsk lisens for offentlige data (NLOD) 2.0",
        "Norsk lisens for offentlege data (NLOD) 2.0",
        "Norwegian Licence for Open Government Data (NLOD) 2.0",
    ),
}
# The EU file-type table has no labels; Orden labels the file types municipalities commonly publish.
FILE_TYPE_LABELS = {
    "CSV": ("CSV", "CSV", "CSV"),
    "TSV": ("TSV", "TSV", "TSV"),
    "JSON": ("JSON", "JSON", "JSON"),
    "GEOJSON": ("GeoJSON", "GeoJSON", "GeoJSON"),
    "JSON_LD": ("JSON-LD", "JSON-LD", "JSON-LD"),
    "XML": ("XML", "XML", "XML"),
    "PDF": ("PDF", "PDF", "PDF"),
    "HTML": ("HTML (nettside)", "HTML (nettside)", "HTML (web page)"),
    "TXT": ("Tekst", "Tekst", "Text"),
    "XLSX": ("Excel (XLSX)", "Excel (XLSX)", "Excel (XLSX)"),
    "XLS": ("Excel (XLS)", "Excel (XLS)", "Excel (XLS)"),
    "ODS": ("OpenDocument-regneark (ODS)", "OpenDocument-rekneark (ODS)", "OpenDocument spreadsheet (ODS)"),
    "DOCX": ("Word (DOCX)", "Word (DOCX)", "Word (DOCX)"),
    "ODT": ("OpenDocument-tekst (ODT)", "OpenDocument-tekst (ODT)", "OpenDocument text (ODT)"),
    "ZIP": ("ZIP", "ZIP", "ZIP"),
    "RDF_TURTLE": ("RDF Turtle", "RDF Turtle", "RDF Turtle"),
    "RDF_XML": ("RDF/XML", "RDF/XML", "RDF/XML"),
    "SHP": ("Shape (SHP)", "Shape (SHP)", "Shapefile (SHP)"),
    "GML": ("GML", "GML", "GML"),
    "GPKG": ("GeoPackage", "GeoPackage", "GeoPackage"),
    "KML": ("KML", "KML", "KML"),
    "GEOTIFF": ("GeoTIFF", "GeoTIFF", "GeoTIFF"),
    "JPEG": ("JPEG-bilde", "JPEG-bilete", "JPEG image"),
    "PNG": ("PNG-bilde", "PNG-bilete", "PNG image"),
    "SQL": ("SQL", "SQL", "SQL"),
    "YAML": ("YAML", "YAML", "YAML"),
    "ATOM": ("Atom-strøm", "Atom-straum", "Atom feed"),
    "RSS": ("RSS-strøm", "RSS-straum", "RSS feed"),
    "ICS": ("Kalender (ICS)", "Kalender (ICS)", "Calendar (ICS)"),
    "REST": ("REST-API", "REST-API", "REST API"),
    "WMS_SRVC": ("WMS-tjeneste", "WMS-teneste", "WMS service"),
    "WFS_SRVC": ("WFS-tjeneste", "WFS-teneste", "WFS service"),
    "GTFS": ("GTFS", "GTFS", "GTFS"),
    "NETCDF": ("NetCDF", "NetCDF", "NetCDF"),
}
SCHEME_LABELS = {
    EU + "data-theme": ("EUs datatemaer", "EU sine datatema", "EU data themes"),
    EU + "access-right": ("Tilgangsnivå", "Tilgangsnivå", "Access rights"),
    EU + "frequency": ("Oppdateringsfrekvens", "Oppdateringsfrekvens", "Frequency"),
    EU + "file-type": ("Filtyper", "Filtypar", "File types"),
    EU + "licence": ("Lisenser", "Lisensar", "Licences"),
    EU + "language": ("Språk", "Språk", "Languages"),
    str(PROVENANCE_SCHEME): ("Opphav", "Opphav", "Provenance"),
    LOS + "ontologi/tema": ("Los-tema", "Los-tema", "Los themes"),
    LOS + "ontologi/ord": ("Los-ord", "Los-ord", "Los words"),
}

EUVOC = Namespace("http://publications.europa.eu/ontology/euvoc#")
DC = Namespace("http://purl.org/dc/elements/1.1/")


def new_graph() -> Graph:
    graph = Graph()
    graph.bind("skos", SKOS)
    graph.bind("dct", DCTERMS)
    return graph


def add_scheme(graph: Graph, scheme: str) -> URIRef:
    ref = URIRef(scheme)
    graph.add((ref, RDF.type, SKOS.ConceptScheme))
    for language, label in zip(LANGUAGES, SCHEME_LABELS[scheme], strict=True):
        graph.add((ref, SKOS.prefLabel, Literal(label, lang=language)))
    return ref


def add_concept(graph: Graph, uri, scheme: URIRef, labels) -> URIRef:
    ref = URIRef(uri)
    graph.add((ref, RDF.type, SKOS.Concept))
    graph.add((ref, SKOS.inScheme, scheme))
    for language, label in labels:
        if label:
            graph.add((ref, SKOS.prefLabel, Literal(label, lang=language)))
    return ref


def source_labels(source: Graph, subject) -> list[tuple[str, str]]:
    """The nb, nn and en labels of a concept (``no`` stands in for nb and nn where those are missing)."""
    found = {label.language: str(label) for label in source.objects(subject, SKOS.prefLabel)}
    found.setdefault("nb", found.get("no", ""))
    found.setdefault("nn", found.get("no", "") or found.get("nb", ""))
    return [(language, found.get(language, "")) for language in LANGUAGES]


def copy_scheme(source: Graph, scheme: str, codes=None, labels=None) -> Graph:
    """The concepts of ``scheme`` in ``source`` (only ``codes`` if given), typed, with the scheme and labels."""
    graph = new_graph()
    ref = add_scheme(graph, scheme)
    for subject in sorted(set(source.subjects(SKOS.inScheme, URIRef(scheme)))):
        code = str(subject).rsplit("/", 1)[-1]
        if codes is not None and code not in codes:
            continue
        own = labels.get(code) if labels else None
        add_concept(graph, subject, ref, zip(LANGUAGES, own, strict=True) if own else source_labels(source, subject))
    return graph


def build_file_types(reference: Path) -> Graph:
    source = Graph().parse(reference / "filetypes-sparql-result.ttl")
    graph = new_graph()
    ref = add_scheme(graph, EU + "file-type")
    for subject in sorted(set(source.subjects(RDF.type, EUVOC.FileType))):
        code = str(subject).rsplit("/", 1)[-1]
        add_concept(graph, subject, ref, zip(LANGUAGES, FILE_TYPE_LABELS.get(code, ("", "", "")), strict=True))
    return graph


def build_provenance(reference: Path) -> Graph:
    source = Graph().parse(reference / "provenance.ttl")
    graph = new_graph()
    ref = add_scheme(graph, str(PROVENANCE_SCHEME))
    for subject in sorted(set(source.subjects(SKOS.inScheme, PROVENANCE_SCHEME))):
        add_concept(graph, subject, ref, source_labels(source, subject))
    return graph


def build_los(los_file: Path) -> Graph:
    """The 92 Los themes and the 229 Kommune-Los words (the common services), with their place in the tree."""
    source = Graph().parse(los_file)
    members = set(source.objects(URIRef(LOS + "samling/kommune-los"), SKOS.member))
    graph = new_graph()
    theme_scheme = add_scheme(graph, LOS + "ontologi/tema")
    word_scheme = add_scheme(graph, LOS + "ontologi/ord")
    themes = sorted(s for s in source.subjects(SKOS.inScheme, theme_scheme))
    for subject in themes + sorted(members):
        scheme = theme_scheme if subject in themes else word_scheme
        labels = source_labels(source, subject)
        # Los has the placeholder "*" where an English label is missing: use the bokmål label.
        labels = [(lang, labels[0][1] if label == "*" else label) for lang, label in labels]
        add_concept(graph, subject, scheme, labels)
        for broader in sorted(source.objects(subject, SKOS.broader)):
            if broader in themes:
                graph.add((subject, SKOS.broader, broader))
    return graph


def build_administrative_units(kommuner_csv: Path) -> Graph:
    """Norway, its counties and municipalities as Geonorge administrative units, keyed by their number.

    The URIs follow FDK's reference data (fdk-reference-data, ``KommuneHarvester``/``FylkeHarvester``):
    ``…/kommune/id/<kommunenummer>``, ``…/fylke/id/<fylkesnummer>``, and Norway ``…/nasjon/id/173163``; the
    number is the ``dct:identifier``.
    """
    graph = new_graph()
    graph.add((NORWAY, RDF.type, DCTERMS.Location))
    graph.add((NORWAY, DCTERMS.identifier, Literal("173163")))
    graph.add((NORWAY, DCTERMS.title, Literal("Norge")))
    counties = {}
    with kommuner_csv.open(encoding="utf-8") as rows:
        for row in csv.DictReader(rows):
            counties[row["fylkesnummer"]] = row["fylkesnavn"]
            ref = URIRef(GEONORGE + "kommune/id/" + row["kommunenummer"])
            graph.add((ref, RDF.type, DCTERMS.Location))
            graph.add((ref, DCTERMS.identifier, Literal(row["kommunenummer"])))
            graph.add((ref, DCTERMS.title, Literal(row["kommunenavn_norsk"])))
    for number, name in counties.items():
        ref = URIRef(GEONORGE + "fylke/id/" + number)
        graph.add((ref, RDF.type, DCTERMS.Location))
        graph.add((ref, DCTERMS.identifier, Literal(number)))
        graph.add((ref, DCTERMS.title, Literal(name)))
    return graph


def build(shared: Path) -> dict[str, Graph]:
    reference = shared / "standards" / "reference"
    return {
        "data-themes.ttl": copy_scheme(Graph().parse(reference / "data-theme-sparql-result.ttl"), EU + "data-theme"),
        "access-rights.ttl": copy_scheme(
            Graph().parse(reference / "access-right-sparql-result.ttl"),
            EU + "access-right",
            codes=set(ACCESS_RIGHT_LABELS),
            labels=ACCESS_RIGHT_LABELS,
        ),
        "frequencies.ttl": copy_scheme(Graph().parse(reference / "frequencies-sparql-result.ttl"), EU + "frequency"),
        "file-types.ttl": build_file_types(reference),
        "licences.ttl": copy_scheme(
            Graph().parse(reference / "eu-licences.ttl"), EU + "licence", labels=LICENCE_LABELS
        ),
        "languages.ttl": copy_scheme(Graph().parse(reference / "languages.ttl"), EU + "language"),
        "provenance.ttl": build_provenance(reference),
        "los.ttl": build_los(shared / "standards" / "los" / "all.rdf"),
        "administrative-units.ttl": build_administrative_units(shared / "data" / "kommuner" / "kommuner.csv"),
    }


# The official shapes Orden validates with, copied unchanged: 2.2, and the 3.0 split set (core, range, vocabulary).
SHAPES = {
    "shapes-2.2.ttl": "dcat-ap-no/DCAT-AP-NO-shacl_shapes_2.00.ttl",
    "shapes-3.0-core.ttl": "dcat-ap-no/v3/dcatapno3-core-shapes.ttl",
    "shapes-3.0-range.ttl": "dcat-ap-no/v3/dcatapno3-range-shapes.ttl",
    "shapes-3.0-vocabulary.ttl": "dcat-ap-no/v3/dcatapno3-vocabulary-shapes.ttl",
}


def main(argv: list[str]) -> None:
    shared = Path(argv[1] if len(argv) > 1 else "/work/shared")
    for name, source in SHAPES.items():
        shutil.copyfile(shared / "standards" / source, OUT / name)
        print(f"{name}: copied from {source}")
    for name, graph in build(shared).items():
        (OUT / name).write_bytes(graph.serialize(format="turtle", encoding="utf-8"))
        print(f"{name}: {len(graph)} triples")


if __name__ == "__main__":
    main(sys.argv)
