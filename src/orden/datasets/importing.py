"""Bring existing descriptions in: import a DCAT(-AP-NO) catalogue (Turtle, RDF/XML or JSON-LD) into an
organisation, creating or updating its datasets, distributions and data services.

The file is untrusted. ``parse`` refuses it before anything is mapped when it is too large
(``MAX_BYTES``), not RDF (the parser's line and column are given), an RDF/XML document with a document
type or entities (checked with defusedxml before rdflib sees it), or JSON-LD that names a context by its
address (rdflib would fetch it; Orden never does). ``import_catalogue`` then maps what it knows and reports
the rest: unknown concepts and properties are reported and left out, invalid values are errors, and one
error anywhere means nothing is written (one transaction, every row through ``orden.core.history``).

Rows are matched by IRI: the ``uri`` they were imported with, or Orden's own IRI of the row (``rdf``), so
importing a catalogue again updates what the first import created. Published state is never imported:
new rows start unpublished.
"""

import ipaddress
import json
import re
import socket
import time
import urllib.error
import urllib.parse
import urllib.request
import xml.sax
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import PurePosixPath
from typing import NamedTuple

import defusedxml.sax
from defusedxml import DefusedXmlException
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import URLValidator
from django.db import IntegrityError, transaction
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rdflib import DCAT, DCTERMS, FOAF, RDF, SKOS, BNode, Graph, Literal, Namespace, URIRef
from rdflib.plugins.parsers.notation3 import BadSyntax

from orden.core import history
from orden.core.models import errors_by_field
from orden.core.roles import Action
from orden.organizations.models import Contact

from . import rdf, vocabularies
from .models import THEME_SCHEMES, AccessRights, Concept, DataService, Dataset, Distribution, Provenance, Scheme
from .rdf import VCARD

MAX_BYTES = 10 * 1024 * 1024  # 10 MB: a catalogue of thousands of datasets; nginx allows a little more
FETCH_TIMEOUT_SECONDS = 20
APPLY, CHECK = "apply", "check"  # the modes: write, or only report what would be written

SUFFIXES = {"ttl": "turtle", "rdf": "xml", "xml": "xml", "jsonld": "json-ld", "json": "json-ld"}
MEDIA_TYPES = {
    "text/turtle": "turtle",
    "application/x-turtle": "turtle",
    "application/rdf+xml": "xml",
    "application/xml": "xml",
    "text/xml": "xml",
    "application/ld+json": "json-ld",
    "application/json": "json-ld",
}
FORMAT_NAMES = {"turtle": "Turtle", "xml": "RDF/XML", "json-ld": "JSON-LD"}
ACCEPT = "text/turtle, application/rdf+xml;q=0.9, application/ld+json;q=0.8"

SCHEMA = Namespace("http://schema.org/")
DCATNO = rdf.DCATNO
ACCESS_RIGHTS = {str(uri): code for code, uri in rdf.ACCESS_RIGHTS.items()}
LANGUAGES = {"nb": "nb", "no": "nb", "nob": "nb", "nor": "nb", "nn": "nn", "nno": "nn", "en": "en", "eng": "en"}
# An XML document starts with a declaration, a comment, a document type or an element (a name, maybe
# prefixed); Turtle's IRIs in angle brackets (<http://…>) do not look like an element name.
XML_START = re.compile(rb"^\s*<(\?xml|!--|!DOCTYPE|[A-Za-z_][\w.-]*(:[A-Za-z_][\w.-]*)?[\s>/])")

RESOLVED = ("dataset", "contact_point", "frequency", "format", "licence")
# What is read from each kind of subject, or left out on purpose without a word: the types, identifiers
# and dates Orden writes itself, and spatial coverage (Orden's is the organisation's municipality).
IGNORED = {RDF.type, DCTERMS.identifier, DCTERMS.issued, DCTERMS.modified, DCTERMS.spatial, DCTERMS.publisher}
DATASET_PROPERTIES = {
    DCTERMS.title,
    DCTERMS.description,
    DCAT.keyword,
    DCAT.theme,
    DCTERMS.accessRights,
    DCAT.contactPoint,
    DCTERMS.accrualPeriodicity,
    DCTERMS.temporal,
    DCTERMS.conformsTo,
    DCTERMS.provenance,
    DCAT.landingPage,
    DCAT.distribution,
    DCATNO.legalBasisForRestriction,
}
DISTRIBUTION_PROPERTIES = {
    DCTERMS.title,
    DCTERMS.description,
    DCTERMS.format,
    DCAT.accessURL,
    DCAT.downloadURL,
    DCTERMS.license,
}
SERVICE_PROPERTIES = {
    DCTERMS.title,
    DCTERMS.description,
    DCAT.endpointURL,
    DCAT.endpointDescription,
    DCAT.servesDataset,
    DCAT.contactPoint,
    DCTERMS.accessRights,
    DCTERMS.license,
    DCAT.landingPage,
}


class ImportRefused(Exception):
    """The file is refused as a whole (too large, not RDF, unsafe): ``message`` says why, for the user."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Entry:
    """A row the import created, updated or left unchanged: its kind, the IRI it is known by, its title."""

    kind: str  # "dataset", "distribution", "data_service", "contact"
    subject: str
    title: str
    pk: int | None = None  # set once the import is saved


class Problem(NamedTuple):
    """What could not be mapped (``skipped``) or is invalid (``errors``), and the subject it is about."""

    subject: str
    reason: str


@dataclass
class ImportReport:
    """What an import did (or, in ``CHECK`` mode or with errors, would have done).

    Attributes:
        created, updated, unchanged: the rows, per kind.
        skipped: what could not be mapped and was left out; the rest was imported.
        errors: invalid values per subject; with any error nothing was written.
        saved: whether the rows were written.
    """

    created: list[Entry] = field(default_factory=list)
    updated: list[Entry] = field(default_factory=list)
    unchanged: list[Entry] = field(default_factory=list)
    skipped: list[Problem] = field(default_factory=list)
    errors: list[Problem] = field(default_factory=list)
    saved: bool = False
    published_updated: bool = False  # an updated row was published (and stays so)

    @property
    def notes(self) -> list[str]:
        notes = []
        if self.created:
            notes.append(_("Imported descriptions are not published: publish each one from its page once it is valid."))
        if self.published_updated and self.updated:
            notes.append(
                _(
                    "Some of the updated descriptions were published and stay so: the public catalogue shows the "
                    "changes."
                )
            )
        return notes

    def as_dict(self) -> dict:
        def entries(items):
            return [{"kind": e.kind, "subject": e.subject, "title": e.title, "id": e.pk} for e in items]

        def problems(items):
            return [{"subject": p.subject, "reason": p.reason} for p in items]

        return {
            "saved": self.saved,
            "created": entries(self.created),
            "updated": entries(self.updated),
            "unchanged": entries(self.unchanged),
            "skipped": problems(self.skipped),
            "errors": problems(self.errors),
            "notes": self.notes,
        }


def may_import(user, organization) -> bool:
    """Whether ``user`` may import into ``organization``: add datasets, distributions and data services."""
    return organization is not None and all(
        model.policy.can(user, Action.ADD, organization=organization) for model in (Dataset, Distribution, DataService)
    )


def import_catalogue(data: bytes, filename_or_type: str, organization, user, mode: str = APPLY) -> ImportReport:
    """Import the DCAT catalogue in ``data`` into ``organization`` as ``user``.

    ``filename_or_type`` is the file's name (its suffix decides the format) or a media type; when neither
    says, the content does. In ``CHECK`` mode everything is validated and reported, and nothing is written.
    Raises ``ImportRefused`` for a file refused as a whole and ``PermissionDenied`` if the user may not
    import into the organisation.
    """
    if not may_import(user, organization):
        raise PermissionDenied
    graph = parse(data, filename_or_type)
    with history.change_group(), transaction.atomic():
        report = _Importer(graph, organization, user).run()
        report.saved = mode == APPLY and not report.errors
        if not report.saved:
            transaction.set_rollback(True)
    if not report.saved:
        report.created = [Entry(e.kind, e.subject, e.title) for e in report.created]
        report.updated = [Entry(e.kind, e.subject, e.title) for e in report.updated]
    return report


def _check_address(url: str):
    """Refuse an address whose host resolves to a loopback, private, link-local or otherwise non-public
    address (the server's own services, the cloud's metadata endpoint), unless the operator allows it
    (``ORDEN_DCAT_IMPORT_PRIVATE_ADDRESSES``, for a test or an internal catalogue). Checked again on every
    redirect. A host that resolves differently a moment later (DNS rebinding) is left to the operator's
    egress proxy, which docs/operations.md recommends."""
    if settings.ORDEN_DCAT_IMPORT_PRIVATE_ADDRESSES:
        return
    host = urllib.parse.urlsplit(url).hostname or ""
    try:
        addresses = {info[4][0] for info in socket.getaddrinfo(host, None)}
    except (OSError, UnicodeError):
        raise ImportRefused(
            _("The address could not be reached: %(url)s (%(reason)s)") % {"url": url, "reason": _("unknown host")}
        ) from None
    if not addresses or not all(ipaddress.ip_address(a.split("%")[0]).is_global for a in addresses):
        raise ImportRefused(_("The address is not on the public internet: %(url)s") % {"url": url})


class _CheckedRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        _check_address(newurl)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def fetch(url: str) -> tuple[bytes, str]:
    """The catalogue at ``url`` and its media type, when the operator allows it (``ORDEN_DCAT_IMPORT_FROM_URL``).

    Only http and https (also after redirects), at most ``MAX_BYTES`` read, a time limit; the proxy of
    the environment (``https_proxy``) is used, so an operator can route these requests.
    """
    if not settings.ORDEN_DCAT_IMPORT_FROM_URL:
        raise ImportRefused(_("Importing from a web address is turned off on this server. Upload the file instead."))
    try:
        URLValidator(schemes=["http", "https"])(url)
    except ValidationError:
        raise ImportRefused(_("Enter a web address that starts with http:// or https://.")) from None
    _check_address(url)
    opener = urllib.request.OpenerDirector()
    for handler in (
        urllib.request.ProxyHandler(),
        urllib.request.HTTPHandler(),
        urllib.request.HTTPSHandler(),
        _CheckedRedirects(),
        urllib.request.HTTPDefaultErrorHandler(),
        urllib.request.HTTPErrorProcessor(),
    ):
        opener.add_handler(handler)
    request = urllib.request.Request(url, headers={"Accept": ACCEPT, "User-Agent": "Orden DCAT import"})
    try:
        deadline = time.monotonic() + FETCH_TIMEOUT_SECONDS  # the whole download, not each read
        with opener.open(request, timeout=FETCH_TIMEOUT_SECONDS) as response:
            chunks, size = [], 0
            while size <= MAX_BYTES and (chunk := response.read(64 * 1024)):
                if time.monotonic() > deadline:
                    raise ImportRefused(_("The address answered too slowly: %(url)s") % {"url": url})
                chunks.append(chunk)
                size += len(chunk)
            data = b"".join(chunks)[: MAX_BYTES + 1]
            media_type = response.headers.get_content_type()
    except urllib.error.HTTPError as error:
        raise ImportRefused(
            _("The address answered %(status)s: %(url)s") % {"status": error.code, "url": url}
        ) from None
    except (urllib.error.URLError, OSError, ValueError) as error:
        reason = getattr(error, "reason", error)
        raise ImportRefused(
            _("The address could not be reached: %(url)s (%(reason)s)") % {"url": url, "reason": reason}
        ) from None
    # The media type says the format; a generic one (text/plain) leaves it to the address's suffix.
    return data, media_type if media_type in MEDIA_TYPES else urllib.parse.urlsplit(url).path


# Parsing ------------------------------------------------------------------------------------------------


def detect_format(data: bytes, filename_or_type: str) -> str:
    """rdflib's name of the format: from the suffix or media type, else from the first characters."""
    name = (filename_or_type or "").strip().lower()
    media_type = name.split(";")[0].strip()
    if media_type in MEDIA_TYPES:
        return MEDIA_TYPES[media_type]
    suffix = PurePosixPath(name).suffix.lstrip(".")
    if suffix in SUFFIXES:
        return SUFFIXES[suffix]
    start = data.lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
    if start in (b"{", b"["):
        return "json-ld"
    if XML_START.match(data[:1000].lstrip(b"\xef\xbb\xbf")):
        return "xml"
    return "turtle"


def parse(data: bytes, filename_or_type: str = "") -> Graph:
    """The graph in ``data``, or ``ImportRefused`` (too large, unsafe, not RDF: with line and column)."""
    if len(data) > MAX_BYTES:
        raise ImportRefused(
            _("The file is too large: %(size)s MB. The limit is %(limit)s MB.")
            % {"size": _megabytes(len(data)), "limit": _megabytes(MAX_BYTES)}
        )
    if not data.strip():
        raise ImportRefused(_("The file is empty."))
    format_ = detect_format(data, filename_or_type)
    graph = {"turtle": _parse_turtle, "xml": _parse_rdf_xml, "json-ld": _parse_json_ld}[format_](data)
    if not any((None, RDF.type, kind) in graph for kind in (DCAT.Catalog, DCAT.Dataset, DCAT.DataService)):
        raise ImportRefused(
            _("The file is %(format)s but holds no DCAT catalogue, dataset or data service.")
            % {"format": FORMAT_NAMES[format_]}
        )
    return graph


def _megabytes(size: int) -> str:
    return f"{size / 1024 / 1024:.1f}".rstrip("0").rstrip(".")


# What the parsers' own errors say ("list index out of range") helps nobody; this says what to do instead.
UNREADABLE = gettext_lazy(
    "Something in it does not follow the format (an address, a value or a bracket). Check the file with a "
    "validator for the format, or export it again."
)


def _not_readable(format_: str, line: int | None, column: int | None, message: str) -> ImportRefused:
    where = _("Line %(line)s, column %(column)s: ") % {"line": line, "column": column} if line else ""
    return ImportRefused(
        _("The file could not be read as %(format)s. %(where)s%(message)s")
        % {"format": FORMAT_NAMES[format_], "where": where, "message": message}
    )


def _text(data: bytes, format_: str) -> str:
    try:
        return data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as error:
        before = data[: error.start]
        line = before.count(b"\n") + 1
        column = len(before[before.rfind(b"\n") + 1 :].decode("utf-8", "replace")) + 1
        raise _not_readable(format_, line, column, _("The text is not UTF-8.")) from None


def _parse_turtle(data: bytes) -> Graph:
    text = _text(data, "turtle")
    try:
        return Graph().parse(data=text, format="turtle")
    except BadSyntax as error:
        # rdflib counts lines from 0 and gives the offset in characters into the text (which it keeps as UTF-8
        # bytes): the column is counted from it.
        whole = error._str.decode("utf-8", "replace") if isinstance(error._str, bytes) else error._str
        before = whole[: error._i]
        column = len(before) - (before.rfind("\n") + 1) + 1
        raise _not_readable("turtle", error.lines + 1, column, error._why) from None
    except Exception:  # rdflib raises many kinds of errors for odd input; their text means nothing to users
        raise _not_readable("turtle", None, None, UNREADABLE) from None


def _parse_rdf_xml(data: bytes) -> Graph:
    # Entities (internal ones too: "billion laughs") and external references are refused before rdflib's
    # parser, which would expand them, sees the document.
    try:
        defusedxml.sax.parseString(data, xml.sax.handler.ContentHandler(), forbid_dtd=True)
    except DefusedXmlException:
        raise ImportRefused(
            _(
                "The file declares a document type or entities (<!DOCTYPE …>), which are not accepted, for "
                "safety. Remove the declaration and write the addresses out in full."
            )
        ) from None
    except xml.sax.SAXParseException as error:
        raise _not_readable("xml", error.getLineNumber(), error.getColumnNumber() + 1, error.getMessage()) from None
    try:
        return Graph().parse(data=data, format="xml")
    except xml.sax.SAXParseException as error:
        raise _not_readable("xml", error.getLineNumber(), error.getColumnNumber() + 1, error.getMessage()) from None
    except Exception:
        raise _not_readable("xml", None, None, UNREADABLE) from None


def _parse_json_ld(data: bytes) -> Graph:
    text = _text(data, "json-ld")
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise _not_readable("json-ld", error.lineno, error.colno, error.msg) from None
    except RecursionError:
        raise _not_readable("json-ld", None, None, _("The data is nested too deeply.")) from None
    remote = remote_context(document)
    if remote is not None:
        raise ImportRefused(
            _(
                "The JSON-LD file refers to a context by its address (%(url)s). Orden does not fetch it: put the "
                "context in the file itself."
            )
            % {"url": str(remote)[:200]}
        )
    try:
        return Graph().parse(data=text, format="json-ld")
    except Exception:  # RecursionError included
        raise _not_readable("json-ld", None, None, UNREADABLE) from None


def remote_context(document) -> str | None:
    """The first context (or ``@import``) of a JSON-LD document given by address, anywhere in it, or None.

    rdflib fetches such contexts from the web while parsing; only documents without one are parsed.
    """
    stack = [document]
    while stack:
        value = stack.pop()
        if isinstance(value, dict):
            for key, item in value.items():
                if key in ("@context", "@import"):
                    found = next((c for c in (item if isinstance(item, list) else [item]) if isinstance(c, str)), None)
                    if found is not None:
                        return found
                stack.append(item)
        elif isinstance(value, list):
            stack.extend(value)
    return None


# Mapping ------------------------------------------------------------------------------------------------


def _same(obj, name: str, value) -> bool:
    """Whether ``obj.<name>`` already is ``value`` (a foreign key compared by id, without loading the row)."""
    field = obj._meta.get_field(name)
    if field.is_relation:
        return getattr(obj, field.attname) == (value.pk if value is not None else None)
    return getattr(obj, name) == value


def _texts_by_field(titles: dict, descriptions: dict) -> dict:
    """The title and description fields (``title_nb`` …) from the texts by language."""
    texts = {"title": titles, "description": descriptions}
    return {name: texts[name.split("_")[0]].get(name.split("_")[1], "") for name in Dataset.TEXT_FIELDS}


def _label(subject) -> str:
    return str(subject) if isinstance(subject, URIRef) else ""


class _Importer:
    """Maps one parsed graph into one organisation's rows, within the caller's transaction."""

    def __init__(self, graph: Graph, organization, user):
        self.graph, self.organization, self.user = graph, organization, user
        self.report = ImportReport()
        self.imported: dict = {}  # dataset subject -> Dataset (saved, or not when invalid)
        self.contacts: dict[str, Contact] = {}
        self.other_publishers: set = set()

    def run(self) -> ImportReport:
        self._load()
        for catalogue in sorted(set(self.graph.subjects(RDF.type, DCAT.Catalog)), key=str):
            self._check_publisher(catalogue)
        for subject in self._subjects(DCAT.Dataset):
            self._dataset(subject)
        for subject in self._subjects(DCAT.DataService):
            self._service(subject)
        return self.report

    def _subjects(self, kind) -> list:
        return sorted(set(self.graph.subjects(RDF.type, kind)), key=lambda s: (isinstance(s, BNode), str(s)))

    def _load(self):
        """Everything the mapping looks up, in a few queries: concepts, the organisation's rows and contacts."""
        org, user = self.organization, self.user
        self.concepts = {concept.uri: concept for concept in Concept.objects.restrict(user)}
        datasets = list(
            Dataset.objects.restrict(user, Action.CHANGE)
            .filter(organization=org)
            .select_related("organization")
            .prefetch_related("themes")
        )
        distributions = list(
            Distribution.objects.restrict(user, Action.CHANGE).filter(organization=org).select_related("organization")
        )
        services = list(
            DataService.objects.restrict(user, Action.CHANGE)
            .filter(organization=org)
            .select_related("organization")
            .prefetch_related("datasets")
        )
        self.datasets = self._by_iri(datasets, rdf.dataset_uri)
        self.datasets_by_title = {ds.title_nb: ds for ds in datasets}
        self.distributions = self._by_iri(distributions, rdf.distribution_uri)
        self.distributions_of: dict[int, list[Distribution]] = {}
        for dist in distributions:
            self.distributions_of.setdefault(dist.dataset_id, []).append(dist)
        self.services = self._by_iri(services, rdf.data_service_uri)
        self.services_by_title = {svc.title_nb: svc for svc in services}
        self.all_contacts = list(Contact.objects.restrict(user).filter(organization=org))
        themes = {c.uri: c for c in self.concepts.values() if c.scheme in THEME_SCHEMES}
        self.themes = themes

    @staticmethod
    def _by_iri(rows, orden_iri) -> dict:
        found = {}
        for row in rows:
            found[orden_iri(row)] = row
            if row.uri:
                found[row.uri] = row
        return found

    # Reporting

    def skip(self, subject, reason: str):
        self.report.skipped.append(Problem(_label(subject) or self._blank_label(subject), reason))

    def error(self, subject, reason: str):
        self.report.errors.append(Problem(_label(subject) or self._blank_label(subject), reason))

    def _blank_label(self, subject) -> str:
        title = next((str(t) for t in self.graph.objects(subject, DCTERMS.title)), "")
        return _("(no IRI) %(title)s") % {"title": title} if title else _("(no IRI)")

    def _kept_iri(self, subject) -> str:
        """The IRI a new row keeps: the one it came with, except an IRI of another organisation's catalogue in
        Orden (the copy is this organisation's own dataset, and must not take the other's place in the national
        catalogue, which keys everything on the IRI): that row gets an IRI of its own."""
        value = _label(subject)
        others = f"{rdf.base_url()}/dcat/"
        if value.startswith(others) and not value.startswith(rdf.catalogue_uri(self.organization) + "/"):
            self.report.skipped.append(
                (
                    value,
                    _("The address belongs to another organisation's catalogue; the copy gets an address of its own."),
                )
            )
            return ""
        return value

    def _curie(self, predicate) -> str:
        try:
            return self.graph.namespace_manager.normalizeUri(predicate)
        except Exception:
            return f"<{predicate}>"

    def _unmapped(self, subject, known: set):
        for predicate in sorted(set(self.graph.predicates(subject)) - known - IGNORED, key=str):
            self.skip(
                subject,
                _("Not imported: %(property)s (Orden has no field for it).") % {"property": self._curie(predicate)},
            )

    def _check_publisher(self, subject):
        number = self.organization.organization_number
        for publisher in self.graph.objects(subject, DCTERMS.publisher):
            identifiers = {str(value).strip() for value in self.graph.objects(publisher, DCTERMS.identifier)}
            if publisher == URIRef(rdf.publisher_uri(self.organization)) or number in identifiers:
                continue
            if isinstance(publisher, URIRef) and str(publisher).rstrip("/").rsplit("/", 1)[-1] == number:
                continue
            if publisher in self.other_publishers:  # said once, for the first subject that names it
                continue
            self.other_publishers.add(publisher)
            self.skip(
                subject,
                _("The publisher %(publisher)s is not %(organization)s; it is imported as %(organization)s's.")
                % {"publisher": _label(publisher) or _("(no IRI)"), "organization": self.organization},
            )

    # Values

    def _values(self, subject, predicate, what: str) -> list:
        values = sorted(self.graph.objects(subject, predicate), key=str)
        if len(values) > 1:
            self.skip(
                subject,
                _("More than one %(property)s: only %(value)s was imported.") % {"property": what, "value": values[0]},
            )
        return values[:1]

    def _one(self, subject, predicate, what: str):
        values = self._values(subject, predicate, what)
        return values[0] if values else None

    def _url(self, subject, predicate, what: str) -> str:
        value = self._one(subject, predicate, what)
        if isinstance(value, BNode):  # e.g. a foaf:Document without an IRI, with its address as foaf:page
            value = next(iter(self.graph.objects(value, FOAF.page)), None)
        return str(value).strip() if value is not None else ""

    def _texts(self, subject, predicate, what: str, languages=("nb", "nn", "en")) -> dict[str, str]:
        """One text per language (nb, nn, en): bokmål from @nb, else @no, else without a language tag."""
        found: dict[str, list[tuple[int, str]]] = {}
        for value in self.graph.objects(subject, predicate):
            if not isinstance(value, Literal):
                continue
            tag = (value.language or "").lower().split("-")[0]
            language = LANGUAGES.get(tag) if tag else "nb"
            rank = {"nb": 0, "nob": 0, "no": 1, "nor": 1, "": 2}.get(tag, 0)
            if language not in languages:
                self.skip(
                    subject,
                    _("%(property)s in another language (%(language)s) was not imported: %(value)s")
                    % {"property": capfirst(what), "language": value.language, "value": str(value)[:80]},
                )
                continue
            found.setdefault(language, []).append((rank, str(value).strip()))
        texts = {}
        for language, values in found.items():
            values.sort()
            texts[language] = values[0][1]
            extra = [text for _rank, text in values[1:] if text != values[0][1]]
            if extra:
                self.skip(
                    subject,
                    _("More than one %(property)s in %(language)s: only the first was imported.")
                    % {"property": what, "language": language},
                )
        return texts

    def _concept(self, subject, value, scheme: Scheme, what: str):
        if value is None:
            return None
        concept = self.concepts.get(str(value)) or self.concepts.get(str(value).replace("https://", "http://", 1))
        if concept is None or concept.scheme != scheme:
            self.skip(
                subject,
                _("Unknown %(vocabulary)s: %(value)s; it was not imported.") % {"vocabulary": what, "value": value},
            )
            return None
        return concept

    def _access_rights(self, subject) -> str:
        value = self._one(subject, DCTERMS.accessRights, _("access rights"))
        if value is None:
            return AccessRights.NON_PUBLIC
        code = ACCESS_RIGHTS.get(str(value).replace("https://", "http://", 1))
        if code is None:
            self.skip(subject, _("Unknown access rights: %(value)s; imported as not public.") % {"value": value})
            return AccessRights.NON_PUBLIC
        return code

    def _date(self, subject, node, predicates) -> date | None:
        for predicate in predicates:
            value = next(iter(self.graph.objects(node, predicate)), None)
            if value is None:
                continue
            parsed = value.toPython() if isinstance(value, Literal) else None
            if isinstance(parsed, datetime):
                return parsed.date()
            if isinstance(parsed, date):
                return parsed
            try:
                return date.fromisoformat(str(value)[:10])
            except ValueError:
                self.skip(subject, _("Not a date: %(value)s; it was not imported.") % {"value": value})
        return None

    def _contact(self, subject) -> Contact | None:
        node = self._one(subject, DCAT.contactPoint, _("contact point"))
        if node is None:
            return None
        name = next((str(v).strip() for v in self.graph.objects(node, VCARD.fn)), "") or next(
            (str(v).strip() for v in self.graph.objects(node, VCARD["organization-name"])), ""
        )
        email = next((str(v).strip() for v in self.graph.objects(node, VCARD.hasEmail)), "").removeprefix("mailto:")
        phone_node = next(iter(self.graph.objects(node, VCARD.hasTelephone)), None)
        if isinstance(phone_node, BNode):
            phone_node = next(iter(self.graph.objects(phone_node, VCARD.hasValue)), None)
        phone = str(phone_node).strip().removeprefix("tel:") if phone_node is not None else ""
        if not name and not email:
            self.skip(subject, _("The contact point has neither a name nor an e-mail address; it was not imported."))
            return None
        key = email.lower() or name.casefold()
        if key in self.contacts:
            return self.contacts[key]
        contact = next((c for c in self.all_contacts if email and c.email.lower() == email.lower()), None) or next(
            (c for c in self.all_contacts if name and c.name.casefold() == name.casefold()), None
        )
        if contact is None:
            contact = Contact(organization=self.organization, name=name or email, email=email, phone=phone)
            if self._save(subject, contact, "contact", contact.name, creating=True, label=_label(node)) is None:
                return None
            self.all_contacts.append(contact)
        self.contacts[key] = contact
        return contact

    # Writing

    def _save(
        self, subject, obj, kind: str, title: str, *, creating: bool, before=None, related=None, exclude=(), label=None
    ):
        """Validate and save ``obj`` through history (a savepoint, so one failure does not end the import's
        transaction and the rest can still be checked); errors are reported against ``subject``."""
        # Foreign keys the import resolved itself, from rows it loaded (the organisation's, the right
        # vocabulary), are not looked up again: that would cost a query per key and row.
        resolved = [name for name in RESOLVED if hasattr(obj, f"{name}_id")]
        try:
            obj.full_clean(exclude=[*exclude, *resolved])
        except ValidationError as invalid:
            for name, messages in errors_by_field(invalid).items():
                label = capfirst(obj._meta.get_field(name).verbose_name) if name != "__all__" else ""
                for message in messages:
                    text = " ".join(message.messages) if isinstance(message, ValidationError) else str(message)
                    self.error(subject, f"{label}: {text}" if label else text)
            return None
        if self.report.errors:  # nothing will be written: validating the rest is enough
            return obj
        try:  # history.save is a savepoint of its own: after a failure the import's transaction goes on
            if creating:
                history.save(obj, self.user, save_related=related, message=_("Imported from DCAT"))
            else:
                history.save(
                    obj,
                    self.user,
                    expected_version=obj.version,
                    before=before,
                    save_related=related,
                    message=_("Imported from DCAT"),
                )
        except history.StaleObjectError:
            self.error(subject, _("Someone changed it while it was being imported. Import again."))
            return None
        except ValidationError as invalid:  # a published description that would no longer pass (validate_saved)
            self.error(subject, " ".join(invalid.messages))
            return None
        except IntegrityError as clash:
            self.error(subject, str(clash)[:200])
            return None
        entry = Entry(kind, _label(subject) if label is None else label, title, obj.pk)
        (self.report.created if creating else self.report.updated).append(entry)
        return obj

    def _apply(self, subject, obj, kind, values: dict, m2m: dict, *, exclude=()):
        """Set ``values`` and many-to-many ``m2m`` (name -> list of rows) on ``obj``: create, update or
        count as unchanged."""
        creating = obj.pk is None
        changed = creating or any(not _same(obj, name, value) for name, value in values.items())
        # The rows' many-to-many choices were prefetched (``_load``): an unchanged row costs no query.
        changed = changed or any(
            sorted(row.pk for row in getattr(obj, name).all()) != sorted(row.pk for row in rows)
            for name, rows in m2m.items()
        )
        before = None if creating or not changed else history.snapshot(obj)
        for name, value in values.items():
            setattr(obj, name, value)
        title = obj.title_nb
        if not changed:
            self.report.unchanged.append(Entry(kind, _label(subject), title, obj.pk))
            return obj

        if getattr(obj, "published", False):
            self.report.published_updated = True

        def related():
            for name, rows in m2m.items():
                getattr(obj, name).set(rows)

        return self._save(subject, obj, kind, title, creating=creating, before=before, related=related, exclude=exclude)

    def _find(self, subject, by_iri: dict, by_title: dict, title: str):
        if isinstance(subject, URIRef):
            return by_iri.get(str(subject))
        return by_title.get(title)  # without an IRI, a row is known only by its title

    def _titles(self, subject) -> dict[str, str]:
        titles = self._texts(subject, DCTERMS.title, _("title"))
        if "nb" not in titles and titles:
            language = "nn" if "nn" in titles else "en"
            titles["nb"] = titles[language]
            self.skip(subject, _("No title in bokmål: the title in %(language)s was used.") % {"language": language})
        return titles

    def _dataset(self, subject):
        graph = self.graph
        titles = self._titles(subject)
        descriptions = self._texts(subject, DCTERMS.description, _("description"))
        self._check_publisher(subject)
        existing = self._find(subject, self.datasets, self.datasets_by_title, titles.get("nb", ""))
        obj = existing or Dataset(organization=self.organization, uri=self._kept_iri(subject))
        keywords = self._texts_all(subject, DCAT.keyword, _("keyword"))
        themes = []
        for value in sorted(graph.objects(subject, DCAT.theme), key=str):
            theme = self.themes.get(str(value))
            if theme is None:
                self.skip(
                    subject,
                    _("Unknown theme: %(value)s (not an EU data theme or Los theme); the other themes were imported.")
                    % {"value": value},
                )
            else:
                themes.append(theme)
        temporal = self._one(subject, DCTERMS.temporal, _("temporal coverage"))
        start = self._date(subject, temporal, (DCAT.startDate, SCHEMA.startDate)) if temporal is not None else None
        end = self._date(subject, temporal, (DCAT.endDate, SCHEMA.endDate)) if temporal is not None else None
        conforms = []
        for value in sorted(graph.objects(subject, DCTERMS.conformsTo), key=str):
            if isinstance(value, BNode):
                value = next(iter(graph.objects(value, FOAF.page)), None) or value
            if isinstance(value, BNode):
                self.skip(subject, _("A standard without an address (conforms to) was not imported."))
            else:
                conforms.append(str(value).strip())
        provenance = self._one(subject, DCTERMS.provenance, _("provenance"))
        provenance_code = str(provenance).removeprefix(vocabularies.PROVENANCE) if provenance is not None else ""
        if provenance is not None and provenance_code not in Provenance.values:
            self.skip(subject, _("Unknown provenance: %(value)s; it was not imported.") % {"value": provenance})
            provenance_code = ""
        restriction_basis, restriction_url = self._legal_basis(subject)
        values = {
            **_texts_by_field(titles, descriptions),
            "keywords": ", ".join(keywords),
            "access_rights": self._access_rights(subject),
            "restriction_basis": restriction_basis,
            "restriction_basis_url": restriction_url,
            "frequency": self._concept(
                subject,
                self._one(subject, DCTERMS.accrualPeriodicity, _("update frequency")),
                Scheme.FREQUENCY,
                _("update frequency"),
            ),
            "temporal_start": start,
            "temporal_end": end,
            "conforms_to": "\n".join(conforms),
            "provenance": provenance_code,
            "landing_page": self._url(subject, DCAT.landingPage, _("web page")),
            "contact_point": self._contact(subject),
        }
        self._unmapped(subject, DATASET_PROPERTIES)
        dataset = self._apply(subject, obj, "dataset", values, {"themes": themes})
        self.imported[subject] = dataset or obj
        for node in sorted(graph.objects(subject, DCAT.distribution), key=lambda s: (isinstance(s, BNode), str(s))):
            self._distribution(node, dataset or obj)

    def _texts_all(self, subject, predicate, what: str) -> list[str]:
        """Every value in bokmål (or without a language tag), e.g. keywords; other languages reported."""
        words = []
        for value in sorted(self.graph.objects(subject, predicate), key=str):
            tag = (value.language or "").lower().split("-")[0] if isinstance(value, Literal) else ""
            if tag and LANGUAGES.get(tag) != "nb":
                self.skip(
                    subject,
                    _("%(property)s in another language (%(language)s) was not imported: %(value)s")
                    % {"property": capfirst(what), "language": value.language, "value": str(value)[:80]},
                )
            elif str(value).strip() and str(value).strip() not in words:
                words.append(str(value).strip())
        return words

    def _legal_basis(self, subject) -> tuple[str, str]:
        node = self._one(subject, DCATNO.legalBasisForRestriction, _("legal basis for restriction"))
        if node is None:
            return "", ""
        if isinstance(node, Literal):
            return str(node).strip(), ""
        labels = self._texts(node, SKOS.prefLabel, _("legal basis for restriction"), languages=("nb",)) or self._texts(
            node, DCTERMS.title, _("legal basis for restriction"), languages=("nb",)
        )
        source = next((str(v).strip() for v in self.graph.objects(node, DCTERMS.source)), "")
        label = labels.get("nb", "")
        # Orden writes the address as the label when the basis has no name of its own.
        return ("" if label == source else label), source

    def _distribution(self, subject, dataset: Dataset):
        titles = self._texts(subject, DCTERMS.title, _("title"), languages=("nb",))
        descriptions = self._texts(subject, DCTERMS.description, _("description"), languages=("nb",))
        title = titles.get("nb", "")
        access_url = self._url(subject, DCAT.accessURL, _("access address"))
        if not title:
            title = dataset.title_nb
            self.skip(subject, _("The distribution has no title; the dataset's title was given to it."))
        existing = None
        if dataset.pk:
            if isinstance(subject, URIRef):
                existing = self.distributions.get(str(subject))
                if existing is not None and existing.dataset_id != dataset.pk:
                    existing = None
            else:
                existing = next(
                    (
                        d
                        for d in self.distributions_of.get(dataset.pk, [])
                        if d.title_nb == title and d.access_url == access_url
                    ),
                    None,
                )
        obj = existing or Distribution(organization=self.organization, dataset=dataset, uri=self._kept_iri(subject))
        values = {
            "title_nb": title,
            "description_nb": descriptions.get("nb", ""),
            "format": self._concept(
                subject, self._one(subject, DCTERMS.format, _("format")), Scheme.FILE_TYPE, _("file type")
            ),
            "access_url": access_url,
            "download_url": self._url(subject, DCAT.downloadURL, _("download address")),
            "licence": self._concept(
                subject, self._one(subject, DCTERMS.license, _("licence")), Scheme.LICENCE, _("licence")
            ),
        }
        self._unmapped(subject, DISTRIBUTION_PROPERTIES)
        # A dataset that is invalid (not saved) cannot be named yet; the distribution is still checked.
        self._apply(subject, obj, "distribution", values, {}, exclude=("dataset",) if dataset.pk is None else ())

    def _service(self, subject):
        titles = self._titles(subject)
        descriptions = self._texts(subject, DCTERMS.description, _("description"))
        self._check_publisher(subject)
        existing = self._find(subject, self.services, self.services_by_title, titles.get("nb", ""))
        obj = existing or DataService(organization=self.organization, uri=self._kept_iri(subject))
        served = []
        for value in sorted(self.graph.objects(subject, DCAT.servesDataset), key=str):
            dataset = self.imported.get(value) or self.datasets.get(str(value))
            if dataset is None:
                self.skip(
                    subject,
                    _("The dataset it serves, %(value)s, is neither in the file nor in the organisation.")
                    % {"value": value},
                )
            elif dataset.pk:
                served.append(dataset)
        values = {
            **_texts_by_field(titles, descriptions),
            "endpoint_url": self._url(subject, DCAT.endpointURL, _("endpoint address")),
            "endpoint_description": self._url(subject, DCAT.endpointDescription, _("endpoint description")),
            "contact_point": self._contact(subject),
            "access_rights": self._access_rights(subject),
            "licence": self._concept(
                subject, self._one(subject, DCTERMS.license, _("licence")), Scheme.LICENCE, _("licence")
            ),
            "landing_page": self._url(subject, DCAT.landingPage, _("web page")),
        }
        self._unmapped(subject, SERVICE_PROPERTIES)
        self._apply(subject, obj, "data_service", values, {"datasets": served})
