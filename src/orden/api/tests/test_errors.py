"""Every error the API answers is JSON, in the user's language: a malformed parameter is a 400 naming it,
an unknown URL or id a 404, a wrong method a 405, an unhandled exception a 500 (with debug off, as in
production). None of them is a server error or an HTML page.

The malformed values are those an outside probe sent: ids with letters, fractions, booleans, numbers too
large for a 64-bit integer, impossible dates, null characters.
"""

import pytest
from django.core.exceptions import PermissionDenied
from django.test import override_settings
from django.urls import path
from django.utils import translation
from rest_framework.test import APIClient

from orden import urls as main_urls
from orden.api.models import ApiToken
from orden.api.urls import router
from orden.catalog.tests.specs import make_product
from orden.core.roles import Role
from orden.portfolio.tests.specs import make_system

pytestmark = pytest.mark.django_db

BIG = "9" * 30  # far beyond a 64-bit integer
MALFORMED = ["maybe", "1.5", "1,a,3", BIG, "2020-99-99", "\x00", "²"]
# Free text (the search) takes any text but a null character.
MALFORMED_TEXT = ["\x00"]


@pytest.fixture(autouse=True)
def default_language_afterwards():
    yield
    translation.deactivate()


def token_client(user, language="nb"):
    user.language = language
    user.save(update_fields=["language"])
    client = APIClient()
    client.raise_request_exception = False  # a server error is a response here, as in production
    client.credentials(HTTP_AUTHORIZATION=f"Token {ApiToken.issue(user, 'test')[1]}")
    return client


def list_filters():
    """``(list URL, parameter, filter)`` of every filter of every API list."""
    for prefix, viewset, _basename in router.registry:
        filterset = getattr(viewset, "filterset_class", None)
        for name, filter_ in filterset.base_filters.items() if filterset else ():
            yield pytest.param(f"/api/{prefix}/", name, filter_, id=f"{prefix}-{name}")


def assert_names_parameter(response, name):
    assert response.status_code == 400, (response.status_code, response.content[:300])
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert list(body) == [name], body
    assert body[name] and all(isinstance(message, str) and message for message in body[name])


@pytest.mark.parametrize(("url", "name", "filter_"), list(list_filters()))
def test_every_filter_refuses_malformed_values(world, url, name, filter_):
    client = token_client(world.users[Role.COORDINATOR])
    is_text = filter_.field_class.__name__ == "CharField"
    for value in MALFORMED_TEXT if is_text else MALFORMED:
        assert_names_parameter(client.get(url, {name: value}), name)


@pytest.mark.parametrize("value", ["1,a,3", "1.5", "false", BIG, "1e3", "-", " ", "0x10"])
def test_malformed_ids(world, value):
    make_system(world, world.own, 0)
    client = token_client(world.users[Role.COORDINATOR])
    assert_names_parameter(client.get("/api/systems/", {"id": value}), "id")


def test_well_formed_ids_still_filter(world):
    first, second = make_system(world, world.own, 0), make_system(world, world.own, 1)
    client = token_client(world.users[Role.COORDINATOR])
    response = client.get("/api/systems/", {"id": f"{first.pk},{2**63 - 1}"})
    assert response.status_code == 200
    assert [row["id"] for row in response.json()["results"]] == [first.pk]
    assert client.get("/api/systems/", {"id": ""}).json()["count"] == 2
    assert second.pk in [row["id"] for row in client.get("/api/systems/", {"id": second.pk}).json()["results"]]


@pytest.mark.parametrize(
    ("name", "value"),
    [("personal_data", "maybe"), ("personal_data", "yes"), ("personal_data", "2"), ("lifecycle", "nonsense")],
)
def test_booleans_and_choices_are_strict(world, name, value):
    client = token_client(world.users[Role.COORDINATOR])
    assert_names_parameter(client.get("/api/systems/", {name: value}), name)


@pytest.mark.parametrize("value", ["true", "false", "True", "1", "0", ""])
def test_well_formed_booleans_still_filter(world, value):
    system = make_system(world, world.own, 0)
    client = token_client(world.users[Role.COORDINATOR])
    response = client.get("/api/systems/", {"personal_data": value})
    assert response.status_code == 200
    expected = [system.pk] if value in ("false", "0", "") else []
    assert [row["id"] for row in response.json()["results"]] == expected


def test_history_and_usage_refuse_malformed_parameters(world):
    system = make_system(world, world.own, 0)
    product = make_product(world, None, 0)
    client = token_client(world.users[Role.COORDINATOR])
    assert_names_parameter(client.get(f"/api/systems/{system.pk}/history/", {"page": "1,a"}), "page")
    assert_names_parameter(client.get(f"/api/products/{product.pk}/usage/", {"per_page": BIG}), "per_page")


@pytest.mark.parametrize(
    ("name", "value"),
    [("page", "abc"), ("page", "0"), ("page", "-1"), ("page", "1.5"), ("per_page", "abc"), ("per_page", "0")]
    + [("per_page", "101"), ("per_page", BIG), ("page", "last")],
)
def test_malformed_page_parameters(world, name, value):
    client = token_client(world.users[Role.COORDINATOR])
    assert_names_parameter(client.get("/api/systems/", {name: value}), name)


def test_page_beyond_the_last_is_not_found_and_page_sizes_work(world):
    for n in range(3):
        make_system(world, world.own, n)
    client = token_client(world.users[Role.COORDINATOR])
    response = client.get("/api/systems/", {"page": BIG})
    assert response.status_code == 404
    assert list(response.json()) == ["detail"]  # its text: test_probe.py
    body = client.get("/api/systems/", {"per_page": "2", "page": "2"}).json()
    assert body["count"] == 3 and len(body["results"]) == 1
    assert client.get("/api/systems/", {"ordering": "unknown"}).status_code == 400


@pytest.mark.parametrize(
    ("method", "url"),
    [
        ("get", "/api/systems/abc/"),
        ("post", "/api/systems/abc/confirm/"),
        ("get", "/api/systems/abc/history/"),
        ("get", "/api/products/abc/usage/"),
        ("get", "/api/systems/1.5/"),
        ("get", "/api/systems/-1/"),
        ("get", f"/api/systems/{BIG}/"),
        ("post", f"/api/systems/{BIG}/confirm/"),
        ("get", f"/api/systems/{BIG}/history/"),
        ("get", f"/api/products/{BIG}/usage/"),
        ("post", f"/api/systems/SYSTEM/history/{BIG}/restore/"),
        ("post", "/api/systems/SYSTEM/history/abc/restore/"),
        ("get", "/api/nothing/"),
        ("post", "/api/nothing/here/"),
    ],
)
def test_unknown_urls_and_ids_are_json_404(world, method, url):
    system = make_system(world, world.own, 0)
    client = token_client(world.users[Role.COORDINATOR])
    response = getattr(client, method)(url.replace("SYSTEM", str(system.pk)))
    assert response.status_code == 404, response.content[:300]
    assert response["Content-Type"] == "application/json"
    assert response.json()["detail"] in ("Ikke funnet.", "Objektet finnes ikke, eller du har ikke tilgang til det.")


@pytest.mark.parametrize(("language", "text"), [("nb", "Ikke funnet."), ("nn", "Ikkje funne."), ("en", "Not found.")])
def test_unknown_url_answers_in_the_token_users_language(world, language, text):
    client = token_client(world.users[Role.READER], language)
    response = client.get("/api/systems/abc/")
    assert response.status_code == 404
    assert response.json() == {"detail": text}
    assert response["Content-Language"] == language


def test_an_error_outside_the_views_records_no_token_use(world):
    # The error views authenticate the token only for its user's language: that is no use to record.
    client = token_client(world.users[Role.READER], "nn")
    response = client.get("/api/nothing/")
    assert response.status_code == 404 and response["Content-Language"] == "nn"  # the token was read
    assert ApiToken.objects.get().last_used is None
    assert client.get("/api/systems/").status_code == 200
    assert ApiToken.objects.get().last_used is not None


def test_unknown_url_without_credentials_is_json_too(client):
    client.raise_request_exception = False
    response = client.get("/api/nothing/", HTTP_ACCEPT_LANGUAGE="nn")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"detail": "Ikke funnet."}  # no user, no language cookie: bokmål


def test_pages_outside_the_api_keep_the_html_404(world, client):
    client.force_login(world.users[Role.READER])
    response = client.get("/nothing-here/")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")


def test_wrong_method_is_json_405(world):
    client = token_client(world.users[Role.COORDINATOR], "nn")
    response = client.put("/api/systems/")
    assert response.status_code == 405
    assert response.json() == {"detail": "Metoden «PUT» er ikkje tillaten."}


def broken(request):
    raise RuntimeError("a bug")


def forbidden(request):
    raise PermissionDenied


# The project's own error views, as orden/urls.py names them, with views that fail.
handler400, handler403 = main_urls.handler400, main_urls.handler403
handler404, handler500 = main_urls.handler404, main_urls.handler500
urlpatterns = [
    path("api/broken/", broken),
    path("broken/", broken),
    path("api/forbidden/", forbidden),
    *main_urls.urlpatterns,
]


@override_settings(ROOT_URLCONF=__name__, DEBUG=False)
@pytest.mark.parametrize(
    ("language", "text"), [("nb", "Det oppstod en feil på serveren."), ("en", "A server error occurred.")]
)
def test_server_error_is_json_under_the_api(client, settings, language, text):
    client.raise_request_exception = False
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = client.get("/api/broken/")
    assert response.status_code == 500
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"detail": text}
    page = client.get("/broken/")
    assert page.status_code == 500
    assert page["Content-Type"].startswith("text/html")


@override_settings(ROOT_URLCONF=__name__, DEBUG=False)
def test_requests_refused_before_any_api_view_are_json(client):
    client.raise_request_exception = False
    response = client.get("/api/systems/", HTTP_HOST="unknown.example")  # not in ALLOWED_HOSTS
    assert response.status_code == 400
    assert response.json() == {"detail": "Forespørselen er feil utformet."}
    response = client.get("/api/forbidden/")
    assert response.status_code == 403
    assert response.json() == {"detail": "Du har ikke tilgang til å utføre denne handlingen."}
