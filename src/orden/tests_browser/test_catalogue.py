"""In a real browser: a member proposing a product sees the similar products while typing and is asked
before saving a near-duplicate; the catalogue editor finds the drafts queue in the menu and approves from
it. Every page passes axe-core (WCAG 2.1 A/AA)."""

import pytest

from orden.core.roles import Role
from orden.organizations.testing import make_user

from .helpers import assert_accessible, log_in, path_of, submit, visit, with_password

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def user(username, organization, role):
    return with_password(make_user(username, organization, role))


def test_a_member_is_warned_of_a_near_duplicate_while_typing_and_on_saving(page, live_server, catalogue):
    from orden.catalog.models import Product

    architect = user("vinje-arkitekt", catalogue["organization"], Role.ARCHITECT)
    log_in(page, live_server.url, architect.username)
    visit(page, f"{live_server.url}/catalogue/products/add/")
    page.select_option("#id_vendor", str(catalogue["vendor"].pk))
    page.select_option("#id_category", str(catalogue["category"].pk))
    with page.expect_response(lambda response: "/catalogue/products/similar/" in response.url):
        page.locator("#id_name").press_sequentially("Acos Websak", delay=20)
    suggestions = page.locator("#id_name_similar")
    suggestions.locator(f"a[href='{catalogue['product'].get_absolute_url()}']").wait_for()
    assert "Acos AS" in suggestions.inner_text()
    assert suggestions.get_attribute("role") == "status"
    assert_accessible(page)

    submit(page, status=422)
    assert "Acos WebSak (Acos AS)" in page.locator("#id_name_error").inner_text()
    assert not Product.objects.filter(name="Acos Websak").exists()
    page.check("#id_confirm_duplicate")
    submit(page)
    proposal = Product.objects.get(name="Acos Websak")
    assert path_of(page) == proposal.get_absolute_url() and proposal.status == "draft"


def test_the_editor_reviews_the_drafts_from_the_menu(page, live_server, catalogue):
    from orden.catalog.models import Product

    architect = make_user("vinje-arkitekt", catalogue["organization"], Role.ARCHITECT)
    draft = Product.objects.create(
        name="Acos Websak", vendor=catalogue["vendor"], category=catalogue["category"], created_by=architect
    )
    editor = user("katalog", catalogue["organization"], Role.CATALOGUE_EDITOR)
    log_in(page, live_server.url, editor.username)
    visit(page, f"{live_server.url}/catalogue/products/")
    assert page.locator(".orden-drafts-notice a[href='/catalogue/drafts/']").count() == 1
    with page.expect_navigation():
        page.locator("nav a[href='/catalogue/drafts/']").first.click()
    assert_accessible(page)
    row = page.locator("tr", has=page.locator(f"a[href='{draft.get_absolute_url()}']"))
    assert "Acos WebSak (Acos AS)" in row.inner_text()  # the similar existing product
    submit(page, form=f"form[action$='/catalogue/products/{draft.pk}/approve/']")
    assert path_of(page) == "/catalogue/drafts/"
    draft.refresh_from_db()
    assert draft.status == "approved"

    # A vendor proposed twice: from its page to the merge, which keeps the approved one.
    from orden.catalog.models import Vendor

    twin = Vendor.objects.create(name="ACOS", created_by=architect)
    visit(page, f"{live_server.url}{twin.get_absolute_url()}")
    with page.expect_navigation():
        page.locator(f"a[href='/catalogue/vendors/{twin.pk}/merge/']").click()
    assert_accessible(page)
    page.select_option("#id_target", str(catalogue["vendor"].pk))
    submit(page)
    assert path_of(page) == catalogue["vendor"].get_absolute_url()
    assert not Vendor.objects.filter(pk=twin.pk).exists()
