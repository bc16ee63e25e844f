"""``manage.py bench``: the performance benchmark behind ``make bench`` (see docs/performance.md).

For each database (SQLite, and PostgreSQL when one answers at 127.0.0.1:5432) it

1. creates a fresh database (``var/bench/bench.sqlite3``; PostgreSQL database ``orden_bench``),
2. runs ``migrate`` and ``seed --size national`` in a subprocess with ``DATABASE_URL`` pointing at it,
3. runs ``bench --measure-only`` in another subprocess with debug off, which requests the measured pages
   through Django's test client as the system coordinator of the organisation with the most systems,
   and the baseline of each page: the same rows fetched with one ``.values()`` query and rendered by a
   minimal template (or ``json.dumps`` for the API), served through the same client and middleware,

then prints a table, writes ``var/bench/results.json`` and the results block of docs/performance.md.
"""

from __future__ import annotations

import json
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from orden.api.models import ApiToken
from orden.bench import dcat
from orden.bench.common import (
    PAGE_SIZE,
    QueryCounter,
    bench_environment,
    choose_subjects,
    database_version,
    load_average,
    machine_info,
    pages,
    percentile,
    prepare_postgresql,
    run_step,
    seed_database,
    update_docs,
)
from orden.catalog.models import Product
from orden.organizations.models import Organization
from orden.portfolio.api import SystemSerializer
from orden.portfolio.models import System

AIM_P95_MS = 100.0
AIM_RATIO = 3.0
WARMUP = 3
DOCS_START = "<!-- bench:results:start -->"
DOCS_END = "<!-- bench:results:end -->"

# The baseline views are served by this module, used as ROOT_URLCONF while measuring (see measure()).
urlpatterns: list = []
BASELINES: dict = {}


# ---------------------------------------------------------------------------------------------- command


class Command(BaseCommand):
    help = (
        "Seed the national data set into a fresh SQLite database (and PostgreSQL when reachable) and measure "
        "median and 95th-percentile server time and query count of the main pages against a minimal baseline."
    )

    def add_arguments(self, parser):
        parser.add_argument("--database", choices=("sqlite", "postgresql", "both"), default="both")
        parser.add_argument("--repeat", type=int, default=30, help="Timed requests per page (default 30).")
        parser.add_argument(
            "--dcat-repeat",
            type=int,
            default=2,
            dest="dcat_repeat",
            help="Timed runs of each catalogue serialisation and of the fresh /dcat/ (default 2; validated once).",
        )
        parser.add_argument("--output", default="var/bench/results.json", help="The JSON results file.")
        parser.add_argument(
            "--no-seed", action="store_true", dest="no_seed", help="Reuse the databases of the previous run."
        )
        parser.add_argument("--size", choices=("national", "demo"), default="national")
        parser.add_argument(
            "--docs",
            default=None,
            help="Markdown file whose results block is rewritten (default docs/performance.md for --size national; "
            "not written for --size demo unless given).",
        )
        parser.add_argument("--no-docs", action="store_true", dest="no_docs", help="Do not write the docs.")
        # Internal: the measuring phase, run in a subprocess whose settings point at the bench database.
        parser.add_argument("--measure-only", action="store_true", dest="measure_only", help=argparse_suppress())
        parser.add_argument("--result-file", dest="result_file", help=argparse_suppress())
        # Internal: pyshacl's time does not depend on the database; the second database's run leaves it out.
        parser.add_argument("--no-validation", action="store_true", dest="no_validation", help=argparse_suppress())

    def handle(self, *args, **options):
        if options["repeat"] < 2:
            raise CommandError("--repeat must be at least 2.")
        if options["dcat_repeat"] < 1:
            raise CommandError("--dcat-repeat must be at least 1.")
        if options["measure_only"]:
            result = measure(
                options["repeat"], self.stdout, options["dcat_repeat"], validation=not options["no_validation"]
            )
            Path(options["result_file"]).write_text(json.dumps(result, indent=2, default=str))
            return
        self.orchestrate(options)

    # ------------------------------------------------------------------------------------------ orchestrate

    def orchestrate(self, options):
        started = time.monotonic()
        base = Path(settings.BASE_DIR)
        bench_dir = base / "var" / "bench"
        bench_dir.mkdir(parents=True, exist_ok=True)
        output = Path(options["output"])
        output = output if output.is_absolute() else base / output
        wanted = ["sqlite", "postgresql"] if options["database"] == "both" else [options["database"]]

        report = {
            "date": datetime.now(UTC).isoformat(timespec="seconds"),
            "size": options["size"],
            "repeat": options["repeat"],
            "dcat_repeat": options["dcat_repeat"],
            "warmup": WARMUP,
            "aims": {
                "p95_ms": AIM_P95_MS,
                "ratio": AIM_RATIO,
                "serialise_ratio": dcat.AIM_SERIALISE_RATIO,
                "harvest_ratio": dcat.AIM_HARVEST_RATIO,
            },
            "machine": machine_info(),
            "databases": {},
        }
        validated = False  # pyshacl runs in the first database's measuring phase only
        for vendor in wanted:
            self.stdout.write(self.style.MIGRATE_HEADING(f"\n== {vendor} =="))
            if vendor == "sqlite":
                path = bench_dir / "bench.sqlite3"
                url = f"sqlite:///{path}"
                if not options["no_seed"]:
                    for suffix in ("", "-wal", "-shm", "-journal"):
                        Path(f"{path}{suffix}").unlink(missing_ok=True)
                elif not path.exists():
                    raise CommandError(f"--no-seed: {path} does not exist; run without --no-seed first.")
            else:
                url, reason = prepare_postgresql(fresh=not options["no_seed"])
                if url is None:
                    message = f"PostgreSQL skipped: {reason}"
                    self.stdout.write(self.style.WARNING(message))
                    report["databases"][vendor] = {"skipped": message}
                    if options["database"] == "postgresql":
                        raise CommandError(message)
                    continue
            self.stdout.write(f"DATABASE_URL={url}")
            env = bench_environment(url)
            entry = {"database_url": url}
            if not options["no_seed"]:
                entry.update(seed_database(self.stdout, vendor, url, options["size"], env))
            entry["load_before"] = load_average()
            with tempfile.NamedTemporaryFile(suffix=".json", dir=bench_dir, delete=False) as handle:
                result_file = Path(handle.name)
            try:
                entry["measure_seconds"] = run_step(
                    self.stdout,
                    [
                        sys.executable,
                        "manage.py",
                        "bench",
                        "--measure-only",
                        "--repeat",
                        str(options["repeat"]),
                        "--dcat-repeat",
                        str(options["dcat_repeat"]),
                        "--result-file",
                        str(result_file),
                        *(["--no-validation"] if validated else []),
                    ],
                    env,
                )
                entry.update(json.loads(result_file.read_text()))
                validated = validated or bool(entry["dcat"]["serialisation"]["validation"])
            finally:
                result_file.unlink(missing_ok=True)
            entry["load_after"] = load_average()
            queries = entry.pop("sql", None)
            if queries:
                (bench_dir / f"queries-{vendor}.json").write_text(json.dumps(queries, indent=2))
            report["databases"][vendor] = entry
            self.stdout.write(format_table(vendor, entry))

        report["total_seconds"] = round(time.monotonic() - started, 1)
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(json.dumps(report, indent=2) + "\n")
        self.stdout.write(f"\nResults: {output}")
        update_docs(self.stdout, options, base, markdown_results(report), DOCS_START, DOCS_END, "results block")
        misses = list(summary_misses(report))
        if misses:
            self.stdout.write(self.style.WARNING("Aims missed:\n" + "\n".join(f"  {m}" for m in misses)))
        else:
            self.stdout.write(self.style.SUCCESS("Every page is within its aims."))
        self.stdout.write(f"Total time: {report['total_seconds']} s")


def argparse_suppress():
    import argparse

    return argparse.SUPPRESS


# ---------------------------------------------------------------------------------------------- measuring


def summarize(times, counts):
    ms = [wall * 1000 for wall, _cpu in times]
    cpu_ms = [cpu * 1000 for _wall, cpu in times]
    return {
        "median_ms": round(statistics.median(ms), 2),
        "cpu_median_ms": round(statistics.median(cpu_ms), 2),
        "p95_ms": round(percentile(ms, 0.95), 2),
        "min_ms": round(min(ms), 2),
        "max_ms": round(max(ms), 2),
        "queries": int(statistics.median(counts)),
        "queries_max": max(counts),
    }


def measure(repeat: int, stdout, dcat_repeat: int = 2, validation: bool = True) -> dict:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, override_settings

    if settings.DEBUG:
        stdout.write("Warning: DEBUG is on; the numbers include debug overhead.")

    subjects = choose_subjects()
    org, user, systems, product = subjects.org, subjects.user, subjects.systems, subjects.product
    _token, key = ApiToken.issue(user, "bench")

    # As behind the proxy (docs/operations.md): the request came over HTTPS, so the production settings
    # (HTTPS redirect, HSTS) do what they do in production instead of redirecting.
    proxy = {"X-Forwarded-Proto": "https"}
    ui = Client(raise_request_exception=True, headers=proxy)
    ui.force_login(user)
    api = Client(raise_request_exception=True, headers={**proxy, "Authorization": f"Token {key}"})

    later = (subjects.later_page - 1) * PAGE_SIZE
    baselines = {
        "list": (lambda: list_baseline(systems, 0), "count() + one .values() query of the 8 columns (50 rows)"),
        "filtered": (lambda: list_baseline(subjects.filtered, 0), "the same filter: count() + one .values() query"),
        "later": (lambda: list_baseline(systems, later), "count() + one .values() query with OFFSET"),
        "detail": (
            lambda: detail_baseline(subjects.detail.pk),
            "one .values() query of the 20 fields with their related names",
        ),
        "product": (
            lambda: usage_baseline(product.pk),
            "one .values() query of the usage rows (organisation, version, lifecycle)",
        ),
        "api": (lambda: api_baseline(systems), "count() + one .values() query of the 26 fields, json.dumps"),
    }
    cases = [
        {
            **page,
            "client": api if page.get("api") else ui,
            "baseline": baselines[key][0],
            "baseline_note": baselines[key][1],
        }
        for key, page in pages(subjects).items()
    ]

    # The baselines are views in this module's URLconf, requested through the same client, middleware,
    # session and authentication as the pages; "floor" is an empty view: the fixed cost of any request.
    from django.http import HttpResponse
    from django.urls import include, path

    BASELINES.clear()
    BASELINES["floor"] = lambda: HttpResponse("ok")
    for index, case in enumerate(cases):
        BASELINES[str(index)] = case["baseline"]
    urlpatterns[:] = [path("__bench__/<str:key>/", baseline_view), path("", include("orden.urls"))]

    results = []
    sql = {}
    with override_settings(ROOT_URLCONF=__name__):

        def timed(client, url):
            counter = QueryCounter()
            with connection.execute_wrapper(counter):
                started, cpu_started = time.perf_counter(), time.thread_time()
                response = client.get(url)
                elapsed, cpu = time.perf_counter() - started, time.thread_time() - cpu_started
            if response.status_code != 200:
                raise CommandError(f"GET {url} answered {response.status_code}.")
            return elapsed, cpu, counter.count, len(response.content)

        def run(client, url, times, counts):
            elapsed, cpu, count, size = timed(client, url)
            times.append((elapsed, cpu))
            counts.append(count)
            return size

        floor_times, floor_counts = [], []
        for _ in range(WARMUP):
            timed(ui, "/__bench__/floor/")
        for _ in range(repeat):
            run(ui, "/__bench__/floor/", floor_times, floor_counts)
        floor = summarize(floor_times, floor_counts)

        for index, case in enumerate(cases):
            client = case.get("client", ui)
            baseline_url = f"/__bench__/{index}/"
            for _ in range(WARMUP):
                timed(client, case["url"])
                timed(ui, baseline_url)
            # The page must show what the baseline shows (an empty list would be fast and wrong).
            content = client.get(case["url"]).content.decode()
            if case["expect"] not in content:
                raise CommandError(f"GET {case['url']} does not contain {case['expect']!r}: not the expected rows.")
            page_times, page_counts, base_times, base_counts = [], [], [], []
            size = base_size = 0
            for _ in range(repeat):  # interleaved, so drift affects both alike
                size = run(client, case["url"], page_times, page_counts)
                base_size = run(ui, baseline_url, base_times, base_counts)
            page = summarize(page_times, page_counts)
            base = summarize(base_times, base_counts)
            with CaptureQueriesContext(connection) as captured:
                client.get(case["url"])
            sql[case["name"]] = [q["sql"] for q in captured.captured_queries]
            ratio = page["median_ms"] / base["median_ms"] if base["median_ms"] else None
            results.append(
                {
                    "case": case["name"],
                    "url": case["url"],
                    "rows": case["rows"],
                    "bytes": size,
                    **page,
                    "baseline": {"note": case["baseline_note"], "bytes": base_size, **base},
                    "ratio": round(ratio, 2) if ratio else None,
                    "meets_p95": page["p95_ms"] < AIM_P95_MS,
                    "meets_ratio": ratio is not None and ratio < AIM_RATIO,
                }
            )
            stdout.write(
                f"  {case['name']:<26} {page['median_ms']:7.1f} ms (p95 {page['p95_ms']:6.1f}), "
                f"{page['queries']:2d} queries; baseline {base['median_ms']:6.1f} ms; ratio {ratio:4.1f}"
            )

        # The public catalogue (issue 10): serialisation and validation, the cached harvest, /dcat/.
        catalogue = {}
        catalogue["serialisation"] = dcat.measure_serialisation(dcat_repeat, stdout, validation)
        catalogue["harvest"] = dcat.measure_harvest(repeat, WARMUP, stdout)
        catalogue["harvest"]["session_floor_ms"] = floor["median_ms"]  # the signed-in empty view, above
        catalogue["national"] = dcat.measure_national(dcat_repeat, stdout)

    return {
        "vendor": connection.vendor,
        "version": database_version(connection),
        "conn_max_age": settings.DATABASES["default"].get("CONN_MAX_AGE"),
        "organization": {"name": org.name, "pk": org.pk, "systems": systems.count()},
        "user": user.username,
        "search_word": subjects.search,
        "product": {"name": product.name, "pk": product.pk},
        "data": {
            "organizations": Organization.objects.count(),
            "systems": System.objects.count(),
            "products": Product.objects.count(),
        },
        "floor": floor,
        "cases": results,
        "dcat": catalogue,
        "sql": sql,
    }


def baseline_view(request, key):
    from django.http import Http404

    if key not in BASELINES:
        raise Http404
    return BASELINES[key]()


_templates = {}


def template(name, source):
    from django.template import engines

    if name not in _templates:
        _templates[name] = engines["django"].from_string(source)
    return _templates[name]


LIST_FIELDS = (
    "id",
    "name",
    "product__name",
    "product__category__label_nb",
    "lifecycle",
    "owner__first_name",
    "owner__last_name",
    "criticality",
    "time_classification",
    "annual_cost",
)
LIST_TEMPLATE = (
    '<p>{{ count }}</p><table>{% for r in rows %}<tr><td><a href="/systems/{{ r.id }}/">{{ r.name }}</a></td>'
    "<td>{{ r.product__name|default:'' }}</td><td>{{ r.product__category__label_nb|default:'' }}</td>"
    "<td>{{ r.lifecycle }}</td><td>{{ r.owner__first_name|default:'' }} {{ r.owner__last_name|default:'' }}</td>"
    "<td>{{ r.criticality }}</td><td>{{ r.time_classification }}</td><td>{{ r.annual_cost|default:'' }}</td></tr>"
    "{% endfor %}</table>"
)


def list_baseline(queryset, offset):
    from django.http import HttpResponse

    count = queryset.count()
    rows = list(queryset.order_by("name").values(*LIST_FIELDS)[offset : offset + PAGE_SIZE])
    return HttpResponse(template("list", LIST_TEMPLATE).render({"rows": rows, "count": count}))


# The facts of the system page: the model's own field list, related rows by the names the page shows.
DETAIL_RELATED = {
    "product": ("product__name", "product__vendor__name", "product__category__label_nb"),
    "product_version": ("product_version__name", "product_version__end_of_support"),
    "owner": ("owner__first_name", "owner__last_name"),
    "responsible": ("responsible__first_name", "responsible__last_name"),
    "vendor_contact": ("vendor_contact__name",),
    "super_users": (),  # many-to-many: not in one .values() row
}
DETAIL_FIELDS = tuple(field for name in System.edit_fields for field in DETAIL_RELATED.get(name, (name,)))
DETAIL_TEMPLATE = (
    "<h1>{{ row.name }}</h1><dl>{% for k, v in row.items %}<dt>{{ k }}</dt><dd>{{ v }}</dd>{% endfor %}</dl>"
)


def detail_baseline(pk):
    from django.http import HttpResponse

    row = System.objects.filter(pk=pk).values(*DETAIL_FIELDS).get()
    return HttpResponse(template("detail", DETAIL_TEMPLATE).render({"row": row}))


USAGE_TEMPLATE = (
    "<table>{% for r in rows %}<tr><td>{{ r.organization__name }}</td><td>{{ r.product_version__name|default:'—' }}"
    "</td><td>{{ r.lifecycle }}</td></tr>{% endfor %}</table>"
)


def usage_baseline(product_pk):
    from django.http import HttpResponse

    rows = list(
        System.objects.filter(product_id=product_pk)
        .order_by("organization__name")
        .values("organization__name", "product_version__name", "lifecycle")
    )
    return HttpResponse(template("usage", USAGE_TEMPLATE).render({"rows": rows}))


def api_fields() -> tuple[str, ...]:
    """The API's own fields, so the baseline fetches the same columns (the many-to-many super users aside)."""
    fields = SystemSerializer().fields
    return tuple(field.source.replace(".", "__") for name, field in fields.items() if name != "super_users")


def api_baseline(queryset):
    from django.core.serializers.json import DjangoJSONEncoder
    from django.http import HttpResponse

    count = queryset.count()
    rows = list(queryset.order_by("name").values(*api_fields())[:PAGE_SIZE])
    body = {"count": count, "next": None, "previous": None, "results": rows}
    return HttpResponse(json.dumps(body, cls=DjangoJSONEncoder), content_type="application/json")


# ---------------------------------------------------------------------------------------------- reporting


def _mark(ok):
    return "yes" if ok else "**no**"


def format_table(vendor, entry) -> str:
    header = (
        f"{'case':<26} {'median':>8} {'p95':>8} {'cpu med':>8} {'queries':>7} {'base med':>9} {'base q':>6} "
        f"{'ratio':>6} {'p95<100':>8} {'ratio<3':>8}"
    )
    lines = [
        "",
        f"{vendor} {entry.get('version', '')}: {entry['organization']['name']} "
        f"({entry['organization']['systems']} systems), user {entry['user']}, "
        f"{entry['data']['systems']} systems in all",
        f"empty view through the same middleware (floor): median {entry['floor']['median_ms']} ms, "
        f"p95 {entry['floor']['p95_ms']} ms, {entry['floor']['queries']} queries; "
        f"load average before/after {entry.get('load_before')} / {entry.get('load_after')}",
        header,
        "-" * len(header),
    ]
    for case in entry["cases"]:
        base = case["baseline"]
        lines.append(
            f"{case['case']:<26} {case['median_ms']:>6.1f}ms {case['p95_ms']:>6.1f}ms "
            f"{case['cpu_median_ms']:>6.1f}ms {case['queries']:>7} "
            f"{base['median_ms']:>7.1f}ms {base['queries']:>6} {case['ratio']:>5.1f}x "
            f"{'yes' if case['meets_p95'] else 'NO':>8} {'yes' if case['meets_ratio'] else 'NO':>8}"
        )
    lines += dcat.table_lines(entry.get("dcat"))
    return "\n".join(lines)


def summary_misses(report):
    for vendor, entry in report["databases"].items():
        for case in entry.get("cases", []):
            if not case["meets_p95"]:
                yield f"{vendor}: {case['case']}: p95 {case['p95_ms']} ms (aim < {AIM_P95_MS:.0f} ms)"
            if not case["meets_ratio"]:
                yield f"{vendor}: {case['case']}: {case['ratio']}x its baseline (aim < {AIM_RATIO:.0f}x)"
        yield from dcat.misses(vendor, entry.get("dcat"))


def markdown_results(report) -> str:
    machine = report["machine"]
    lines = [
        DOCS_START,
        "<!-- Written by `make bench` (python manage.py bench); edits between these markers are overwritten. -->",
        "",
        f"Run of {report['date'][:10]} ({report['date']}), data set `{report['size']}`, "
        f"{report['repeat']} timed requests per page after {report['warmup']} warm-up requests; "
        f"whole run {report['total_seconds']:.0f} s.",
        f"Machine: {machine['cpus_usable']} usable CPUs ({machine['cpu_model'] or 'unknown model'}), "
        f"{machine['memory']}, Python {machine['python']}, Django {machine['django']}.",
        "",
    ]
    for vendor, entry in report["databases"].items():
        name = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}.get(vendor, vendor)
        if "skipped" in entry:
            lines += [f"**{name}**: {entry['skipped']}", ""]
            continue
        org = entry["organization"]
        floor = entry["floor"]
        lines += [
            f"**{name} {entry['version']}**: {org['name']} ({org['systems']} systems; "
            f"{entry['data']['systems']:,} systems in {entry['data']['organizations']} organisations), "
            f"as `{entry['user']}`; product page of {entry['product']['name']}; search word "
            f"`{entry['search_word']}`. An empty view through the same middleware takes "
            f"{floor['median_ms']} ms (median) and {floor['queries']} queries."
            + (f" Seeding took {entry['seed_seconds']:.0f} s." if "seed_seconds" in entry else "")
            + (
                f" Load average (1, 5, 15 min) before measuring: {', '.join(map(str, entry['load_before']))}."
                if entry.get("load_before")
                else ""
            ),
            "",
            "| Page | Rows | Median | p95 | CPU median | Queries | Baseline median | Baseline queries | Ratio "
            "| p95 < 100 ms | < 3× |",
            "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | :---: | :---: |",
        ]
        for case in entry["cases"]:
            base = case["baseline"]
            lines.append(
                f"| {case['case']} | {case['rows']} | {case['median_ms']:.1f} ms | {case['p95_ms']:.1f} ms "
                f"| {case['cpu_median_ms']:.1f} ms | {case['queries']} | {base['median_ms']:.1f} ms "
                f"| {base['queries']} | {case['ratio']:.1f}× "
                f"| {_mark(case['meets_p95'])} | {_mark(case['meets_ratio'])} |"
            )
        lines.append("")
        lines += dcat.markdown_lines(entry.get("dcat"))
    misses = list(summary_misses(report))
    lines.append("Aims missed in this run: " + ("; ".join(misses) + "." if misses else "none."))
    lines += ["", DOCS_END]
    return "\n".join(lines)
