"""The import of DCAT catalogues: each format, untrusted input, the mapping and its report, updates,
permissions, the page and the API, the import from a web address, and the round trip
export → import into an empty organisation → export."""

import http.server
import json
import threading
from datetime import date

import pytest
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.urls import reverse
from django.utils import translation
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rest_framework.test import APIClient

from orden.api.models import ApiToken
from orden.core import history
from orden.core.models import ChangeRecord
from orden.core.roles import Role
from orden.organizations.models import Contact
from orden.organizations.testing import make_organization, work_in

from .. import importing, rdf
from ..importing import ImportRefused, import_catalogue
from ..models import AccessRights, Concept, DataService, Dataset, Distribution, Scheme
from .specs import concept, file_type, licence, theme

PORT = 18731  # this helper's range, 18700–18799
BASE = "https://data.vinje.example/"

CATALOGUE = """\
@prefix dcat: <http://www.w3.org/ns/dcat#> .
@prefix dct: <http://purl.org/dc/terms/> .
@prefix vcard: <http://www.w3.org/2006/vcard/ns#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix theme: <http://publications.europa.eu/resource/authority/data-theme/> .
@prefix access: <http://publications.europa.eu/resource/authority/access-right/> .
@prefix freq: <http://publications.europa.eu/resource/authority/frequency/> .
@prefix type: <http://publications.europa.eu/resource/authority/file-type/> .
@prefix licence: <http://publications.europa.eu/resource/authority/licence/> .

<https://data.vinje.example/katalog> a dcat:Catalog ;
    dct:title "Vinjes datakatalog"@nb ;
    dct:publisher <https://data.brreg.no/enhetsregisteret/api/enheter/964964076> ;
    dcat:dataset <https://data.vinje.example/vegar> ;
    dcat:service <https://data.vinje.example/api> .

<https://data.vinje.example/vegar> a dcat:Dataset ;
    dct:title "Kommunale vegar"@nb, "Kommunale vegar"@nn, "Municipal roads"@en ;
    dct:description "Alle kommunale vegar med vedlikehaldsklasse."@nb ;
    dcat:keyword "veg"@nb, "brøyting"@nb ;
    dcat:theme theme:TRAN ;
    dct:accessRights access:PUBLIC ;
    dct:accrualPeriodicity freq:ANNUAL ;
    dct:temporal [ a dct:PeriodOfTime ; dcat:startDate "2019-01-01"^^xsd:date ] ;
    dct:conformsTo <https://standard.example/veg> ;
    dct:provenance <http://data.brreg.no/datakatalog/provinens/vedtak> ;
    dcat:landingPage <https://www.vinje.kommune.no/vegar> ;
    dcat:contactPoint [ a vcard:Organization ; vcard:fn "Teknisk drift" ;
        vcard:hasEmail <mailto:teknisk@vinje.kommune.no> ; vcard:hasTelephone <tel:+4735062000> ] ;
    dcat:distribution <https://data.vinje.example/vegar/csv> .

<https://data.vinje.example/vegar/csv> a dcat:Distribution ;
    dct:title "Vegar som CSV"@nb ;
    dct:format type:CSV ;
    dct:license licence:NLOD_2_0 ;
    dcat:accessURL <https://data.vinje.example/filer/> ;
    dcat:downloadURL <https://data.vinje.example/filer/vegar.csv> .

<https://data.vinje.example/api> a dcat:DataService ;
    dct:title "Vegdata-API"@nb ;
    dcat:endpointURL <https://api.vinje.example/vegar/> ;
    dcat:endpointDescription <https://api.vinje.example/vegar/openapi.json> ;
    dct:accessRights access:PUBLIC ;
    dct:license licence:NLOD_2_0 ;
    dcat:servesDataset <https://data.vinje.example/vegar> .
"""


@pytest.fixture(autouse=True)
def english():
    """Messages are compared in English (one test checks the user's language)."""
    with translation.override("en"):
        yield


@pytest.fixture
def vocabulary(db):
    """The concepts the test catalogue names (the shipped vocabularies have them; made here if not)."""
    return {
        "theme": concept(Scheme.DATA_THEME, "TRAN", "data-theme"),
        "frequency": concept(Scheme.FREQUENCY, "ANNUAL", "frequency"),
        "file_type": concept(Scheme.FILE_TYPE, "CSV", "file-type"),
        "licence": concept(Scheme.LICENCE, "NLOD_2_0", "licence"),
    }


def coordinator(world):
    """The own organisation's coordinator, whose pages and API answers are in English."""
    user = world.users[Role.COORDINATOR]
    if user.language != "en":
        user.language = "en"
        user.save(update_fields=["language"])
    return user


def in_format(turtle: str, suffix: str) -> bytes:
    return rdf.serialize(Graph().parse(data=turtle, format="turtle"), suffix)


def written():
    """Everything an import writes, to prove that nothing was."""
    return (
        Dataset.objects.count(),
        Distribution.objects.count(),
        DataService.objects.count(),
        Contact.objects.count(),
        ChangeRecord.objects.count(),
    )


# Each format --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("suffix", ["ttl", "rdf", "jsonld"])
def test_each_format_creates_the_datasets_distributions_and_services(world, vocabulary, suffix):
    report = import_catalogue(in_format(CATALOGUE, suffix), f"katalog.{suffix}", world.own, coordinator(world))

    assert report.saved and not report.errors
    assert sorted(e.kind for e in report.created) == ["contact", "data_service", "dataset", "distribution"]
    dataset = Dataset.objects.get(organization=world.own)
    assert (dataset.title_nb, dataset.title_nn, dataset.title_en) == (
        "Kommunale vegar",
        "Kommunale vegar",
        "Municipal roads",
    )
    assert dataset.description_nb == "Alle kommunale vegar med vedlikehaldsklasse."
    assert sorted(dataset.keyword_list) == ["brøyting", "veg"]
    assert list(dataset.themes.all()) == [vocabulary["theme"]]
    assert dataset.access_rights == AccessRights.PUBLIC
    assert dataset.frequency == vocabulary["frequency"]
    assert (dataset.temporal_start, dataset.temporal_end) == (date(2019, 1, 1), None)
    assert dataset.conforms_to == "https://standard.example/veg"
    assert dataset.provenance == "vedtak"
    assert dataset.landing_page == "https://www.vinje.kommune.no/vegar"
    assert dataset.uri == "https://data.vinje.example/vegar"
    assert not dataset.published
    contact = dataset.contact_point
    assert (contact.organization, contact.name, contact.email, contact.phone) == (
        world.own,
        "Teknisk drift",
        "teknisk@vinje.kommune.no",
        "+4735062000",
    )
    distribution = dataset.distributions.get()
    assert (distribution.title_nb, distribution.format, distribution.licence) == (
        "Vegar som CSV",
        vocabulary["file_type"],
        vocabulary["licence"],
    )
    assert (distribution.access_url, distribution.download_url, distribution.uri) == (
        "https://data.vinje.example/filer/",
        "https://data.vinje.example/filer/vegar.csv",
        "https://data.vinje.example/vegar/csv",
    )
    service = DataService.objects.get(organization=world.own)
    assert (service.title_nb, service.endpoint_url, service.endpoint_description) == (
        "Vegdata-API",
        "https://api.vinje.example/vegar/",
        "https://api.vinje.example/vegar/openapi.json",
    )
    assert list(service.datasets.all()) == [dataset] and service.licence == vocabulary["licence"]
    # Every row through history, in one change group; the report says they are not published.
    records = ChangeRecord.objects.filter(organization_id=world.own.pk)
    assert records.count() == 4 and len(set(records.values_list("request_id", flat=True))) == 1
    assert any("not published" in note for note in report.notes)


def test_the_format_is_sniffed_when_the_name_does_not_say(world, vocabulary):
    for suffix in ("ttl", "rdf", "jsonld"):
        assert importing.detect_format(in_format(CATALOGUE, suffix), "upload") == rdf.FORMATS[suffix][0]
    assert importing.detect_format(b"<http://a> <http://b> <http://c> .", "") == "turtle"
    assert importing.detect_format(b"{}", "application/ld+json; charset=utf-8") == "json-ld"


def test_an_existing_contact_is_reused_by_e_mail(world, vocabulary):
    existing = Contact.objects.create(organization=world.own, name="Drift", email="TEKNISK@vinje.kommune.no")
    import_catalogue(CATALOGUE.encode(), "k.ttl", world.own, coordinator(world))
    assert Dataset.objects.get(organization=world.own).contact_point == existing
    assert Contact.objects.filter(organization=world.own).count() == 1


# Untrusted input ----------------------------------------------------------------------------------------


def test_a_file_over_the_limit_is_refused_naming_the_limit(world):
    with pytest.raises(ImportRefused, match="The limit is 10 MB"):
        import_catalogue(b" " * (importing.MAX_BYTES + 1), "k.ttl", world.own, coordinator(world))


@pytest.mark.parametrize(
    ("data", "name", "expected"),
    [
        (b"%PDF-1.4 \x00\x01", "k.pdf", "could not be read as Turtle"),
        (b"Hello, this is not RDF.", "k.txt", "could not be read as Turtle"),
        (b"", "k.ttl", "The file is empty."),
        (b"<http://a> <http://b> <http://c> .", "k.ttl", "holds no DCAT catalogue"),
        (b"\xff\xfe<x>", "k.ttl", "Line 1, column 1: The text is not UTF-8."),
        (b"[" * 100_000, "k.jsonld", "could not be read as JSON-LD"),
        (b'{"@context": {"@vocab": 5}, "@id": "x"}', "k.jsonld", "holds no DCAT catalogue"),
        (b"<html><body><p>Hello</p></body></html>", "k.html", "holds no DCAT catalogue"),
    ],
)
def test_a_file_that_is_not_a_dcat_catalogue_is_refused(world, data, name, expected):
    with pytest.raises(ImportRefused, match=expected):
        import_catalogue(data, name, world.own, coordinator(world))


def test_a_turtle_syntax_error_gives_the_line_and_column(world):
    broken = (
        "@prefix dcat: <http://www.w3.org/ns/dcat#> .\n\n"
        '<https://a> a dcat:Dataset ;\n    dcat:keyword "x"\n    <https://b> <https://c> .\n'
    )
    with pytest.raises(ImportRefused) as refused:
        import_catalogue(broken.encode(), "k.ttl", world.own, coordinator(world))
    assert "Line 5, column 5:" in refused.value.message
    assert refused.value.message.startswith("The file could not be read as Turtle.")


def test_the_line_and_column_are_in_the_users_language(world):
    with translation.override("nn"), pytest.raises(ImportRefused) as refused:
        import_catalogue(b"<a> <b> .", "k.ttl", world.own, coordinator(world))
    assert "Linje 1, kolonne 8: " in refused.value.message


def test_malformed_xml_and_json_give_the_line_and_column(world):
    xml_text = (
        b'<?xml version="1.0"?>\n<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">\n'
        b"  <rdf:Description>\n</rdf:RDF>\n"
    )
    with pytest.raises(ImportRefused, match=r"RDF/XML\. Line 4, column 3: mismatched tag"):
        import_catalogue(xml_text, "k.rdf", world.own, coordinator(world))
    with pytest.raises(ImportRefused, match=r"JSON-LD\. Line 2, column 14: "):
        import_catalogue(b'{"@context": {},\n  "@id": "x",, }', "k.jsonld", world.own, coordinator(world))


@pytest.mark.parametrize(
    "declaration",
    [
        '<!DOCTYPE rdf:RDF [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>',
        '<!DOCTYPE rdf:RDF [<!ENTITY secret SYSTEM "file:///etc/passwd">]>',
        "<!DOCTYPE rdf:RDF>",
    ],
)
def test_rdf_xml_with_a_document_type_or_entities_is_refused(world, declaration):
    document = (
        f'<?xml version="1.0"?>\n{declaration}\n<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
        'xmlns:dcat="http://www.w3.org/ns/dcat#" xmlns:dct="http://purl.org/dc/terms/">'
        '<dcat:Dataset rdf:about="https://a"><dct:title>&b;</dct:title></dcat:Dataset></rdf:RDF>'
    ).replace("&b;", "&b;" if "ENTITY b" in declaration else "x")
    with pytest.raises(ImportRefused, match="document type or entities"):
        import_catalogue(document.encode(), "k.rdf", world.own, coordinator(world))
    assert not Dataset.objects.exists()


class Recorder(http.server.BaseHTTPRequestHandler):
    """A local web server that answers ``body`` and records every request it gets."""

    body = b""
    content_type = "text/turtle"
    requests: list[str] = []

    def do_GET(self):
        type(self).requests.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", self.content_type)
        self.send_header("Content-Length", str(len(self.body)))
        self.end_headers()
        self.wfile.write(self.body)

    def log_message(self, *args):
        pass


@pytest.fixture
def web_server():
    Recorder.requests = []
    server = http.server.ThreadingHTTPServer(("127.0.0.1", PORT), Recorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield Recorder
    server.shutdown()
    server.server_close()
    thread.join()


@pytest.mark.parametrize(
    "context",
    [
        "URL",
        ["URL", {"dct": "http://purl.org/dc/terms/"}],
        {"dct": "http://purl.org/dc/terms/", "@import": "URL"},
        {"title": {"@id": "http://purl.org/dc/terms/title", "@context": "URL"}},
    ],
)
def test_json_ld_with_a_remote_context_is_refused_and_nothing_is_fetched(world, web_server, context):
    url = f"http://127.0.0.1:{PORT}/context.jsonld"
    web_server.body = json.dumps({"@context": {"@vocab": "http://www.w3.org/ns/dcat#"}}).encode()
    document = {
        "@context": json.loads(json.dumps(context).replace("URL", url)),
        "@id": "https://a",
        "@type": "http://www.w3.org/ns/dcat#Dataset",
    }
    with pytest.raises(ImportRefused, match="refers to a context by its address"):
        import_catalogue(json.dumps(document).encode(), "k.jsonld", world.own, coordinator(world))
    assert web_server.requests == []
    # The server does answer: rdflib would have fetched the context from it.
    Graph().parse(data=json.dumps({"@context": url, "@id": "https://a", "keyword": "x"}), format="json-ld")
    assert web_server.requests == ["/context.jsonld"]


# The mapping and its report -----------------------------------------------------------------------------


def test_an_unknown_theme_is_reported_and_the_rest_imported(world, vocabulary):
    data = CATALOGUE.replace("dcat:theme theme:TRAN", "dcat:theme theme:TRAN, <https://themes.example/roads>")
    report = import_catalogue(data.encode(), "k.ttl", world.own, coordinator(world))
    assert report.saved
    assert (
        "https://data.vinje.example/vegar",
        "Unknown theme: https://themes.example/roads (not an EU data theme or Los theme); the other themes were "
        "imported.",
    ) in report.skipped
    assert list(Dataset.objects.get().themes.all()) == [vocabulary["theme"]]


def test_what_cannot_be_mapped_is_reported(world, vocabulary):
    data = (
        CATALOGUE.replace(
            "dct:publisher <https://data.brreg.no/enhetsregisteret/api/enheter/964964076>",
            "dct:publisher <https://data.brreg.no/enhetsregisteret/api/enheter/964963630>",
        )
        .replace('dcat:keyword "veg"@nb,', 'dcat:keyword "veg"@nb, "road"@en, "Veg"@de,')
        .replace("dct:format type:CSV", "dct:format type:NOPE")
        .replace("dcat:landingPage", "dct:source <https://source.example/> ; dcat:landingPage")
    )
    report = import_catalogue(data.encode(), "k.ttl", world.own, coordinator(world))
    reasons = {reason for _subject, reason in report.skipped}
    assert "Keyword in another language (en) was not imported: road" in reasons
    assert (
        "Unknown file type: http://publications.europa.eu/resource/authority/file-type/NOPE; it was not imported."
        in reasons
    )
    assert "Not imported: dct:source (Orden has no field for it)." in reasons
    assert (
        "https://data.vinje.example/katalog",
        "The publisher https://data.brreg.no/enhetsregisteret/api/enheter/964963630 is not Vinje; it is imported as "
        "Vinje's.",
    ) in report.skipped
    assert report.saved and Distribution.objects.get().format is None


def test_an_invalid_access_url_is_reported_and_nothing_is_written(world, vocabulary):
    before = written()
    data = CATALOGUE.replace("dcat:accessURL <https://data.vinje.example/filer/>", 'dcat:accessURL "not a web address"')
    report = import_catalogue(data.encode(), "k.ttl", world.own, coordinator(world))
    assert not report.saved
    assert report.errors == [("https://data.vinje.example/vegar/csv", "Access address: Enter a valid URL.")]
    assert written() == before


def test_every_invalid_subject_is_reported_and_nothing_is_written(world, vocabulary):
    before = written()
    data = CATALOGUE.replace("<https://api.vinje.example/vegar/>", '"ftp:/x"').replace(
        'dct:title "Kommunale vegar"@nb, "Kommunale vegar"@nn, "Municipal roads"@en ;', ""
    )
    report = import_catalogue(data.encode(), "k.ttl", world.own, coordinator(world))
    assert {subject for subject, _reason in report.errors} == {
        "https://data.vinje.example/vegar",
        "https://data.vinje.example/api",
    }
    assert "Title (bokmål): This field cannot be blank." in {reason for _subject, reason in report.errors}
    assert written() == before


def test_check_mode_reports_and_writes_nothing(world, vocabulary):
    before = written()
    report = import_catalogue(CATALOGUE.encode(), "k.ttl", world.own, coordinator(world), importing.CHECK)
    assert not report.saved and len(report.created) == 4 and all(e.pk is None for e in report.created)
    assert written() == before


# Updates ------------------------------------------------------------------------------------------------


def test_importing_again_updates_through_history_or_counts_unchanged(world, vocabulary):
    user = coordinator(world)
    import_catalogue(CATALOGUE.encode(), "k.ttl", world.own, user)
    dataset = Dataset.objects.get()
    again = import_catalogue(CATALOGUE.encode(), "k.ttl", world.own, user)
    assert not again.created and not again.updated
    assert sorted(e.kind for e in again.unchanged) == ["data_service", "dataset", "distribution"]

    changed = CATALOGUE.replace("Alle kommunale vegar", "Alle vegar").replace("vegar.csv", "vegar-2024.csv")
    records = ChangeRecord.objects.count()
    report = import_catalogue(changed.encode(), "k.ttl", world.own, user)
    assert [(e.kind, e.pk) for e in report.updated] == [
        ("dataset", dataset.pk),
        ("distribution", dataset.distributions.get().pk),
    ]
    dataset.refresh_from_db()
    assert dataset.description_nb == "Alle vegar med vedlikehaldsklasse." and dataset.version == 2
    assert Dataset.objects.count() == 1 and Distribution.objects.count() == 1
    record = history.history_of(dataset).get(action="update")
    assert record.prechange_data["description_nb"].startswith("Alle kommunale vegar")
    assert ChangeRecord.objects.count() == records + 2


def many(n: int) -> bytes:
    """The test catalogue with ``n`` datasets (and a distribution each) instead of one."""
    head, rest = CATALOGUE.split("<https://data.vinje.example/vegar> a dcat:Dataset", 1)
    dataset = "<https://data.vinje.example/vegar> a dcat:Dataset" + rest.split("<https://data.vinje.example/api>")[0]
    copies = [
        dataset.replace("data.vinje.example/vegar", f"data.vinje.example/vegar-{i}").replace('vegar"@', f'vegar {i}"@')
        for i in range(n)
    ]
    return "\n".join([head.replace("dcat:service <https://data.vinje.example/api> .", "."), *copies]).encode()


def test_an_unchanged_catalogue_costs_the_same_queries_for_1_and_20_datasets(world, vocabulary):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    counts = []
    for n in (1, 20):
        import_catalogue(many(n), "k.ttl", world.own, coordinator(world))
        with CaptureQueriesContext(connection) as queries:
            report = import_catalogue(many(n), "k.ttl", world.own, coordinator(world))
        assert len(report.unchanged) == 2 * n and not report.created and not report.updated
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_a_dataset_without_an_iri_is_matched_by_its_title(world, vocabulary):
    data = CATALOGUE.replace("<https://data.vinje.example/vegar> a dcat:Dataset", "[] a dcat:Dataset").split(
        "<https://data.vinje.example/api> a"
    )[0]
    data = data.replace("dcat:dataset <https://data.vinje.example/vegar> ;", "").replace(
        "dcat:service <https://data.vinje.example/api> .", "."
    )
    first = import_catalogue(data.encode(), "k.ttl", world.own, coordinator(world))
    assert [e.subject for e in first.created if e.kind == "dataset"] == [""]
    again = import_catalogue(data.replace("Alle kommunale", "Alle").encode(), "k.ttl", world.own, coordinator(world))
    assert [e.kind for e in again.updated] == ["dataset"] and Dataset.objects.get().uri == ""


def test_a_dataset_of_orden_is_matched_by_its_own_iri(world, vocabulary):
    user = coordinator(world)
    dataset = Dataset.objects.create(organization=world.own, title_nb="Kommunale vegar", access_rights="public")
    data = CATALOGUE.replace("<https://data.vinje.example/vegar>", f"<{rdf.dataset_uri(dataset)}>")
    report = import_catalogue(data.encode(), "k.ttl", world.own, user)
    assert [(e.kind, e.pk) for e in report.updated] == [("dataset", dataset.pk)]
    dataset.refresh_from_db()
    assert dataset.uri == "" and dataset.title_en == "Municipal roads"


# Permissions --------------------------------------------------------------------------------------------


def api_client(user):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {ApiToken.issue(user, 'test')[1]}")
    return client


def api_import(client, organization, data=None, name="katalog.ttl", query=""):
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile(name, CATALOGUE.encode() if data is None else data, "application/octet-stream")
    return client.post(
        f"/api/datasets/import/?organization={organization.pk}{query}", {"file": upload}, format="multipart"
    )


@pytest.mark.parametrize("role", [Role.COORDINATOR, Role.ARCHITECT])
def test_editors_may_import(world, vocabulary, role):
    assert importing.may_import(world.users[role], world.own)
    assert import_catalogue(CATALOGUE.encode(), "k.ttl", world.own, world.users[role]).saved


@pytest.mark.parametrize("role", [Role.READER, Role.SYSTEM_OWNER, Role.PRIVACY_OFFICER])
def test_others_may_not_import(world, vocabulary, client, role):
    user = world.users[role]
    with pytest.raises(PermissionDenied):
        import_catalogue(CATALOGUE.encode(), "k.ttl", world.own, user)
    work_in(client, user, world.own)
    assert client.get(reverse("datasets:dataset_import")).status_code == 403
    assert api_import(api_client(user), world.own).status_code == 403
    assert not Dataset.objects.exists()


def test_another_organisation_cannot_import_into_yours(world, vocabulary):
    other_coordinator = world.other_users[Role.COORDINATOR]
    assert api_import(api_client(other_coordinator), world.own).status_code == 404
    with pytest.raises(PermissionDenied):
        import_catalogue(CATALOGUE.encode(), "k.ttl", world.own, other_coordinator)
    assert not Dataset.objects.exists()


def test_the_import_updates_only_the_current_organisations_rows(world, vocabulary):
    theirs = Dataset.objects.create(
        organization=world.other, title_nb="Deira vegar", uri="https://data.vinje.example/vegar"
    )
    import_catalogue(CATALOGUE.encode(), "k.ttl", world.own, coordinator(world))
    theirs.refresh_from_db()
    assert theirs.title_nb == "Deira vegar" and theirs.version == 1
    assert Dataset.objects.filter(organization=world.own, uri=theirs.uri).count() == 1


# The page and the API -----------------------------------------------------------------------------------


def test_the_page_imports_an_upload_and_shows_the_report(world, vocabulary, client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    work_in(client, coordinator(world), world.own)
    url = reverse("datasets:dataset_import")
    page = client.get(url)
    assert page.status_code == 200
    assert b'accept=".ttl,.rdf,.xml,.jsonld,.json"' in page.content and b'enctype="multipart/form-data"' in page.content
    assert b'name="url"' not in page.content  # importing from an address is off by default
    data = CATALOGUE.replace("dcat:theme theme:TRAN", "dcat:theme <https://themes.example/roads>")
    response = client.post(url, {"file": SimpleUploadedFile("katalog.ttl", data.encode())})
    assert response.status_code == 200
    text = response.content.decode()
    assert "Kommunale vegar" in text and "https://themes.example/roads" in text
    dataset = Dataset.objects.get()
    assert reverse("datasets:dataset_detail", args=[dataset.pk]) in text


def test_the_page_checks_the_csrf_token_after_setting_its_upload_handler(world, vocabulary):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.test import Client

    client = work_in(Client(enforce_csrf_checks=True), coordinator(world), world.own)
    url = reverse("datasets:dataset_import")
    assert client.post(url, {"file": SimpleUploadedFile("k.ttl", CATALOGUE.encode())}).status_code == 403
    token = client.get(url).context["csrf_token"]
    upload = SimpleUploadedFile("k.ttl", CATALOGUE.encode())
    assert client.post(url, {"file": upload, "csrfmiddlewaretoken": str(token)}).status_code == 200
    assert Dataset.objects.filter(organization=world.own).count() == 1


def test_the_page_refuses_a_broken_or_oversized_file(world, client, monkeypatch):
    from django.core.files.uploadedfile import SimpleUploadedFile

    work_in(client, coordinator(world), world.own)
    url = reverse("datasets:dataset_import")
    response = client.post(url, {"file": SimpleUploadedFile("k.ttl", b"<a> <b> .")})
    assert response.status_code == 422 and "Line 1, column" in response.content.decode()
    monkeypatch.setattr(importing, "MAX_BYTES", 1024 * 1024)
    response = client.post(url, {"file": SimpleUploadedFile("k.ttl", b" " * (1024 * 1024 + 1))})
    assert response.status_code == 413 and "The limit is 1 MB." in response.content.decode()
    response = client.post(url, {})
    assert response.status_code == 422 and "Choose a file." in response.content.decode()


def test_an_upload_over_djangos_memory_limit_is_read_in_memory_not_to_disk(world, vocabulary, client, monkeypatch):
    from django.conf import settings
    from django.core.files import uploadhandler
    from django.core.files.uploadedfile import SimpleUploadedFile

    def no_temporary_file(*args, **kwargs):
        raise AssertionError("an import upload was written to a temporary file")

    monkeypatch.setattr(uploadhandler, "TemporaryUploadedFile", no_temporary_file)
    padding = "# " + "x" * 78 + "\n"
    data = CATALOGUE + padding * (settings.FILE_UPLOAD_MAX_MEMORY_SIZE // len(padding) + 1)
    work_in(client, coordinator(world), world.own)
    response = client.post(reverse("datasets:dataset_import"), {"file": SimpleUploadedFile("k.ttl", data.encode())})
    assert response.status_code == 200 and Dataset.objects.filter(organization=world.own).count() == 1
    api = api_import(api_client(coordinator(world)), world.own, data=data.encode(), query="&check=true")
    assert api.status_code == 200 and len(api.json()["unchanged"]) == 3


def test_the_api_imports_a_multipart_file_and_returns_the_report(world, vocabulary):
    client = api_client(coordinator(world))
    response = api_import(client, world.own)
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["saved"] is True
    assert {(e["kind"], e["subject"]) for e in body["created"]} >= {
        ("dataset", "https://data.vinje.example/vegar"),
        ("data_service", "https://data.vinje.example/api"),
    }
    again = api_import(client, world.own, query="&check=true")
    assert again.status_code == 200 and again.json()["saved"] is False and len(again.json()["unchanged"]) == 3


def test_the_api_refuses_bad_input(world, vocabulary, monkeypatch):
    client = api_client(coordinator(world))
    broken = api_import(client, world.own, data=b"<a> <b> .")
    assert broken.status_code == 400 and "Line 1, column" in broken.json()["detail"]
    invalid = api_import(
        client, world.own, data=CATALOGUE.replace("<https://data.vinje.example/filer/>", '"x"').encode()
    )
    assert (
        invalid.status_code == 400
        and invalid.json()["report"]["errors"][0]["reason"] == "Access address: Enter a valid URL."
    )
    as_json = client.post(f"/api/datasets/import/?organization={world.own.pk}", {"file": "x"}, format="json")
    assert as_json.status_code == 415
    missing = client.post(f"/api/datasets/import/?organization={world.own.pk}", {}, format="multipart")
    assert missing.status_code == 400
    assert client.post("/api/datasets/import/?organization=x", {}, format="multipart").status_code == 400
    monkeypatch.setattr(importing, "MAX_BYTES", 1024 * 1024)
    large = api_import(client, world.own, data=b" " * (1024 * 1024 + 1))
    assert large.status_code == 413 and large.json() == {"detail": "The file is too large. The limit is 1 MB."}
    assert not Dataset.objects.exists()


# From a web address -------------------------------------------------------------------------------------


def test_a_catalogue_is_imported_from_a_web_address_when_the_operator_allows_it(
    world, vocabulary, web_server, settings, client
):
    settings.ORDEN_DCAT_IMPORT_FROM_URL = True
    settings.ORDEN_DCAT_IMPORT_PRIVATE_ADDRESSES = True  # the test's server is on 127.0.0.1
    web_server.body = in_format(CATALOGUE, "rdf")
    web_server.content_type = "application/rdf+xml"
    work_in(client, coordinator(world), world.own)
    url = f"http://127.0.0.1:{PORT}/dcat/katalog"
    response = client.post(reverse("datasets:dataset_import"), {"url": url})
    assert response.status_code == 200, response.content.decode()[:2000]
    assert web_server.requests == ["/dcat/katalog"]
    assert Dataset.objects.get(organization=world.own).title_nb == "Kommunale vegar"
    api = api_client(coordinator(world)).post(
        f"/api/datasets/import/?organization={world.own.pk}", {"url": url}, format="multipart"
    )
    assert api.status_code == 200 and len(api.json()["unchanged"]) == 3


def test_a_web_address_is_refused_when_the_operator_does_not_allow_it(world, vocabulary, web_server, settings):
    settings.ORDEN_DCAT_IMPORT_FROM_URL = False
    url = f"http://127.0.0.1:{PORT}/dcat/katalog"
    with pytest.raises(ImportRefused, match="turned off"):
        importing.fetch(url)
    response = api_client(coordinator(world)).post(
        f"/api/datasets/import/?organization={world.own.pk}", {"url": url}, format="multipart"
    )
    assert response.status_code == 400 and "turned off" in response.json()["detail"]
    assert web_server.requests == []


def test_an_unreachable_address_is_refused(settings):
    settings.ORDEN_DCAT_IMPORT_FROM_URL = True
    settings.ORDEN_DCAT_IMPORT_PRIVATE_ADDRESSES = True  # the test's server is on 127.0.0.1
    with pytest.raises(ImportRefused, match="could not be reached"):
        importing.fetch(f"http://127.0.0.1:{PORT + 1}/nothing-listens-here")
    with pytest.raises(ImportRefused, match="http:// or https://"):
        importing.fetch("file:///etc/passwd")


# The round trip -----------------------------------------------------------------------------------------


def describe_fully(world, organization):
    """An organisation with fully described datasets, distributions and data services."""
    vocabulary = {
        "themes": [
            theme(),
            concept(Scheme.DATA_THEME, "TRAN", "data-theme"),
            Concept.objects.filter(scheme=Scheme.LOS_THEME).order_by("uri").first(),  # the shipped Los
        ],
        "frequency": concept(Scheme.FREQUENCY, "ANNUAL", "frequency"),
    }
    contact = Contact.objects.create(
        organization=organization, name="Teknisk drift", email="teknisk@vinje.kommune.no", phone="+47 35 06 20 00"
    )
    open_data = Dataset.objects.create(
        organization=organization,
        title_nb="Kommunale vegar",
        title_nn="Kommunale vegar",
        title_en="Municipal roads",
        description_nb="Alle kommunale vegar.",
        description_nn="Alle kommunale vegar.",
        description_en="Every municipal road.",
        keywords="veg, brøyting",
        contact_point=contact,
        access_rights=AccessRights.PUBLIC,
        frequency=vocabulary["frequency"],
        temporal_start=date(2019, 1, 1),
        temporal_end=date(2024, 12, 31),
        conforms_to="https://standard.example/veg\nhttps://standard.example/adresse",
        provenance="vedtak",
        landing_page="https://www.vinje.kommune.no/vegar",
    )
    open_data.themes.set(vocabulary["themes"])
    closed = Dataset.objects.create(
        organization=organization,
        title_nb="Byggesaker",
        description_nb="Søknader om løyve.",
        contact_point=contact,
        access_rights=AccessRights.RESTRICTED,
        restriction_basis="Offentleglova § 13",
        restriction_basis_url="https://lovdata.no/lov/2006-05-19-16/§13",
        provenance="bruker",
    )
    closed.themes.set([theme()])
    for n, dataset in enumerate([open_data, open_data, closed]):
        Distribution.objects.create(
            organization=organization,
            dataset=dataset,
            title_nb=f"Fil {n}",
            description_nb=f"Som CSV {n}",
            format=file_type(),
            licence=licence(),
            access_url=f"https://data.vinje.example/{n}/",
            download_url=f"https://data.vinje.example/{n}.csv",
        )
    service = DataService.objects.create(
        organization=organization,
        title_nb="Vegdata-API",
        title_en="Road data API",
        description_nb="Vegane som JSON.",
        endpoint_url="https://api.vinje.example/vegar/",
        endpoint_description="https://api.vinje.example/vegar/openapi.json",
        contact_point=contact,
        access_rights=AccessRights.PUBLIC,
        licence=licence(),
        landing_page="https://www.vinje.kommune.no/api",
    )
    service.datasets.set([open_data])


def organisation_iris(organization) -> dict:
    """The IRIs derived from the organisation rather than from a row: catalogue, publisher, spatial coverage."""
    graph = rdf.catalogue_graph([organization], published_only=False)
    from rdflib.namespace import DCTERMS

    iris = {URIRef(rdf.catalogue_uri(organization)), URIRef(rdf.publisher_uri(organization))}
    iris |= {o for o in graph.objects(None, DCTERMS.spatial) if isinstance(o, URIRef)}
    return iris


@pytest.mark.parametrize("suffix", ["ttl", "rdf", "jsonld"])
def test_the_round_trip_export_import_export_gives_the_same_graph(world, suffix):
    source = world.own
    describe_fully(world, source)
    empty = make_organization("Tinn", "4026", "964963061")
    from orden.organizations.models import Membership

    importer = world.users[Role.COORDINATOR]
    Membership.objects.create(organization=empty, user=importer, role=Role.COORDINATOR)
    importer = type(importer).objects.get(pk=importer.pk)  # roles are read once per user object

    first = rdf.catalogue_graph([source], published_only=False)
    report = import_catalogue(rdf.serialize(first, suffix), f"katalog.{suffix}", empty, importer)
    assert report.saved and not report.errors, report.errors
    assert len([e for e in report.created if e.kind == "dataset"]) == 2
    second = rdf.catalogue_graph([empty], published_only=False)

    # What is the organisation's, not the rows': the catalogue (its IRI, title, contact point), the publisher
    # and the spatial coverage; in the first graph they are replaced with the second's.
    catalogue = (URIRef(rdf.catalogue_uri(source)), URIRef(rdf.catalogue_uri(empty)))
    contact = (URIRef(rdf.part_uri(catalogue[0], "contact-point")), URIRef(rdf.part_uri(catalogue[1], "contact-point")))
    publisher = (URIRef(rdf.publisher_uri(source)), URIRef(rdf.publisher_uri(empty)))
    replace = dict([catalogue, contact, publisher])
    spatial_source = sorted(organisation_iris(source) - set(replace))
    spatial_empty = sorted(organisation_iris(empty) - set(replace.values()))
    assert spatial_source and len(spatial_source) == len(spatial_empty)
    replace.update(zip(spatial_source, spatial_empty, strict=True))
    texts = {
        source.name: empty.name,
        source.organization_number: empty.organization_number,
        str(catalogue[0]): str(catalogue[1]),
    }

    def rename(subject, term):
        if isinstance(term, Literal) and subject in replace.values():
            value = str(term)
            for old, new in texts.items():
                value = value.replace(old, new)
            return Literal(value, lang=term.language, datatype=term.datatype)
        return replace.get(term, term)

    # The rows' IRIs were Orden's, in the source's catalogue: the copies got IRIs of their own (the same rows,
    # matched by title), and so did the nodes that belong to them (contact point, period: "<row IRI>#…").
    rows = {}
    for model, iri_of, key in (
        (Dataset, rdf.dataset_uri, lambda row: row.title_nb),
        (Distribution, rdf.distribution_uri, lambda row: (row.dataset.title_nb, row.title_nb)),
        (DataService, rdf.data_service_uri, lambda row: row.title_nb),
    ):
        copies = {key(row): iri_of(row) for row in model.objects.filter(organization=empty)}
        rows.update({iri_of(row): copies[key(row)] for row in model.objects.filter(organization=source)})
    assert len(rows) == len(set(rows.values())) > 3

    def row_iri(term):  # also the row's dct:identifier, its IRI as text
        value = str(term)
        own = value.split("#")[0]
        if own not in rows:
            return term
        if isinstance(term, Literal):
            return Literal(rows[own] + value[len(own) :], lang=term.language, datatype=term.datatype)
        return URIRef(rows[own] + value[len(own) :])

    renamed = Graph()
    for s, p, o in first:
        s = replace.get(s, s)
        renamed.add((row_iri(s), p, row_iri(rename(s, o))))
    only_first = {t for t in renamed if t not in second}
    only_second = {t for t in second if t not in renamed}
    assert isomorphic(renamed, second), (sorted(map(str, only_first))[:20], sorted(map(str, only_second))[:20])
    # The copies are the new organisation's own resources: none keeps an IRI of the source's catalogue.
    assert not any(str(s).startswith(rdf.catalogue_uri(source) + "/") for s in second.subjects(None, None))
    assert {entry[0] for entry in report.skipped} >= set(rows)
    assert not Dataset.objects.filter(Q(organization=empty) & Q(published=True)).exists()


@pytest.mark.parametrize(
    "url", ["http://127.0.0.1:18790/katalog.ttl", "http://localhost/katalog.ttl", "http://169.254.169.254/latest/"]
)
def test_the_url_import_refuses_addresses_that_are_not_public(settings, url):
    from orden.datasets.importing import ImportRefused, fetch

    settings.ORDEN_DCAT_IMPORT_FROM_URL = True
    with pytest.raises(ImportRefused) as refused:
        fetch(url)
    assert url in str(refused.value)


@pytest.mark.parametrize("title", ["Tømmekalender", "T"])
def test_the_column_of_a_turtle_error_counts_characters(title):
    with translation.override("en"), pytest.raises(ImportRefused) as refused:
        importing.parse(f'<http://e/s> <http://e/p> "{title}" ;\n  <http://e/q> "x" @@ .'.encode(), "katalog.ttl")
    assert "Line 2, column 20:" in str(refused.value)


def test_a_parser_failure_without_a_position_says_what_to_do_not_what_python_said():
    with translation.override("en"), pytest.raises(ImportRefused) as refused:
        importing.parse(b'<http://e/s> <http://e/p> "x"^^ .', "katalog.ttl")
    assert "index out of range" not in str(refused.value)
    assert "Check the file with a validator" in str(refused.value)
