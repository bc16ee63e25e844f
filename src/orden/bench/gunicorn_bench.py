"""gunicorn configuration used by ``manage.py bench_http``: the configuration file named by
``ORDEN_BENCH_BASE_CONFIG`` (deploy/gunicorn.conf.py; none for the plain-flags run), unchanged, plus a recorder
of every worker's garbage collections into ``ORDEN_BENCH_GC_DIR`` (see gclog.py). Its hooks run the base
configuration's hooks first, so what is measured is the configuration as deployed."""

import importlib.util
import os
import runpy
from pathlib import Path

# Loaded by its path, not as orden.bench.gclog: the server may run another copy of the code (--code).
_spec = importlib.util.spec_from_file_location("orden_bench_gclog", Path(__file__).with_name("gclog.py"))
gclog = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(gclog)

if os.environ.get("ORDEN_BENCH_BASE_CONFIG"):
    globals().update(
        (name, value)
        for name, value in runpy.run_path(os.environ["ORDEN_BENCH_BASE_CONFIG"]).items()
        if not name.startswith("__")
    )

_GC_DIR = os.environ.get("ORDEN_BENCH_GC_DIR")
_base_post_fork = globals().get("post_fork")
_base_pre_request = globals().get("pre_request")
_base_post_request = globals().get("post_request")
_base_worker_exit = globals().get("worker_exit")


def post_fork(server, worker):
    if _base_post_fork:
        _base_post_fork(server, worker)
    if _GC_DIR:
        gclog.install(_GC_DIR)


def pre_request(worker, req):
    gclog.request_started()
    if _base_pre_request:
        _base_pre_request(worker, req)


def post_request(worker, req, environ, resp):
    gclog.request_finished()  # the response has been sent: what the base hook collects stalls no request
    if _base_post_request:
        _base_post_request(worker, req, environ, resp)
    gclog.flush()  # after the response is sent: the writing is in no measured request


def worker_exit(server, worker):
    if _base_worker_exit:
        _base_worker_exit(server, worker)
    gclog.flush()
