"""The public catalogue's documents (``/dcat/…``), kept in Django's cache (Redis in production) until a change
behind them.

The same machinery as the product page's usage table (``catalog.views.usage_stamp``): a *stamp*, made from
one aggregate query, the release and the base URL, says which state of the data a document was built from. A
cached document of another stamp is not served but built again, in its place: one entry per document and
format, so a catalogue edited a hundred times a week is kept once. The stamp's facts are the row counts and
the newest ``updated`` of every table a document is made from (a deletion lowers a count; never sums, which
can cancel out), and for the many-to-many tables, whose rows have no ``updated``, the count and the highest
id (a link replaced by another raises it). A harvest of an unchanged catalogue costs that one query and one
cache read.

``Last-Modified`` is the newest ``updated`` behind the document, but a deletion moves no ``updated``: the
entry also holds the ETag and Last-Modified of the version served before, and a changed body whose rows are
no newer than that gets the time the change was first seen instead; an unchanged body keeps both. With
nothing to compare with (the first build, or after the cache dropped the entry) Last-Modified is the build
time: later than the truth, which costs a harvester one full download, never a wrong 304.
"""

import functools
import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.db.models import DateTimeField, F, Func, IntegerField, OuterRef, Subquery
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from orden.organizations.models import Contact, Organization
from orden.portfolio.models import Service, ServiceTemplate

from .models import Concept, DataService, Dataset, Distribution

TIMEOUT = 7 * 24 * 3600  # an unchanged document stays cached a week
KEY_PREFIX = "dcat"


@dataclass(frozen=True)
class Document:
    """A serialised document and its validators: ``etag`` (quoted, a hash of the body), ``last_modified``."""

    body: bytes
    etag: str
    last_modified: datetime


def _aggregate(queryset, function: str, field: str, output_field):
    """A scalar subquery: ``function(field)`` over the rows of ``queryset``, without GROUP BY."""
    return Subquery(
        queryset.order_by().annotate(value=Func(F(field), function=function, output_field=output_field)).values("value")
    )


def _rows_and_changed(queryset) -> tuple:
    return (
        _aggregate(queryset, "COUNT", "pk", IntegerField()),
        _aggregate(queryset, "MAX", "updated", DateTimeField()),
    )


def _rows_and_last(queryset) -> tuple:
    return (_aggregate(queryset, "COUNT", "pk", IntegerField()), _aggregate(queryset, "MAX", "pk", IntegerField()))


def _facts(scope: OuterRef | None) -> dict:
    """The subqueries of the stamp: of one organisation (``scope``: the outer query's organisation) or, with
    ``scope=None``, of every organisation."""

    def rows(model, organization_field="organization"):
        # unscoped: public output, the count and newest change of every row behind it (no row is shown)
        queryset = model.objects.all()
        return queryset.filter(**{organization_field: scope}) if scope is not None else queryset

    tenant = {
        "datasets": rows(Dataset),
        "distributions": rows(Distribution),
        "data_services": rows(DataService),
        "contacts": rows(Contact),
        "services": rows(Service),  # a dataset takes the Los themes of its services
    }
    links = {
        "themes": rows(Dataset.themes.through, "dataset__organization"),
        "dataset_services": rows(Dataset.services.through, "dataset__organization"),
        "served": rows(DataService.datasets.through, "dataservice__organization"),
    }
    # Reference data, the same for everyone: the concepts' IRIs, the Los themes of services' common services.
    shared = {"concepts": Concept.objects.all(), "templates": ServiceTemplate.objects.all()}
    facts = {}
    for name, queryset in (tenant | shared).items():
        facts[f"{name}_rows"], facts[f"{name}_changed"] = _rows_and_changed(queryset)
    for name, queryset in links.items():
        facts[f"{name}_rows"], facts[f"{name}_last"] = _rows_and_last(queryset)
    return facts


# Stands for the organisasjonsnummer in the statement compiled once (9 characters, never a valid number).
_NUMBER = "?number?"


@functools.cache
def _organization_statement(vendor: str) -> tuple[str, list, list[str]]:
    """The SQL of ``organization_facts``, its parameters and its columns, compiled once per process and
    database: building the ORM query of some twenty subqueries cost ten times the query itself."""
    # unscoped: the public catalogue of an active organisation (PlatformPolicy lets everyone see organisations)
    organizations = Organization.objects.filter(organization_number=_NUMBER, is_active=True)
    queryset = organizations.order_by().values("pk", "organization_number", "updated", **_facts(OuterRef("pk")))
    sql, params = queryset.query.sql_with_params()
    return sql, list(params), list(queryset.query.values_select) + list(queryset.query.annotation_select)


def _datetime(value):
    """A timestamp as the driver returns it: aware (PostgreSQL), or naive or text in UTC (SQLite)."""
    if value is None:
        return None
    moment = value if isinstance(value, datetime) else parse_datetime(value)
    return moment if timezone.is_aware(moment) else timezone.make_aware(moment, UTC)


def organization_facts(organization_number: str) -> dict | None:
    """The facts behind an active organisation's documents, in one query (``pk`` among them); None when no
    active organisation has this organisasjonsnummer."""
    sql, params, columns = _organization_statement(connection.vendor)
    with connection.cursor() as cursor:
        cursor.execute(sql, [organization_number if param == _NUMBER else param for param in params])
        row = cursor.fetchone()
    if row is None:
        return None
    facts = dict(zip(columns, row, strict=True))
    return {
        name: _datetime(value) if name == "updated" or name.endswith("_changed") else value
        for name, value in facts.items()
    }


def national_facts() -> dict:
    """The facts behind ``/dcat/`` (every active organisation), in one query whatever their number."""
    # unscoped: the public catalogue of every active organisation
    organizations = Organization.objects.filter(is_active=True).order_by()
    facts = {
        # Aggregates over the organisations without GROUP BY: one row, beside the other tables' subqueries.
        "organizations_rows": Func(F("pk"), function="COUNT", output_field=IntegerField()),
        "organizations_last": Func(F("pk"), function="MAX", output_field=IntegerField()),
        "organizations_changed": Func(F("updated"), function="MAX", output_field=DateTimeField()),
        **_facts(None),
    }
    return organizations.annotate(**facts).values(*facts).get()


def stamp(facts: dict) -> str:
    """What changes with every change behind a document (and with the release, whose code may write other
    RDF, and the base URL, which the IRIs are made of)."""
    facts = {**facts, "release": settings.ORDEN_RELEASE, "base_url": settings.ORDEN_BASE_URL}
    return hashlib.sha256(repr(sorted(facts.items())).encode()).hexdigest()[:32]


def newest_change(facts: dict) -> datetime | None:
    """The newest ``updated`` among the facts (None when no row has one)."""
    return max((value for value in facts.values() if isinstance(value, datetime)), default=None)


def _seconds(moment: datetime) -> datetime:
    """HTTP dates have whole seconds: compare what the client can send back."""
    return moment.astimezone(UTC).replace(microsecond=0)


def cached_document(name: str, facts: dict, build: Callable[[], bytes | None]) -> Document | None:
    """The document ``name`` (e.g. ``catalogue:964964076:ttl``) for the state ``facts`` describe: from the
    cache when it was built for the same stamp, else ``build()`` (None: there is no such document; nothing is
    cached) and cached in place of the previous version."""
    key = f"{KEY_PREFIX}:{name}"
    current = stamp(facts)
    entry = cache.get(key)  # (stamp, Document) of the version built last, if the cache still has it
    if entry is not None and entry[0] == current:
        return entry[1]
    body = build()
    if body is None:
        return None
    etag = f'"{hashlib.sha256(body).hexdigest()[:32]}"'
    previous = entry[1] if entry is not None else None
    now = _seconds(timezone.now())
    changed = newest_change(facts)
    if previous is None or changed is None:
        last_modified = now
    elif previous.etag == etag:
        last_modified = previous.last_modified  # a change to something the document does not show
    elif _seconds(changed) > previous.last_modified:
        last_modified = _seconds(changed)
    else:
        # Changed, with no newer row: a deletion. A whole second later than before, so If-Modified-Since sees it.
        last_modified = max(now, previous.last_modified + timedelta(seconds=1))
    document = Document(body=body, etag=etag, last_modified=last_modified)
    cache.set(key, (current, document), TIMEOUT)
    return document
