"""gunicorn configuration for Orden: `gunicorn -c deploy/gunicorn.conf.py` from the repository root.

Every value comes from the environment (the ORDEN_WEB_* variables, see docs/operations.md, "Production
server (gunicorn)"); the defaults suit one machine behind a reverse proxy on the same host.
"""

import gc
import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORES = os.cpu_count() or 1


def env_int(name: str, default: int) -> int:
    return int(os.environ.get(name, default))


wsgi_app = "orden.wsgi:application"
pythonpath = str(ROOT / "src")
chdir = str(ROOT)
bind = os.environ.get("ORDEN_WEB_BIND", "127.0.0.1:8000").split(",")

# One thread: the sync worker, one request at a time per process, 2 × cores + 1 processes so a process
# waiting on the database leaves the CPU to another. Several threads: the gthread worker, where the threads
# already overlap the waits, so one process per core.
threads = env_int("ORDEN_WEB_THREADS", 1)
worker_class = "gthread" if threads > 1 else "sync"
workers = env_int("ORDEN_WEB_WORKERS", CORES if threads > 1 else 2 * CORES + 1)

# Replace each worker after about this many requests (the jitter keeps them from restarting together), so
# slow growth of a worker's heap (caches, fragmentation) stays bounded. 0 turns it off.
max_requests = env_int("ORDEN_WEB_MAX_REQUESTS", 5000)
max_requests_jitter = env_int("ORDEN_WEB_MAX_REQUESTS_JITTER", max_requests // 10)
# A request running longer than `timeout` seconds gets its worker killed and restarted; on SIGTERM or a
# restart a worker has `graceful_timeout` seconds to finish the requests it has. The largest exports and
# bulk edits at national scale take a few seconds; 60 leaves a wide margin.
timeout = env_int("ORDEN_WEB_TIMEOUT", 60)
# The longest request line gunicorn reads (its maximum; the default, 4094, cut off long filtered list URLs),
# the same as nginx's 8 KB header buffers in deploy/nginx.conf. Longer lines get gunicorn's own 414.
limit_request_line = env_int("ORDEN_WEB_LIMIT_REQUEST_LINE", 8190)
graceful_timeout = env_int("ORDEN_WEB_GRACEFUL_TIMEOUT", 30)
# Seconds an idle keep-alive connection from the proxy stays open (gthread only; the sync worker closes
# after each response). Longer than the proxy's idle time for upstream connections, so the proxy closes first.
keepalive = env_int("ORDEN_WEB_KEEPALIVE", 75)

# The heartbeat file is touched on every request; on a disk-backed /tmp that can block a worker.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") and os.access("/dev/shm", os.W_OK) else None

# The proxy's addresses: only from these is X-Forwarded-Proto (https) believed, and passed to Django as
# wsgi.url_scheme (ORDEN_PROXY_SSL_HEADER stays empty: Django would read the header from any peer). The
# client's address in X-Forwarded-For is Django's business: ORDEN_PROXY_COUNT, ORDEN_TRUSTED_PROXIES.
forwarded_allow_ips = os.environ.get("ORDEN_WEB_FORWARDED_ALLOW_IPS", "127.0.0.1,::1")

# Access log on standard output ("-"), a file, or none (empty).
accesslog = os.environ.get("ORDEN_WEB_ACCESS_LOG", "-") or None
errorlog = "-"
# The default format plus the request time in milliseconds, the worker's pid (<1234>) and the address the
# proxy saw (X-Forwarded-For; "-" without a proxy).
access_log_format = '%(h)s %(l)s %(u)s %(t)s "%(r)s" %(s)s %(b)s "%(f)s" "%(a)s" %(M)sms %(p)s "%({x-forwarded-for}i)s"'
proc_name = "orden"

# gunicorn's control socket is one path per user by default, so two servers on one machine would fight
# over it; opt in by naming a path.
control_socket_disable = not os.environ.get("ORDEN_WEB_CONTROL_SOCKET")
if not control_socket_disable:
    control_socket = os.environ["ORDEN_WEB_CONTROL_SOCKET"]

# Import the application once, in the master, and fork the workers from it: the workers share its memory
# pages, start at once, and the heap frozen below is Orden's imported modules. A code change then needs a
# full restart (or USR2), not only HUP.
preload_app = True

# Garbage collection. Python collects reference cycles when allocations outrun deallocations by a threshold
# (700 by default), so collections run in the middle of requests, and a full (generation 2) collection walks
# every tracked object: at national scale these stalled requests by 50-120 ms several times a minute. Three
# measures, measured in process on the national data set (180 list and API requests, a loaded machine):
# - gc.freeze() in the master once the application is loaded moves every object alive then (about 155,000:
#   modules, classes, URL patterns, translation catalogues) to a permanent generation that no collection
#   walks; the workers are forked after it, so they share those pages and no collection writes to them.
#   A full collection fell from about 620 ms to 40-110 ms (the machine was loaded about sixfold).
# - post_request collects the young generations once the response is sent (with the sync worker outside
#   any request's time; in a gthread worker the collection holds the GIL and stalls the other threads'
#   requests for that long): everything the request left behind is garbage by then, so it is freed at
#   once (0.7 ms median) instead of being promoted to the old generation by a collection mid-request,
#   which is what made full collections frequent. In that run no collection ran during a request and the
#   tracked heap stayed at 20,000 objects, against 470 young, 43 middle and 3 full collections during
#   requests with Python's defaults.
# - thresholds of 50,000 (ORDEN_WEB_GC_THRESHOLDS, gc.set_threshold) keep automatic collections for the
#   rare request that allocates that much (a large export); the cost is that many unreachable objects (a few
#   MB) at most, waiting for the end of the request.
GC_THRESHOLDS = tuple(int(n) for n in os.environ.get("ORDEN_WEB_GC_THRESHOLDS", "50000,20,100").split(","))
# Every this many requests, a full collection after the response (what the young ones promoted: objects of
# requests in flight in other threads of a gthread worker); a few milliseconds on the frozen heap.
GC_FULL_EVERY = env_int("ORDEN_WEB_GC_FULL_EVERY", 1000)  # 0: never

# No collection while the master imports the application: freed objects would leave holes in the pages the
# workers share (the approach the gc.freeze documentation recommends). Collection is enabled again below.
gc.disable()


def when_ready(server):
    """In the master, after the application is imported and before the first worker is forked."""
    from django.conf import settings
    from django.db import connections
    from django.urls import get_resolver
    from django.utils.translation import trans_real

    # Import what Django otherwise imports on the first request, so it is shared and frozen too: the URL
    # configuration (every view module) and the translation catalogues.
    get_resolver().url_patterns  # noqa: B018 (the property imports the URLconf)
    for code, _name in settings.LANGUAGES:
        trans_real.translation(code)  # loads and keeps the language's catalogues
    # A connection opened in the master would be shared by every forked worker.
    connections.close_all()
    gc.freeze()
    gc.enable()
    server.log.info("gc.freeze(): %d objects frozen before forking the workers", gc.get_freeze_count())


def pre_fork(server, worker):
    # Workers replaced later (max_requests, a killed worker, a HUP reload, which runs this file again and so
    # disables collection) are forked from the master too: freeze what it allocated in the meantime, its
    # garbage collected first so that no worker carries it forever.
    gc.collect()
    gc.freeze()
    gc.enable()


def post_fork(server, worker):
    gc.set_threshold(*GC_THRESHOLDS)


def post_request(worker, req, environ, resp):
    # The response has been sent (and closed): collect what the request left. Outside any request's time in
    # a sync worker; in a gthread worker this holds the GIL, so the other threads' requests wait for it.
    gc.collect(2 if GC_FULL_EVERY and worker.nr % GC_FULL_EVERY == 0 else 1)


def worker_abort(worker):
    # A worker killed for exceeding `timeout` (SIGABRT): log where it was.
    import traceback

    worker.log.error("Worker timed out:\n%s", "".join(traceback.format_stack()))
