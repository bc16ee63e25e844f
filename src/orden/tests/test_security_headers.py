"""Security headers on every kind of response, no inline script or style in any template, and a production
configuration that `check --deploy` accepts (docs/operations.md, "Security headers and HTTPS").

That the pages really work under the CSP is shown in a browser: tests_browser/helpers.py fails any browser
test whose pages report a CSP violation.
"""

import json
import os
import re
import secrets
import subprocess
import sys
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from rest_framework.test import APIClient

from orden.api.models import ApiToken
from orden.core.roles import Role
from orden.organizations.testing import work_in
from orden.reports.models import CompletenessSnapshot

REPO_DIR = Path(settings.BASE_DIR)
TEMPLATES_DIR = Path(settings.SRC_DIR) / "orden" / "templates"
STRICT_CSP = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data:",
    "font-src": "'self'",
    "connect-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'self'",
    "frame-ancestors": "'none'",
    "form-action": "'self'",
}
DENIED_FEATURES = ["camera", "microphone", "geolocation", "payment", "usb", "serial", "display-capture"]


def csp_directives(response) -> dict[str, str]:
    header = response.headers["Content-Security-Policy"]
    parts = (part.strip().split(" ", 1) for part in header.split(";") if part.strip())
    return {name: value[0] if value else "" for name, *value in parts}


def assert_security_headers(response):
    assert csp_directives(response) == STRICT_CSP
    policy = response.headers["Permissions-Policy"]
    for feature in DENIED_FEATURES:
        assert f"{feature}=()" in policy.split(", "), f"{feature} is not denied: {policy}"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert response.headers["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "DENY"


class InlineCode(HTMLParser):
    """Collects what a strict CSP blocks: inline scripts and styles, style attributes, event handler attributes."""

    def __init__(self):
        super().__init__()
        self.found = []

    def handle_starttag(self, tag, attrs):
        names = {name for name, _ in attrs}
        if tag == "script" and "src" not in names and dict(attrs).get("type") != "application/json":
            self.found.append("<script> without src")
        if tag == "style":
            self.found.append("<style>")
        self.found += [f"{name}= on <{tag}>" for name in names if name == "style" or name.startswith("on")]


def inline_code(html: str) -> list[str]:
    parser = InlineCode()
    parser.feed(html)
    return parser.found


@pytest.mark.django_db
def test_pages_send_the_security_headers(client, world):
    coordinator = world.users[Role.COORDINATOR]
    work_in(client, coordinator, world.own)
    for name in ["home", "portfolio:system_list", "reports:dashboard", "profile"]:
        response = client.get(reverse(name))
        assert response.status_code == 200, name
        assert_security_headers(response)
        assert inline_code(response.content.decode()) == [], name


@pytest.mark.django_db
def test_the_login_and_error_pages_send_the_security_headers(client):
    login = client.get(reverse("login"))
    assert login.status_code == 200
    assert_security_headers(login)
    assert inline_code(login.content.decode()) == []
    not_found = client.get("/no-such-page/")
    assert not_found.status_code == 404
    assert_security_headers(not_found)


@pytest.mark.django_db
def test_a_csrf_failure_is_orden_s_page_without_inline_style(world):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("login"), {"username": "x", "password": "y"})
    assert response.status_code == 403
    assert_security_headers(response)
    html = response.content.decode()
    assert 'class="orden-header"' in html  # base.html, not Django's built-in page with its <style>
    assert inline_code(html) == []


@pytest.mark.django_db
def test_the_api_sends_the_security_headers_and_only_json(world):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {ApiToken.issue(world.users[Role.READER], 'test')[1]}")
    # A browser asks for HTML first; the browsable API (inline styles) is off, so it gets JSON.
    response = client.get("/api/systems/", HTTP_ACCEPT="text/html,application/xhtml+xml,*/*;q=0.8")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "application/json"
    assert_security_headers(response)
    assert_security_headers(client.get("/api/systems/0/"))


@pytest.mark.django_db
def test_the_api_docs_run_under_the_csp(client):
    response = client.get(reverse("api-docs"))
    assert response.status_code == 200
    assert_security_headers(response)
    html = response.content.decode()
    assert inline_code(html) == []
    # The start-up script is a file of its own (drf-spectacular's split view), on this origin.
    scripts = re.findall(r'<script src="([^"]+)"', html)
    start_up = [src for src in scripts if src.startswith(reverse("api-docs"))]
    assert len(start_up) == 1, scripts
    script = client.get(start_up[0].replace("&amp;", "&"))
    assert script.status_code == 200
    assert script.headers["Content-Type"].startswith("application/javascript")
    assert "SwaggerUIBundle(" in script.content.decode()


@pytest.mark.django_db
def test_the_completeness_trend_draws_without_inline_style(client, world):
    for day, score in [(date(2026, 5, 1), 40), (date(2026, 6, 1), 73)]:
        CompletenessSnapshot.objects.create(organization=world.own, day=day, score=score, systems=3)
    work_in(client, world.users[Role.READER], world.own)
    html = client.get(reverse("reports:dashboard")).content.decode()
    # Oldest first, each bar as tall as its score (SVG attributes, which the CSP does not govern).
    assert re.findall(r'<rect x="0" y="-(\d+)" width="1" height="(\d+)"', html) == [("40", "40"), ("73", "73")]
    assert inline_code(html) == []


def test_no_template_has_inline_script_style_or_event_handler():
    """Guard: a strict CSP blocks these; use a class in orden.css, a data attribute and orden.js instead."""
    found = {}
    for path in sorted(TEMPLATES_DIR.rglob("*.html")):
        source = re.sub(r"\{#.*?#\}", "", path.read_text(encoding="utf-8"))  # comments may name what they avoid
        if problems := inline_code(source):
            found[str(path.relative_to(TEMPLATES_DIR))] = problems
    assert found == {}


@pytest.mark.django_db
def test_https_redirect_and_hsts_behind_the_proxy(client, settings):
    """The scheme is gunicorn's wsgi.url_scheme (https when a proxy of ORDEN_WEB_FORWARDED_ALLOW_IPS said so in
    X-Forwarded-Proto); the header itself, which Django would believe from anyone, is not read."""
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_PROXY_SSL_HEADER = None  # the production default
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    settings.SECURE_HSTS_PRELOAD = True
    plain = client.get(reverse("login"))
    assert plain.status_code == 301
    assert plain.headers["Location"] == "https://testserver/login/"
    claimed = client.get(reverse("login"), HTTP_X_FORWARDED_PROTO="https")
    assert claimed.status_code == 301
    secure = client.get(reverse("login"), secure=True)
    assert secure.status_code == 200
    assert secure.headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    # The proxy's health check talks plain HTTP to the application server.
    assert client.get("/health/").status_code == 200


# The production variables of docs/operations.md ("Installing" and "Security headers and HTTPS").
def production_environment(tmp_path, **extra) -> dict[str, str]:
    environment = {name: value for name, value in os.environ.items() if not name.startswith(("ORDEN_", "DJANGO_"))}
    environment.pop("DATABASE_URL", None)
    environment.update(
        ORDEN_DEBUG="false",
        ORDEN_SECRET_KEY=secrets.token_urlsafe(50),
        ORDEN_ALLOWED_HOSTS="orden.example.no",
        ORDEN_CSRF_TRUSTED_ORIGINS="https://orden.example.no",
        ORDEN_VAR_DIR=str(tmp_path),
        **extra,
    )
    return environment


def manage(environment, *arguments) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", *arguments],
        cwd=REPO_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_accepts_the_documented_production_configuration(tmp_path):
    result = manage(production_environment(tmp_path), "check", "--deploy", "--fail-level", "WARNING")
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "WARNINGS" not in output and "System check identified some issues" not in output, output
    assert "System check identified no issues" in output


SHOW_SECURITY_SETTINGS = (
    "import json; from django.conf import settings as s; print(json.dumps({name: getattr(s, name) for name in ["
    "'SECURE_SSL_REDIRECT', 'SECURE_HSTS_SECONDS', 'SECURE_HSTS_INCLUDE_SUBDOMAINS', 'SECURE_HSTS_PRELOAD', "
    "'SECURE_PROXY_SSL_HEADER', 'SESSION_COOKIE_SECURE', 'CSRF_COOKIE_SECURE']}))"
)


def security_settings(environment) -> dict:
    result = manage(environment, "shell", "--no-imports", "-c", SHOW_SECURITY_SETTINGS)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_production_defaults_and_their_variables(tmp_path):
    assert security_settings(production_environment(tmp_path)) == {
        "SECURE_SSL_REDIRECT": True,
        "SECURE_HSTS_SECONDS": 31536000,
        "SECURE_HSTS_INCLUDE_SUBDOMAINS": True,
        "SECURE_HSTS_PRELOAD": True,
        # Not the header (believed from any peer): gunicorn's wsgi.url_scheme, set for trusted proxies only.
        "SECURE_PROXY_SSL_HEADER": None,
        "SESSION_COOKIE_SECURE": True,
        "CSRF_COOKIE_SECURE": True,
    }
    overridden = production_environment(
        tmp_path,
        ORDEN_SSL_REDIRECT="false",
        ORDEN_HSTS_SECONDS="3600",
        ORDEN_HSTS_INCLUDE_SUBDOMAINS="false",
        ORDEN_HSTS_PRELOAD="false",
        ORDEN_PROXY_SSL_HEADER="X-Forwarded-Scheme",
    )
    assert security_settings(overridden) == {
        "SECURE_SSL_REDIRECT": False,
        "SECURE_HSTS_SECONDS": 3600,
        "SECURE_HSTS_INCLUDE_SUBDOMAINS": False,
        "SECURE_HSTS_PRELOAD": False,
        "SECURE_PROXY_SSL_HEADER": ["HTTP_X_FORWARDED_SCHEME", "https"],
        "SESSION_COOKIE_SECURE": True,
        "CSRF_COOKIE_SECURE": True,
    }
