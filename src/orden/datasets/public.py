"""The public catalogue, without login: harvestable DCAT-AP-NO documents (``/dcat/…``) and the public pages
(``/data/…``). Only published rows of active organisations, only the facts DCAT-AP-NO publishes.

Documents (``orden.datasets.rdf`` makes them, ``orden.datasets.cache`` keeps them):

``/dcat/``
    every active organisation's catalogue in one document (what the national harvester may fetch).
``/dcat/<organisasjonsnummer>``
    one organisation's catalogue; empty but valid when it publishes nothing.
``/dcat/<orgnr>/datasets/<pk>``, ``…/distributions/<pk>``, ``…/data-services/<pk>``
    the description of one published row: Orden's IRIs have no trailing slash and answer here with 200, so
    they dereference.

Each of them but ``/dcat/`` takes a suffix, ``.ttl``, ``.rdf`` or ``.jsonld``, which wins over ``Accept``.
Without one the format follows ``Accept``: ``text/turtle``, ``application/rdf+xml``, ``application/ld+json``,
and ``application/json`` (JSON-LD, answered as ``application/json``); ``*/*`` or no ``Accept`` gets Turtle. A
browser that prefers ``text/html`` to every RDF format is sent (303 See Other) to the page for people of the
same thing; an ``Accept`` nothing matches is a 406 that lists the formats. Negotiated answers say
``Vary: Accept``.

Unknown organisation numbers, inactive organisations, and rows that are not published (a distribution of an
unpublished dataset included) are 404s, with Orden's 404 page (``core.errors`` answers JSON only under
``/api/``). An answer carries ``ETag`` (a hash of the body) and ``Last-Modified``; a repeated request with
``If-None-Match`` or ``If-Modified-Since`` gets a 304 without a body. Any web page may read the documents
(``Access-Control-Allow-Origin: *``). Anonymous clients (harvesters) get ``Cache-Control: public`` with a short
``max-age``; a signed-in user's answers stay private (``core.middleware.PrivateCacheMiddleware``), as their
session cookie may be refreshed with them.
"""

import operator
from dataclasses import dataclass
from functools import reduce

from django import forms
from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Prefetch, Q
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import path, re_path, reverse
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.http import http_date
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from orden.organizations.models import Organization
from orden.portfolio.models import Service

from . import cache, rdf
from .models import THEME_SCHEMES, AccessRights, Concept, DataService, Dataset, Distribution, Scheme

MAX_AGE = 300  # seconds: the national harvester comes hourly; a change shows within five minutes
PAGE_SIZE = 25

# Accept → (suffix of rdf.FORMATS, Content-Type); None: the page for people. In order of preference.
NEGOTIATED = {
    "text/turtle": "ttl",
    "application/rdf+xml": "rdf",
    "application/ld+json": "jsonld",
    "application/json": "jsonld",
    "text/html": None,
}


@dataclass(frozen=True)
class Kind:
    """One kind of described row: its name in cache keys, its model, and which of its rows are public."""

    name: str
    model: type
    published: Q

    def find(self, organization_id, pk):
        # unscoped: public output; only published rows of the organisation (self.published)
        return self.model.objects.filter(self.published, organization_id=organization_id, pk=pk).first()


DATASET = Kind("dataset", Dataset, Q(published=True))
DISTRIBUTION = Kind("distribution", Distribution, Q(dataset__published=True))
DATA_SERVICE = Kind("data-service", DataService, Q(published=True))


def negotiate(request, suffix):
    """(suffix, Content-Type) of the answer; (None, None) for the page for people; None when nothing in
    ``Accept`` is offered."""
    if suffix:
        return suffix, rdf.FORMATS[suffix][1]
    chosen = request.get_preferred_type(list(NEGOTIATED))
    if chosen is None:
        return None
    return NEGOTIATED[chosen], chosen if NEGOTIATED[chosen] else None


def not_acceptable():
    offered = ", ".join(NEGOTIATED)
    response = HttpResponse(
        f"Not acceptable. Available: {offered}; or add .ttl, .rdf or .jsonld to the address.\n",
        status=406,
        content_type="text/plain; charset=utf-8",
    )
    patch_vary_headers(response, ("Accept",))
    return response


def serve(request, *, name, facts, build, suffix, page_url):
    """Answer with the document ``name`` in the negotiated format: from the cache unless ``facts`` changed,
    else ``build(suffix)``; a 304 when the client's copy is current."""
    negotiated = not suffix
    choice = negotiate(request, suffix)
    if choice is None:
        return not_acceptable()
    suffix, content_type = choice
    if suffix is None:
        response = HttpResponseRedirect(page_url(), status=303)
        patch_vary_headers(response, ("Accept",))
        return response
    facts = facts()
    if facts is None:
        raise Http404
    document = cache.cached_document(f"{name}:{suffix}", facts, lambda: build(facts, suffix))
    if document is None:
        raise Http404
    charset = "" if content_type.endswith("json") else "; charset=utf-8"
    response = HttpResponse(document.body, content_type=content_type + charset)
    response["ETag"] = document.etag
    response["Last-Modified"] = http_date(document.last_modified.timestamp())
    response["Access-Control-Allow-Origin"] = "*"  # public data, no credentials: readable by any web page
    if not request.user.is_authenticated:
        response["Cache-Control"] = f"public, max-age={MAX_AGE}"
    if negotiated:
        patch_vary_headers(response, ("Accept",))
    return get_conditional_response(
        request, etag=document.etag, last_modified=int(document.last_modified.timestamp()), response=response
    )


def active_organizations():
    # unscoped: organisations are public (PlatformPolicy: everyone views); the active ones publish
    return Organization.objects.filter(is_active=True)


@require_safe
def national_catalogue(request):
    """``/dcat/``: every active organisation's published catalogue in one document."""

    def build(facts, suffix):
        return rdf.serialize(rdf.catalogue_graph(active_organizations().order_by("organization_number")), suffix)

    return serve(
        request,
        name="national",
        facts=cache.national_facts,
        build=build,
        suffix=None,
        page_url=lambda: reverse("datasets:public_search"),
    )


@require_safe
def catalogue(request, organization_number, suffix=None):
    """``/dcat/<organisasjonsnummer>``: the organisation's catalogue of published datasets and data services."""

    def build(facts, suffix):
        return rdf.serialize(rdf.catalogue_graph(active_organizations().filter(pk=facts["pk"])), suffix)

    return serve(
        request,
        name=f"catalogue:{organization_number}",
        facts=lambda: cache.organization_facts(organization_number),
        build=build,
        suffix=suffix,
        page_url=lambda: reverse("datasets:public_organization", args=[organization_number]),
    )


@require_safe
def resource(request, organization_number, pk, kind, suffix=None):
    """``/dcat/<orgnr>/<kind>/<pk>``: the description of one published dataset, distribution or data service
    (``kind``, from the URL pattern)."""

    def build(facts, suffix):
        obj = kind.find(facts["pk"], pk)
        return None if obj is None else rdf.serialize(rdf.resource_graph(obj), suffix)

    def page_url():
        organization_page = reverse("datasets:public_organization", args=[organization_number])
        if kind is DATASET:
            return reverse("datasets:public_dataset", args=[organization_number, pk])
        if kind is DISTRIBUTION:
            # unscoped: the published dataset's id, to send a browser to the page that lists the distribution
            distributions = Distribution.objects.filter(
                pk=pk, dataset__published=True, organization__organization_number=organization_number
            )
            dataset_id = distributions.values_list("dataset_id", flat=True).first()
            if dataset_id is not None:
                return (
                    reverse("datasets:public_dataset", args=[organization_number, dataset_id]) + f"#distribution-{pk}"
                )
        return organization_page + f"#data-service-{pk}" if kind is DATA_SERVICE else organization_page

    return serve(
        request,
        name=f"{kind.name}:{organization_number}:{pk}",
        facts=lambda: cache.organization_facts(organization_number),
        build=build,
        suffix=suffix,
        page_url=page_url,
    )


# The pages for people.


def in_language(obj, prefix) -> tuple[str, str]:
    """(text, language code) of ``<prefix>_<language>`` in the active language, else bokmål: the page marks
    a text in another language than its own (WCAG 3.1.2)."""
    language = (get_language() or settings.LANGUAGE_CODE)[:2]
    text = getattr(obj, f"{prefix}_{language}", "")
    return (text, language) if text else (getattr(obj, f"{prefix}_nb"), "nb")


def described(obj):
    obj.title_text, obj.title_lang = in_language(obj, "title")
    obj.description_text, obj.description_lang = in_language(obj, "description")
    return obj


def published_datasets():
    # unscoped: public pages; only published datasets of active organisations
    datasets = Dataset.objects.filter(published=True, organization__is_active=True)
    return datasets.select_related("organization").prefetch_related(
        Prefetch("themes", queryset=Concept.objects.order_by("scheme", "label_nb"))
    )


def find_organization(organization_number):
    organization = active_organizations().filter(organization_number=organization_number).first()
    if organization is None:
        raise Http404
    return organization


def page_of(request, queryset):
    page = Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))
    for obj in page.object_list:
        described(obj)
    return page


def format_links(name, *args):
    """The machine-readable description (URL name ``name``) in each format: (label, URL, media type)."""
    return [
        (label, reverse(f"{name}_as", args=[*args, suffix]), rdf.FORMATS[suffix][1])
        for suffix, label in (("ttl", "Turtle"), ("rdf", "RDF/XML"), ("jsonld", "JSON-LD"))
    ]


class SearchForm(forms.Form):
    """The search across every organisation's published datasets; a choice that is not offered is an error."""

    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    organization = forms.ChoiceField(label=_("Organisation"), required=False)
    theme = forms.ChoiceField(label=_("Theme"), required=False)

    def __init__(self, data):
        # Control characters (a NUL) are refused by the field, and not echoed back into the page either.
        data = data.copy()
        if "q" in data:
            data["q"] = "".join(character for character in data["q"] if character.isprintable())
        super().__init__(data)
        # unscoped: public page; the organisations that publish datasets
        publishing = Dataset.objects.filter(published=True).values("organization_id")
        organizations = active_organizations().filter(pk__in=publishing).values_list("organization_number", "name")
        self.fields["organization"].choices = [("", _("All organisations")), *organizations]
        # unscoped: public page; the themes of published datasets
        used = Dataset.themes.through.objects.filter(dataset__published=True, dataset__organization__is_active=True)
        themes = Concept.objects.filter(scheme__in=THEME_SCHEMES, pk__in=used.values("concept_id"))
        self.fields["theme"].choices = [("", _("All themes")), *((str(c.pk), c.label) for c in themes)]
        for field in self.fields.values():
            field.widget.attrs["class"] = "ds-input"
        self.fields["q"].widget.input_type = "search"

    def filter(self, queryset):
        data = self.cleaned_data
        for word in data["q"].split():
            fields = (
                *Dataset.TEXT_FIELDS,
                "keywords",
            )
            queryset = queryset.filter(reduce(operator.or_, (Q(**{f"{field}__icontains": word}) for field in fields)))
        if data["organization"]:
            queryset = queryset.filter(organization__organization_number=data["organization"])
        if data["theme"]:
            queryset = queryset.filter(themes=data["theme"])
        return queryset


@require_safe
def search(request):
    """``/data/``: search every organisation's published datasets (words in titles, descriptions, keywords;
    by organisation and theme)."""
    form = SearchForm(request.GET)
    datasets = published_datasets().order_by("title_nb", "organization__name", "pk")
    valid = form.is_valid()
    page = page_of(request, form.filter(datasets) if valid else datasets.none())
    context = {"form": form, "page": page}
    return render(request, "datasets/public/search.html", context, status=200 if valid else 400)


@require_safe
def organization_page(request, organization_number):
    """``/data/<orgnr>/``: an organisation's published datasets and data services."""
    organization = find_organization(organization_number)
    page = page_of(request, published_datasets().filter(organization=organization).order_by("title_nb", "pk"))
    # unscoped: public page; the organisation's published data services
    services = [described(s) for s in DataService.objects.filter(organization=organization, published=True)]
    context = {
        "organization": organization,
        "page": page,
        "data_services": services,
        "formats": format_links("datasets:dcat_catalogue", organization_number),
    }
    return render(request, "datasets/public/organization.html", context)


@require_safe
def dataset_page(request, organization_number, pk):
    """``/data/<orgnr>/datasets/<pk>/``: a published dataset's public facts, its distributions and the data
    services that serve it, with links to its machine-readable description."""
    organization = find_organization(organization_number)
    dataset = (
        published_datasets()
        .filter(organization=organization, pk=pk)
        .select_related("contact_point", "frequency")
        .prefetch_related(
            # unscoped: the distributions and published data services of a published dataset
            Prefetch(
                "distributions",
                queryset=Distribution.objects.select_related("format", "licence").order_by("title_nb", "pk"),
            ),
            # unscoped: see above
            Prefetch("data_services", queryset=DataService.objects.filter(published=True).order_by("title_nb")),
        )
        .first()
    )
    if dataset is None:
        raise Http404
    described(dataset)
    # unscoped: only the Los themes of the services behind a published dataset (as its DCAT description has them)
    los_uris = Service.objects.filter(datasets=dataset, template__isnull=False).values("template__uri")
    themes = {*dataset.themes.all(), *Concept.objects.filter(scheme=Scheme.LOS_THEME, uri__in=los_uris)}
    for service in dataset.data_services.all():
        described(service)
    context = {
        "organization": organization,
        "dataset": dataset,
        "themes": sorted(themes, key=lambda concept: (concept.scheme, concept.label)),
        # As the DCAT description has it: the legal basis of a restriction, when there is one.
        "legal_basis": dataset.access_rights != AccessRights.PUBLIC
        and (dataset.restriction_basis.strip() or dataset.restriction_basis_url.strip()),
        "conforms_to": [line.strip() for line in dataset.conforms_to.splitlines() if line.strip()],
        "formats": format_links("datasets:dcat_dataset", organization_number, pk),
        "iri": rdf.dataset_uri(dataset),
    }
    return render(request, "datasets/public/dataset.html", context)


def document_paths(route, view, name, **kwargs):
    """The document at ``route`` (no trailing slash: it is an IRI) and at ``route`` plus a format suffix."""
    return [
        re_path(rf"^{route}$", view, kwargs, name=name),
        re_path(rf"^{route}\.(?P<suffix>ttl|rdf|jsonld)$", view, kwargs, name=f"{name}_as"),
    ]


ORGNR = r"(?P<organization_number>[0-9]{9})"
PK = r"(?P<pk>[1-9][0-9]{0,17})"  # a positive 64-bit id (core.forms.parse_id's range, by length)
urlpatterns = [
    path("dcat/", national_catalogue, name="dcat"),
    *document_paths(rf"dcat/{ORGNR}", catalogue, "dcat_catalogue"),
    *document_paths(rf"dcat/{ORGNR}/datasets/{PK}", resource, "dcat_dataset", kind=DATASET),
    *document_paths(rf"dcat/{ORGNR}/distributions/{PK}", resource, "dcat_distribution", kind=DISTRIBUTION),
    *document_paths(rf"dcat/{ORGNR}/data-services/{PK}", resource, "dcat_data_service", kind=DATA_SERVICE),
    path("data/", search, name="public_search"),
    re_path(rf"^data/{ORGNR}/$", organization_page, name="public_organization"),
    re_path(rf"^data/{ORGNR}/datasets/{PK}/$", dataset_page, name="public_dataset"),
]
