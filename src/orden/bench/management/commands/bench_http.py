"""``manage.py bench_http``: the benchmark over real HTTP (see docs/performance.md, "Over HTTP").

1. creates and seeds a database as ``bench`` does (PostgreSQL database ``orden_http`` by default),
2. starts gunicorn on it, either as deployed (``--gunicorn config``: deploy/gunicorn.conf.py) or with plain
   flags (``--gunicorn plain``: sync workers, nothing else), with a recorder of each worker's garbage
   collections,
3. logs in through the login form and issues an API token, then requests the bare endpoint (``/health/``),
   the system list, the filtered list, the system page, the API list and the product page from client
   processes of its own (urllib3, one keep-alive connection each), first one client, then several at once,

and reports median, p95 and p99 latency, throughput and the full collections that fell in each phase, in
``var/bench/http-results.json`` (runs kept by ``--label``, so a "before" and an "after" sit side by side) and
the "Over HTTP" results block of docs/performance.md. ``--before HEAD`` serves the last commit with plain flags
beside the working tree and measures both in the same run, phase by phase in turn.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from orden.bench import gclog
from orden.bench.common import (
    bench_environment,
    load_average,
    machine_info,
    percentile,
    prepare_postgresql,
    run_step,
    seed_database,
    update_docs,
)

PG_DATABASE = "orden_http"
PAGES = ("health", "list", "filtered", "detail", "api", "product")  # health: the bare endpoint
AIM_PAGES = ("list", "detail", "api")  # the issue's aim: p95 under 50 ms, p99 under twice the median
AIM_P95_MS = 50.0
AIM_TAIL = 2.0
WARMUP = 3
DOCS_START = "<!-- bench-http:results:start -->"
DOCS_END = "<!-- bench-http:results:end -->"
LABEL_ORDER = ("before", "after")


class Command(BaseCommand):
    help = (
        "Seed a database, serve it with gunicorn and measure median, p95 and p99 latency and throughput of the "
        "main pages over HTTP, with one and with several concurrent clients, beside the bare /health/ endpoint."
    )

    def add_arguments(self, parser):
        parser.add_argument("--database", choices=("postgresql", "sqlite"), default="postgresql")
        parser.add_argument(
            "--database-name", default=PG_DATABASE, help=f"The PostgreSQL database (default {PG_DATABASE})."
        )
        parser.add_argument(
            "--force-drop",
            action="store_true",
            help="Drop --database-name even when it does not start with orden_bench or orden_http.",
        )
        parser.add_argument(
            "--sqlite-path", help="The SQLite file for --database sqlite (default var/bench/http.sqlite3)."
        )
        parser.add_argument("--size", choices=("national", "demo"), default="national")
        parser.add_argument("--no-seed", action="store_true", dest="no_seed", help="Reuse the database as it is.")
        parser.add_argument("--repeat", type=int, default=200, help="Timed requests per client and page (200).")
        parser.add_argument("--clients", default="1,4", help="Concurrent clients, one phase each (default 1,4).")
        parser.add_argument(
            "--gunicorn",
            choices=("config", "plain"),
            default=None,
            help="config: deploy/gunicorn.conf.py (the default when it exists); plain: gunicorn with plain flags.",
        )
        parser.add_argument(
            "--code",
            metavar="REF",
            help="Serve the code of this git commit (exported with git archive into var/bench/code-<commit>) instead "
            "of the working tree, e.g. HEAD for a 'before' beside the work in progress; the working tree seeds.",
        )
        parser.add_argument(
            "--before",
            metavar="REF",
            help="Also serve commit REF (e.g. HEAD) with plain gunicorn flags beside the working tree with --gunicorn, "
            "and measure both in the same run, phase by phase in turn, as the runs 'before' and 'after'.",
        )
        parser.add_argument("--workers", type=int, help="Worker processes for --gunicorn plain (2 × cores + 1).")
        parser.add_argument("--port", type=int, default=18600, help="The port gunicorn listens on (127.0.0.1).")
        parser.add_argument(
            "--label", help="The run's name in the results, e.g. before or after (default: --gunicorn)."
        )
        parser.add_argument("--output", default="var/bench/http-results.json", help="The JSON results file.")
        parser.add_argument("--docs", default=None, help="Markdown file with the results block (docs/performance.md).")
        parser.add_argument("--no-docs", action="store_true", dest="no_docs", help="Do not write the docs.")
        # Internal: picks the subjects in a subprocess whose settings point at the bench database.
        parser.add_argument("--prepare-only", action="store_true", dest="prepare_only", help=_suppress())
        parser.add_argument("--result-file", dest="result_file", help=_suppress())

    def handle(self, *args, **options):
        if options["prepare_only"]:
            Path(options["result_file"]).write_text(json.dumps(prepare(), indent=2))
            return
        if options["repeat"] < 2:
            raise CommandError("--repeat must be at least 2.")
        try:
            clients = [int(n) for n in options["clients"].split(",")]
        except ValueError as error:
            raise CommandError("--clients takes numbers separated by commas, e.g. 1,4.") from error
        if not clients or min(clients) < 1:
            raise CommandError("--clients takes numbers of at least 1.")
        try:
            import gunicorn  # noqa: F401
            import urllib3  # noqa: F401
        except ImportError as error:
            raise CommandError(f"bench_http needs gunicorn and urllib3 ({error}); run `make install`.") from error
        self.run(options, clients)

    # ------------------------------------------------------------------------------------------------ run

    def run(self, options, clients):
        started = time.monotonic()
        # SIGTERM (and SIGINT, which a background job ignores) end the run through the `finally` that stops gunicorn.
        signal.signal(signal.SIGTERM, lambda *_args: sys.exit(143))
        base = Path(settings.BASE_DIR)
        bench_dir = base / "var" / "bench"
        bench_dir.mkdir(parents=True, exist_ok=True)
        has_config = (base / "deploy" / "gunicorn.conf.py").exists()
        if options["before"]:
            # Two servers side by side on the same data, measured phase by phase alternately.
            targets = [
                Target(
                    "before", "plain", export_code(options["before"], bench_dir), options["port"], options["before"]
                ),
                Target(
                    "after", options["gunicorn"] or ("config" if has_config else "plain"), base, options["port"] + 1
                ),
            ]
        else:
            source = export_code(options["code"], bench_dir) if options["code"] else base
            mode = options["gunicorn"] or ("config" if (source / "deploy" / "gunicorn.conf.py").exists() else "plain")
            targets = [Target(options["label"] or mode, mode, source, options["port"], options["code"])]
        for target in targets:
            if target.mode == "config" and not (target.source / "deploy" / "gunicorn.conf.py").exists():
                raise CommandError(f"--gunicorn config: {target.source}/deploy/gunicorn.conf.py does not exist.")

        if options["database"] == "postgresql":
            url, reason = prepare_postgresql(
                fresh=not options["no_seed"], database=options["database_name"], force_drop=options["force_drop"]
            )
            if url is None:
                raise CommandError(f"PostgreSQL: {reason}")
        else:
            path = Path(options["sqlite_path"] or bench_dir / "http.sqlite3")
            if not options["no_seed"]:
                for suffix in ("", "-wal", "-shm", "-journal"):
                    Path(f"{path}{suffix}").unlink(missing_ok=True)
            elif not path.exists():
                raise CommandError(f"--no-seed: {path} does not exist; run without --no-seed first.")
            url = f"sqlite:///{path}"
        self.stdout.write(f"DATABASE_URL={url}")
        env = bench_environment(url)
        env.update(
            # The benchmark's own requests must not meet the API's rate limit (it is still checked on each one).
            ORDEN_API_RATE="100000000/hour",
            ORDEN_WEB_ACCESS_LOG="",  # no access log in either mode: the same work per request
        )
        common = {
            "date": datetime.now(UTC).isoformat(timespec="seconds"),
            "size": options["size"],
            "repeat": options["repeat"],
            "warmup": WARMUP,
            "clients": clients,
            "side_by_side": [t.label for t in targets] if len(targets) > 1 else None,
            "machine": machine_info(),
            "aims": {"pages": list(AIM_PAGES), "p95_ms": AIM_P95_MS, "p99_over_median": AIM_TAIL},
        }
        if not options["no_seed"]:
            common.update(seed_database(self.stdout, options["database"], url, options["size"], env))

        with tempfile.NamedTemporaryFile(suffix=".json", dir=bench_dir, delete=False) as handle:
            result_file = Path(handle.name)
        try:
            run_step(
                self.stdout,
                [sys.executable, "manage.py", "bench_http", "--prepare-only", "--result-file", str(result_file)],
                env,
            )
            subjects = json.loads(result_file.read_text())
        finally:
            result_file.unlink(missing_ok=True)
        common.update({k: subjects[k] for k in ("database", "organization", "user", "search_word", "product", "data")})

        output = Path(options["output"])
        output = output if output.is_absolute() else base / output
        output.parent.mkdir(parents=True, exist_ok=True)
        for target in targets:
            target.gc_dir = Path(tempfile.mkdtemp(prefix="gc-", dir=output.parent))
            log = output.with_name(f"http-gunicorn-{target.label}.log")
            target.server = Server(target.port, target.mode, target.source, options["workers"], env, target.gc_dir, log)
        try:
            for target in targets:
                target.server.start(self.stdout)
            common["load_before"] = load_average()
            self.measure(subjects, clients, options["repeat"], targets)
            common["load_after"] = load_average()
        finally:
            for target in targets:
                target.server.stop()
        common["total_seconds"] = round(time.monotonic() - started, 1)

        results = {"runs": {}}
        if output.exists():
            try:
                results = json.loads(output.read_text())
            except ValueError:
                pass
        reports = []
        for target in targets:
            report = {"label": target.label, **common, "code": code_description(target.ref, target.source)}
            report["server"] = target.server.describe()
            report["phases"] = target.phases
            collections = gclog.read(target.gc_dir)
            shutil.rmtree(target.gc_dir, ignore_errors=True)
            gc_report(report, collections)
            results.setdefault("runs", {})[target.label] = report
            reports.append(report)
        output.write_text(json.dumps(results, indent=2) + "\n")
        for report in reports:
            self.stdout.write(format_table(report))
        self.stdout.write(f"\nResults: {output} (runs {', '.join(repr(t.label) for t in targets)})")
        update_docs(
            self.stdout, options, base, markdown_results(results), DOCS_START, DOCS_END, '"Over HTTP" results block'
        )
        for report in reports:
            misses = list(aim_misses(report))
            if misses:
                self.stdout.write(
                    self.style.WARNING(f"Aims missed ({report['label']}):\n" + "\n".join(f"  {m}" for m in misses))
                )
            else:
                self.stdout.write(self.style.SUCCESS(f"{report['label']}: every aimed page is within its aims."))
        self.stdout.write(f"Total time: {common['total_seconds']} s")

    def measure(self, subjects, clients, repeat, targets):
        from orden.bench import loadgen

        pages = {"health": {"name": "bare endpoint (/health/)", "url": "/health/", "expect": '"ok"'}}
        pages.update(subjects["pages"])
        api = {"Authorization": f"Token {subjects['token']}", "Accept": "application/json"}
        for target in targets:
            target.headers = {"ui": {"Cookie": loadgen.log_in(target.port, subjects["user"], subjects["password"])}}
            target.headers["api"] = api
            target.phases = []
            for key in PAGES:
                page = pages[key]
                headers = target.headers["api" if page.get("api") else "ui"]
                status, body = loadgen.get(target.port, page["url"], headers)
                if status != 200:
                    raise CommandError(f"{target.label}: GET {page['url']} answered {status}.")
                if page["expect"] not in body.decode():
                    raise CommandError(
                        f"{target.label}: GET {page['url']} does not contain {page['expect']!r}: not the expected rows."
                    )
                # Every worker compiles its templates and fills its caches on its first requests: warm them all.
                loadgen.run_phase(
                    target.port, page["url"], headers, max(clients), max(WARMUP, target.server.workers), 0
                )

        turn = 0
        for count in clients:
            for key in PAGES:
                page = pages[key]
                # Side by side: the servers take turns going first, so drift and load affect both alike.
                for target in targets if turn % 2 == 0 else targets[::-1]:
                    headers = target.headers["api" if page.get("api") else "ui"]
                    cpu_before = target.server.cpu_seconds()
                    result = loadgen.run_phase(target.port, page["url"], headers, count, repeat, WARMUP)
                    cpu = target.server.cpu_seconds() - cpu_before
                    # The CPU time covers the warm-up requests too.
                    phase = phase_summary(key, page, count, result, cpu / (count * (repeat + WARMUP)))
                    phase["load"] = load_average()
                    target.phases.append(phase)
                    self.stdout.write(
                        f"  {target.label:<8} {count} client{'s' if count > 1 else ' '} {page['name']:<26} "
                        f"median {phase['median_ms']:6.1f} p95 {phase['p95_ms']:6.1f} p99 {phase['p99_ms']:6.1f} ms, "
                        f"{phase['throughput']:6.1f} req/s" + (f", errors {phase['errors']}" if phase["errors"] else "")
                    )
                turn += 1


def _suppress():
    import argparse

    return argparse.SUPPRESS


# ---------------------------------------------------------------------------------------------- subjects


def prepare() -> dict:
    """In the bench database: who logs in, which pages (``common.pages``), an API token, the data's size."""
    from django.db import connection

    from orden.api.models import ApiToken
    from orden.bench.common import choose_subjects, database_version, pages
    from orden.catalog.models import Product
    from orden.demo.generator import PASSWORD
    from orden.organizations.models import Organization
    from orden.portfolio.models import System

    subjects = choose_subjects()
    user = subjects.user
    password = PASSWORD
    if not user.check_password(password):  # a database seeded otherwise: give the user a password of our own
        password = secrets.token_urlsafe(16)
        user.set_password(password)
        user.save(update_fields=["password"])
    _token, key = ApiToken.issue(user, "bench_http")
    chosen = pages(subjects)
    return {
        "database": {"vendor": connection.vendor, "version": database_version(connection)},
        "organization": {"name": subjects.org.name, "pk": subjects.org.pk, "systems": subjects.systems.count()},
        "user": user.get_username(),
        "password": password,
        "token": key,
        "search_word": subjects.search,
        "product": {"name": subjects.product.name, "pk": subjects.product.pk},
        "data": {
            "organizations": Organization.objects.count(),
            "systems": System.objects.count(),
            "products": Product.objects.count(),
        },
        "pages": {key: chosen[key] for key in PAGES if key in chosen},
    }


# ---------------------------------------------------------------------------------------------- server


@dataclass
class Target:
    """One server measured: its label in the results, gunicorn mode, code and port."""

    label: str
    mode: str
    source: Path
    port: int
    ref: str | None = None
    server: Server | None = None
    gc_dir: Path | None = None
    headers: dict = field(default_factory=dict)
    phases: list = field(default_factory=list)


def gc_report(report, collections):
    """Each phase's collections, the totals over the measuring, and every full collection."""
    for phase in report["phases"]:
        phase["gc"] = gclog.summarize(collections, phase.pop("start"), phase.pop("end"))
        tail(phase, collections)
        phase.pop("samples")
    if not report["phases"]:
        return
    first = min(p["gc_window"][0] for p in report["phases"])
    last = max(p["gc_window"][1] for p in report["phases"])
    report["gc_total"] = gclog.summarize(collections, first, last)
    report["gc_total"]["seconds"] = round(last - first, 1)
    # Each full collection while measuring: when (seconds into the measuring), which worker, how long.
    report["full_collections"] = [
        {
            "at_s": round(c["at"] - first, 2),
            "pid": c["pid"],
            "ms": round(c["ms"], 1),
            "cpu_ms": round(c["cpu_ms"], 1),
            "collected": c["collected"],
            "in_request": c["in_request"],
        }
        for c in collections
        if c["generation"] == 2 and first <= c["at"] <= last
    ]


class Server:
    """gunicorn in a process group of its own, with ``gunicorn_bench.py`` wrapping the chosen configuration."""

    def __init__(self, port, mode, source, workers, env, gc_dir, log_path):
        self.port, self.mode, self.source, self.log_path = port, mode, source, log_path
        self.config = source / "deploy" / "gunicorn.conf.py"
        self.env = dict(env, ORDEN_BENCH_GC_DIR=str(gc_dir))
        self.floor = not has_health(source)
        if self.floor:  # code from before /health/: the bench's own equivalent (see FLOOR_SETTINGS)
            (source / "src" / "orden_bench_floor.py").write_text(FLOOR_SETTINGS)
            (source / "src" / "orden_bench_floor_urls.py").write_text(FLOOR_URLS)
            self.env["DJANGO_SETTINGS_MODULE"] = "orden_bench_floor"
        self.command = [sys.executable, "-m", "gunicorn", "-c", str(Path(__file__).parents[2] / "gunicorn_bench.py")]
        self.command += ["--bind", f"127.0.0.1:{port}", "--error-logfile", str(log_path)]
        if mode == "config":
            self.env["ORDEN_BENCH_BASE_CONFIG"] = str(self.config)
        else:
            self.env.pop("ORDEN_BENCH_BASE_CONFIG", None)
            workers = workers or 2 * (os.cpu_count() or 1) + 1
            src = str(source / "src")
            self.command += ["--workers", str(workers), "--chdir", str(source), "--pythonpath", src]
            self.command += ["orden.wsgi:application"]
        self.process = None
        self.workers = workers or 1

    def start(self, stdout):
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", self.port)) == 0:
                raise CommandError(f"Port {self.port} is in use; choose another with --port.")
        stdout.write("$ " + " ".join(self.command[1:]))
        self.log_path.unlink(missing_ok=True)
        self.process = subprocess.Popen(self.command, env=self.env, cwd=self.source, start_new_session=True)
        from orden.bench import loadgen

        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise CommandError(f"gunicorn exited with {self.process.returncode}; see {self.log_path}.")
            try:
                if loadgen.get(self.port, "/health/", {})[0] == 200:
                    break
            except Exception:  # noqa: BLE001 (not listening yet)
                pass
            time.sleep(0.2)
        else:
            raise CommandError(f"gunicorn did not answer /health/ within 120 s; see {self.log_path}.")
        # The workers start one after the other: wait until all are forked (the count has held for 2 s).
        deadline = time.monotonic() + 60
        count, steady_since = len(self.worker_pids()), time.monotonic()
        while time.monotonic() < deadline and time.monotonic() - steady_since < 2:
            time.sleep(0.2)
            if len(self.worker_pids()) != count:
                count, steady_since = len(self.worker_pids()), time.monotonic()
        self.workers = count or self.workers

    def worker_pids(self) -> list[int]:
        try:
            children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children").read_text()
        except OSError:
            return []
        return [int(pid) for pid in children.split()]

    def cpu_seconds(self) -> float:
        """User and system CPU time of the workers so far (Linux; 0 elsewhere)."""
        total = 0
        for pid in self.worker_pids():
            try:
                fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            total += int(fields[11]) + int(fields[12])  # utime, stime in clock ticks
        return total / os.sysconf("SC_CLK_TCK")

    def describe(self) -> dict:
        names = ("ORDEN_WEB_WORKERS", "ORDEN_WEB_THREADS", "ORDEN_WEB_GC_THRESHOLDS", "ORDEN_DB_CONN_MAX_AGE")
        return {
            "mode": self.mode,
            "config": "deploy/gunicorn.conf.py" if self.mode == "config" else None,
            "command": " ".join(["gunicorn", *self.command[3:]])
            .replace(str(settings.BASE_DIR) + "/", "")
            .replace(str(self.source) + "/", ""),
            "bare_endpoint": "bench's own /health/ equivalent" if self.floor else "/health/",
            "workers": self.workers,
            "environment": {name: os.environ[name] for name in names if name in os.environ},
        }

    def stop(self):
        if self.process is None or self.process.poll() is not None:
            return
        self.process.send_signal(signal.SIGTERM)  # graceful: the workers flush their GC records on exit
        try:
            self.process.wait(timeout=45)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()


def export_code(ref: str, bench_dir: Path) -> Path:
    """The files of commit ``ref`` in ``var/bench/code-<commit>`` (git archive; the repository is untouched)."""
    base = settings.BASE_DIR
    try:
        commit = subprocess.run(
            ["git", "rev-parse", "--verify", f"{ref}^{{commit}}"], cwd=base, check=True, capture_output=True, text=True
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError) as error:
        raise CommandError(f"--code {ref}: not a commit of this repository.") from error
    target = bench_dir / f"code-{commit[:12]}"
    if not (target / "src" / "orden" / "wsgi.py").exists():
        shutil.rmtree(target, ignore_errors=True)
        target.mkdir(parents=True)
        archive = subprocess.run(["git", "archive", commit], cwd=base, check=True, capture_output=True).stdout
        subprocess.run(["tar", "-x", "-C", str(target)], input=archive, check=True)
    # The static files are served by WhiteNoise from the tree's collected files and node_modules.
    for shared in ("node_modules", "var"):
        link = target / shared
        if not link.exists() and (Path(base) / shared).exists():
            link.symlink_to(Path(base) / shared)
    return target


def code_description(ref, source: Path) -> dict:
    base = settings.BASE_DIR
    try:
        head = subprocess.run(["git", "rev-parse", ref or "HEAD"], cwd=base, capture_output=True, text=True).stdout
        dirty = subprocess.run(["git", "status", "--porcelain"], cwd=base, capture_output=True, text=True).stdout
    except OSError:
        return {}
    if ref:
        return {"ref": ref, "commit": head.strip(), "working_tree": False}
    return {"commit": head.strip(), "working_tree": True, "uncommitted_changes": bool(dirty.strip())}


def code_text(code: dict) -> str:
    if not code:
        return "the working tree"
    commit = code.get("commit", "")[:7]
    if code.get("working_tree"):
        return f"the working tree (commit `{commit}`" + (
            " and uncommitted changes)" if code.get("uncommitted_changes") else ")"
        )
    return f"commit `{commit}` ({code.get('ref')}, exported)"


def has_health(source: Path) -> bool:
    urls = source / "src" / "orden" / "urls.py"
    return urls.exists() and '"health/"' in urls.read_text()


# For code from before /health/: settings that put the same bare endpoint (one query, no session, no template,
# never cached) in front of the application's own URLs.
FLOOR_SETTINGS = """from orden.conf.settings import *  # noqa: F403

ROOT_URLCONF = "orden_bench_floor_urls"
"""
FLOOR_URLS = """from django.contrib.auth.decorators import login_not_required
from django.db import connection
from django.http import JsonResponse
from django.urls import include, path
from django.views.decorators.cache import never_cache


@login_not_required
@never_cache
def health(request):
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return JsonResponse({"status": "ok"})


urlpatterns = [path("health/", health), path("", include("orden.urls"))]
"""


# ---------------------------------------------------------------------------------------------- figures


def phase_summary(key, page, clients, result, cpu_per_request) -> dict:
    ms = [latency * 1000 for _at, latency, _size in result["samples"]]
    duration = result["end"] - result["start"]
    return {
        "page": key,
        "name": page["name"],
        "url": page["url"],
        "clients": clients,
        "requests": len(ms),
        "errors": result["errors"],
        "bytes": result["samples"][-1][2],
        "median_ms": round(statistics.median(ms), 2),
        "p95_ms": round(percentile(ms, 0.95), 2),
        "p99_ms": round(percentile(ms, 0.99), 2),
        "mean_ms": round(statistics.fmean(ms), 2),
        "min_ms": round(min(ms), 2),
        "max_ms": round(max(ms), 2),
        "throughput": round(len(ms) / duration, 1) if duration > 0 else None,
        "server_cpu_ms": round(cpu_per_request * 1000, 2),
        "start": result["start"],
        "end": result["end"],
        "samples": result["samples"],
    }


def tail(phase, collections):
    """How many requests overlapped a full (generation 2) collection that ran during a request in some worker,
    overall and among the slowest 1 % (above p99): whether the tail is the garbage collector."""
    full = [(c["at"], c["at"] + c["ms"] / 1000) for c in collections if c["generation"] == 2 and c["in_request"]]

    def overlaps(at, latency):
        return any(a <= at + latency and at <= b for a, b in full)

    p99 = phase["p99_ms"] / 1000
    slow = [(at, latency) for at, latency, _size in phase["samples"] if latency > p99]
    phase["tail"] = {
        "above_p99": len(slow),
        "above_p99_during_full_gc": sum(overlaps(at, latency) for at, latency in slow),
        "during_full_gc": sum(overlaps(at, latency) for at, latency, _size in phase["samples"]),
    }
    phase["gc_window"] = [phase["samples"][0][0], max(at + lat for at, lat, _s in phase["samples"])]


def meets(phase) -> dict:
    if phase["page"] not in AIM_PAGES:
        return {}
    return {
        "p95": phase["p95_ms"] < AIM_P95_MS,
        "tail": phase["p99_ms"] < AIM_TAIL * phase["median_ms"],
    }


def aim_misses(report):
    for phase in report["phases"]:
        ok = meets(phase)
        who = f"{phase['name']}, {phase['clients']} client{'s' if phase['clients'] > 1 else ''}"
        if ok and not ok["p95"]:
            yield f"{who}: p95 {phase['p95_ms']} ms (aim < {AIM_P95_MS:.0f} ms)"
        if ok and not ok["tail"]:
            ratio = phase["p99_ms"] / phase["median_ms"]
            yield f"{who}: p99 {phase['p99_ms']} ms is {ratio:.1f}× the median (aim < 2×)"
        if phase["errors"]:
            yield f"{who}: errors {phase['errors']}"


# ---------------------------------------------------------------------------------------------- reporting


def format_table(report) -> str:
    header = (
        f"{'page':<28} {'cl':>2} {'n':>5} {'median':>8} {'p95':>8} {'p99':>8} {'req/s':>7} {'cpu/req':>8} "
        f"{'full GC':>8} {'GC ms':>7} {'slow+GC':>7}  (full GCs during requests)"
    )
    lines = ["", f"run {report['label']!r}: {report['server']['command']}", header, "-" * len(header)]
    for p in report["phases"]:
        gen2 = p["gc"]["gen2"]
        lines.append(
            f"{p['name']:<28} {p['clients']:>2} {p['requests']:>5} {p['median_ms']:>6.1f}ms {p['p95_ms']:>6.1f}ms "
            f"{p['p99_ms']:>6.1f}ms {p['throughput']:>7.1f} {p['server_cpu_ms']:>6.1f}ms {full_in_requests(p):>8} "
            f"{gen2.get('in_requests_ms', gen2['total_ms']):>7.1f} "
            f"{p['tail']['above_p99_during_full_gc']:>3}/{p['tail']['above_p99']:<3}"
        )
    return "\n".join(lines)


def full_in_requests(phase) -> int:
    gen2 = phase["gc"]["gen2"]
    return gen2.get("in_requests", gen2["count"])


def _mark(ok):
    return "" if ok is None else ("yes" if ok else "**no**")


def _ordered(runs: dict) -> list[dict]:
    return sorted(
        runs.values(), key=lambda r: (LABEL_ORDER.index(r["label"]) if r["label"] in LABEL_ORDER else 9, r["date"])
    )


def markdown_results(results) -> str:
    lines = [
        DOCS_START,
        "<!-- Written by `python manage.py bench_http`; edits between these markers are overwritten. -->",
        "",
    ]
    runs = _ordered(results["runs"])
    for run in runs:
        machine, server, gc_total = run["machine"], run["server"], run.get("gc_total", {})
        org = run["organization"]
        db = run["database"]
        lines += [
            f"**Run `{run['label']}`** of {run['date'][:10]} ({run['date']}): {code_text(run.get('code') or {})}, "
            + (
                f"measured in the same run as `{'`, `'.join(o for o in run['side_by_side'] if o != run['label'])}`, "
                "page by page in turn, "
                if run.get("side_by_side")
                else ""
            )
            + f"data set `{run['size']}` "
            f"({run['data']['systems']:,} systems in {run['data']['organizations']} organisations) on "
            f"{ {'postgresql': 'PostgreSQL', 'sqlite': 'SQLite'}.get(db['vendor'], db['vendor']) } "
            f"{db['version'].split(' ')[0]}; "
            f"`{server['command']}` ({server['workers']} worker processes"
            + (f"; {', '.join(f'{k}={v}' for k, v in server['environment'].items())}" if server["environment"] else "")
            + f"). As `{run['user']}` of {org['name']} ({org['systems']} systems); product page of "
            f"{run['product']['name']}; search word `{run['search_word']}`. {run['repeat']} timed requests per "
            f"client and page after {run['warmup']} warm-up requests; whole run {run['total_seconds']:.0f} s. "
            f"Machine: {machine['cpus_usable']} usable CPUs ({machine['cpu_model'] or 'unknown model'}), shared "
            f"by server and clients; Python {machine['python']}. Load average (1, 5, 15 min) before measuring: "
            f"{', '.join(map(str, run['load_before'] or []))}; after: {', '.join(map(str, run['load_after'] or []))}"
            + (
                f"; the 1-minute load after each phase ranged from {min(loads)} to {max(loads)}."
                if (loads := [p["load"][0] for p in run["phases"] if p.get("load")])
                else "."
            ),
            "",
        ]
        if gc_total:
            g0, g1, g2 = gc_total["gen0"], gc_total["gen1"], gc_total["gen2"]
            minutes = gc_total["seconds"] / 60
            per_worker = g2["count"] / server["workers"] / minutes if minutes else 0
            young = {k: g0.get(k, 0) + g1.get(k, 0) for k in ("count", "total_ms", "in_requests", "in_requests_ms")}
            lines += [
                f"Garbage collection in the {server['workers']} workers over the {gc_total['seconds']:.0f} s "
                f"measured: **{g2['count']} full collections** ({per_worker:.1f} per worker per minute), "
                + (
                    f"**{g2['in_requests']} of them during a request** ({g2['in_requests_ms']:.0f} ms), "
                    if "in_requests" in g2
                    else ""
                )
                + f"{g2['total_ms']:.0f} ms in all, the longest {g2['max_ms']:.0f} ms"
                + (
                    f" (CPU time: {g2['total_cpu_ms']:.0f} ms in all, the longest {g2['max_cpu_ms']:.0f} ms; the rest "
                    "is waiting for a core)"
                    if "total_cpu_ms" in g2
                    else ""
                )
                + f"; {young['count']:,} young collections (generations 0 and 1), {young['total_ms']:.0f} ms in all, "
                f"the longest {max(g0['max_ms'], g1['max_ms']):.0f} ms"
                + (
                    f", {young['in_requests']:,} of them during a request ({young['in_requests_ms']:.0f} ms)."
                    if "in_requests" in g0
                    else "."
                ),
                "",
            ]
        lines += [
            "| Page | Clients | Median | p95 | p99 | p99 / median | req/s | Server CPU / request "
            "| Full GCs in requests / all (ms in requests) "
            "| Slowest 1 % during a full GC | p95 < 50 ms | p99 < 2× median |",
            "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | :---: | :---: |",
        ]
        for p in run["phases"]:
            ok = meets(p)
            gen2 = p["gc"]["gen2"]
            errors = f" ({sum(p['errors'].values())} errors)" if p["errors"] else ""
            lines.append(
                f"| {p['name']}{errors} | {p['clients']} | {p['median_ms']:.1f} ms | {p['p95_ms']:.1f} ms "
                f"| {p['p99_ms']:.1f} ms | {p['p99_ms'] / p['median_ms']:.1f}× | {p['throughput']:.0f} "
                f"| {p['server_cpu_ms']:.1f} ms | {gen2.get('in_requests', gen2['count'])} / {gen2['count']} "
                f"({gen2.get('in_requests_ms', gen2['total_ms']):.0f}) "
                f"| {p['tail']['above_p99_during_full_gc']} of {p['tail']['above_p99']} "
                f"| {_mark(ok.get('p95'))} | {_mark(ok.get('tail'))} |"
            )
        misses = list(aim_misses(run))
        lines += ["", f"Aims missed in run `{run['label']}`: " + ("; ".join(misses) + "." if misses else "none."), ""]

    labels = {run["label"]: run for run in runs}
    if "before" in labels and "after" in labels:
        before, after = labels["before"], labels["after"]
        index = {(p["page"], p["clients"]): p for p in before["phases"]}
        lines += [
            "**Before → after** (latencies and server CPU time in ms; throughput in requests per second). On a "
            "shared machine the server's CPU time per request is the figure least moved by the load:",
            "",
            "| Page | Clients | Median | p95 | p99 | req/s | Server CPU / request | Full GCs during requests |",
            "| --- | ---: | --- | --- | --- | --- | --- | --- |",
        ]
        for p in after["phases"]:
            b = index.get((p["page"], p["clients"]))
            if b is None:
                continue
            lines.append(
                f"| {p['name']} | {p['clients']} | {b['median_ms']:.1f} → {p['median_ms']:.1f} "
                f"| {b['p95_ms']:.1f} → {p['p95_ms']:.1f} | {b['p99_ms']:.1f} → {p['p99_ms']:.1f} "
                f"| {b['throughput']:.0f} → {p['throughput']:.0f} "
                f"| {b['server_cpu_ms']:.1f} → {p['server_cpu_ms']:.1f} "
                f"| {full_in_requests(b)} → {full_in_requests(p)} |"
            )
        lines.append("")
    lines.append(DOCS_END)
    return "\n".join(lines)
