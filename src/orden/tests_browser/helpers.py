"""Helpers shared by the browser tests: axe-core checks, navigation, logging in and out, narrow screens."""

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


# Content-Security-Policy violations: the page's `securitypolicyviolation` events (through a binding, which the
# CSP does not govern) and Chromium's console reports of what it blocked. Tests give page.wait_for_function
# a function ("() => ..."): a bare expression is polled with eval() in the page, which the CSP blocks.
CSP_LISTENER = """
document.addEventListener("securitypolicyviolation", (event) => {
    window.__ordenCspViolation(`${event.effectiveDirective} blocked ${event.blockedURI || "inline"} `
        + `in ${event.sourceFile || event.documentURI}:${event.lineNumber}${event.sample ? ` (${event.sample})` : ""}`);
}, true);
"""


def watch_csp(context):
    """Record every CSP violation in the context's pages, for assert_no_csp_violation (see conftest.new_context)."""
    violations = context.orden_csp_violations = []

    def on_event(text):
        violations.append(text)

    context.expose_function("__ordenCspViolation", on_event)
    context.add_init_script(CSP_LISTENER)

    def on_console(message):
        if "Content Security Policy" in message.text:
            violations.append(f"console {message.type}: {message.text}")

    context.on("console", on_console)
    return violations


def assert_no_csp_violation(page):
    """Fail, listing them, when the page's context reported CSP violations since the last check."""
    violations = getattr(page.context, "orden_csp_violations", None)
    assert violations is not None, "the browser context does not watch for CSP violations (helpers.watch_csp)"
    if violations:
        found = list(violations)
        violations.clear()
        pytest.fail(f"Content-Security-Policy violation(s) up to {page.url}:\n" + "\n".join(f"- {v}" for v in found))


def assert_accessible(page):
    """Run axe-core on the page as it is now; fail listing every WCAG 2.1 A/AA violation, and on any CSP
    violation so far (every browser test checks its pages through here)."""
    page.wait_for_load_state("load")
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        # Evaluated through the DevTools protocol: an inline <script> tag would be blocked by the CSP.
        page.evaluate(axe_source())
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
    assert_no_csp_violation(page)


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


def with_password(user, password=PASSWORD):
    """The user, able to log in with ``password``."""
    user.set_password(password)
    user.save()
    return user


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


# Narrow screens: a common phone (CSS pixels, portrait) and the narrowest width WCAG reflow asks for.
PHONE = {"width": 390, "height": 844}
SMALL_PHONE = {"width": 320, "height": 640}
MENU_BUTTON = "header .orden-menu-button"
MENU_ENTRIES = "header nav.orden-nav a"


def assert_fits_width(page):
    """The page does not scroll sideways: nothing is wider than the window (tables scroll inside their box).

    On failure, names the outermost elements that stick out of the window outside any scrolling box."""
    overflow = page.evaluate(
        """() => {
            const width = window.innerWidth, root = document.documentElement;
            if (root.scrollWidth <= width) return null;
            const scrolls = (el) => ['auto', 'scroll', 'hidden', 'clip'].includes(getComputedStyle(el).overflowX);
            const sticksOut = (el) => el.getBoundingClientRect().right > width + 0.5;
            // Can the element not widen the page? It is clipped by a scrolling ancestor (an absolutely
            // positioned one only by a scroller that holds its containing block), or it is fixed.
            const clipped = (el) => {
                const position = getComputedStyle(el).position;
                if (position === 'fixed') return true;
                const holder = position === 'absolute' ? el.offsetParent : el;
                for (let up = el.parentElement; up && up !== document.body; up = up.parentElement) {
                    if (scrolls(up) && holder && holder !== document.body && up.contains(holder)) return true;
                }
                return false;
            };
            const name = (el) => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
                + [...el.classList].map(c => '.' + c).join('');
            const wide = new Set([...document.body.querySelectorAll('*')].filter(el => sticksOut(el) && !clipped(el)));
            const culprits = [...wide]
                .filter(el => !wide.has(el.parentElement))
                .slice(0, 8)
                .map(el => `${name(el)} (right edge ${Math.round(el.getBoundingClientRect().right)} px)`);
            return {scrollWidth: root.scrollWidth, width, culprits};
        }"""
    )
    if overflow:
        pytest.fail(
            f"{page.url} is {overflow['scrollWidth']} px wide in a {overflow['width']} px window: "
            + (", ".join(overflow["culprits"]) or "no single element found")
        )


def open_menu(page):
    """Open the main menu with its button (narrow screens) and return the menu's entries."""
    button = page.locator(MENU_BUTTON)
    assert button.is_visible(), f"no menu button on {page.url}"
    if button.get_attribute("aria-expanded") != "true":
        button.click()
    assert button.get_attribute("aria-expanded") == "true"
    return page.locator(MENU_ENTRIES)


def assert_menu_works(page):
    """On a narrow screen, from the current page: the "Meny" button folds the menu, opens it with every entry
    visible inside the window, and each entry leads to its page (each reached once, checked for width and axe).

    Returns the paths visited."""
    button = page.locator(MENU_BUTTON)
    label = button.inner_text().strip()
    assert label == "Meny", f"the menu button is labelled {label!r}"
    assert page.locator(f"#{button.get_attribute('aria-controls')}").count() == 1
    assert button.get_attribute("aria-expanded") == "false"
    assert not page.locator(MENU_ENTRIES).first.is_visible(), "the menu is not folded on a narrow screen"
    count = open_menu(page).count()
    assert count > 0
    width = page.viewport_size["width"]
    visited = []
    for index in range(count):
        entries = open_menu(page)
        assert entries.count() == count
        for other in range(count):
            box = entries.nth(other).bounding_box()
            assert entries.nth(other).is_visible() and box is not None, f"menu entry {other} is hidden on {page.url}"
            assert box["x"] >= 0 and box["x"] + box["width"] <= width, f"menu entry {other} sticks out on {page.url}"
        target = urlparse(entries.nth(index).get_attribute("href")).path
        with page.expect_navigation():
            entries.nth(index).click()
        assert path_of(page) == target
        assert_accessible(page)
        assert_fits_width(page)
        assert page.locator(MENU_BUTTON).get_attribute("aria-expanded") == "false"
        assert page.locator(f'{MENU_ENTRIES}[aria-current="page"]').get_attribute("href") == target
        visited.append(target)
    return visited
