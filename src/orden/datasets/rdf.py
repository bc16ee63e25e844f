"""DCAT-AP-NO output: the organisations' catalogues as RDF, valid against the 2.2 and the 3.0 shapes.

One builder makes every graph (a catalogue, the national document, one resource, a draft for validation) with
a constant number of queries, and adds the triples in one pass, in a canonical order. Only what DCAT-AP-NO
describes is published: the personal-data flag and its reason, owners, systems, the names of services, a
contact's notes, employer and title, and everything about unpublished rows stay in Orden.

IRIs: Orden's own are ``{ORDEN_BASE_URL}/dcat/<orgnr>[/datasets|distributions|data-services/<pk>]`` unless the
row keeps the IRI it was imported with (``uri``). Nodes that belong to one resource (its contact point, its
period, its legal basis) get IRIs made from the resource's IRI (``…#contact-point``), never blank nodes: the
national harvester keys on IRIs, blank-node labels differ from run to run, and a round trip through the
importer stays isomorphic.
"""

import json
import re
from urllib.parse import quote
from xml.sax.saxutils import escape, quoteattr

from django.conf import settings
from django.db.models import Q
from rdflib import DCAT, DCTERMS, FOAF, RDF, SKOS, XSD, Graph, Literal, Namespace, URIRef

from . import vocabularies
from .models import AccessRights, DataService, Dataset, Distribution

DCATNO = Namespace("https://data.norge.no/vocabulary/dcatno#")
VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
PREFIXES = (
    ("dcat", DCAT),
    ("dct", DCTERMS),
    ("dcatno", DCATNO),
    ("foaf", FOAF),
    ("rdf", RDF),
    ("skos", SKOS),
    ("vcard", VCARD),
    ("xsd", XSD),
)

# suffix: (rdflib format, media type)
FORMATS = {
    "ttl": ("turtle", "text/turtle"),
    "rdf": ("xml", "application/rdf+xml"),
    "jsonld": ("json-ld", "application/ld+json"),
}

ACCESS_RIGHTS = {
    AccessRights.PUBLIC: URIRef(vocabularies.ACCESS_RIGHT + "PUBLIC"),
    AccessRights.RESTRICTED: URIRef(vocabularies.ACCESS_RIGHT + "RESTRICTED"),
    AccessRights.NON_PUBLIC: URIRef(vocabularies.ACCESS_RIGHT + "NON_PUBLIC"),
}
LANGUAGE_CONCEPTS = {
    "nb": URIRef(vocabularies.LANGUAGE + "NOB"),
    "nn": URIRef(vocabularies.LANGUAGE + "NNO"),
    "en": URIRef(vocabularies.LANGUAGE + "ENG"),
}
LANGUAGES = ("nb", "nn", "en")
BRREG = "https://data.brreg.no/enhetsregisteret/api/enheter/"

# The catalogue's own title and description (content, not UI text: the same in every request).
CATALOGUE_TITLE = {"nb": "Datakatalog for {}", "nn": "Datakatalog for {}", "en": "Data catalogue of {}"}
CATALOGUE_DESCRIPTION = {
    "nb": "Datasett og datatjenester fra {}.",
    "nn": "Datasett og datatenester frå {}.",
    "en": "Datasets and data services from {}.",
}

_UNSAFE_IRI = re.compile(r'[\x00-\x20<>"{}|\\^`]')
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_NOT_PHONE = re.compile(r"[^\d+]")


# --- IRIs ---------------------------------------------------------------------------------------------------


def base_url() -> str:
    return settings.ORDEN_BASE_URL.rstrip("/")


def catalogue_uri(org) -> str:
    return f"{base_url()}/dcat/{org.organization_number}"


def dataset_uri(ds) -> str:
    return ds.uri or f"{catalogue_uri(ds.organization)}/datasets/{ds.pk}"


def distribution_uri(dist) -> str:
    return dist.uri or f"{catalogue_uri(dist.organization)}/distributions/{dist.pk}"


def data_service_uri(svc) -> str:
    return svc.uri or f"{catalogue_uri(svc.organization)}/data-services/{svc.pk}"


def publisher_uri(org) -> str:
    return f"{BRREG}{org.organization_number}"


def part_uri(uri: str, name: str) -> str:
    """The IRI of a node that belongs to one resource (its contact point, period, legal basis)."""
    return f"{uri}-{name}" if "#" in uri else f"{uri}#{name}"


def iri(value: str) -> URIRef:
    """A web address as an IRI; characters an IRI may not hold (spaces, quotes) are percent-encoded."""
    value = value.strip()
    if _UNSAFE_IRI.search(value):
        value = quote(value, safe="!#$%&'()*+,/:;=?@[]~")
    return URIRef(value)


def text(value: str, language: str | None = None) -> Literal:
    """A literal without the control characters XML cannot carry."""
    if _CONTROL.search(value):
        value = _CONTROL.sub("", value)
    return Literal(value, lang=language)


def new_graph() -> Graph:
    graph = Graph(bind_namespaces="none")
    for prefix, namespace in PREFIXES:
        graph.bind(prefix, namespace)
    return graph


class DescriptionGraph(Graph):
    """The graph the builder makes: an ordinary rdflib Graph whose store is filled on first use.

    Adding 200,000 triples to rdflib's memory store costs more than building and writing them, and the public
    endpoints only write the graph. So the triples wait in a list; Orden's writers read the list, and any other
    use of the graph (every rdflib method goes through its store) first moves them into the store. After that
    the graph is like any other and the writers read the store.
    """

    def __init__(self, triples: list):
        self.__dict__["_pending"] = None
        super().__init__(bind_namespaces="none")
        for prefix, namespace in PREFIXES:
            self.bind(prefix, namespace)
        self.__dict__["_pending"] = triples

    # rdflib's Graph keeps its store in the private attribute ``__store`` (``_Graph__store``).
    @property
    def _Graph__store(self):
        store = self.__dict__["_orden_store"]
        pending = self.__dict__["_pending"]
        if pending is not None:
            self.__dict__["_pending"] = None
            store.addN((s, p, o, self) for s, p, o in pending)
        return store

    @_Graph__store.setter
    def _Graph__store(self, store):
        self.__dict__["_orden_store"] = store

    def pending(self) -> list | None:
        """The triples not yet in the store (None once the graph has been used as an rdflib Graph)."""
        return self.__dict__["_pending"]


def _triples(graph: Graph):
    pending = graph.pending() if isinstance(graph, DescriptionGraph) else None
    return dict.fromkeys(pending) if pending is not None else graph


def _prefixes(graph: Graph) -> list[tuple[str, str]]:
    """(namespace, prefix), longest namespace first, without the XML ones."""
    if isinstance(graph, DescriptionGraph) and graph.pending() is not None:
        pairs = [(prefix, str(namespace)) for prefix, namespace in PREFIXES]
    else:
        pairs = [(prefix, str(namespace)) for prefix, namespace in graph.namespace_manager.namespaces()]
    return sorted(((ns, prefix) for prefix, ns in pairs if prefix not in ("", "xml", "xmlns")), reverse=True)


# --- the builder --------------------------------------------------------------------------------------------

# Terms as constants: attribute access on rdflib's namespace classes is slow, and the builder adds ~40 per dataset.
TYPE = RDF.type
CATALOG, DATASET, DISTRIBUTION, DATA_SERVICE = DCAT.Catalog, DCAT.Dataset, DCAT.Distribution, DCAT.DataService
TITLE, DESCRIPTION, IDENTIFIER, PUBLISHER = DCTERMS.title, DCTERMS.description, DCTERMS.identifier, DCTERMS.publisher
THEME, KEYWORD, CONTACT_POINT, LANDING_PAGE = DCAT.theme, DCAT.keyword, DCAT.contactPoint, DCAT.landingPage
ACCESS_RIGHTS_P, PERIODICITY, SPATIAL, TEMPORAL = (
    DCTERMS.accessRights,
    DCTERMS.accrualPeriodicity,
    DCTERMS.spatial,
    DCTERMS.temporal,
)
CONFORMS_TO, PROVENANCE_P, LICENSE, FORMAT = DCTERMS.conformsTo, DCTERMS.provenance, DCTERMS.license, DCTERMS.format
DISTRIBUTION_P, ACCESS_URL, DOWNLOAD_URL = DCAT.distribution, DCAT.accessURL, DCAT.downloadURL
ENDPOINT_URL, ENDPOINT_DESCRIPTION, SERVES_DATASET = DCAT.endpointURL, DCAT.endpointDescription, DCAT.servesDataset
START_DATE, END_DATE, PERIOD_OF_TIME = DCAT.startDate, DCAT.endDate, DCTERMS.PeriodOfTime
AGENT, NAME = FOAF.Agent, FOAF.name
KIND_ORGANIZATION, FN, HAS_EMAIL, HAS_TELEPHONE, HAS_URL = (
    VCARD.Organization,
    VCARD.fn,
    VCARD.hasEmail,
    VCARD.hasTelephone,
    VCARD.hasURL,
)
LEGAL_BASIS = DCATNO.legalBasisForRestriction
CONCEPT, RIGHTS_STATEMENT, PREF_LABEL, SOURCE = SKOS.Concept, DCTERMS.RightsStatement, SKOS.prefLabel, DCTERMS.source
DATE = XSD.date

DESCRIBED = tuple((language, f"title_{language}", f"description_{language}") for language in LANGUAGES)
CONTACT_FIELDS = ("contact_point_id", "contact_point__name", "contact_point__email", "contact_point__phone")
DATASET_FIELDS = (
    ("id", "organization_id", "uri", "keywords", "access_rights", "restriction_basis", "restriction_basis_url")
    + ("frequency__uri", "temporal_start", "temporal_end", "conforms_to", "provenance", "landing_page")
    + tuple(field for _language, title, description in DESCRIBED for field in (title, description))
    + CONTACT_FIELDS
)
DISTRIBUTION_FIELDS = ("id", "dataset_id", "uri", "title_nb", "description_nb", "access_url", "download_url")
DISTRIBUTION_FIELDS += ("format__uri", "licence__uri")
SERVICE_FIELDS = ("id", "organization_id", "uri", "endpoint_url", "endpoint_description", "licence__uri")
SERVICE_FIELDS += ("access_rights", "landing_page")
SERVICE_FIELDS += tuple(field for _language, title, description in DESCRIBED for field in (title, description))
SERVICE_FIELDS += CONTACT_FIELDS


class Builder:
    """Collects the triples of one graph and remembers which Orden row each node describes (for findings).

    Rows come as dicts (``values()``): no model instances, so 5,000 datasets cost a few queries and little else.
    """

    def __init__(self):
        self.triples: list[tuple] = []
        self.add = self.triples.append
        self.index: dict[str, tuple[str, int | None, str]] = {}  # IRI -> (kind, pk, field)
        self.agents: set[str] = set()
        self.provenances: set[str] = set()
        self.standards: set[str] = set()
        self.los = vocabularies.los_concepts()
        self.catalogues: dict[int, str] = {}

    def catalogue_of(self, org) -> str:
        uri = self.catalogues.get(org.pk)
        if uri is None:
            uri = self.catalogues[org.pk] = catalogue_uri(org)
        return uri

    def described(self, subject: URIRef, row: dict, languages: set[str]):
        """dct:title and dct:description, one per language, with language tags."""
        add = self.add
        for language, title_field, description_field in DESCRIBED:
            title = row[title_field].strip()
            if title:
                add((subject, TITLE, text(title, language)))
                languages.add(language)
            description = row[description_field].strip()
            if description:
                add((subject, DESCRIPTION, text(description, language)))
                languages.add(language)

    def publisher(self, subject: URIRef, org):
        agent = publisher_uri(org)
        self.add((subject, PUBLISHER, URIRef(agent)))
        if agent not in self.agents:
            self.agents.add(agent)
            ref = URIRef(agent)
            self.add((ref, TYPE, AGENT))
            self.add((ref, NAME, text(org.name, "nb")))
            self.add((ref, IDENTIFIER, Literal(org.organization_number)))
            self.index.setdefault(agent, ("catalogue", org.pk, ""))

    def contact_point(self, subject: URIRef, uri: str, row: dict, kind: str):
        """Only the contact's name, e-mail address and phone are published."""
        if row["contact_point_id"] is None:
            return
        add = self.add
        node_uri = part_uri(uri, "contact-point")
        node = URIRef(node_uri)
        add((subject, CONTACT_POINT, node))
        add((node, TYPE, KIND_ORGANIZATION))
        add((node, FN, text(row["contact_point__name"])))
        if row["contact_point__email"]:
            add((node, HAS_EMAIL, iri(f"mailto:{row['contact_point__email']}")))
        phone = _NOT_PHONE.sub("", row["contact_point__phone"] or "")
        if phone:
            add((node, HAS_TELEPHONE, URIRef(f"tel:{phone}")))
        self.index[node_uri] = (kind, row["id"], "contact_point")

    # rows
    def catalogue(self, org, dataset_uris: list[str], service_uris: list[str], languages: set[str]):
        add = self.add
        uri = catalogue_uri(org)
        ref = URIRef(uri)
        self.index[uri] = ("catalogue", org.pk, "")
        add((ref, TYPE, CATALOG))
        add((ref, IDENTIFIER, Literal(uri)))
        for language in LANGUAGES:
            add((ref, TITLE, text(CATALOGUE_TITLE[language].format(org.name), language)))
            add((ref, DESCRIPTION, text(CATALOGUE_DESCRIPTION[language].format(org.name), language)))
        self.publisher(ref, org)
        for language in LANGUAGES:
            if language == "nb" or language in languages:
                add((ref, DCTERMS.language, LANGUAGE_CONCEPTS[language]))
        node_uri = part_uri(uri, "contact-point")
        node = URIRef(node_uri)
        add((ref, CONTACT_POINT, node))
        add((node, TYPE, KIND_ORGANIZATION))
        add((node, FN, text(org.name)))
        add((node, HAS_URL, iri(org.website or uri)))
        self.index[node_uri] = ("catalogue", org.pk, "")
        if org.website:
            add((ref, FOAF.homepage, iri(org.website)))
        for dataset in dataset_uris:
            add((ref, DCAT.dataset, URIRef(dataset)))
        for service in service_uris:
            add((ref, DCAT.service, URIRef(service)))

    def dataset(self, row: dict, org, spatial, themes, distributions, languages: set[str]) -> str:
        add = self.add
        pk = row["id"]
        uri = row["uri"] or f"{self.catalogue_of(org)}/datasets/{pk}"
        ref = URIRef(uri)
        self.index[uri] = ("dataset", pk, "")
        add((ref, TYPE, DATASET))
        add((ref, IDENTIFIER, Literal(uri)))
        self.described(ref, row, languages)
        self.publisher(ref, org)
        for theme in sorted(themes):
            add((ref, THEME, URIRef(theme)))
        for keyword in sorted({word.strip() for word in row["keywords"].split(",") if word.strip()}):
            add((ref, KEYWORD, text(keyword, "nb")))
        self.contact_point(ref, uri, row, "dataset")
        access_rights = row["access_rights"]
        add((ref, ACCESS_RIGHTS_P, ACCESS_RIGHTS[access_rights]))
        basis, basis_url = row["restriction_basis"].strip(), row["restriction_basis_url"].strip()
        if access_rights != AccessRights.PUBLIC and (basis or basis_url):
            # DCAT-AP-NO's form (as FDK reads it): a skos:Concept / dct:RightsStatement with a label and a source.
            node_uri = part_uri(uri, "legal-basis-for-restriction")
            node = URIRef(node_uri)
            add((ref, LEGAL_BASIS, node))
            add((node, TYPE, CONCEPT))
            add((node, TYPE, RIGHTS_STATEMENT))
            add((node, PREF_LABEL, text(basis or basis_url, "nb")))
            if basis_url:
                add((node, SOURCE, Literal(basis_url)))
            self.index[node_uri] = ("dataset", pk, "restriction_basis")
        if row["frequency__uri"]:
            add((ref, PERIODICITY, URIRef(row["frequency__uri"])))
        if spatial is not None:
            add((ref, SPATIAL, spatial))
        start, end = row["temporal_start"], row["temporal_end"]
        if start or end:
            node_uri = part_uri(uri, "temporal")
            node = URIRef(node_uri)
            add((ref, TEMPORAL, node))
            add((node, TYPE, PERIOD_OF_TIME))
            if start:
                add((node, START_DATE, Literal(start, datatype=DATE)))
            if end:
                add((node, END_DATE, Literal(end, datatype=DATE)))
            self.index[node_uri] = ("dataset", pk, "temporal_start")
        if row["conforms_to"]:
            for line in sorted({line.strip() for line in row["conforms_to"].splitlines() if line.strip()}):
                standard = iri(line)
                add((ref, CONFORMS_TO, standard))
                self.standards.add(str(standard))
        if row["provenance"]:
            provenance = vocabularies.PROVENANCE + row["provenance"]
            add((ref, PROVENANCE_P, URIRef(provenance)))
            self.provenances.add(provenance)
        if row["landing_page"]:
            add((ref, LANDING_PAGE, iri(row["landing_page"])))
        for dist in distributions:
            add((ref, DISTRIBUTION_P, URIRef(self.distribution(dist, org))))
        return uri

    def distribution(self, row: dict, org) -> str:
        add = self.add
        uri = row["uri"] or f"{self.catalogue_of(org)}/distributions/{row['id']}"
        ref = URIRef(uri)
        self.index[uri] = ("distribution", row["id"], "")
        add((ref, TYPE, DISTRIBUTION))
        title, description = row["title_nb"].strip(), row["description_nb"].strip()
        if title:
            add((ref, TITLE, text(title, "nb")))
        if description:
            add((ref, DESCRIPTION, text(description, "nb")))
        add((ref, ACCESS_URL, iri(row["access_url"])))
        if row["download_url"]:
            add((ref, DOWNLOAD_URL, iri(row["download_url"])))
        if row["format__uri"]:
            add((ref, FORMAT, URIRef(row["format__uri"])))
        if row["licence__uri"]:
            add((ref, LICENSE, URIRef(row["licence__uri"])))
        return uri

    def data_service(self, row: dict, org, served: list[str], languages: set[str]) -> str:
        add = self.add
        uri = row["uri"] or f"{self.catalogue_of(org)}/data-services/{row['id']}"
        ref = URIRef(uri)
        self.index[uri] = ("data_service", row["id"], "")
        add((ref, TYPE, DATA_SERVICE))
        add((ref, IDENTIFIER, Literal(uri)))
        self.described(ref, row, languages)
        self.publisher(ref, org)
        add((ref, ENDPOINT_URL, iri(row["endpoint_url"])))
        if row["endpoint_description"]:
            add((ref, ENDPOINT_DESCRIPTION, iri(row["endpoint_description"])))
        for dataset in served:
            add((ref, SERVES_DATASET, URIRef(dataset)))
        self.contact_point(ref, uri, row, "data_service")
        if row["licence__uri"]:
            add((ref, LICENSE, URIRef(row["licence__uri"])))
        add((ref, ACCESS_RIGHTS_P, ACCESS_RIGHTS[row["access_rights"]]))
        if row["landing_page"]:
            add((ref, LANDING_PAGE, iri(row["landing_page"])))
        return uri

    def finish(self) -> Graph:
        # Statements about referenced resources that the shapes need in the data: the provenance codes are used
        # as dct:ProvenanceStatement, the standards (dct:conformsTo) as dct:Standard with a title.
        for provenance in sorted(self.provenances):
            self.add((URIRef(provenance), TYPE, DCTERMS.ProvenanceStatement))
        for standard in sorted(self.standards):
            self.add((URIRef(standard), TYPE, DCTERMS.Standard))
            self.add((URIRef(standard), TITLE, Literal(standard)))
        return DescriptionGraph(self.triples)


def build(organizations, *, published_only=True, dataset_filter=None, service_filter=None, catalogue=True):
    """The graph and the index (IRI -> (kind, pk, field)) of ``organizations``' rows.

    ``dataset_filter``/``service_filter`` (Q objects) narrow the rows; without them every published row
    (every row with ``published_only=False``) of the organisations is described. Six queries, whatever the size.
    """
    orgs = list(organizations)
    by_id = {org.pk: org for org in orgs}
    builder = Builder()
    if not orgs:
        return builder.finish(), builder.index
    published = Q(published=True) if published_only else Q()
    dataset_q = Q(organization_id__in=by_id) & (dataset_filter if dataset_filter is not None else published)
    service_q = Q(organization_id__in=by_id) & (service_filter if service_filter is not None else published)
    # unscoped: public DCAT output and validation; callers pass the organisations and the rows to describe.
    dataset_rows = Dataset.objects.filter(dataset_q)
    datasets = list(dataset_rows.order_by("organization_id", "id").values(*DATASET_FIELDS))
    themes: dict[int, set[str]] = {}
    distributions: dict[int, list[dict]] = {}
    if datasets:
        selected = dataset_rows.values("id")
        # unscoped: the themes, services and distributions of the datasets selected above.
        for dataset_id, uri in Dataset.themes.through.objects.filter(dataset__in=selected).values_list(
            "dataset_id", "concept__uri"
        ):
            themes.setdefault(dataset_id, set()).add(uri)
        los = builder.los
        for dataset_id, uri in Dataset.services.through.objects.filter(
            dataset__in=selected, service__template__isnull=False
        ).values_list("dataset_id", "service__template__uri"):
            if uri in los:  # the Los concept of the service's common service
                themes.setdefault(dataset_id, set()).add(uri)
        # unscoped: the distributions of the datasets selected above.
        rows = Distribution.objects.filter(dataset__in=selected).order_by("dataset_id", "id")
        for row in rows.values(*DISTRIBUTION_FIELDS):
            distributions.setdefault(row["dataset_id"], []).append(row)
    # unscoped: public DCAT output and validation; callers pass the organisations and the rows to describe.
    services = list(DataService.objects.filter(service_q).order_by("organization_id", "id").values(*SERVICE_FIELDS))
    served: dict[int, list[str]] = {}
    if services:
        # unscoped: the links of the services described above to datasets of the same organisation.
        links = DataService.datasets.through.objects.filter(dataservice_id__in=[s["id"] for s in services])
        if published_only:
            links = links.filter(dataset__published=True)
        for service_id, dataset_id, uri, org_id in links.order_by("dataservice_id", "dataset_id").values_list(
            "dataservice_id", "dataset_id", "dataset__uri", "dataset__organization_id"
        ):
            if org_id in by_id:
                served.setdefault(service_id, []).append(
                    uri or f"{builder.catalogue_of(by_id[org_id])}/datasets/{dataset_id}"
                )
    spatial = {org.pk: URIRef(vocabularies.spatial_unit(org)) for org in orgs}
    dataset_uris: dict[int, list[str]] = {}
    service_uris: dict[int, list[str]] = {}
    languages: dict[int, set[str]] = {org.pk: set() for org in orgs}
    empty = ()
    for row in datasets:
        org_id = row["organization_id"]
        uri = builder.dataset(
            row,
            by_id[org_id],
            spatial[org_id],
            themes.get(row["id"], empty),
            distributions.get(row["id"], empty),
            languages[org_id],
        )
        dataset_uris.setdefault(org_id, []).append(uri)
    for row in services:
        org_id = row["organization_id"]
        uri = builder.data_service(row, by_id[org_id], sorted(set(served.get(row["id"], []))), languages[org_id])
        service_uris.setdefault(org_id, []).append(uri)
    if catalogue:
        for org in sorted(orgs, key=lambda o: o.organization_number):
            builder.catalogue(
                org,
                sorted(dataset_uris.get(org.pk, [])),
                sorted(service_uris.get(org.pk, [])),
                languages[org.pk],
            )
    return builder.finish(), builder.index


def catalogue_graph(organizations, *, published_only=True) -> Graph:
    """One dcat:Catalog per organisation with its datasets, distributions and data services.

    ``published_only=False`` describes drafts too: for validation on the dataset page, never for public output.
    """
    graph, _index = build(organizations, published_only=published_only)
    return graph


def resource_graph(obj) -> Graph:
    """The description of one published dataset, distribution or data service (empty when it is not published)."""
    org = obj.organization
    if isinstance(obj, Dataset):
        graph, _index = build(
            [org], dataset_filter=Q(pk=obj.pk, published=True), service_filter=Q(pk__in=[]), catalogue=False
        )
        return graph
    if isinstance(obj, Distribution):
        graph, _index = build(
            [org], dataset_filter=Q(pk=obj.dataset_id, published=True), service_filter=Q(pk__in=[]), catalogue=False
        )
        subject = URIRef(distribution_uri(obj))
        result = new_graph()
        result.addN((s, p, o, result) for s, p, o in graph.triples((subject, None, None)))
        return result
    if isinstance(obj, DataService):
        graph, _index = build(
            [org], dataset_filter=Q(pk__in=[]), service_filter=Q(pk=obj.pk, published=True), catalogue=False
        )
        return graph
    raise TypeError(f"No DCAT description for {type(obj).__name__}")


# --- serialisation ------------------------------------------------------------------------------------------


def serialize(graph: Graph, suffix: str) -> bytes:
    """The graph in the format of ``suffix`` (see FORMATS): byte-for-byte the same for the same data in any process.

    Orden's own writers, sorted by subject, predicate and object: rdflib's RDF/XML and JSON-LD writers visit
    subjects in hash order (which changes with PYTHONHASHSEED), and its Turtle writer invents a prefix for every
    namespace it meets, which for per-resource IRIs (``…/datasets/7#temporal``) makes it quadratic.
    """
    if suffix == "ttl":
        return turtle(graph)
    if suffix == "rdf":
        return rdfxml(graph)
    if suffix == "jsonld":
        return jsonld(graph)
    raise ValueError(f"Unknown RDF format: {suffix}")


_NCNAME = re.compile(r"[A-Za-z_][A-Za-z0-9_.-]*$")
RDF_NS = str(RDF)


def _sort_key(term):
    """Subjects and objects in a stable order: IRIs, then blank nodes, then literals (by value, language, type)."""
    if isinstance(term, URIRef):
        return (0, str(term), "", "")
    if isinstance(term, Literal):
        return (2, str(term), term.language or "", str(term.datatype or ""))
    return (1, str(term), "", "")


def _by_subject(graph: Graph):
    subjects: dict = {}
    for s, p, o in _triples(graph):
        subjects.setdefault(s, []).append((p, o))
    for subject in sorted(subjects, key=_sort_key):
        yield subject, sorted(subjects[subject], key=lambda po: (str(po[0]), _sort_key(po[1])))


_PN_LOCAL = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*$")
_TURTLE_IRI_UNSAFE = re.compile(r'[\x00-\x20<>"{}|^`\\]')
_TURTLE_STRING = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})


def _turtle_iri(value: str) -> str:
    if _TURTLE_IRI_UNSAFE.search(value):
        value = _TURTLE_IRI_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04X}", value)
    return f"<{value}>"


def turtle(graph: Graph) -> bytes:
    """Turtle: the graph's prefixes (those used), then each subject with its sorted predicates and objects."""
    bound = _prefixes(graph)
    used: dict[str, str] = {}
    names: dict[str, str] = {}

    def name(term) -> str:
        """A prefixed name for a predicate, class or datatype where the graph has a prefix for it."""
        value = str(term)
        found = names.get(value)
        if found is None:
            found = _turtle_iri(value)
            for namespace, prefix in bound:
                if value.startswith(namespace) and _PN_LOCAL.match(value[len(namespace) :]):
                    found = f"{prefix}:{value[len(namespace) :]}"
                    used[prefix] = namespace
                    break
            names[value] = found
        return found

    def node(term, in_type=False) -> str:
        if isinstance(term, URIRef):
            return name(term) if in_type else _turtle_iri(str(term))
        if isinstance(term, Literal):
            quoted = '"' + str(term).translate(_TURTLE_STRING) + '"'
            if term.language:
                return f"{quoted}@{term.language}"
            if term.datatype is not None and term.datatype != XSD.string:
                return f"{quoted}^^{name(term.datatype)}"
            return quoted
        return f"_:{term}"

    body = []
    write = body.append
    for subject, pairs in _by_subject(graph):
        types = [o for p, o in pairs if p == TYPE]
        rest = [(p, o) for p, o in pairs if p != TYPE]
        lines = []
        if types:
            lines.append("a " + ", ".join(node(o, in_type=isinstance(o, URIRef)) for o in types))
        previous, objects = None, []
        for predicate, obj in rest + [(None, None)]:
            if predicate != previous and previous is not None:
                lines.append(name(previous) + " " + ",\n        ".join(objects))
                objects = []
            previous = predicate
            if predicate is not None:
                objects.append(node(obj))
        write(node(subject) + " " + " ;\n    ".join(lines) + " .\n\n")
    head = "".join(f"@prefix {prefix}: <{namespace}> .\n" for prefix, namespace in sorted(used.items()))
    return (head + ("\n" if head else "") + "".join(body)).encode("utf-8")


# A carriage return in XML text is read back as a line feed unless it is a character reference.
_XML_TEXT = {"\r": "&#13;"}


def rdfxml(graph: Graph) -> bytes:
    """RDF/XML: one rdf:Description per subject, sorted; prefixes from the graph, others numbered in order."""
    bound = _prefixes(graph)
    prefixes: dict[str, str] = {RDF_NS: "rdf"}
    qnames: dict[str, str] = {}

    def qname(predicate) -> str:
        value = str(predicate)
        found = qnames.get(value)
        if found is None:
            known = next(((ns, p) for ns, p in bound if value.startswith(ns) and _NCNAME.match(value[len(ns) :])), None)
            if known:
                namespace, prefix = known
            else:  # a namespace the graph does not name: number it (in the order the sorted output meets it)
                match = _NCNAME.search(value)
                if not match:
                    raise ValueError(f"Cannot write the predicate {value} in RDF/XML")
                namespace = value[: match.start()]
                prefix = prefixes.get(namespace) or f"ns{sum(p.startswith('ns') for p in prefixes.values()) + 1}"
            prefix = prefixes.setdefault(namespace, prefix)
            found = qnames[value] = f"{prefix}:{value[len(namespace) :]}"
        return found

    body = []
    write = body.append
    for subject, pairs in _by_subject(graph):
        if isinstance(subject, URIRef):
            write(f"  <rdf:Description rdf:about={quoteattr(str(subject))}>\n")
        else:
            write(f"  <rdf:Description rdf:nodeID={quoteattr(str(subject))}>\n")
        for predicate, obj in pairs:
            name = qname(predicate)
            if isinstance(obj, URIRef):
                write(f"    <{name} rdf:resource={quoteattr(str(obj))}/>\n")
            elif isinstance(obj, Literal):
                if obj.language:
                    attribute = f" xml:lang={quoteattr(obj.language)}"
                elif obj.datatype is not None and obj.datatype != XSD.string:
                    attribute = f" rdf:datatype={quoteattr(str(obj.datatype))}"
                else:
                    attribute = ""
                write(f"    <{name}{attribute}>{escape(str(obj), _XML_TEXT)}</{name}>\n")
            else:
                write(f"    <{name} rdf:nodeID={quoteattr(str(obj))}/>\n")
        write("  </rdf:Description>\n")
    head = ['<?xml version="1.0" encoding="utf-8"?>\n<rdf:RDF']
    for namespace, prefix in sorted(prefixes.items(), key=lambda item: item[1]):
        head.append(f"\n   xmlns:{prefix}={quoteattr(namespace)}")
    head.append("\n>\n")
    return ("".join(head) + "".join(body) + "</rdf:RDF>\n").encode("utf-8")


def jsonld(graph: Graph) -> bytes:
    """JSON-LD (flattened, one node object per subject, compact IRIs from the graph's prefixes)."""
    namespaces = _prefixes(graph)
    used: dict[str, str] = {}
    compacted: dict[str, str] = {}

    def compact(term) -> str:
        value = str(term)
        found = compacted.get(value)
        if found is None:
            found = value
            for namespace, prefix in namespaces:
                if value.startswith(namespace) and len(value) > len(namespace) and "/" not in value[len(namespace) :]:
                    found = f"{prefix}:{value[len(namespace) :]}"
                    used[prefix] = namespace
                    break
            compacted[value] = found
        return found

    nodes: dict[str, dict] = {}
    for s, p, o in _triples(graph):
        key = s.n3() if not isinstance(s, URIRef) else str(s)
        node = nodes.get(key)
        if node is None:
            node = nodes[key] = {"@id": key}
        if p == RDF.type and isinstance(o, URIRef):
            node.setdefault("@type", []).append(compact(o))
            continue
        if isinstance(o, URIRef):
            value = {"@id": str(o)}
        elif isinstance(o, Literal):
            value = {"@value": str(o)}
            if o.language:
                value["@language"] = o.language
            elif o.datatype is not None and o.datatype != XSD.string:
                value["@type"] = compact(o.datatype)
        else:
            value = {"@id": o.n3()}
        node.setdefault(compact(p), []).append(value)
    for node in nodes.values():
        for key, values in node.items():
            if key == "@type":
                values.sort()
            elif key != "@id":
                values.sort(key=_value_key)
    document = {"@context": dict(sorted(used.items())), "@graph": [nodes[key] for key in sorted(nodes)]}
    return (json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode("utf-8")


def _value_key(value: dict):
    return (value.get("@id", ""), value.get("@value", ""), value.get("@language", ""), value.get("@type", ""))
