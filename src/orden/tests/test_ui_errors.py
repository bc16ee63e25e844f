"""The web interface answers malformed parameters with a clear message, never a server error: a list with a
malformed filter is a 400 page that says which filter is wrong (generated for every model's list); ids too
large for the database's integers in forms, bulk edits and the small htmx helpers are refused before they
reach the database."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from orden.core.roles import Role
from orden.core.testing.matrix import ADMIN, all_specs
from orden.organizations.testing import work_in
from orden.portfolio.tests.specs import make_system, system_form_data

pytestmark = pytest.mark.django_db

BIG = "9" * 30
SPECS = [pytest.param(spec, id=spec.label) for spec in all_specs()]


def ui(world, role=Role.COORDINATOR):
    client = Client(raise_request_exception=False)  # a server error is a response here, as in production
    return work_in(client, world.users[role], world.own)


def nb(message):
    with translation.override("nb"):
        return translation.gettext(message)


@pytest.mark.parametrize("spec", SPECS)
@pytest.mark.parametrize("value", ["1,a,3", "1.5", "false", BIG])
def test_every_list_answers_a_malformed_id_with_400(world, spec, value):
    spec.make(world, world.own, 0)
    response = ui(world, ADMIN).get(reverse(spec.model.url_name("list")), {"id": value})
    assert response.status_code == 400, response.content.decode()[:1000]
    page = response.content.decode()
    assert nb("The filter is not valid:") in page
    assert "id: " in page


@pytest.mark.parametrize(
    ("url", "name", "value"),
    [("/systems/", "personal_data", "maybe"), ("/services/", "statutory", "maybe"), ("/systems/", "owner", BIG)]
    + [("/systems/", "ordering", "unknown"), ("/systems/", "lifecycle", "x")],
)
def test_malformed_filters_are_named_on_the_page(world, url, name, value):
    make_system(world, world.own, 0)
    response = ui(world).get(url, {name: value})
    assert response.status_code == 400
    assert f"{name}: " in response.content.decode()
    assert "System 0" not in response.content.decode()  # no rows for a filter that could not be applied


def test_an_htmx_refresh_shows_the_message_in_place(world):
    response = ui(world).get("/systems/", {"personal_data": "maybe"}, HTTP_HX_REQUEST="true", HTTP_HX_TARGET="results")
    # htmx swaps only successful answers: the message must arrive as one to replace the old results
    assert response.status_code == 200
    assert "personal_data: " in response.content.decode()


@pytest.mark.parametrize(("name", "value"), [("page", "abc"), ("page", BIG), ("per_page", "abc"), ("per_page", "7")])
def test_list_pages_forgive_a_malformed_page(world, name, value):
    make_system(world, world.own, 0)
    response = ui(world).get("/systems/", {name: value})
    assert response.status_code == 200
    assert "System 0" in response.content.decode()


@pytest.mark.parametrize("field", ["super_users", "product", "owner"])
def test_a_form_with_an_id_beyond_the_integer_range_is_invalid(world, field):
    system = make_system(world, world.own, 0)
    data = {**system_form_data(world, world.own, 1), "base_version": system.version, field: [BIG]}
    response = ui(world).post(reverse("portfolio:system_edit", args=[system.pk]), data)
    assert response.status_code == 422, response.content.decode()[:1000]
    system.refresh_from_db()
    assert system.version == 1


@pytest.mark.parametrize("value", [BIG, "²", "abc"])
def test_bulk_edit_refuses_malformed_ids(world, value):
    system = make_system(world, world.own, 0)
    client = ui(world)
    response = client.post(
        reverse("portfolio:system_bulk_edit"), {"pk": [system.pk, value], "lifecycle": "retired", "apply": "1"}
    )
    assert response.status_code == 302
    system.refresh_from_db()
    assert system.lifecycle == "in_use"  # all or nothing
    shown = client.get(response["Location"]).content.decode()
    assert nb("You may not change %(count)s of the selected rows; nothing was changed.") % {"count": 1} in shown


@pytest.mark.parametrize("value", [BIG, "²"])
def test_htmx_helpers_ignore_malformed_ids(world, value):
    client = ui(world)
    assert client.get(reverse("catalog:version_options"), {"product": value}).status_code == 200
    assert client.get(reverse("catalog:product_similar"), {"name": "Acos", "exclude": value}).status_code == 200
    assert client.get(reverse("catalog:vendor_similar"), {"name": "Acos", "exclude": value}).status_code == 200
    assert client.post(reverse("switch_organization"), {"organization": value}).status_code == 302


@pytest.mark.parametrize("value", [BIG, "²", "abc", "a\x00b"])
def test_revoking_a_malformed_token_id_is_not_found(world, value):
    assert ui(world).post(reverse("profile"), {"revoke_token": value}).status_code == 404


@pytest.mark.parametrize("value", [BIG, "²", "1.5"])
def test_report_parameters_refuse_malformed_ids(world, value):
    client = ui(world)
    response = client.get("/api/reports/completeness/", {"organization": value})
    assert response.status_code == 400
    assert list(response.json()) == ["organization"]
    assert response["Content-Type"] == "application/json"


@pytest.mark.parametrize(
    "name", ["organizations:member_options", "organizations:contact_options", "catalog:product_options"]
)
def test_searches_ignore_null_characters(world, name):
    response = ui(world).get(reverse(name), {"q": "own\x00-coordinator"})
    assert response.status_code == 200


def test_a_token_name_with_a_null_character_is_saved_without_it(world):
    response = ui(world).post(reverse("profile"), {"create_token": "1", "token_name": "ci\x00bot"})
    assert response.status_code == 200
    assert [token.name for token in world.users[Role.COORDINATOR].api_tokens.all()] == ["cibot"]


@pytest.mark.django_db
def test_a_request_django_refuses_gets_orden_s_400_page(world):
    # An unknown Host is refused before any view (handler400): Orden's page, in bokmål, not Django's English one.
    response = Client(HTTP_HOST="evil.example").get("/systems/")
    assert response.status_code == 400
    page = response.content.decode()
    assert "Forespørselen kunne ikke leses" in page and 'lang="nb"' in page
    assert "Bad Request (400)" not in page


@pytest.mark.django_db
def test_the_language_cookie_is_http_only_and_same_site(world, settings):
    settings.LANGUAGE_COOKIE_SECURE = True  # as with ORDEN_DEBUG=false
    client = Client()
    client.force_login(world.users["coordinator"])
    response = client.post(reverse("set_language"), {"language": "nn", "next": "/"})
    cookie = response.cookies[settings.LANGUAGE_COOKIE_NAME]
    assert cookie.value == "nn" and cookie["httponly"] and cookie["samesite"] == "Lax" and cookie["secure"]
