"""Defects an outside probe of the running server found (issue #15): a body nested too deep, ids of another
organisation told apart from missing ones, errors raised before authentication in the wrong language, an
oversized body, Unicode digits in parameters and caching of private answers."""

import pytest
from django.utils import translation

from orden.api.tests.test_errors import assert_names_parameter, list_filters, token_client
from orden.core.roles import Role
from orden.portfolio.tests.specs import make_system

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def default_language_afterwards():
    yield
    translation.deactivate()


def test_deeply_nested_json_is_a_400(world):
    system = make_system(world, world.own, 0)
    client = token_client(world.users[Role.COORDINATOR], "en")
    client.raise_request_exception = False
    body = "[" * 3000 + "]" * 3000
    response = client.patch(
        f"/api/systems/{system.pk}/", body, content_type="application/json", HTTP_IF_MATCH=f'"{system.version}"'
    )
    assert response.status_code == 400, response.content[:200]
    assert response.json() == {"detail": "The request body is nested too deeply."}
    nested = '{"a":' * 3000 + "1" + "}" * 3000
    response = client.post("/api/systems/", nested, content_type="application/json")
    assert response.status_code == 400, response.content[:200]


@pytest.mark.parametrize(
    ("method", "url", "headers"),
    [
        ("get", "/api/systems/1.5/", {}),
        ("get", "/api/systems/?format=xml", {}),
        ("get", "/api/systems/", {"HTTP_ACCEPT": "text/html"}),
        ("post", "/api/schema/", {}),
    ],
)
def test_errors_before_authentication_answer_in_the_token_language(world, method, url, headers):
    client = token_client(world.users[Role.COORDINATOR], "en")
    client.raise_request_exception = False
    response = getattr(client, method)(url, **headers)
    assert response.status_code >= 400
    assert response["Content-Type"] == "application/json", response["Content-Type"]
    assert response["Content-Language"] == "en"
    detail = response.json()["detail"]
    assert detail in {
        "Not found.",
        "The object does not exist, or you do not have access to it.",
        "Could not satisfy the request Accept header.",
        'Method "POST" not allowed.',
    }, detail


def test_an_oversized_body_is_a_413_naming_the_limit(world, settings, client):
    settings.DEBUG = False
    system = make_system(world, world.own, 0)
    api = token_client(world.users[Role.COORDINATOR], "en")
    api.raise_request_exception = False
    body = '{"name": "%s"}' % ("x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1))
    response = api.patch(
        f"/api/systems/{system.pk}/", body, content_type="application/json", HTTP_IF_MATCH=f'"{system.version}"'
    )
    assert response.status_code == 413, response.content[:200]
    limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    assert response.json() == {"detail": f"The request body is too large: the limit is {limit} bytes."}
    client.raise_request_exception = False
    page = client.post("/login/", body, content_type="application/x-www-form-urlencoded")
    assert page.status_code == 413
    assert page["Content-Type"].startswith("text/html")


def test_another_organisations_ids_answer_like_missing_ones(world):
    from orden.organizations.tests.specs import make_unit

    foreign_unit = make_unit(world, world.other, 0)
    foreign_system = make_system(world, world.other, 0)
    client = token_client(world.users[Role.COORDINATOR], "en")
    missing = 10**9

    def error(url, payload, field):
        response = client.post(url, {"organization": world.own.pk, **payload}, format="json")
        assert response.status_code == 400, response.content[:300]
        return response.json()[field]

    for pk in (foreign_unit.pk, missing):
        assert error("/api/units/", {"name": "q", "parent": pk}, "parent") == [
            f'Invalid pk "{pk}" - object does not exist.'
        ]
    link = {"service": missing}
    for pk in (foreign_system.pk, missing):
        assert error("/api/service-systems/", {**link, "system": pk}, "system") == [
            f'Invalid pk "{pk}" - object does not exist.'
        ]
    # A person: one of another organisation and one who does not exist get the same message.
    answers = [
        error("/api/units/", {"name": "q", "leader": pk}, "leader")
        for pk in (world.other_users[Role.COORDINATOR].pk, missing)
    ]
    assert answers[0] == answers[1] == ["Must be a member of the organisation."]
    # A member is still taken.
    own_member = world.users[Role.SYSTEM_OWNER]
    response = client.post(
        "/api/units/", {"organization": world.own.pk, "name": "q", "leader": own_member.pk}, format="json"
    )
    assert response.status_code == 201, response.content[:300]


ARABIC_12 = "\u0661\u0662"  # "١٢": digits int() reads as 12


@pytest.mark.parametrize(
    ("url", "name", "filter_"),
    [
        case for case in list_filters() if case.values[2].field_class.__name__ != "CharField"
    ],  # free text takes any digits
)
def test_filters_take_ascii_digits_only(world, url, name, filter_):
    client = token_client(world.users[Role.COORDINATOR])
    assert_names_parameter(client.get(url, {name: ARABIC_12}), name)


@pytest.mark.parametrize("name", ["page", "per_page"])
def test_page_parameters_take_ascii_digits_only(world, name):
    client = token_client(world.users[Role.COORDINATOR])
    assert_names_parameter(client.get("/api/systems/", {name: "\u0661"}), name)


def test_a_missing_required_parameter_says_it_is_required(world):
    client = token_client(world.users[Role.COORDINATOR], "en")
    response = client.get("/api/reports/service-matrix/")
    assert response.status_code == 400
    assert response.json() == {"organization": "This field is required."}  # as the other report parameters


def test_answers_to_logged_in_users_are_not_cached(world, client):
    system = make_system(world, world.own, 0)
    api = token_client(world.users[Role.COORDINATOR], "en")
    response = api.get(f"/api/systems/{system.pk}/")
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    assert response["ETag"] == f'"{system.version}"'  # the lock still works
    assert api.get("/api/systems/")["Cache-Control"] == "private, no-store"
    from orden.organizations.testing import work_in

    work_in(client, world.users[Role.COORDINATOR], world.own)
    page = client.get("/")
    assert page.status_code == 200
    assert page["Cache-Control"] == "private, no-store"
    # Logged out: nobody's answer, no header added.
    client.logout()
    assert "Cache-Control" not in client.get("/api/systems/")


def test_a_page_beyond_the_last_names_the_parameter(world):
    make_system(world, world.own, 0)
    client = token_client(world.users[Role.COORDINATOR], "en")
    response = client.get("/api/systems/", {"page": "99999"})
    assert response.status_code == 404  # as the schema documents
    assert response.json() == {"detail": "Invalid page: there is no page 99999 (the page parameter)."}
