"""Helpers shared by the browser tests: axe-core checks, navigation, logging in and out."""

import os
import re
from functools import cache
from urllib.parse import urlparse

import pytest
from django.conf import settings

PASSWORD = "Riktig-hest-batteri-42"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
SUBMIT = "input[type=submit], button[type=submit]"


@cache
def axe_source() -> str:
    path = settings.BASE_DIR / "node_modules" / "axe-core" / "axe.min.js"
    if not path.exists():
        pytest.fail(f"axe-core is missing at {path}: run `npm ci`.")
    return path.read_text(encoding="utf-8")


def assert_accessible(page):
    """Run axe-core on the page as it is now; fail listing every WCAG 2.1 A/AA violation."""
    page.wait_for_load_state("load")
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(content=axe_source())
    violations = page.evaluate(
        """async (tags) => {
            const result = await axe.run(document, {runOnly: {type: 'tag', values: tags}});
            return result.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.map(n => ({target: n.target.join(' '), summary: n.failureSummary})),
            }));
        }""",
        AXE_TAGS,
    )
    if violations:
        lines = [f"axe-core found {len(violations)} WCAG 2.1 A/AA violation(s) on {page.url}:"]
        for violation in violations:
            lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']}")
            for node in violation["nodes"]:
                lines.append(f"    {node['target']}: {node['summary']}".replace("\n", " / "))
        pytest.fail("\n".join(lines))


def visit(page, url, status=200):
    """Go to a URL, check the response status and the page's accessibility."""
    response = page.goto(url)
    assert response is not None and response.status == status, f"GET {url}: {response and response.status}"
    assert_accessible(page)
    return response


def submit(page, form="form.orden-form", status=None):
    """Submit a form with its submit button, wait for the page it leads to and check that page."""
    with page.expect_navigation() as navigation:
        page.locator(form).locator(SUBMIT).first.click()
    response = navigation.value
    if status is not None:
        assert response.status == status, f"POST {page.url}: {response.status}"
    assert_accessible(page)
    return response


def digits(text: str) -> str:
    """The text with group separators (spaces, no-break spaces, dots) between digits removed."""
    return re.sub(r"(?<=\d)[ \u00a0\u202f.,](?=\d{3}\b)", "", text)


def log_in(page, base_url, username, password=PASSWORD):
    visit(page, f"{base_url}/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    submit(page)
    assert urlparse(page.url).path == "/", f"{username} was not logged in: {page.url}"


def log_out(page):
    with page.expect_navigation():
        page.locator("header form[action$='/logout/']").locator(SUBMIT).click()
    assert urlparse(page.url).path == "/login/"
    assert_accessible(page)


def screenshot(page, name):
    """Save a full-page screenshot when ORDEN_BROWSER_SCREENSHOTS names a directory (for looking, not asserting)."""
    directory = os.environ.get("ORDEN_BROWSER_SCREENSHOTS")
    if directory:
        page.screenshot(path=f"{directory}/{name}.png", full_page=True)


def path_of(page) -> str:
    return urlparse(page.url).path
