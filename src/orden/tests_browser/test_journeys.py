"""Journeys that start where a user is sent (an e-mail link, a list) and reach the action by clicking only.

A test that opens an action's URL directly proves nothing about whether users can find it: these tests
follow the link in the reminder e-mail, or the rows of a list, and press the buttons they find.
"""

import re
from urllib.parse import urlparse

import pytest
from django.core import mail
from django.core.management import call_command

from orden.core.roles import Role
from orden.organizations.testing import make_user

from .helpers import PASSWORD, assert_accessible, path_of, submit, visit, with_password

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_owner_confirms_in_two_clicks_from_the_reminder(page, live_server, catalogue, settings):
    """The reminder e-mail's link → log in (click one) → "Confirm still correct" (click two)."""
    from orden.portfolio.models import System

    settings.ORDEN_BASE_URL = live_server.url
    owner = with_password(make_user("vinje-systemeier", catalogue["organization"], Role.SYSTEM_OWNER))
    system = System.objects.create(
        organization=catalogue["organization"], name="Sak og arkiv", product=catalogue["product"], owner=owner
    )
    call_command("send_review_reminders")
    assert len(mail.outbox) == 1
    link = re.search(rf"{re.escape(live_server.url)}/systems/\d+/", mail.outbox[0].body).group(0)

    visit(page, link)  # not logged in: the login page, which returns to the link
    assert path_of(page) == "/login/"
    page.fill("#id_username", owner.username)
    page.fill("#id_password", PASSWORD)
    submit(page)
    assert urlparse(page.url).path == urlparse(link).path
    submit(page, form=f"form[action$='/systems/{system.pk}/confirm/']")
    system.refresh_from_db()
    assert system.last_reviewed is not None
    assert page.locator(".ds-alert[data-color=success]").count() == 1


def test_the_catalogue_editor_approves_and_merges_from_the_product_page(page, live_server, catalogue):
    """From the catalogue list to the draft's page, where the editor approves it, then merges a duplicate."""
    from orden.catalog.models import Product
    from orden.portfolio.models import System

    editor = with_password(make_user("katalog", catalogue["organization"], Role.CATALOGUE_EDITOR))
    architect = make_user("vinje-arkitekt", catalogue["organization"], Role.ARCHITECT)
    draft = Product.objects.create(
        name="Acos Websak", vendor=catalogue["vendor"], category=catalogue["category"], created_by=architect
    )
    duplicate_user = System.objects.create(organization=catalogue["organization"], name="Arkivet", product=draft)

    visit(page, f"{live_server.url}/login/")
    page.fill("#id_username", editor.username)
    page.fill("#id_password", PASSWORD)
    submit(page)
    visit(page, f"{live_server.url}/catalogue/products/")
    with page.expect_navigation():
        page.locator(f"a[href='/catalogue/products/{draft.pk}/']").first.click()
    submit(page, form=f"form[action$='/catalogue/products/{draft.pk}/approve/']")
    draft.refresh_from_db()
    assert draft.status == "approved"

    with page.expect_navigation():
        page.locator(f"a[href$='/catalogue/products/{draft.pk}/merge/']").click()
    page.select_option("#id_target", str(catalogue["product"].pk))
    submit(page, form="form.orden-form")
    duplicate_user.refresh_from_db()
    assert duplicate_user.product_id == catalogue["product"].pk
    assert not Product.objects.filter(pk=draft.pk).exists()


# --- one journey per role, on the demo data, from the front page and by clicking only -------------------

DEMO_PASSWORD = "orden-demo-2026"


@pytest.fixture
def demo(fast_passwords):
    call_command("seed", size="demo")


def start(page, base_url, username):
    """Log in as a demo user: the front page is where everyone starts."""
    visit(page, f"{base_url}/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", DEMO_PASSWORD)
    submit(page)
    assert path_of(page) == "/"


def click(page, locator):
    with page.expect_navigation():
        locator.first.click()
    assert_accessible(page)


def menu(page, path):
    return page.locator(f"nav.orden-nav a[href='{path}']")


def first_system_in(page):
    return page.locator("#results table a.ds-link[href^='/systems/']")


def test_the_architect_corrects_a_system(page, live_server, demo):
    from orden.portfolio.models import System

    start(page, live_server.url, "vinje-arkitekt")
    click(page, menu(page, "/systems/"))
    click(page, first_system_in(page))
    system = System.objects.get(pk=int(path_of(page).strip("/").split("/")[-1]))
    click(page, page.locator(f"a[href='/systems/{system.pk}/edit/']"))
    page.fill("#id_description", "Oppdatert av arkitekten etter gjennomgang.")
    submit(page, form="form.orden-form")
    assert path_of(page) == f"/systems/{system.pk}/"
    system.refresh_from_db()
    assert system.description == "Oppdatert av arkitekten etter gjennomgang."


def test_the_council_follows_the_worst_gap_to_the_systems_that_have_it(page, live_server, demo):
    start(page, live_server.url, "vinje-rad")
    click(page, menu(page, "/dashboard/"))
    click(page, page.locator("a[href*='/systems/?gap=']"))
    assert "gap=" in page.url
    assert first_system_in(page).count() > 0
    click(page, first_system_in(page))
    assert page.locator("h1").count() == 1


def test_the_privacy_officer_finds_the_systems_with_personal_data(page, live_server, demo):
    from orden.portfolio.models import System

    start(page, live_server.url, "vinje-personvern")
    click(page, page.locator("a[href='/systems/?personal_data=true']"))
    shown = first_system_in(page)
    assert shown.count() > 0
    ids = {int(shown.nth(i).get_attribute("href").strip("/").split("/")[-1]) for i in range(shown.count())}
    assert set(System.objects.filter(pk__in=ids).values_list("personal_data", flat=True)) == {True}
    click(page, shown)
    assert page.locator("h1").count() == 1


def test_the_reader_sees_who_else_uses_a_product(page, live_server, demo):
    start(page, live_server.url, "vinje-leser")
    click(page, menu(page, "/catalogue/products/"))
    click(page, page.locator("#results table a.ds-link[href^='/catalogue/products/']"))
    assert page.locator("#usage").count() == 1


def test_the_head_of_service_links_a_system_from_my_responsibilities(page, live_server, demo):
    from orden.organizations.models import User
    from orden.portfolio.models import Service, ServiceSystem

    leader = User.objects.get(username="vinje-leder")
    # The demo's services come from Kommune-Los, which a transactional test may have flushed: make sure the
    # head of service leads one.
    Service.objects.update_or_create(
        organization=leader.memberships.get().organization, name="Barnehageopptak", defaults={"process_owner": leader}
    )
    start(page, live_server.url, "vinje-leder")
    click(page, menu(page, "/me/"))
    click(page, page.locator("section[aria-labelledby=services-heading] a[href^='/services/']"))
    service_id = int(path_of(page).strip("/").split("/")[-1])
    options = page.locator("#id_system option").evaluate_all("options => options.map(o => o.value).filter(v => v)")
    assert options, "the service has no system left to link"
    page.select_option("#id_system", options[0])
    submit(page, form="section[aria-labelledby=link-heading] form")
    assert ServiceSystem.objects.filter(service_id=service_id, system_id=int(options[0])).exists()


def test_the_coordinator_takes_everything_out_from_the_front_page(page, live_server, demo):
    import io

    from openpyxl import load_workbook

    start(page, live_server.url, "vinje-koordinator")
    with page.expect_download() as download:
        page.locator("a[href='/export/']").click()
    workbook = load_workbook(io.BytesIO(open(download.value.path(), "rb").read()), read_only=True)
    assert len(workbook.sheetnames) >= 5
    systems = list(workbook[workbook.sheetnames[0]].iter_rows(values_only=True))
    assert len(systems) > 1
