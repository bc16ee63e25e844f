"""Validation of DCAT-AP-NO output against the official SHACL shapes, told in plain language.

Shapes (copies in ``vocabularies/``, parsed once per process):

* **2.2**: ``DCAT-AP-NO-shacl_shapes_2.00.ttl``, the published standard's shapes.
* **3.0**: the split set (core, range and vocabulary shapes, loaded together). The single file
  ``DCAT-AP-NO-shacl_shapes_3.ttl`` is not used: it allows only one ``dcat:theme`` per dataset
  (``sh:maxCount 1`` on a shape named "Min1MaxN") and only EU data themes, which rules out the Los themes
  DCAT-AP-NO asks Norwegian publishers to add; it also makes ``dct:temporal`` and an EU ``dct:spatial``
  mandatory although its own names and the specification say they are optional. The split set checks the same
  classes, cardinalities and vocabularies without those slips, and it accepts the Geonorge administrative units
  Orden uses for spatial coverage.

pySHACL runs with ``inference="none"``. The vocabulary triples of every concept the data refers to are merged
into the data graph first (``vocabularies.vocabulary_graph()``), as Digdir's validator loads the vocabularies.
"""

import functools
import hashlib
import re
import threading
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count, Max, Q
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _
from rdflib import DCAT, DCTERMS, FOAF, RDF, Graph, Namespace, URIRef

from . import rdf, vocabularies
from .models import DataService, Dataset
from .rdf import VCARD

SH = Namespace("http://www.w3.org/ns/shacl#")

VERSIONS = ("2.2", "3.0")
SHAPE_FILES = {
    "2.2": ("shapes-2.2.ttl",),
    "3.0": ("shapes-3.0-core.ttl", "shapes-3.0-range.ttl", "shapes-3.0-vocabulary.ttl"),
}
# Bump when the output or the messages change, so cached results are recomputed.
RULES_VERSION = 1
CACHE_SECONDS = 60 * 60 * 24

SEVERITIES = {SH.Violation: "violation", SH.Warning: "warning", SH.Info: "info"}
SEVERITY_ORDER = {"violation": 0, "warning": 1, "info": 2}

# The properties Orden writes: their name in findings and the field a user changes to fix them.
PROPERTIES = {
    DCTERMS.title: (_("title"), "title_nb"),
    DCTERMS.description: (_("description"), "description_nb"),
    DCAT.contactPoint: (_("contact point"), "contact_point"),
    DCAT.theme: (_("theme"), "themes"),
    DCTERMS.publisher: (_("publisher"), ""),
    DCTERMS.identifier: (_("identifier"), ""),
    DCTERMS.accessRights: (_("access rights"), "access_rights"),
    DCTERMS.accrualPeriodicity: (_("update frequency"), "frequency"),
    DCTERMS.spatial: (_("spatial coverage"), ""),
    DCTERMS.temporal: (_("temporal coverage"), "temporal_start"),
    DCTERMS.conformsTo: (_("conforms to"), "conforms_to"),
    DCTERMS.provenance: (_("provenance"), "provenance"),
    DCAT.landingPage: (_("web page"), "landing_page"),
    DCAT.keyword: (_("keywords"), "keywords"),
    DCAT.distribution: (_("distribution"), ""),
    DCAT.accessURL: (_("access address"), "access_url"),
    DCAT.downloadURL: (_("download address"), "download_url"),
    DCTERMS.format: (_("format"), "format"),
    DCTERMS.license: (_("licence"), "licence"),
    DCAT.endpointURL: (_("endpoint address"), "endpoint_url"),
    DCAT.endpointDescription: (_("endpoint description"), "endpoint_description"),
    DCAT.servesDataset: (_("datasets served"), "datasets"),
    DCTERMS.language: (_("language"), ""),
    VCARD.fn: (_("name"), "contact_point"),
    VCARD.hasEmail: (_("e-mail address"), "contact_point"),
    VCARD.hasURL: (_("contact page"), "contact_point"),
    FOAF.name: (_("name"), ""),
}
# The property whose value must come from a vocabulary, and what to say when it does not.
VOCABULARY_MESSAGES = {
    DCAT.theme: _("The theme is not from the EU data theme vocabulary"),
    DCTERMS.format: _("The format is not from the EU file-type vocabulary"),
    DCTERMS.license: _("The licence is not from the EU licence vocabulary"),
    DCTERMS.accrualPeriodicity: _("The update frequency is not from the EU frequency vocabulary"),
    DCTERMS.accessRights: _("The access rights are not from the EU access-rights vocabulary"),
    DCTERMS.language: _("The language is not from the EU language vocabulary"),
    DCTERMS.spatial: _("The spatial coverage is not from a recognised place vocabulary"),
    DCTERMS.provenance: _("The provenance is not from the provenance vocabulary"),
}
UNIQUE_LANGUAGE_MESSAGES = {
    DCTERMS.title: _("Only one title per language"),
    DCTERMS.description: _("Only one description per language"),
}
VOCABULARY_COMPONENTS = {
    SH.NodeConstraintComponent,
    SH.ClassConstraintComponent,
    SH.InConstraintComponent,
    SH.PatternConstraintComponent,
    SH.OrConstraintComponent,
    SH.QualifiedMinCountConstraintComponent,
}
ALTERNATIVE_PATH = SH.alternativePath


def _format(message, **params) -> str:
    return str(message) % {key: str(value) for key, value in params.items()}


format_lazy_message = lazy(_format, str)


@dataclass(frozen=True)
class Finding:
    """One result of the shapes, in plain language.

    ``message`` is a lazy translation: it renders in the active UI language wherever it is shown, so cached
    findings serve every language. ``kind``/``pk`` name the Orden row the finding is about (``dataset``,
    ``distribution``, ``data_service``, ``catalogue``), ``field`` the form field that fixes it, where known.
    """

    version: str
    severity: str  # "violation", "warning" or "info"
    focus: str  # the IRI of the node the finding is about
    path: str  # the property's IRI, "" for findings about the node itself
    message: str
    kind: str = ""
    pk: int | None = None
    field: str = ""

    def __str__(self):
        return str(self.message)


# --- shapes and the data graph ------------------------------------------------------------------------------


@functools.cache
def shapes_graph(version: str) -> Graph:
    graph = Graph()
    for name in SHAPE_FILES[version]:
        graph.parse(vocabularies.FOLDER / name, format="turtle")
    return graph


_locks = {version: threading.Lock() for version in VERSIONS}


def with_vocabularies(graph: Graph) -> Graph:
    """A copy of ``graph`` with the vocabulary triples of every concept (and scheme) it refers to."""
    index = vocabularies.concept_index()
    data = Graph()
    data.addN((s, p, o, data) for s, p, o in graph)
    referenced = {o for o in graph.objects() if isinstance(o, URIRef) and o in index}
    schemes = set()
    for concept in referenced:
        for triple in index[concept]:
            data.add(triple)
            if triple[1] == vocabularies.SKOS.inScheme:
                schemes.add(triple[2])
    for scheme in schemes - referenced:
        for triple in index.get(scheme, ()):
            data.add(triple)
    return data


class _ParameterList(list):
    """pySHACL's list of constraint parameters with a set lookup (it tests ``p in list`` per shape and node)."""

    def __init__(self, items):
        super().__init__(items)
        self._members = frozenset(items)

    def __contains__(self, item):
        return item in self._members


@functools.cache
def _speed_up_pyshacl():
    """Let pySHACL (0.40.1) look constraint parameters up in a set: about 40% less time on large catalogues.

    pySHACL caches the list in ``pyshacl.shape.CONSTRAINT_PARAMS`` on first use; Orden fills that cache itself with
    the same items. Nothing changes if the module does not look as expected.
    """
    import pyshacl.shape
    from pyshacl.constraints import ALL_CONSTRAINT_PARAMETERS, CONSTRAINT_PARAMETERS_MAP

    if getattr(pyshacl.shape, "CONSTRAINT_PARAMS", None) is None and isinstance(ALL_CONSTRAINT_PARAMETERS, list):
        pyshacl.shape.CONSTRAINT_PARAMS = (_ParameterList(ALL_CONSTRAINT_PARAMETERS), CONSTRAINT_PARAMETERS_MAP)


def _run(data: Graph, version: str) -> Graph:
    import pyshacl

    _speed_up_pyshacl()
    with _locks[version]:
        _conforms, report, _text = pyshacl.validate(
            data,
            shacl_graph=shapes_graph(version),
            inference="none",
            inplace=True,
            allow_warnings=True,
            allow_infos=True,
        )
    return report


# --- turning results into findings --------------------------------------------------------------------------

_OWN_IRI = re.compile(r"/dcat/(\d{9})(?:/(datasets|distributions|data-services)/(\d+))?(?:[#-]([a-z-]+))?$")
_KINDS = {"datasets": "dataset", "distributions": "distribution", "data-services": "data_service"}
_PART_FIELDS = {
    "contact-point": "contact_point",
    "temporal": "temporal_start",
    "legal-basis-for-restriction": "restriction_basis",
}


def _locate(focus: URIRef, data: Graph, index: dict) -> tuple[str, int | None, str]:
    """The Orden row (kind, pk) a node describes and the field that fixes it, where that can be told."""
    key = str(focus)
    if key in index:
        return index[key]
    match = _OWN_IRI.search(key) if key.startswith(rdf.base_url()) else None
    if match and match.group(2):
        return _KINDS[match.group(2)], int(match.group(3)), _PART_FIELDS.get(match.group(4) or "", "")
    if match:
        return "catalogue", None, ""
    for subject, predicate in sorted(data.subject_predicates(focus)):
        if str(subject) in index:
            kind, pk, _field = index[str(subject)]
            return kind, pk, PROPERTIES.get(predicate, ("", ""))[1]
    return "", None, ""


def _message(path, component, result_path):
    """The plain-language message for a result of ``component`` on ``path``."""
    name = PROPERTIES.get(path, (None,))[0]
    if name is None:  # a property Orden does not write: its local name; a result about the node itself
        name = str(path).rsplit("#", 1)[-1].rsplit("/", 1)[-1] if path is not None else _("the description")
    if (
        isinstance(result_path, URIRef) is False
        and result_path is not None
        and component == SH.MinCountConstraintComponent
    ):
        # sh:alternativePath (vcard:hasEmail | vcard:hasURL): the contact point needs a way to reach it.
        return _("The contact point needs an e-mail address")
    if component == SH.MinCountConstraintComponent:
        return format_lazy_message(_("Missing: %(property)s"), property=name)
    if component == SH.MaxCountConstraintComponent:
        return format_lazy_message(_("Only one %(property)s is allowed"), property=name)
    if component == SH.UniqueLangConstraintComponent:
        return UNIQUE_LANGUAGE_MESSAGES.get(path) or format_lazy_message(
            _("Only one %(property)s per language"), property=name
        )
    if path in VOCABULARY_MESSAGES and component in VOCABULARY_COMPONENTS:
        if path == DCAT.theme and component == SH.QualifiedMinCountConstraintComponent:
            return _("No theme is from the EU data theme vocabulary")
        return VOCABULARY_MESSAGES[path]
    if component == SH.QualifiedMinCountConstraintComponent:
        return format_lazy_message(_("%(property)s: the value is not from the expected vocabulary"), property=name)
    return format_lazy_message(_("Not valid: %(property)s"), property=name)


def _ignored(version: str, path, severity: str, value) -> bool:
    """Results that say nothing a user can act on.

    2.2 warns on every ``dct:spatial`` that is not an EU or GeoNames place, including the Norwegian
    administrative units (Geonorge) that DCAT-AP-NO recommends and the 3.0 shapes accept explicitly.
    """
    return (
        version == "2.2"
        and path == DCTERMS.spatial
        and severity == "warning"
        and str(value).startswith(vocabularies.GEONORGE)
    )


def findings(report: Graph, data: Graph, version: str, index: dict | None = None) -> list[Finding]:
    index = index or {}
    found = {}
    # Only the report's own results, not the sh:detail results nested in them.
    results = {
        r
        for report_node in report.subjects(RDF.type, SH.ValidationReport)
        for r in report.objects(report_node, SH.result)
    }
    for result in results:
        severity = SEVERITIES.get(report.value(result, SH.resultSeverity), "violation")
        focus = report.value(result, SH.focusNode)
        result_path = report.value(result, SH.resultPath)
        path = result_path if isinstance(result_path, URIRef) else None
        component = report.value(result, SH.sourceConstraintComponent)
        value = report.value(result, SH.value)
        if _ignored(version, path, severity, value):
            continue
        kind, pk, field = _locate(focus, data, index)
        if not field and path is not None:
            field = PROPERTIES.get(path, ("", ""))[1]
        message = _message(path, component, result_path)
        finding = Finding(version, severity, str(focus), str(path or ""), message, kind, pk, field)
        found[(severity, str(focus), str(path or ""), str(message))] = finding
    return sorted(
        found.values(),
        key=lambda f: (SEVERITY_ORDER[f.severity], f.kind, f.pk or 0, f.focus, f.path, _format(f.message)),
    )


def validate_graph(graph: Graph, version: str, index: dict | None = None) -> list[Finding]:
    """The findings of the ``version`` shapes ("2.2" or "3.0") on ``graph``, with the vocabularies merged in."""
    if version not in VERSIONS:
        raise ValueError(f"Unknown DCAT-AP-NO version: {version}")
    data = with_vocabularies(graph)
    report = _run(data, version)
    return findings(report, data, version, index)


# --- one row, cached ----------------------------------------------------------------------------------------


@functools.cache
def _files_digest() -> str:
    digest = hashlib.sha256(str(RULES_VERSION).encode())
    for name in sorted({n for names in SHAPE_FILES.values() for n in names} | set(vocabularies.CONCEPT_FILES)):
        digest.update((vocabularies.FOLDER / name).read_bytes())
    return digest.hexdigest()[:16]


def _state(obj) -> str:
    """What the row's findings depend on: its version, its distributions, contact point, services, organisation."""
    # ``updated`` beside the version: a save that was rolled back (history.save undoes a change that breaks a
    # published description) leaves a version number the next save takes again, with other content.
    parts = [type(obj).__name__, str(obj.pk), str(obj.version), str(obj.updated), str(obj.published)]
    if isinstance(obj, Dataset):
        # unscoped: the state of the row's own parts, for the cache key.
        state = Dataset.objects.filter(pk=obj.pk).aggregate(
            distribution_count=Count("distributions", distinct=True),
            distributions_updated=Max("distributions__updated"),
            services_updated=Max("services__updated"),
            contact_updated=Max("contact_point__updated"),
            organization_updated=Max("organization__updated"),
        )
    else:
        # unscoped: the state of the row's own parts, for the cache key.
        state = DataService.objects.filter(pk=obj.pk).aggregate(
            dataset_count=Count("datasets", distinct=True),
            datasets_updated=Max("datasets__updated", filter=Q(datasets__published=True)),
            contact_updated=Max("contact_point__updated"),
            organization_updated=Max("organization__updated"),
        )
    parts += [f"{key}={value}" for key, value in sorted(state.items())]
    parts.append(settings.ORDEN_BASE_URL)
    return hashlib.sha256("|".join(parts).encode()).hexdigest()[:24]


def _row_graph(obj):
    """The organisation's catalogue with this one row in it (draft or published), and its index."""
    org = obj.organization
    if isinstance(obj, Dataset):
        return rdf.build([org], published_only=False, dataset_filter=Q(pk=obj.pk), service_filter=Q(pk__in=[]))
    return rdf.build(
        [org],
        published_only=False,
        dataset_filter=Q(published=True, data_services=obj.pk),
        service_filter=Q(pk=obj.pk),
    )


def _own(finding: Finding, obj, distribution_ids: set[int]) -> bool:
    if isinstance(obj, Dataset):
        return (finding.kind == "dataset" and finding.pk == obj.pk) or (
            finding.kind == "distribution" and finding.pk in distribution_ids
        )
    return finding.kind == "data_service" and finding.pk == obj.pk


def validate(obj) -> dict[str, list[Finding]]:
    """The findings of both versions for a dataset or data service, as if its catalogue held it (cached)."""
    if not isinstance(obj, (Dataset, DataService)):
        raise TypeError(f"Only datasets and data services are validated, not {type(obj).__name__}")
    key = f"datasets:validation:{_files_digest()}:{_state(obj)}"
    result = cache.get(key)
    if result is not None:
        return result
    graph, index = _row_graph(obj)
    distribution_ids = {pk for kind, pk, _field in index.values() if kind == "distribution"}
    result = {
        version: [f for f in validate_graph(graph, version, index) if _own(f, obj, distribution_ids)]
        for version in VERSIONS
    }
    cache.set(key, result, CACHE_SECONDS)
    return result


def blocking(findings) -> list[Finding]:
    """The violations, of 2.2 and of 3.0: they stop publication, so that every published catalogue passes both
    (the national catalogue harvests 2.2 and is moving to 3.0). Takes a list of findings or ``validate()``'s
    dict."""
    if isinstance(findings, dict):
        findings = [f for version_findings in findings.values() for f in version_findings]
    return [f for f in findings if f.severity == "violation"]
