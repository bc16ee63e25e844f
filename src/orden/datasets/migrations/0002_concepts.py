"""Load the concepts of the shipped vocabularies (datasets/vocabularies/*.ttl) as Concept rows."""

from pathlib import Path

from django.db import migrations

VOCABULARIES = Path(__file__).resolve().parents[1] / "vocabularies"
SKOS = "http://www.w3.org/2004/02/skos/core#"
LOS = "https://psi.norge.no/los/"

# scheme: (file, IRI of the concept scheme(s) whose concepts become rows)
SCHEMES = {
    "data_theme": ("data-themes.ttl", ["http://publications.europa.eu/resource/authority/data-theme"]),
    "los_theme": ("los.ttl", [LOS + "ontologi/tema", LOS + "ontologi/ord"]),
    "frequency": ("frequencies.ttl", ["http://publications.europa.eu/resource/authority/frequency"]),
    "file_type": ("file-types.ttl", ["http://publications.europa.eu/resource/authority/file-type"]),
    "licence": ("licences.ttl", ["http://publications.europa.eu/resource/authority/licence"]),
}


def concept_rows():
    """(scheme, uri, code, label_nb, label_nn, label_en) for every concept, in a stable order."""
    from rdflib import Graph, URIRef

    in_scheme, pref_label = URIRef(SKOS + "inScheme"), URIRef(SKOS + "prefLabel")
    for scheme, (filename, scheme_uris) in SCHEMES.items():
        graph = Graph().parse(VOCABULARIES / filename, format="turtle")
        for scheme_uri in scheme_uris:
            for subject in sorted(graph.subjects(in_scheme, URIRef(scheme_uri))):
                uri = str(subject)
                code = uri[len(LOS) :] if uri.startswith(LOS) else uri.rsplit("/", 1)[-1]
                labels = {label.language: str(label) for label in graph.objects(subject, pref_label)}
                nb = labels.get("nb") or labels.get("en") or code
                yield scheme, uri, code, nb, labels.get("nn") or nb, labels.get("en") or nb


def load(apps, schema_editor):
    Concept = apps.get_model("datasets", "Concept")
    existing = set(Concept.objects.values_list("uri", flat=True))
    Concept.objects.bulk_create(
        [
            Concept(scheme=scheme, uri=uri, code=code, label_nb=nb, label_nn=nn, label_en=en)
            for scheme, uri, code, nb, nn, en in concept_rows()
            if uri not in existing
        ],
        batch_size=500,
    )


def unload(apps, schema_editor):
    Concept = apps.get_model("datasets", "Concept")
    Concept.objects.filter(uri__in=[row[1] for row in concept_rows()]).delete()


class Migration(migrations.Migration):
    dependencies = [("datasets", "0001_initial")]

    operations = [migrations.RunPython(load, unload)]
