"""The bench's public-catalogue cases (issue 10), run by ``bench --measure-only`` after the pages:

- **serialisation**: the published catalogues of the first organisations (by organisation number) that
  together hold at least 5,000 published datasets, made with ``orden.datasets.rdf`` (``catalogue_graph`` then
  ``serialize``) in each format, beside the baseline: rdflib's own ``Graph.serialize`` of a prepared graph with
  the same triples (copied once, before timing), interleaved run by run; then the same graph validated once
  per DCAT-AP-NO version with pyshacl (``orden.datasets.validation.validate_graph``: slow, so not repeated);
- **harvest**: ``/dcat/<orgnr>`` of the organisation with the most published datasets, unchanged, as a
  harvester asks for it (anonymous, no ``If-None-Match``), answered from the cache, beside an empty view
  requested by the same anonymous client; and the same with ``If-None-Match`` (a 304);
- **national**: ``/dcat/`` (every organisation) built afresh (the cache cleared before each request) and
  answered from the cache, with its number of queries; the queries of ``catalogue_graph`` for every
  organisation must equal those for a few of them (constant in the number of rows), or the bench fails.
"""

from __future__ import annotations

import statistics
import time

from django.core.management.base import CommandError

from orden.bench.common import QueryCounter

SERIALISE_DATASETS = 5000
AIM_SERIALISE_RATIO = 1.5
AIM_HARVEST_RATIO = 2.0
FORMAT_NAMES = {"ttl": "Turtle", "rdf": "RDF/XML", "jsonld": "JSON-LD"}


def _clock(function):
    """``function()``, its wall and CPU time in seconds."""
    started, cpu_started = time.perf_counter(), time.process_time()
    result = function()
    return result, time.perf_counter() - started, time.process_time() - cpu_started


def _ms(seconds: list[float]) -> dict:
    ms = [s * 1000 for s in seconds]
    return {"median_ms": round(statistics.median(ms), 1), "min_ms": round(min(ms), 1), "max_ms": round(max(ms), 1)}


def _count_queries(function):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        result = function()
    return result, len(captured.captured_queries)


def published_counts():
    """(organisation pk, published datasets) of the active organisations that publish, by organisation number."""
    from django.db.models import Count

    from orden.datasets.models import Dataset

    # unscoped: the bench counts what the public documents hold
    return list(
        Dataset.objects.filter(published=True, organization__is_active=True)
        .values("organization")
        .annotate(n=Count("id"))
        .order_by("organization__organization_number")
        .values_list("organization", "n")
    )


def serialisation_organizations(target: int = SERIALISE_DATASETS):
    """The first active organisations by organisation number whose published datasets reach ``target`` (all of
    them when there are fewer), and their number of published datasets."""
    from orden.organizations.models import Organization

    picked, total = [], 0
    for pk, n in published_counts():
        picked.append(pk)
        total += n
        if total >= target:
            break
    return Organization.objects.filter(pk__in=picked).order_by("organization_number"), total


def few_organizations(organizations, n: int = 3):
    """``n`` of ``organizations`` that publish data services (so every kind of row is in their catalogues, as
    Django makes no query for a relation of no rows): the ones with the most, by organisation number."""
    from django.db.models import Count

    from orden.datasets.models import DataService
    from orden.organizations.models import Organization

    # unscoped: the bench counts what the public documents hold
    rows = (
        DataService.objects.filter(published=True, organization__in=organizations)
        .values("organization")
        .annotate(n=Count("id"))
        .order_by("-n", "organization__organization_number")
        .values_list("organization", flat=True)[:n]
    )
    return Organization.objects.filter(pk__in=list(rows)).order_by("organization_number")


def measure_serialisation(repeat: int, stdout, validation: bool = True) -> dict:
    from rdflib import Graph

    from orden.datasets import rdf
    from orden.datasets.models import Distribution
    from orden.datasets.validation import validate_graph

    organizations, datasets = serialisation_organizations()
    if not datasets:
        raise CommandError("No published datasets: the bench's catalogue cases need the seeded datasets.")
    distributions = Distribution.objects.filter(dataset__published=True, organization__in=organizations).count()

    graph, queries = _count_queries(lambda: rdf.catalogue_graph(organizations))
    few = few_organizations(organizations)
    _few, few_queries = _count_queries(lambda: rdf.catalogue_graph(few))
    if few_queries != queries:
        raise CommandError(
            f"catalogue_graph made {queries} queries for {organizations.count()} organisations and {few_queries} "
            f"for {few.count()} of them: the number of queries grows with the rows."
        )
    prepared = Graph(bind_namespaces="none")  # the same prefixes as Orden's graph, nothing else
    for prefix, namespace in graph.namespaces():
        prepared.bind(prefix, namespace)
    prepared.addN((s, p, o, prepared) for s, p, o in graph)
    triples = len(prepared)

    formats = {}
    for suffix, (rdflib_format, _content_type) in rdf.FORMATS.items():
        build_times, ours, base = [], [], []
        body = None
        for _ in range(repeat):  # interleaved, so drift affects both alike
            fresh, build_seconds, _cpu = _clock(lambda: rdf.catalogue_graph(organizations))
            output, seconds, _cpu = _clock(lambda fresh=fresh, suffix=suffix: rdf.serialize(fresh, suffix))
            if body is not None and output != body:
                raise CommandError(f"rdf.serialize({suffix}) is not the same for the same data twice.")
            body = output
            build_times.append(build_seconds)
            ours.append(build_seconds + seconds)
            baseline, base_seconds, _cpu = _clock(
                lambda rdflib_format=rdflib_format: prepared.serialize(format=rdflib_format, encoding="utf-8")
            )
            base.append(base_seconds)
        ratio = statistics.median(ours) / statistics.median(base)
        formats[suffix] = {
            "format": FORMAT_NAMES[suffix],
            "bytes": len(body),
            **_ms(ours),
            "build_median_ms": _ms(build_times)["median_ms"],
            "baseline": {"bytes": len(baseline), **_ms(base)},
            "ratio": round(ratio, 2),
            "meets_ratio": ratio < AIM_SERIALISE_RATIO,
        }
        case = formats[suffix]
        stdout.write(
            f"  serialise {suffix:<6} {case['median_ms']:8.0f} ms (graph {case['build_median_ms']:.0f} ms); "
            f"rdflib {case['baseline']['median_ms']:8.0f} ms; ratio {ratio:4.2f}"
        )

    results = {}
    baseline_ms = formats["ttl"]["baseline"]["median_ms"]
    for version in ("2.2", "3.0") if validation else ():
        findings, seconds, cpu = _clock(lambda version=version: validate_graph(graph, version))
        violations = [f for f in findings if str(f.severity).lower().endswith("violation")]
        results[version] = {
            "ms": round(seconds * 1000),
            "cpu_ms": round(cpu * 1000),
            "findings": len(findings),
            "violations": len(violations),
            "ratio_to_turtle_baseline": round(seconds * 1000 / baseline_ms, 1),
        }
        stdout.write(
            f"  validate {version}      {seconds:8.1f} s, {len(violations)} violations, {len(findings)} findings "
            f"({results[version]['ratio_to_turtle_baseline']}x rdflib's Turtle)"
        )
    return {
        "organizations": organizations.count(),
        "datasets": datasets,
        "distributions": distributions,
        "triples": triples,
        "graph_queries": queries,
        "graph_queries_for_few": few_queries,
        "few_organizations": few.count(),
        "repeat": repeat,
        "formats": formats,
        "validation": results,
    }


def largest_catalogue():
    """The active organisation with the most published datasets, and their number."""
    from orden.organizations.models import Organization

    pk, n = max(published_counts(), key=lambda row: row[1])  # the first of the largest, by organisation number
    return Organization.objects.get(pk=pk), n


def timed(client, url, expect=200, **headers):
    """GET ``url``: wall and CPU seconds, the number of queries, the response (which must have ``expect``)."""
    from django.db import connection

    counter = QueryCounter()
    with connection.execute_wrapper(counter):
        started, cpu_started = time.perf_counter(), time.thread_time()
        response = client.get(url, **headers)
        elapsed, cpu = time.perf_counter() - started, time.thread_time() - cpu_started
    if response.status_code != expect:
        raise CommandError(f"GET {url} answered {response.status_code}, not {expect}.")
    return elapsed, cpu, counter.count, response


def measure_harvest(repeat: int, warmup: int, stdout) -> dict:
    """The repeated harvest of an unchanged catalogue, and the conditional one, beside an empty view (the
    bench's ``/__bench__/floor/``)."""
    from django.conf import settings
    from django.test import Client
    from django.urls import reverse

    org, published = largest_catalogue()
    url = reverse("datasets:dcat_catalogue", args=[org.organization_number])
    harvester = Client(raise_request_exception=True, headers={"X-Forwarded-Proto": "https"})
    floor_url = "/__bench__/floor/"
    for _ in range(warmup):  # the first request builds and caches the document
        timed(harvester, url)
        timed(harvester, floor_url)
    first = timed(harvester, url)[3]
    etag = first["ETag"]
    results = {"plain": ([], [], []), "conditional": ([], [], []), "floor": ([], [], [])}
    for _ in range(repeat):
        for name, target, headers, status in (
            ("plain", url, {}, 200),
            ("conditional", url, {"HTTP_IF_NONE_MATCH": etag}, 304),
            ("floor", floor_url, {}, 200),
        ):
            wall, cpu, queries, response = timed(harvester, target, expect=status, **headers)
            if name == "plain" and response.content != first.content:
                raise CommandError(f"GET {url} of an unchanged catalogue is not byte-for-byte the same.")
            results[name][0].append(wall)
            results[name][1].append(cpu)
            results[name][2].append(queries)

    def summary(name):
        walls, cpus, counts = results[name]
        return {**_ms(walls), "cpu_median_ms": _ms(cpus)["median_ms"], "queries": int(statistics.median(counts))}

    floor = summary("floor")
    cases = {}
    for name in ("plain", "conditional"):
        case = summary(name)
        ratio = case["median_ms"] / floor["median_ms"]
        case.update(ratio=round(ratio, 2), meets_ratio=ratio < AIM_HARVEST_RATIO)
        cases[name] = case
        stdout.write(
            f"  harvest {name:<12} {case['median_ms']:6.1f} ms, {case['queries']} queries; empty view "
            f"{floor['median_ms']:.1f} ms; ratio {ratio:4.2f}"
        )
    return {
        "organization": {"name": org.name, "organization_number": org.organization_number, "datasets": published},
        "url": url,
        "bytes": len(first.content),
        "cache": settings.CACHES["default"]["BACKEND"].rsplit(".", 1)[-1],
        "floor": floor,
        **cases,
    }


def measure_national(repeat: int, stdout) -> dict:
    """``/dcat/`` built afresh ``repeat`` times (each after clearing a private in-memory cache: never the
    configured one, which may be shared) and then answered from the cache ``repeat`` times."""
    from django.core.cache import cache
    from django.test import Client
    from django.test.utils import override_settings
    from django.urls import reverse

    from orden.datasets.models import Dataset, Distribution
    from orden.organizations.models import Organization

    url = reverse("datasets:dcat")
    harvester = Client(raise_request_exception=True, headers={"X-Forwarded-Proto": "https", "Accept": "text/turtle"})
    # One organisation's catalogue with every kind of row (datasets, distributions, data services): /dcat/ must
    # make no more queries than it.
    one = few_organizations(Organization.objects.filter(is_active=True), 1).get()
    one_url = reverse("datasets:dcat_catalogue", args=[one.organization_number])
    private = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "bench-dcat"}}
    fresh, cached = ([], [], []), ([], [], [])
    body = None
    with override_settings(CACHES=private):
        cache.clear()
        _w, _c, one_queries, _r = timed(harvester, one_url)
        for _ in range(repeat):
            cache.clear()
            wall, cpu, queries, response = timed(harvester, url)
            if body is not None and response.content != body:
                raise CommandError(f"GET {url} is not byte-for-byte the same for the same data.")
            body = response.content
            for series, value in zip(fresh, (wall, cpu, queries), strict=True):
                series.append(value)
        for _ in range(repeat):
            wall, cpu, queries, _response = timed(harvester, url)
            for series, value in zip(cached, (wall, cpu, queries), strict=True):
                series.append(value)
        cache.clear()
    if set(fresh[2]) != {one_queries}:
        raise CommandError(
            f"GET {url} made {sorted(set(fresh[2]))} queries, one organisation's catalogue {one_queries}: the number "
            "of queries grows with the rows."
        )
    result = {
        "url": url,
        "bytes": len(body),
        "organizations": Organization.objects.filter(is_active=True).count(),
        # unscoped: the bench counts what the public document holds
        "datasets": Dataset.objects.filter(published=True).count(),
        "distributions": Distribution.objects.filter(dataset__published=True).count(),
        "fresh": {**_ms(fresh[0]), "cpu_median_ms": _ms(fresh[1])["median_ms"], "queries": fresh[2][0]},
        "cached": {**_ms(cached[0]), "cpu_median_ms": _ms(cached[1])["median_ms"], "queries": max(cached[2])},
        "one_catalogue_queries": one_queries,
        "one_catalogue": one.organization_number,
    }
    stdout.write(
        f"  /dcat/ fresh {result['fresh']['median_ms']:8.0f} ms, {result['fresh']['queries']} queries (one "
        f"catalogue: {one_queries}); cached {result['cached']['median_ms']:.1f} ms, {result['cached']['queries']} "
        "queries"
    )
    return result


# ---------------------------------------------------------------------------------------------- reporting


def _mark(ok):
    return "yes" if ok else "**no**"


def misses(vendor: str, result: dict | None):
    if not result:
        return
    for case in result["serialisation"]["formats"].values():
        if not case["meets_ratio"]:
            yield (
                f"{vendor}: serialising {case['format']}: {case['ratio']}x rdflib's own serialisation "
                f"(aim < {AIM_SERIALISE_RATIO}x)"
            )
    for version, run in result["serialisation"]["validation"].items():
        if run["violations"]:
            yield f"{vendor}: the catalogue has {run['violations']} violations of DCAT-AP-NO {version}"
    for name in ("plain", "conditional"):
        case = result["harvest"][name]
        if not case["meets_ratio"]:
            yield f"{vendor}: harvest ({name}): {case['ratio']}x the empty view (aim < {AIM_HARVEST_RATIO:.0f}x)"


def table_lines(result: dict | None) -> list[str]:
    if not result:
        return []
    s, h, n = result["serialisation"], result["harvest"], result["national"]
    lines = [
        f"catalogue of {s['datasets']} published datasets, {s['distributions']} distributions, "
        f"{s['triples']} triples ({s['organizations']} organisations; catalogue_graph: {s['graph_queries']} "
        f"queries, {s['graph_queries_for_few']} for {s['few_organizations']} of them), {s['repeat']} runs each:"
    ]
    for case in s["formats"].values():
        lines.append(
            f"  {case['format']:<8} {case['median_ms']:>8.0f} ms (graph {case['build_median_ms']:.0f} ms), "
            f"rdflib {case['baseline']['median_ms']:>8.0f} ms, {case['ratio']:.2f}x "
            f"{'yes' if case['meets_ratio'] else 'NO'}"
        )
    for version, run in s["validation"].items():
        lines.append(
            f"  pyshacl {version}: {run['ms'] / 1000:.1f} s once, {run['violations']} violations, "
            f"{run['ratio_to_turtle_baseline']}x rdflib's Turtle"
        )
    for name in ("plain", "conditional"):
        case = h[name]
        lines.append(
            f"harvest {h['url']} ({name}): {case['median_ms']:.1f} ms, {case['queries']} queries; empty view "
            f"{h['floor']['median_ms']:.1f} ms; {case['ratio']:.2f}x {'yes' if case['meets_ratio'] else 'NO'}"
        )
    lines.append(
        f"/dcat/ ({n['datasets']} datasets, {n['bytes']:,} bytes): fresh {n['fresh']['median_ms']:.0f} ms, "
        f"{n['fresh']['queries']} queries (one catalogue {n['one_catalogue_queries']}); cached "
        f"{n['cached']['median_ms']:.1f} ms, {n['cached']['queries']} queries"
    )
    return lines


def markdown_lines(result: dict | None) -> list[str]:
    if not result:
        return []
    s, h, n = result["serialisation"], result["harvest"], result["national"]
    lines = [
        f"*Public catalogue.* Serialising the catalogues of {s['organizations']} organisations: {s['datasets']:,} "
        f"published datasets, {s['distributions']:,} distributions, {s['triples']:,} triples "
        f"(`catalogue_graph` + `serialize`: {s['graph_queries']} queries, and {s['graph_queries_for_few']} for "
        f"{s['few_organizations']} of them), median of {s['repeat']} runs, beside rdflib's `Graph.serialize` of a "
        "prepared graph "
        "with the same triples:",
        "",
        "| Format | Median (graph + serialise) | of which the graph | rdflib baseline | Ratio | Size | < 1.5× |",
        "| --- | ---: | ---: | ---: | ---: | ---: | :---: |",
    ]
    for case in s["formats"].values():
        lines.append(
            f"| {case['format']} | {case['median_ms']:,.0f} ms | {case['build_median_ms']:,.0f} ms "
            f"| {case['baseline']['median_ms']:,.0f} ms | {case['ratio']:.2f}× | {case['bytes'] / 1e6:.1f} MB "
            f"| {_mark(case['meets_ratio'])} |"
        )
    lines.append("")
    runs = "; ".join(
        f"{version}: {run['ms'] / 1000:,.1f} s, {run['violations']} violations ({run['ratio_to_turtle_baseline']}× "
        "the Turtle baseline)"
        for version, run in s["validation"].items()
    )
    if runs:
        lines += [f"Validating that graph with pyshacl (`validate_graph`, once per version, not repeated): {runs}.", ""]
    else:
        lines += ["Not validated in this database's run: pyshacl's time does not depend on the database.", ""]
    lines += [
        f"Harvest of an unchanged catalogue, `{h['url']}` ({h['organization']['name']}, "
        f"{h['organization']['datasets']} datasets, {h['bytes']:,} bytes, cache {h['cache']}), anonymous: "
        f"{h['plain']['median_ms']:.1f} ms and {h['plain']['queries']} queries, {h['plain']['ratio']:.2f}× the "
        f"empty view ({h['floor']['median_ms']:.1f} ms, {h['floor']['queries']} queries; aim < 2×: "
        f"{_mark(h['plain']['meets_ratio'])}); with `If-None-Match` (304) {h['conditional']['median_ms']:.1f} ms, "
        f"{h['conditional']['ratio']:.2f}× ({_mark(h['conditional']['meets_ratio'])})."
        + (
            f" Against the signed-in empty view ({h['session_floor_ms']:.1f} ms, with its session and user queries): "
            f"{h['plain']['median_ms'] / h['session_floor_ms']:.2f}×."
            if h.get("session_floor_ms")
            else ""
        ),
        "",
        f"`/dcat/` (all {n['organizations']} organisations, {n['datasets']:,} published datasets, "
        f"{n['distributions']:,} distributions, {n['bytes'] / 1e6:.1f} MB of Turtle): built afresh "
        f"{n['fresh']['median_ms'] / 1000:,.1f} s (median of {s['repeat']}) with {n['fresh']['queries']} queries "
        f"(one organisation's catalogue: {n['one_catalogue_queries']}); from the cache "
        f"{n['cached']['median_ms']:.1f} ms, {n['cached']['queries']} queries.",
        "",
    ]
    return lines
