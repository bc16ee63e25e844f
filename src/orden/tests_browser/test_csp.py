"""The strict Content-Security-Policy (conf/settings.py) in real Chromium.

Every browser test fails when a page reports a CSP violation (helpers.assert_accessible and the
`new_context` fixture watch for them), so the sweep of every page, the htmx lists, the menus, the system form
and the dashboard's trend all run under it. This file covers the rest: that the watch does catch a
violation, and the API docs (Swagger UI), which the other tests do not open.
"""

import pytest

from orden.core.roles import Role
from orden.organizations.testing import make_organization, make_user

from .helpers import assert_no_csp_violation, log_in, with_password

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_inline_style_is_blocked_and_reported(page, live_server):
    response = page.goto(f"{live_server.url}/login/")
    assert "style-src 'self'" in response.headers["content-security-policy"]
    assert_no_csp_violation(page)
    page.evaluate("""() => document.querySelector("main").insertAdjacentHTML(
        "beforeend", '<p id="styled" style="color: rgb(255, 0, 0)">x</p>')""")
    # Blocked: the paragraph keeps the page's colour.
    assert page.evaluate("getComputedStyle(document.getElementById('styled')).color") != "rgb(255, 0, 0)"
    with pytest.raises(pytest.fail.Exception, match="style-src-attr"):
        assert_no_csp_violation(page)


def test_the_api_docs_work_under_the_csp(page, live_server, fast_passwords):
    vinje = make_organization("Vinje", "4036", "964964076")
    log_in(page, live_server.url, with_password(make_user("vinje-leser", vinje, Role.READER)).username)
    response = page.goto(f"{live_server.url}/api/docs/")
    assert response.status == 200
    assert "script-src 'self'" in response.headers["content-security-policy"]
    # Swagger UI has built the operations from the schema (it renders the first tags first).
    operation = page.locator("#operations-categories-categories_list")
    operation.wait_for()
    assert page.locator(".swagger-ui .opblock").count() > 3
    # "Try it out" calls the API from the page (connect-src) with the session.
    operation.locator(".opblock-summary").click()
    operation.locator("button.try-out__btn").click()
    operation.locator("button.execute").click()
    status = operation.locator(".live-responses-table tr.response .response-col_status").first
    status.wait_for()
    assert status.inner_text().strip() == "200"
    assert_no_csp_violation(page)
