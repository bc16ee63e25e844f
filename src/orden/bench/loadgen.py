"""The HTTP clients of ``manage.py bench_http``: each client is a process of its own (so clients do not share
an interpreter lock with each other, nor one with the server) with one keep-alive connection (urllib3); it
requests one URL a fixed number of times and gives back the wall-clock start and the latency of each request.

Free of Django: the processes are forked from the command before it touches a database.
"""

from __future__ import annotations

import multiprocessing
import time
from http.cookies import SimpleCookie
from urllib.parse import urlencode

import urllib3

TIMEOUT = urllib3.Timeout(connect=5, read=60)
# What the reverse proxy in front of gunicorn adds (docs/operations.md): the request came over HTTPS. Without
# it production settings redirect to https://; with it the server does what it does behind the proxy.
PROXY_HEADERS = {"X-Forwarded-Proto": "https", "X-Forwarded-For": "127.0.0.1"}


class HttpError(Exception):
    pass


def pool(port: int) -> urllib3.HTTPConnectionPool:
    # One connection, kept alive when the server allows it (gthread; the sync worker closes after each
    # response, and urllib3 then reconnects: on loopback well under a millisecond).
    return urllib3.HTTPConnectionPool("127.0.0.1", port, maxsize=1, block=True, retries=False, timeout=TIMEOUT)


def log_in(port: int, username: str, password: str) -> str:
    """Log in through the real login form (CSRF token, POST, redirect); the ``Cookie`` header that follows."""
    http = pool(port)
    jar = SimpleCookie()

    def remember(response):
        for header in response.headers.getlist("Set-Cookie"):
            jar.load(header)

    form = http.request("GET", "/login/", headers=PROXY_HEADERS)
    if form.status != 200:
        raise HttpError(f"GET /login/ answered {form.status}.")
    remember(form)
    page = form.data.decode()
    marker = 'name="csrfmiddlewaretoken" value="'
    if marker not in page:
        raise HttpError("The login page has no CSRF token field.")
    token = page.split(marker, 1)[1].split('"', 1)[0]
    body = urlencode({"csrfmiddlewaretoken": token, "username": username, "password": password})
    answer = http.request(
        "POST",
        "/login/",
        body=body,
        headers={
            **PROXY_HEADERS,
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": "; ".join(f"{k}={m.value}" for k, m in jar.items()),
            "Referer": f"https://127.0.0.1:{port}/login/",  # Django's CSRF check of HTTPS requests
        },
        redirect=False,
    )
    remember(answer)
    if answer.status != 302:
        raise HttpError(f"Logging in as {username} answered {answer.status}, not a redirect.")
    return "; ".join(f"{k}={m.value}" for k, m in jar.items())


def get(port: int, url: str, headers: dict) -> tuple[int, bytes]:
    headers = {**PROXY_HEADERS, **headers}
    response = pool(port).request("GET", url, headers=headers, redirect=False)
    return response.status, response.data


def _client(port, url, headers, warmup, repeat, barrier, results):
    try:
        http = pool(port)
        headers = {**PROXY_HEADERS, **headers}
        for _ in range(warmup):
            http.request("GET", url, headers=headers, redirect=False)
        barrier.wait(timeout=120)
        samples, errors = [], {}
        for _ in range(repeat):
            at, started = time.time(), time.perf_counter()
            response = http.request("GET", url, headers=headers, redirect=False)
            # .data is read in full before the clock stops: the latency includes the whole body.
            size = len(response.data)
            samples.append((at, time.perf_counter() - started, size))
            if response.status != 200:
                errors[str(response.status)] = errors.get(str(response.status), 0) + 1
        results.put({"samples": samples, "errors": errors})
    except Exception as error:  # noqa: BLE001 (reported to the parent, which fails the run)
        results.put({"failure": f"{type(error).__name__}: {error}"})


def run_phase(port: int, url: str, headers: dict, clients: int, repeat: int, warmup: int) -> dict:
    """``clients`` processes each request ``url`` ``repeat`` times (after ``warmup`` untimed requests), starting
    together. Every sample, the errors by status, and the phase's start and end (wall clock)."""
    context = multiprocessing.get_context("fork")
    barrier = context.Barrier(clients)
    results = context.Queue()
    processes = [
        context.Process(target=_client, args=(port, url, headers, warmup, repeat, barrier, results), daemon=True)
        for _ in range(clients)
    ]
    for process in processes:
        process.start()
    answers = [results.get(timeout=600) for _ in processes]
    for process in processes:
        process.join(timeout=10)
    failures = [a["failure"] for a in answers if "failure" in a]
    if failures:
        raise HttpError(f"GET {url}: {failures[0]}")
    samples = sorted((s for a in answers for s in a["samples"]), key=lambda s: s[0])
    errors = {}
    for answer in answers:
        for status, n in answer["errors"].items():
            errors[status] = errors.get(status, 0) + n
    return {
        "samples": samples,
        "errors": errors,
        "start": samples[0][0],
        "end": max(at + latency for at, latency, _size in samples),
    }
