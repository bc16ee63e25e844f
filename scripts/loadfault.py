#!/usr/bin/env python3
"""Load and faults: two application servers behind nginx, one killed half-way, and a worker killed mid-task.

On loopback only and bounded in time. It

1. creates the PostgreSQL database ``--database`` (dropped first: only a name starting ``orden_loadfault``
   unless ``--force-drop``, and only on a loopback ``--pg`` server), migrates it and seeds ``--size``;
2. starts ``--servers`` gunicorn servers (deploy/gunicorn.conf.py) on ports ``--port``+1…, a task worker
   (``manage.py db_worker``) and nginx on ``--port`` (deploy/nginx.conf, rendered into a directory under
   /tmp with its pid file, logs and temporary files);
3. runs ``--duration`` seconds of mixed API reads and writes from ``--clients`` threads through nginx: lists,
   details and a static file (reads); PATCH of a system with If-Match, POST of a new system named with a
   unique marker (writes); and one logged-in user opening pages with a session cookie (the session is
   also tried on each server directly before the load);
4. kills the first application server (its master and workers) with SIGKILL half-way;
5. meanwhile kills the task worker in the middle of ``record_completeness_task`` (held at a row lock on one
   organisation's snapshot, so the kill is deterministic), then runs ``manage.py recover_tasks`` and a new
   worker, and checks the task left nothing before it was retried and everything after;
6. checks in the database that every acknowledged write is there with its history record, once, and that no
   object of the run lacks its history record.

It prints a report (and writes it as JSON with --json) and exits 0 when the aims are met: no read failed,
only writes in flight on the killed server failed, nothing acknowledged is missing or duplicated, nothing is
half-written, the killed task was retried (or failed) and never half-applied. 1 when an aim is missed, 2 when
the set-up failed. docs/performance.md ("Load and faults") has a run's figures.

    .venv/bin/python scripts/loadfault.py                      # 60 s, two servers
    .venv/bin/python scripts/loadfault.py --duration 15 --json /tmp/lf.json
"""

import argparse
import http.client
import json
import os
import random
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter, defaultdict
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))  # the project's own helpers below, and Django for the steps

from orden.bench.common import percentile  # noqa: E402
from orden.core import postgres  # noqa: E402

PYTHON = str(ROOT / ".venv" / "bin" / "python") if (ROOT / ".venv" / "bin" / "python").exists() else sys.executable
GUNICORN = str(Path(PYTHON).with_name("gunicorn"))
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
WORKER_ID = "loadfault-worker"
STATIC_PATH = "/static/orden/orden.css"
# A write that started at most this long after the kill may still have been sent to the killed server: nginx
# learns that the server is gone from the first failed connection.
KILL_GRACE = 1.0
# The only databases this script drops (WITH FORCE) without --force-drop.
DATABASE_PREFIXES = ("orden_loadfault",)


class SetupError(Exception):
    pass


# --- processes -----------------------------------------------------------------------------------------------


class Processes:
    """Every process started, each in its own session so that a kill reaches its children (gunicorn's workers)."""

    def __init__(self, logdir: Path):
        self.logdir = logdir
        self.running: dict[str, subprocess.Popen] = {}

    def start(self, name: str, args: list[str], env: dict) -> subprocess.Popen:
        log = open(self.logdir / f"{name}.log", "ab")  # noqa: SIM115 (closed with the process)
        proc = subprocess.Popen(
            args,
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )
        proc.log = log
        self.running[name] = proc
        return proc

    def kill(self, name: str, sig=signal.SIGKILL) -> None:
        proc = self.running.pop(name)
        try:
            os.killpg(proc.pid, sig)
        except ProcessLookupError:
            pass
        proc.wait(timeout=10)
        proc.log.close()

    def stop_all(self) -> None:
        for name in list(self.running):
            proc = self.running[name]
            try:
                os.killpg(proc.pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
        deadline = time.monotonic() + 10
        for name in list(self.running):
            proc = self.running.pop(name)
            try:
                proc.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                pass
            try:  # whatever is left of the group (a worker that ignored SIGTERM)
                os.killpg(proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            try:
                proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                pass
            proc.log.close()


def run(args: list[str], env: dict, timeout: float = 300) -> str:
    result = subprocess.run(args, cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout)
    if result.returncode != 0:
        raise SetupError(
            f"{' '.join(args[:4])} failed ({result.returncode}):\n{result.stdout[-2000:]}{result.stderr[-3000:]}"
        )
    return result.stdout


def django_step(env: dict, step: str, payload: dict | None = None, timeout: float = 120) -> dict:
    """Run one step below in a subprocess with Django set up on the run's database; JSON in, JSON out."""
    result = subprocess.run(
        [PYTHON, __file__, "--django-step", step],
        cwd=ROOT,
        env=env,
        input=json.dumps(payload or {}),
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    if result.returncode != 0:
        raise SetupError(f"step {step} failed:\n{result.stderr[-3000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def wait_http(port: int, path: str, timeout: float, proc: subprocess.Popen | None = None) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            raise SetupError(f"the process for port {port} exited ({proc.returncode}); see its log")
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", path)
            if conn.getresponse().status == 200:
                conn.close()
                return
            conn.close()
        except OSError:
            pass
        time.sleep(0.2)
    raise SetupError(f"nothing answered 200 on 127.0.0.1:{port}{path} within {timeout:.0f} s")


# --- the database ----------------------------------------------------------------------------------------------


def create_database(server_url: str, name: str, force_drop: bool = False) -> None:
    """Drop (when it is this script's, or with force_drop) and create the run's database on a loopback server."""
    import psycopg

    try:
        if not postgres.is_loopback(server_url):
            raise SetupError(f"--pg {server_url}: the load-and-fault run works on a loopback server only")
        postgres.check_drop(postgres.check_name(name), DATABASE_PREFIXES, force_drop)
        with postgres.connect_maintenance(server_url) as conn:
            postgres.create_database(conn, name, fresh=True, prefixes=DATABASE_PREFIXES, force=force_drop)
    except postgres.UnsafeDatabase as exc:
        raise SetupError(f"--database: {exc}") from exc
    except psycopg.Error as exc:
        raise SetupError(f"PostgreSQL at {server_url}: {exc}") from exc


# --- the load --------------------------------------------------------------------------------------------------


class Client(threading.Thread):
    """One API client: its own keep-alive connection to nginx and its own systems to change."""

    def __init__(self, number, run_id, port, token, organization, product, systems, pages, stop_at, results, lock):
        super().__init__(name=f"client-{number}", daemon=True)
        self.number, self.run_id, self.port = number, run_id, port
        self.headers = {"Authorization": f"Token {token}", "Accept": "application/json"}
        self.organization, self.product, self.systems, self.pages = organization, product, systems, pages
        self.stop_at, self.results, self.lock = stop_at, results, lock
        self.random = random.Random(number)
        self.conn = None
        self.sequence = 0

    def request(self, method, path, body=None, headers=None, kind="read", marker=None, target=None):
        started = time.monotonic()
        entry = {
            "method": method,
            "kind": kind,
            "path": path.split("?")[0],
            "start": started,
            "marker": marker,
            "target": target,
        }
        all_headers = {**self.headers, **(headers or {})}
        data = None
        if all_headers.pop("X-Raw-Body", None):
            data = body
        elif body is not None:
            data = json.dumps(body)
            all_headers["Content-Type"] = "application/json"
        try:
            if self.conn is None:
                self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
            self.conn.request(method, path, body=data, headers=all_headers)
            response = self.conn.getresponse()
            payload = response.read()
            entry["status"] = response.status
            entry["etag"] = response.getheader("ETag")
            entry["location"] = response.getheader("Location")
            entry["set_cookie"] = [value for key, value in response.getheaders() if key.lower() == "set-cookie"]
            if response.getheader("Connection", "").lower() == "close":
                self.conn.close()
                self.conn = None
        except (OSError, http.client.HTTPException) as exc:
            entry["status"] = None
            entry["error"] = type(exc).__name__
            payload = b""
            if self.conn is not None:
                self.conn.close()
            self.conn = None
        entry["end"] = time.monotonic()
        with self.lock:
            self.results.append(entry)
        return entry, payload

    def run(self):
        while time.monotonic() < self.stop_at:
            choice = self.random.random()
            if choice < 0.35:
                page = self.random.randint(1, self.pages)
                self.request("GET", f"/api/systems/?organization={self.organization}&per_page=25&page={page}")
            elif choice < 0.60:
                self.request("GET", f"/api/systems/{self.random.choice(self.systems)}/")
            elif choice < 0.65:
                self.request("GET", STATIC_PATH)
            elif choice < 0.85:
                self.patch()
            else:
                self.post()

    def marker(self) -> str:
        self.sequence += 1
        return f"lf-{self.run_id}-{self.number}-{self.sequence}"

    def patch(self):
        system = self.random.choice(self.systems)
        entry, _payload = self.request("GET", f"/api/systems/{system}/")
        if entry["status"] != 200 or not entry["etag"]:
            return
        marker = self.marker()
        self.request(
            "PATCH",
            f"/api/systems/{system}/",
            {"description": marker},
            {"If-Match": entry["etag"]},
            kind="write",
            marker=marker,
            target=system,
        )

    def post(self):
        marker = self.marker()
        body = {"organization": self.organization, "name": marker, "product": self.product, "lifecycle": "in_use"}
        self.request("POST", "/api/systems/", body, kind="write", marker=marker)


class SessionClient(Client):
    """A browser-like user: logs in once through the proxy, then opens pages with the session cookie, whichever
    server answers. A redirect to the login page would mean the session was lost."""

    def __init__(self, *args, username, password, **kwargs):
        super().__init__(*args, **kwargs)
        self.headers = {"Accept": "text/html"}
        self.username, self.password = username, password
        self.cookies = {}

    def request(self, method, path, body=None, headers=None, kind="page", marker=None, target=None):
        cookie = "; ".join(f"{key}={value}" for key, value in self.cookies.items())
        entry, payload = super().request(
            method, path, body, {**(headers or {}), **({"Cookie": cookie} if cookie else {})}, kind=kind
        )
        for header in entry.pop("set_cookie", []):
            name, _, rest = header.partition("=")
            self.cookies[name.strip()] = rest.split(";", 1)[0]
        if entry["status"] == 302 and "/login/" in (entry.get("location") or ""):
            entry["error"] = "session lost"
        return entry, payload

    def login(self) -> bool:
        self.request("GET", "/login/", kind="login")
        form = urlencode(
            {
                "username": self.username,
                "password": self.password,
                "csrfmiddlewaretoken": self.cookies.get("csrftoken", ""),
            }
        )
        entry, _payload = self.request(
            "POST",
            "/login/",
            form,
            {"Content-Type": "application/x-www-form-urlencoded", "X-Raw-Body": "1"},
            kind="login",
        )
        return entry["status"] == 302 and "sessionid" in self.cookies

    def run(self):
        # Logged in before the load starts (a login hashes the password: seconds on a loaded machine).
        while time.monotonic() < self.stop_at:
            choice = self.random.random()
            if choice < 0.5:
                self.request("GET", "/systems/")
            elif choice < 0.8:
                self.request("GET", f"/systems/{self.random.choice(self.systems)}/")
            else:
                self.request("GET", "/")


# --- the task worker killed mid-task ---------------------------------------------------------------------------


def task_fault(env, procs, db_url, info, report, worker_args):
    """Hold a row lock on the middle organisation's snapshot, so the task stops there with the organisations
    before it written in its transaction; SIGKILL the worker there; recover; a new worker; check."""
    outcome = {"task": "orden.reports.tasks.record_completeness_task", "organizations": info["organizations"]}
    report["task"] = outcome
    sentinel = django_step(env, "sentinel")
    outcome["held_organization"] = sentinel["organization"]
    outcome["organizations_before_it"] = sentinel["position"]
    locker = postgres.connect(db_url)
    try:
        locker.execute("SELECT id FROM reports_completenesssnapshot WHERE id = %s FOR UPDATE", [sentinel["id"]])
        enqueued = run([PYTHON, "manage.py", "record_completeness", "--enqueue"], env)
        task_id = re.search(r"Enqueued task (\S+)\.", enqueued).group(1)
        outcome["task_id"] = task_id
        blocked_pid = None
        deadline = time.monotonic() + 60
        with postgres.connect(db_url, autocommit=True) as watch:
            while blocked_pid is None and time.monotonic() < deadline:
                row = watch.execute(
                    "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'"
                    " AND query ILIKE '%%reports_completenesssnapshot%%'"
                ).fetchone()
                blocked_pid = row[0] if row else None
                time.sleep(0.05)
            if blocked_pid is None:
                raise SetupError("the task never reached the held organisation")
            outcome["status_when_killed"] = task_status(watch, task_id)
            killed_at = time.monotonic()
            procs.kill("worker")
            outcome["worker_killed_at"] = killed_at
            # Release the lock: the orphaned backend then finds its client gone and rolls back.
            locker.rollback()
            gone_by = time.monotonic() + 15
            while time.monotonic() < gone_by:
                if not watch.execute("SELECT 1 FROM pg_stat_activity WHERE pid = %s", [blocked_pid]).fetchone():
                    break
                time.sleep(0.05)
            else:
                outcome["note"] = "the killed worker's database session did not end; terminated it"
                watch.execute("SELECT pg_terminate_backend(%s)", [blocked_pid])
            outcome["status_after_kill"] = task_status(watch, task_id)
        outcome["after_kill"] = django_step(env, "snapshots", {"sentinel": sentinel["id"]})
        recovered = run([PYTHON, "manage.py", "recover_tasks", "--worker-id", WORKER_ID], env)
        outcome["recover_tasks"] = recovered.strip().splitlines()[-1]
        procs.start("worker-2", worker_args, env)
        with postgres.connect(db_url, autocommit=True) as watch:
            deadline = time.monotonic() + 120
            status = task_status(watch, task_id)
            while status in ("READY", "RUNNING") and time.monotonic() < deadline:
                time.sleep(0.2)
                status = task_status(watch, task_id)
            outcome["final_status"] = status
            outcome["attempts"] = watch.execute(
                "SELECT jsonb_array_length(worker_ids::jsonb) FROM django_tasks_database_dbtaskresult WHERE id = %s",
                [task_id],
            ).fetchone()[0]
        outcome["after_retry"] = django_step(env, "snapshots", {"sentinel": sentinel["id"]})
    finally:
        locker.close()
    after_kill, after_retry = outcome["after_kill"], outcome["after_retry"]
    half_applied = after_kill["today"] != 0 or not after_kill["sentinel_untouched"]
    complete = (
        after_retry["today"] == info["organizations"]
        and after_retry["distinct"] == info["organizations"]
        and not after_retry["sentinel_untouched"]
    )
    outcome["half_applied"] = half_applied
    outcome["ok"] = not half_applied and (
        (outcome["final_status"] == "SUCCESSFUL" and complete)
        or (outcome["final_status"] == "FAILED" and after_retry["today"] == 0)
    )


def task_status(conn, task_id):
    return conn.execute("SELECT status FROM django_tasks_database_dbtaskresult WHERE id = %s", [task_id]).fetchone()[0]


# --- analysis --------------------------------------------------------------------------------------------------


def outcome_of(entry):
    if entry["status"] is None:
        return f"connection error ({entry['error']})"
    return str(entry["status"])


def analyse(results, kill_at, start, verify, retried_by_proxy, pages_by_server, args):
    by_method = defaultdict(Counter)
    for entry in results:
        label = entry["method"] if entry["kind"] in ("read", "write") else f"{entry['method']} ({entry['kind']})"
        by_method[label][outcome_of(entry)] += 1
    reads = [e for e in results if e["kind"] == "read"]
    pages = [e for e in results if e["kind"] == "page"]
    sessions_lost = sum(1 for e in pages if e.get("error") == "session lost")
    writes = [e for e in results if e["kind"] == "write"]
    failed_reads = [e for e in reads + pages if e["status"] != 200]

    def cut_off_at_kill(entry):
        # nginx passes the response header on as soon as the server sends it; a server killed between its
        # header and the end of its body leaves a response that nginx has begun and cannot send again.
        return (
            kill_at is not None and entry.get("error") == "IncompleteRead" and entry["start"] <= kill_at <= entry["end"]
        )

    cut_off = [e for e in failed_reads if cut_off_at_kill(e)]
    read_errors = [e for e in failed_reads if not cut_off_at_kill(e)]
    page_errors = [e for e in read_errors if e["kind"] == "page"]
    conflicts = [e for e in writes if e["method"] == "PATCH" and e["status"] == 412]
    acked = [e for e in writes if e["status"] in (200, 201)]
    failed = [e for e in writes if e["status"] not in (200, 201, 412)]

    def in_flight_at_kill(entry):
        return (
            kill_at is not None
            and entry["start"] <= kill_at + KILL_GRACE
            and entry["end"] >= kill_at
            and (entry["status"] is None or entry["status"] in (502, 504))
        )

    unexplained = [e for e in failed if not in_flight_at_kill(e)]
    elapsed = max((e["end"] for e in results), default=start) - start
    latency = {}
    for label, group in (("read", reads), ("write", writes)):
        times = [(e["end"] - e["start"]) * 1000 for e in group if e["status"] in (200, 201)]
        latency[label] = {
            "median_ms": round(statistics.median(times), 1) if times else None,
            "p95_ms": round(percentile(times, 0.95), 1) if times else None,
            "p99_ms": round(percentile(times, 0.99), 1) if times else None,
            "max_ms": round(max(times), 1) if times else None,
        }
    acked_before = sum(1 for e in acked if kill_at is not None and e["end"] < kill_at)
    acked_after = sum(1 for e in acked if kill_at is not None and e["start"] > kill_at + KILL_GRACE)
    aims = {
        "no read failed, other than a response the kill cut off mid-way": not read_errors,
        "the logged-in user's pages never failed nor lost the session, whichever server answered": (
            len(pages) > 2 and not page_errors
        ),
        "only writes in flight on the killed server failed": not unexplained,
        "every acknowledged write is in the database, with its history record": verify["missing"] == [],
        "no write is duplicated": verify["duplicated"] == [],
        "nothing is half-written (every object and change of the run has its history record)": (
            verify["half_written"] == []
        ),
        "writes were acknowledged before and after the kill": acked_before > 0 and acked_after > 0,
    }
    return {
        "duration_s": round(elapsed, 1),
        "servers": args.servers,
        "clients": args.clients,
        "requests": len(results),
        "throughput_rps": round(len(results) / elapsed, 1) if elapsed else None,
        "reads": len(reads),
        "writes": len(writes),
        "read_errors": len(read_errors),
        "reads_cut_off_at_kill": len(cut_off),
        "read_errors_sample": [
            {"path": e["path"], "outcome": outcome_of(e), "at_s": round(e["start"] - start, 2)} for e in read_errors
        ][:10],
        "pages": len(pages),
        "page_errors": len(page_errors),
        "sessions_lost": sessions_lost,
        "pages_by_server": pages_by_server,
        "by_method": {method: dict(counter) for method, counter in sorted(by_method.items())},
        "writes_acknowledged": len(acked),
        "writes_acknowledged_before_kill": acked_before,
        "writes_acknowledged_after_kill": acked_after,
        "write_conflicts_412": len(conflicts),
        "writes_failed": len(failed),
        "writes_failed_in_flight_at_kill": len(failed) - len(unexplained),
        # Each failed write's start and end, in seconds from the kill: in flight means start <= 0 <= end.
        "writes_failed_around_kill_s": [
            [round(e["start"] - kill_at, 3), round(e["end"] - kill_at, 3)] for e in failed if kill_at is not None
        ][:20],
        "writes_failed_otherwise": [
            {"method": e["method"], "outcome": outcome_of(e), "at_s": round(e["start"] - start, 2)} for e in unexplained
        ][:20],
        "failed_writes_applied_anyway": verify["applied_unacknowledged"],
        "retried_by_proxy": retried_by_proxy,
        "kill_at_s": round(kill_at - start, 2) if kill_at is not None else None,
        "latency": latency,
        "verify": {key: value for key, value in verify.items() if key != "applied_unacknowledged"},
        "aims": aims,
    }


def proxy_retries(access_log: Path) -> int:
    """Requests nginx passed to a second server (its $upstream_addr lists two)."""
    if not access_log.exists():
        return 0
    return sum(1 for line in access_log.read_text(errors="replace").splitlines() if re.search(r"upstream=\S+, ", line))


def page_servers(access_log: Path) -> dict:
    """Which servers answered the logged-in user's pages (the UI paths; the API clients use /api/)."""
    counts = Counter()
    if access_log.exists():
        for line in access_log.read_text(errors="replace").splitlines():
            match = re.search(r'"GET (/|/systems/\S*) HTTP.* upstream=(.*?) ust=', line)
            if match:  # the last server tried is the one that answered
                counts[match.group(2).split(", ")[-1]] += 1
    return dict(counts)


def print_report(report):
    load = report["load"]
    print()
    print(f"== Load and faults: {load['servers']} servers, {load['clients']} clients, {load['duration_s']} s ==")
    print(f"requests {load['requests']} ({load['throughput_rps']}/s): reads {load['reads']}, writes {load['writes']}")
    for method, outcomes in load["by_method"].items():
        print(f"  {method:12} " + ", ".join(f"{key}: {value}" for key, value in sorted(outcomes.items())))
    print(
        f"server killed (SIGKILL) at {load['kill_at_s']} s; requests nginx retried on the other server: "
        f"{load['retried_by_proxy']}"
    )
    print(f"read errors: {load['read_errors']}; cut off mid-response by the kill: {load['reads_cut_off_at_kill']}")
    print(
        f"logged-in pages: {load['pages']}, errors {load['page_errors']}, "
        f"sessions lost {load['sessions_lost']}; "
        f"served by {load['pages_by_server']}"
    )
    print(
        f"writes acknowledged: {load['writes_acknowledged']} ({load['writes_acknowledged_before_kill']} before the "
        f"kill, {load['writes_acknowledged_after_kill']} after); 412 conflicts: {load['write_conflicts_412']}"
    )
    print(
        f"writes failed: {load['writes_failed']} ({load['writes_failed_in_flight_at_kill']} in flight at the kill, "
        f"of which applied anyway: {len(load['failed_writes_applied_anyway'])})"
    )
    for label, figures in load["latency"].items():
        print(f"latency {label}: " + ", ".join(f"{key} {value}" for key, value in figures.items()))
    verify = load["verify"]
    print(
        f"checked in the database: {verify['checked_creates']} created systems, {verify['checked_changes']} changes; "
        f"missing {len(verify['missing'])}, duplicated {len(verify['duplicated'])}, "
        f"half-written {len(verify['half_written'])}"
    )
    task = report.get("task")
    if task:
        print(
            f"task {task['task']}: worker killed while {task.get('status_when_killed')} at organisation "
            f"{task.get('organizations_before_it', 0) + 1} of {task['organizations']}; afterwards "
            f"{task.get('status_after_kill')} with {task.get('after_kill', {}).get('today')} snapshots written; "
            f"recover_tasks: {task.get('recover_tasks')}; then {task.get('final_status')} after "
            f"{task.get('attempts')} attempts with {task.get('after_retry', {}).get('today')} snapshots"
        )
    print(f"one login through nginx, then /systems/ on each server directly: {report['session_on_each_server']}")
    print("aims:")
    for aim, met in report["aims"].items():
        print(f"  [{'ok' if met else 'FAILED'}] {aim}")


# --- the main programme ----------------------------------------------------------------------------------------


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=float, default=60, help="seconds of load (default 60)")
    parser.add_argument("--clients", type=int, default=8, help="concurrent client threads (default 8)")
    parser.add_argument("--servers", type=int, default=2, help="application servers (default 2)")
    parser.add_argument("--port", type=int, default=18500, help="nginx's port; servers on the next ones (18500)")
    parser.add_argument(
        "--database", default="orden_loadfault", help="PostgreSQL database, dropped and created (orden_loadfault…)"
    )
    parser.add_argument(
        "--force-drop", action="store_true", help="drop --database even when its name does not start orden_loadfault"
    )
    parser.add_argument(
        "--pg", default="postgresql://postgres@127.0.0.1:5432", help="PostgreSQL server URL (loopback only)"
    )
    parser.add_argument("--size", choices=["demo", "national"], default="demo", help="data set (default demo)")
    parser.add_argument("--web-workers", type=int, default=2, help="gunicorn workers per server (default 2)")
    parser.add_argument("--web-threads", type=int, default=4, help="threads per gunicorn worker (default 4)")
    parser.add_argument(
        "--redis-url", default="", help="ORDEN_REDIS_URL for the servers, e.g. redis://127.0.0.1:6379/5"
    )
    parser.add_argument(
        "--nginx-conf", type=Path, default=ROOT / "deploy" / "nginx.conf", help="nginx template (deploy/nginx.conf)"
    )
    parser.add_argument("--no-task-fault", action="store_true", help="skip killing the worker mid-task")
    parser.add_argument("--json", type=Path, help="write the report as JSON here")
    parser.add_argument("--keep", action="store_true", help="keep the run directory (logs, nginx.conf)")
    args = parser.parse_args(argv)
    if args.servers < 2:
        parser.error("--servers must be at least 2 (one is killed)")

    rundir = Path(tempfile.mkdtemp(prefix="orden-loadfault-"))
    db_url = f"{args.pg}/{args.database}"
    env = {
        **{key: value for key, value in os.environ.items() if not key.startswith(("ORDEN_", "DJANGO_"))},
        "DATABASE_URL": db_url,
        "ORDEN_DEBUG": "false",
        "ORDEN_SECRET_KEY": "loadfault-" + uuid.uuid4().hex + uuid.uuid4().hex,
        "ORDEN_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "ORDEN_VAR_DIR": str(rundir / "var"),
        # Loopback plain HTTP: no redirect to HTTPS, no HSTS.
        "ORDEN_SSL_REDIRECT": "false",
        "ORDEN_HSTS_SECONDS": "0",
        # As deployed: nginx (on loopback here) is the one proxy whose X-Forwarded-For is believed.
        "ORDEN_PROXY_COUNT": "1",
        "ORDEN_TRUSTED_PROXIES": "127.0.0.1,::1",
        # The run sends far more than a real client; the throttle would answer 429.
        "ORDEN_API_RATE": "10000000/hour",
        "ORDEN_LOG_LEVEL": "WARNING",
        "PYTHONUNBUFFERED": "1",
    }
    if args.redis_url:  # the shared cache of a real deployment (rate limits, lock-outs), keys of this run only
        env["ORDEN_REDIS_URL"] = args.redis_url
        env["ORDEN_CACHE_KEY_PREFIX"] = f"loadfault-{uuid.uuid4().hex[:8]}"
    procs = Processes(rundir)
    report = {"run_directory": str(rundir)}
    # A SIGTERM (a CI timeout) unwinds through the finally below, which stops every process started.
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(128 + signum))
    try:
        try:
            return load_and_faults(args, env, db_url, rundir, procs, report)
        except SetupError as exc:
            print(f"set-up failed: {exc}", file=sys.stderr)
            report["setup_error"] = str(exc)
            return 2
    finally:
        procs.stop_all()
        if args.json:
            args.json.write_text(json.dumps(report, indent=2, default=str))
        if not args.keep and "setup_error" not in report:
            shutil.rmtree(rundir, ignore_errors=True)
        else:
            print(f"logs and configuration kept in {rundir}")


def load_and_faults(args, env, db_url, rundir, procs, report) -> int:
    t0 = time.monotonic()
    print(f"database {args.database}: create, migrate, seed {args.size}")
    create_database(args.pg, args.database, args.force_drop)
    run([PYTHON, "manage.py", "migrate", "--noinput"], env, timeout=600)
    run([PYTHON, "manage.py", "seed", "--size", args.size], env, timeout=900)
    with postgres.connect(db_url, autocommit=True) as conn:
        conn.execute("VACUUM ANALYZE")
    info = django_step(env, "prepare", {"clients": args.clients})
    report["setup_s"] = round(time.monotonic() - t0, 1)

    ports = [args.port + 1 + n for n in range(args.servers)]
    conf = ROOT / "deploy" / "gunicorn.conf.py"
    for n, port in enumerate(ports):
        server_env = {
            **env,
            "ORDEN_WEB_BIND": f"127.0.0.1:{port}",
            "ORDEN_WEB_WORKERS": str(args.web_workers),
            "ORDEN_WEB_THREADS": str(args.web_threads),
            "ORDEN_WEB_NAME": f"orden-loadfault-{n}",
            "ORDEN_WEB_ACCESS_LOG": "",
            "ORDEN_WEB_LOG_LEVEL": "warning",
        }
        if conf.exists():
            command = [GUNICORN, "-c", str(conf)]
        else:  # before deploy/gunicorn.conf.py existed: the same essentials as flags
            command = [
                GUNICORN,
                "--pythonpath",
                "src",
                "orden.wsgi:application",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                str(args.web_workers),
                "--threads",
                str(args.web_threads),
                "--keep-alive",
                "75",
            ]
        procs.start(f"server-{n}", command, server_env)
    for n, port in enumerate(ports):
        wait_http(port, "/health/", 60, procs.running[f"server-{n}"])
    worker_args = [
        PYTHON,
        "manage.py",
        "db_worker",
        "--worker-id",
        WORKER_ID,
        "--interval",
        "0.2",
        "--no-startup-delay",
        "--no-reload",
    ]
    if not args.no_task_fault:
        procs.start("worker", worker_args, env)

    prefix = rundir / "nginx"
    prefix.mkdir()
    template = args.nginx_conf.read_text()
    upstreams = "\n        ".join(f"server 127.0.0.1:{port} max_fails=1 fail_timeout=10s;" for port in ports)
    values = {
        "prefix": str(prefix),
        "listen": f"127.0.0.1:{args.port}",
        "server_name": "127.0.0.1",
        "upstream_servers": upstreams,
    }
    lines = []
    for line in template.splitlines():
        if not line.lstrip().startswith("#"):  # the header comments name the placeholders
            for key, value in values.items():
                line = line.replace("{{" + key + "}}", value)
            if "{{" in line:
                raise SetupError(f"deploy/nginx.conf has a placeholder this script does not fill: {line.strip()}")
        lines.append(line)
    conf_text = "\n".join(lines) + "\n"
    (prefix / "nginx.conf").write_text(conf_text)
    nginx_args = [NGINX, "-p", str(prefix), "-c", str(prefix / "nginx.conf"), "-e", str(prefix / "error.log")]
    test = subprocess.run([*nginx_args, "-t"], capture_output=True, text=True, timeout=30)
    if test.returncode != 0:
        raise SetupError(f"nginx -t: {test.stderr}")
    procs.start("nginx", [*nginx_args, "-g", "daemon off;"], env)
    wait_http(args.port, "/health/", 20, procs.running["nginx"])
    wait_http(args.port, STATIC_PATH, 20)

    run_id = uuid.uuid4().hex[:8]
    results, lock = [], threading.Lock()
    stop_at = None  # set once the session client has logged in
    clients = [
        Client(
            n,
            run_id,
            args.port,
            info["token"],
            info["organization"],
            info["product"],
            info["systems"][n],
            info["pages"],
            stop_at,
            results,
            lock,
        )
        for n in range(args.clients)
    ]
    print(
        f"load: {args.clients} clients for {args.duration:.0f} s through nginx on 127.0.0.1:{args.port}, "
        f"servers on {', '.join(map(str, ports))}"
    )
    all_systems = [pk for systems in info["systems"] for pk in systems]
    clients.append(
        SessionClient(
            args.clients,
            run_id,
            args.port,
            "",
            info["organization"],
            info["product"],
            all_systems,
            info["pages"],
            stop_at,
            results,
            lock,
            username=info["username"],
            password=info["password"],
        )
    )
    if not clients[-1].login():
        raise SetupError("the session client could not log in through nginx")
    # The session from the login through nginx, on each server directly: sessions live in the database.
    session_client = clients[-1]
    session_on_servers = {}
    for port in ports:
        session_client.port, session_client.conn = port, None
        entry, _payload = session_client.request("GET", "/systems/")
        session_on_servers[port] = "session lost" if entry.get("error") else outcome_of(entry)
    session_client.port, session_client.conn = args.port, None
    report["session_on_each_server"] = session_on_servers
    results.clear()  # the login is set-up, not load
    start = time.monotonic()
    for client in clients:
        client.stop_at = start + args.duration
        client.start()
    task_thread = None
    task_error = []
    if not args.no_task_fault:

        def task_fault_thread():
            try:
                time.sleep(min(2.0, args.duration * 0.1))
                task_fault(env, procs, db_url, info, report, worker_args)
            except Exception as exc:  # reported as a missed aim, never lost
                task_error.append(f"{type(exc).__name__}: {exc}")

        task_thread = threading.Thread(target=task_fault_thread, daemon=True)
        task_thread.start()
    time.sleep(max(0.0, start + args.duration / 2 - time.monotonic()))
    kill_at = time.monotonic()
    procs.kill("server-0")
    print(f"killed server 0 (port {ports[0]}) with SIGKILL at {kill_at - start:.1f} s")
    for client in clients:
        client.join(timeout=args.duration + 60)
    if task_thread is not None:
        task_thread.join(timeout=240)
    procs.kill("nginx", signal.SIGQUIT)

    acked = {
        "creates": [e["marker"] for e in results if e["method"] == "POST" and e["status"] == 201],
        "changes": [
            {"system": e["target"], "marker": e["marker"], "etag": e["etag"]}
            for e in results
            if e["method"] == "PATCH" and e["status"] == 200
        ],
        "failed": [e["marker"] for e in results if e["kind"] == "write" and e["status"] not in (200, 201, 412)],
        "prefix": f"lf-{run_id}-",
    }
    verify = django_step(env, "verify", acked, timeout=300)
    access_log = prefix / "access.log"
    report["load"] = analyse(results, kill_at, start, verify, proxy_retries(access_log), page_servers(access_log), args)
    report["aims"] = dict(report["load"].pop("aims"))
    report["aims"]["a session from one login works on every server"] = all(
        outcome == "200" for outcome in session_on_servers.values()
    )
    if not args.no_task_fault:
        task = report.get("task", {})
        if task_error:
            task["error"] = task_error[0]
        report["aims"]["the killed task was retried or failed, never half-applied"] = bool(task.get("ok"))
    print_report(report)
    return 0 if all(report["aims"].values()) else 1


# --- steps run inside Django (on the run's database) ------------------------------------------------------------


def django_main(step: str) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "orden.conf.settings")
    import django

    django.setup()
    payload = json.loads(sys.stdin.read() or "{}")
    print(json.dumps(STEPS[step](payload)))


def step_prepare(payload):
    from orden.api.models import ApiToken
    from orden.catalog.models import Product
    from orden.demo.generator import PASSWORD
    from orden.organizations.models import Membership, Organization, User
    from orden.portfolio.models import System

    user = User.objects.get(username="vinje-koordinator")
    organization = Membership.objects.select_related("organization").get(user=user).organization
    _token, key = ApiToken.issue(user, "loadfault")
    systems = list(System.objects.filter(organization=organization).order_by("pk").values_list("pk", flat=True))
    clients = payload["clients"]
    if len(systems) < clients:
        raise SystemExit(f"{organization} has {len(systems)} systems, fewer than {clients} clients")
    # Disjoint sets: a client's If-Match conflicts only with itself, so a 412 would be a real anomaly.
    per_client = [systems[n::clients] for n in range(clients)]
    return {
        "token": key,
        "username": user.username,
        "password": PASSWORD,
        "organization": organization.pk,
        "product": Product.objects.filter(status="approved").order_by("pk").values_list("pk", flat=True).first()
        or Product.objects.order_by("pk").values_list("pk", flat=True).first(),
        "systems": per_client,
        "pages": max(1, len(systems) // 25),
        "organizations": Organization.objects.filter(is_active=True).count(),
    }


def step_sentinel(payload):
    """Today's snapshot of the middle active organisation, made by us, for the run to hold a lock on."""
    from django.utils import timezone

    from orden.organizations.models import Organization
    from orden.reports.models import CompletenessSnapshot

    organizations = list(Organization.objects.filter(is_active=True))  # the task's order
    position = len(organizations) // 2
    # The seed records today's scores too: start from none, so whatever the task writes can be counted.
    CompletenessSnapshot.objects.filter(day=timezone.localdate()).delete()
    snapshot = CompletenessSnapshot.objects.create(
        organization=organizations[position],
        day=timezone.localdate(),
        score=0,
        systems=0,
        gaps={"loadfault": "sentinel"},
    )
    return {"id": snapshot.pk, "organization": organizations[position].pk, "position": position}


def step_snapshots(payload):
    from django.utils import timezone

    from orden.reports.models import CompletenessSnapshot

    today = CompletenessSnapshot.objects.filter(day=timezone.localdate())
    sentinel = today.filter(pk=payload["sentinel"]).first()
    return {
        "today": today.exclude(pk=payload["sentinel"], gaps={"loadfault": "sentinel"}).count(),
        "distinct": today.values("organization").distinct().count(),
        "sentinel_untouched": bool(sentinel and sentinel.gaps == {"loadfault": "sentinel"}),
    }


def step_verify(payload):
    from django.contrib.contenttypes.models import ContentType

    from orden.core.models import ChangeRecord
    from orden.portfolio.models import System

    system_type = ContentType.objects.get_for_model(System)
    records = ChangeRecord.objects.filter(content_type=system_type)
    missing, duplicated, half_written = [], [], []

    created = {}
    for system in System.objects.filter(name__startswith=payload["prefix"]):
        created.setdefault(system.name, []).append(system.pk)
    create_records = Counter(
        records.filter(action="create", object_id__in=[pk for pks in created.values() for pk in pks]).values_list(
            "object_id", flat=True
        )
    )
    for name, pks in created.items():
        if len(pks) > 1:
            duplicated.append(name)
        for pk in pks:
            if create_records[pk] != 1:
                half_written.append(f"system {pk} ({name}) has {create_records[pk]} create records")
    for marker in payload["creates"]:
        if marker not in created:
            missing.append(f"created system {marker}")

    # Every change of the run: the record whose after-state has the marker as description.
    change_records = defaultdict(list)
    for record in records.filter(action="update", postchange_data__description__startswith=payload["prefix"]):
        change_records[record.postchange_data["description"]].append(record)
    for change in payload["changes"]:
        found = change_records.get(change["marker"], [])
        if not found:
            missing.append(f"change {change['marker']} of system {change['system']}")
        elif len(found) > 1:
            duplicated.append(change["marker"])
        elif f'"{found[0].object_version}"' != change["etag"] or found[0].object_id != change["system"]:
            half_written.append(
                f"change {change['marker']}: record version {found[0].object_version}, ETag {change['etag']}"
            )
    # Every change that has a record also reached its row: the row's version is at least the record's.
    versions = dict(
        System.objects.filter(pk__in={r.object_id for rs in change_records.values() for r in rs}).values_list(
            "pk", "version"
        )
    )
    for marker, found in change_records.items():
        for record in found:
            if versions.get(record.object_id, 0) < record.object_version:
                half_written.append(f"change {marker}: recorded version {record.object_version} is newer than the row")
    # And the current description of each changed system is the one its last record says.
    for pk, version in versions.items():
        last = records.filter(object_id=pk).order_by("-object_version", "-pk").first()
        description = System.objects.filter(pk=pk).values_list("description", flat=True).first()
        if last.object_version != version or (last.postchange_data or {}).get("description") != description:
            half_written.append(f"system {pk}: row version {version} does not match its last history record")

    failed = set(payload["failed"])
    applied_unacknowledged = sorted(failed & (set(created) | set(change_records)))
    return {
        "checked_creates": len(payload["creates"]),
        "checked_changes": len(payload["changes"]),
        "objects_of_the_run": len(created),
        "missing": missing,
        "duplicated": duplicated,
        "half_written": half_written,
        "applied_unacknowledged": applied_unacknowledged,
    }


STEPS = {"prepare": step_prepare, "sentinel": step_sentinel, "snapshots": step_snapshots, "verify": step_verify}


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--django-step":
        django_main(sys.argv[2])
    else:
        sys.exit(main())
