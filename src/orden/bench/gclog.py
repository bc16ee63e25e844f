"""Garbage-collection pauses of the server's workers, for ``manage.py bench_http``.

``install(directory)`` (called in each gunicorn worker after the fork, see ``gunicorn_bench.py``) registers a
``gc.callbacks`` hook that times every collection and notes whether the worker was handling a request
(``request_started()``/``request_finished()``); ``flush()`` appends the records to
``<directory>/gc-<pid>.jsonl`` (after each request, so the writing never falls inside a measured response).
``read(directory)`` gives them back for the benchmark to set beside its requests by wall-clock time.

Deliberately free of Django imports: it runs inside the server's workers.
"""

from __future__ import annotations

import gc
import json
import os
import time
from pathlib import Path

_state: dict = {"in_flight": 0}


def _callback(phase, info):
    if phase == "start":
        _state["started"] = (time.time(), time.perf_counter(), time.thread_time())
        return
    started = _state.pop("started", None)
    if started is None:
        return
    wall, perf, cpu = started
    # [wall-clock start (s), generation, duration (ms), objects collected, CPU time (ms), during a request]: on a
    # busy machine the duration includes waiting for a core, the CPU time does not.
    _state["records"].append(
        (
            wall,
            info["generation"],
            (time.perf_counter() - perf) * 1000,
            info["collected"],
            (time.thread_time() - cpu) * 1000,
            _state["in_flight"] > 0,
        )
    )


def install(directory: str | os.PathLike):
    """Start recording this process's collections into ``directory``."""
    if _state.get("installed"):
        return
    Path(directory).mkdir(parents=True, exist_ok=True)
    _state.update(installed=True, records=[], path=Path(directory) / f"gc-{os.getpid()}.jsonl")
    gc.callbacks.append(_callback)


def uninstall():
    """Stop recording (what is not flushed yet is dropped)."""
    if _callback in gc.callbacks:
        gc.callbacks.remove(_callback)
    _state.clear()
    _state["in_flight"] = 0


def request_started():
    _state["in_flight"] += 1


def request_finished():
    """The response has been sent: collections from now on stall no request of this worker."""
    _state["in_flight"] = max(0, _state["in_flight"] - 1)


def flush():
    """Append the collections recorded since the last flush to this process's file."""
    records = _state.get("records")
    if not records:
        return
    _state["records"] = []
    with _state["path"].open("a") as handle:
        handle.write(
            "".join(
                json.dumps([round(r[0], 6), r[1], round(r[2], 3), r[3], round(r[4], 3), int(r[5])]) + "\n"
                for r in records
            )
        )


def read(directory: str | os.PathLike) -> list[dict]:
    """Every recorded collection of every worker, oldest first."""
    collections = []
    for path in sorted(Path(directory).glob("gc-*.jsonl")):
        pid = int(path.stem.removeprefix("gc-"))
        for line in path.read_text().splitlines():
            wall, generation, ms, collected, cpu_ms, in_request = json.loads(line)
            collections.append(
                {
                    "at": wall,
                    "generation": generation,
                    "ms": ms,
                    "cpu_ms": cpu_ms,
                    "collected": collected,
                    "pid": pid,
                    "in_request": bool(in_request),
                }
            )
    return sorted(collections, key=lambda c: c["at"])


def summarize(collections: list[dict], start: float, end: float) -> dict:
    """Counts and durations by generation of the collections that started between ``start`` and ``end``."""
    summary = {}
    for generation in (0, 1, 2):
        chosen = [c for c in collections if c["generation"] == generation and start <= c["at"] <= end]
        summary[f"gen{generation}"] = {
            "count": len(chosen),
            "total_ms": round(sum(c["ms"] for c in chosen), 1),
            "max_ms": round(max((c["ms"] for c in chosen), default=0.0), 1),
            "total_cpu_ms": round(sum(c["cpu_ms"] for c in chosen), 1),
            "max_cpu_ms": round(max((c["cpu_ms"] for c in chosen), default=0.0), 1),
            # The ones that ran while the worker was handling a request (the others ran between requests).
            "in_requests": sum(c["in_request"] for c in chosen),
            "in_requests_ms": round(sum(c["ms"] for c in chosen if c["in_request"]), 1),
            "in_requests_max_ms": round(max((c["ms"] for c in chosen if c["in_request"]), default=0.0), 1),
        }
    return summary
