"""Browser test: arriving by a link. A data protection officer of both Vinje and Tokke follows a link to a
Tokke system while working in Vinje: the system opens, the page says they now work in Tokke and the
header's switcher shows Tokke. Someone who belongs only to Vinje gets "not found" for the same link. The
login page's fields are Designsystemet fields; axe-core checks every page for WCAG 2.1 A/AA.
"""

import pytest

from orden.core.roles import Role
from orden.organizations.testing import make_organization, make_user

from .helpers import PASSWORD, assert_accessible, log_in, log_out, screenshot, visit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def two_municipalities(fast_passwords):
    from orden.organizations.models import Membership
    from orden.portfolio.models import System

    vinje = make_organization("Vinje", "4036", "964964076")
    tokke = make_organization("Tokke", "4034", "964963630")
    shared = make_user("vt-personvern", vinje, Role.PRIVACY_OFFICER, first_name="Halvor", last_name="Homme")
    Membership.objects.create(organization=tokke, user=shared, role=Role.PRIVACY_OFFICER)
    reader = make_user("vinje-leser", vinje, Role.READER)
    for user in (shared, reader):
        user.language = "en"
        user.set_password(PASSWORD)
        user.save()
    return {
        "vinje": vinje,
        "tokke": tokke,
        "vinje_system": System.objects.create(organization=vinje, name="Acos WebSak"),
        "tokke_system": System.objects.create(organization=tokke, name="Visma Flyt Skole"),
    }


def test_a_link_into_my_other_municipality_switches_there_and_a_non_member_gets_not_found(
    page, live_server, two_municipalities
):
    base = live_server.url
    vinje, tokke = two_municipalities["vinje"], two_municipalities["tokke"]
    tokke_system = two_municipalities["tokke_system"]

    # The login page's fields are styled like every other form.
    visit(page, f"{base}/login/")
    for name in ("username", "password"):
        assert page.locator(f".ds-field > label.ds-label[for=id_{name}]").count() == 1
        assert page.locator(f".ds-field > input.ds-input#id_{name}").count() == 1

    log_in(page, base, "vt-personvern")
    switcher = page.locator("#organization-switcher")
    if switcher.input_value() != str(vinje.pk):  # start in Vinje
        switcher.select_option(str(vinje.pk))
        with page.expect_navigation():
            page.locator("form.orden-switcher button[type=submit]").click()
    assert switcher.input_value() == str(vinje.pk)

    # A colleague's link to a Tokke system.
    visit(page, f"{base}{tokke_system.get_absolute_url()}")
    assert page.locator("h1").first.inner_text().strip().startswith(tokke_system.name)
    notice = page.locator(".orden-messages .ds-alert")
    assert notice.count() == 1
    assert notice.inner_text().strip() == "You are now working in Tokke."
    assert page.locator("#organization-switcher").input_value() == str(tokke.pk)
    screenshot(page, "arrival-switched")
    # The next page works in Tokke without a notice.
    visit(page, f"{base}/systems/")
    assert page.locator(".orden-messages .ds-alert").count() == 0
    assert page.locator(f"a[href='{tokke_system.get_absolute_url()}']").count() >= 1
    log_out(page)

    # A member of Vinje only: the same link is not found.
    log_in(page, base, "vinje-leser")
    visit(page, f"{base}{tokke_system.get_absolute_url()}", status=404)
    assert tokke_system.name not in page.content()
    assert page.locator("#organization-switcher").input_value() == str(vinje.pk)
    screenshot(page, "arrival-not-found")


def test_a_platform_admin_chooses_where_to_work_on_the_front_page(page, live_server, two_municipalities):
    base = live_server.url
    tokke = two_municipalities["tokke"]
    admin = make_user("admin", is_superuser=True, is_staff=True, language="en")
    admin.set_password(PASSWORD)
    admin.save()

    log_in(page, base, "admin")
    choices = page.locator("#organization-choices tbody tr")
    assert choices.count() == 2
    page.fill("#organization-search", "Tok")
    with page.expect_navigation():
        page.locator("form[role=search] button[type=submit]").click()
    assert_accessible(page)
    assert choices.count() == 1
    screenshot(page, "arrival-admin-landing")
    with page.expect_navigation():
        choices.first.locator("button[type=submit]").click()
    assert_accessible(page)
    assert page.locator("#organization-switcher").input_value() == str(tokke.pk)
    assert page.locator("#organization-choices").count() == 0


def test_my_profile_lets_me_work_in_my_other_organisation(page, live_server, two_municipalities):
    base = live_server.url
    vinje, tokke = two_municipalities["vinje"], two_municipalities["tokke"]
    log_in(page, base, "vt-personvern")
    visit(page, f"{base}/profile/")
    current = page.locator("#organization-switcher").input_value()
    other = str(tokke.pk if current == str(vinje.pk) else vinje.pk)
    buttons = page.locator(".orden-memberships button[type=submit]")
    assert buttons.count() == 1  # only the organisation I do not work in now
    with page.expect_navigation():
        buttons.click()
    assert_accessible(page)
    assert page.locator("#organization-switcher").input_value() == other
