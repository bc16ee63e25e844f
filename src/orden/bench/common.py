"""What ``manage.py bench`` (in process) and ``manage.py bench_http`` (over HTTP) share: creating and seeding
the bench databases, the environment the measured code runs with, the machine facts, percentiles, the pages
measured and who requests them, and the results block in the docs."""

from __future__ import annotations

import os
import platform
import re
import subprocess
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import django
from django.conf import settings
from django.core.management.base import CommandError

from orden.core import postgres

PG_DATABASE = "orden_bench"
# The only databases bench and bench_http drop (WITH FORCE) without --force-drop.
PG_PREFIXES = ("orden_bench", "orden_http")
PG_USERS = ("postgres", "root")
PG_HOST, PG_PORT = "127.0.0.1", 5432
PAGE_SIZE = 50


# ---------------------------------------------------------------------------------------------- databases


def bench_environment(database_url: str) -> dict:
    env = dict(os.environ)
    env.update(
        DATABASE_URL=database_url,
        # Debug off: no SQL logging, no debug-only code paths; what production runs.
        ORDEN_DEBUG="false",
        ORDEN_SECRET_KEY="bench-only-not-a-secret",
        ORDEN_ALLOWED_HOSTS="testserver,127.0.0.1,localhost",
        ORDEN_TASKS_BACKEND="django_tasks.backends.immediate.ImmediateBackend",
        ORDEN_LOG_LEVEL="ERROR",
        # The bench's clients stand where the proxy stands: their X-Forwarded-Proto says the request came over
        # HTTPS, so the production settings (HTTPS redirect, HSTS) apply as in production.
        ORDEN_PROXY_SSL_HEADER="X-Forwarded-Proto",
        PYTHONHASHSEED="0",
    )
    return env


def prepare_postgresql(fresh: bool, database: str = PG_DATABASE, force_drop: bool = False) -> tuple[str | None, str]:
    """A URL for the bench database (fresh: dropped and created again: only a name starting with one of
    ``PG_PREFIXES`` unless ``force_drop``), or None and the reason."""
    try:
        import psycopg
    except ImportError:
        return None, "psycopg is not installed."
    try:
        postgres.check_name(database)
        if fresh:
            postgres.check_drop(database, PG_PREFIXES, force_drop)
    except postgres.UnsafeDatabase as error:
        raise CommandError(str(error)) from error
    errors = []
    for user in PG_USERS:
        try:
            with postgres.connect_maintenance(host=PG_HOST, port=PG_PORT, user=user, connect_timeout=3) as conn:
                exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [database]).fetchone()
                if fresh:
                    postgres.create_database(conn, database, fresh=True, prefixes=PG_PREFIXES, force=force_drop)
                elif not exists:
                    return None, f"--no-seed: the database {database} does not exist; run without --no-seed."
        except psycopg.OperationalError as error:
            errors.append(f"{user}: {str(error).strip().splitlines()[0]}")
            continue
        return f"postgresql://{user}@{PG_HOST}:{PG_PORT}/{database}", ""
    return None, f"no server answered at {PG_HOST}:{PG_PORT} as {' or '.join(PG_USERS)} ({'; '.join(errors)})."


def analyze_postgresql(url: str):
    with postgres.connect(url, autocommit=True) as conn:
        conn.execute("VACUUM ANALYZE")


def run_step(stdout, command, env) -> float:
    """Run a ``manage.py`` step in a subprocess; its duration in seconds."""
    stdout.write("$ " + " ".join(command[1:]))
    started = time.monotonic()
    completed = subprocess.run(command, env=env, cwd=settings.BASE_DIR, check=False)
    if completed.returncode != 0:
        raise CommandError(f"{' '.join(command[1:])} failed with exit code {completed.returncode}.")
    return round(time.monotonic() - started, 1)


def seed_database(stdout, vendor: str, url: str, size: str, env: dict) -> dict:
    """``migrate`` and ``seed --size`` into the (fresh) database at ``url``; on PostgreSQL then ``VACUUM
    ANALYZE``, so the planner has the statistics autovacuum would have gathered on a database in use."""
    timings = {
        "migrate_seconds": run_step(stdout, [sys.executable, "manage.py", "migrate", "--noinput"], env),
        "seed_seconds": run_step(stdout, [sys.executable, "manage.py", "seed", "--size", size], env),
    }
    if vendor == "postgresql":
        analyze_postgresql(url)
    return timings


# ---------------------------------------------------------------------------------------------- machine


def load_average() -> list[float] | None:
    """1, 5 and 15-minute load averages: other work on the machine skews the timings."""
    try:
        return [round(x, 2) for x in os.getloadavg()]
    except OSError:
        return None


def machine_info() -> dict:
    cpu_model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu_model = line.split(":", 1)[1].strip()
                break
    except OSError:
        cpu_model = platform.processor()
    try:
        usable = len(os.sched_getaffinity(0))
    except AttributeError:
        usable = os.cpu_count()
    memory = ""
    try:
        kb = int(re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text()).group(1))
        memory = f"{kb / 1024 / 1024:.1f} GiB"
    except (OSError, AttributeError):
        pass
    return {
        "cpu_count": os.cpu_count(),
        "cpus_usable": usable,
        "cpu_model": cpu_model,
        "memory": memory,
        "platform": platform.platform(),
        "python": platform.python_version(),
        "django": django.get_version(),
    }


def database_version(connection) -> str:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SHOW server_version")
            return cursor.fetchone()[0]
    if connection.vendor == "sqlite":
        import sqlite3

        return sqlite3.sqlite_version
    return ""


def percentile(values, fraction):
    """Linear interpolation between closest ranks (numpy's default)."""
    ordered = sorted(values)
    position = (len(ordered) - 1) * fraction
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


# ---------------------------------------------------------------------------------------------- subjects


@dataclass
class Subjects:
    """Who requests what: the organisation with the most systems, its coordinator, and the pages' objects."""

    org: object
    user: object
    systems: object  # the organisation's systems (a queryset)
    search: str  # a word that finds something among the critical systems in use
    filtered: object  # the filtered list's systems (a queryset)
    filter_query: str
    later_page: int
    detail: object  # a system with a product version, owner and responsible
    product: object  # the product used by the most organisations


def choose_subjects() -> Subjects:
    from django.db.models import Count

    from orden.catalog.models import Product
    from orden.core.roles import Role
    from orden.organizations.models import Membership, Organization
    from orden.portfolio.models import Criticality, Lifecycle, System

    top = System.objects.values("organization").annotate(n=Count("id")).order_by("-n", "organization").first()
    if top is None:
        raise CommandError("The database has no systems; seed it first.")
    org = Organization.objects.get(pk=top["organization"])
    membership = (
        Membership.objects.filter(organization=org, role=Role.COORDINATOR).select_related("user").order_by("pk").first()
    )
    if membership is None:
        raise CommandError(f"{org} has no system coordinator.")
    systems = System.objects.filter(organization=org)

    filtered_base = systems.filter(lifecycle=Lifecycle.IN_USE, criticality=Criticality.HIGH)
    words = Counter(
        word.lower()
        for name in filtered_base.values_list("name", flat=True)
        for word in re.findall(r"[^\W\d_]{4,}", name)
    )
    search = next((w for w, _n in words.most_common() if filtered_base.filter(search_q(w)).exists()), "")
    filtered = filtered_base.filter(search_q(search)) if search else filtered_base

    detail = (
        systems.filter(product_version__isnull=False, owner__isnull=False, responsible__isnull=False)
        .order_by("pk")
        .first()
        or systems.order_by("pk").first()
    )
    product = Product.objects.filter(
        pk=(
            System.objects.filter(product__isnull=False)
            .values("product")
            .annotate(n=Count("organization", distinct=True))
            .order_by("-n", "product")
            .first()["product"]
        )
    ).get()
    total_pages = -(-systems.count() // PAGE_SIZE)
    return Subjects(
        org=org,
        user=membership.user,
        systems=systems,
        search=search,
        filtered=filtered,
        filter_query=f"lifecycle={Lifecycle.IN_USE}&criticality={Criticality.HIGH}"
        + (f"&q={search}" if search else ""),
        later_page=min(3, total_pages),
        detail=detail,
        product=product,
    )


def first_name(queryset, offset):
    """The escaped name of the first system on a list page (what the page must show)."""
    from django.utils.html import escape

    return escape(queryset.order_by("name").values_list("name", flat=True)[offset])


def search_q(word):
    """The free-text search of the system list (``SystemFilterSet.search_fields``) for one word."""
    from django.db.models import Q

    condition = Q()
    for field in ("name", "description", "product__name", "product__vendor__name"):
        condition |= Q(**{f"{field}__icontains": word})
    return condition


def pages(subjects: Subjects) -> dict[str, dict]:
    """The measured pages by key: name, URL, rows shown, a string the answer must contain (an empty list would
    be fast and wrong), and whether it is requested with the API token rather than the session."""
    from django.utils.html import escape

    from orden.portfolio.models import System

    s = subjects
    later = (s.later_page - 1) * PAGE_SIZE
    count = s.systems.count()
    return {
        "list": {
            "name": "system list",
            "url": "/systems/",
            "rows": min(PAGE_SIZE, count),
            "expect": first_name(s.systems, 0),
        },
        "filtered": {
            "name": "system list, filtered",
            "url": f"/systems/?{s.filter_query}",
            "rows": min(PAGE_SIZE, s.filtered.count()),
            "expect": first_name(s.filtered, 0),
        },
        "later": {
            "name": f"system list, page {s.later_page}",
            "url": f"/systems/?page={s.later_page}",
            "rows": len(s.systems[later : later + PAGE_SIZE]),
            "expect": first_name(s.systems, later),
        },
        "detail": {
            "name": "system detail",
            "url": f"/systems/{s.detail.pk}/",
            "rows": 1,
            "expect": escape(s.detail.name),
        },
        "product": {
            "name": "product page (usage)",
            "url": f"/catalogue/products/{s.product.pk}/",
            "rows": System.objects.filter(product=s.product).count(),
            "expect": escape(
                System.objects.filter(product=s.product)
                .order_by("organization__name")
                .values_list("organization__name", flat=True)[0]
            ),
        },
        "api": {
            "name": "API system list",
            "url": f"/api/systems/?organization={s.org.pk}",
            "rows": min(PAGE_SIZE, count),
            "expect": f'"count":{count},',
            "api": True,
        },
    }


# ---------------------------------------------------------------------------------------------- docs


def write_block(path: Path, block: str, start: str, end: str, skeleton: str = "# Performance\n\n{results}\n"):
    """Replace the text between the ``start`` and ``end`` markers of ``path`` with ``block`` (which carries the
    markers); append the block when the file has no such markers yet."""
    if path.exists():
        text = path.read_text()
        if start in text and end in text:
            before, rest = text.split(start, 1)
            _old, after = rest.split(end, 1)
            path.write_text(before + block + after)
        else:
            path.write_text(text.rstrip("\n") + "\n\n" + block + "\n")
    else:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(skeleton.format(results=block))


def update_docs(stdout, options: dict, base: Path, block: str, start: str, end: str, what: str) -> Path | None:
    """Rewrite the results block of ``--docs`` (by default docs/performance.md for the national data set; none
    with ``--no-docs``) and say so; the file written, or None."""
    docs = options["docs"]
    if docs is None and options["size"] == "national":
        docs = "docs/performance.md"
    if not docs or options["no_docs"]:
        return None
    path = Path(docs) if Path(docs).is_absolute() else base / docs
    write_block(path, block, start, end)
    stdout.write(f"Docs:    {path} ({what})")
    return path


class QueryCounter:
    """Counts the queries of a request through an execute wrapper (cheap; no SQL logging)."""

    def __init__(self):
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)
