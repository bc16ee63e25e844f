"""The permission matrix and query-count tests, generated for every model that declares a ModelSpec."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from rest_framework.test import APIClient

from orden.api.models import ApiToken
from orden.core.models import TenantModel
from orden.core.testing.matrix import ACTIONS, ADMIN, ALL_ACTORS, OTHER, OWN, all_specs
from orden.core.views import ModelViews
from orden.organizations.testing import work_in

SPECS = all_specs()
CASES = [
    pytest.param(spec, actor, side, action, id=f"{spec.label}-{actor}-{side}-{action}")
    for spec in SPECS
    for actor in ALL_ACTORS
    for side in (OWN, OTHER)
    for action in ACTIONS
]


def rows_in(spec, org):
    manager = spec.model._base_manager
    return manager.filter(organization=org).count() if issubclass(spec.model, TenantModel) else manager.count()


def ui_client(client, world, actor, org):
    return work_in(client, world.users[actor], org)


def api_client(world, actor):
    _token, key = ApiToken.issue(world.users[actor], "test")
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client


@pytest.mark.django_db
@pytest.mark.parametrize(("spec", "actor", "side", "action"), CASES)
def test_ui_permissions(client, world, spec, actor, side, action):
    org = world.own if side == OWN else world.other
    allowed = spec.may(actor, action, side)
    client = ui_client(client, world, actor, org)
    model = spec.model
    if action == "add":
        before = rows_in(spec, org)
        response = client.post(reverse(model.url_name("add")), spec.form_data(world, org, 1))
        if allowed:
            assert response.status_code == 302, response.content.decode()[:2000]
            assert rows_in(spec, org) == before + 1
        else:
            assert rows_in(spec, org) == before
            assert response.status_code in (302, 403, 422)
        return
    obj = spec.make(world, org, 0)
    if action == "view":
        response = client.get(obj.get_absolute_url())
        assert response.status_code == (200 if allowed else 404)
    elif action == "change":
        data = {**spec.form_data(world, org, 2), "base_version": obj.version}
        response = client.post(reverse(model.url_name("edit"), args=[obj.pk]), data)
        obj.refresh_from_db()
        if allowed:
            assert response.status_code == 302, response.content.decode()[:3000]
            assert obj.version == 2
        else:
            assert response.status_code == 404
            assert obj.version == 1
    elif action == "delete":
        response = client.post(reverse(model.url_name("delete"), args=[obj.pk]))
        assert response.status_code == (302 if allowed else 404)
        assert model._base_manager.filter(pk=obj.pk).exists() is not allowed


@pytest.mark.django_db
@pytest.mark.parametrize(("spec", "actor", "side", "action"), CASES)
def test_api_permissions(world, spec, actor, side, action):
    org = world.own if side == OWN else world.other
    allowed = spec.may(actor, action, side)
    client = api_client(world, actor)
    list_url = reverse(f"{spec.api_basename}-list")
    if action == "add":
        before = rows_in(spec, org)
        response = client.post(list_url, spec.api_data(world, org, 1), format="json")
        if allowed:
            assert response.status_code == 201, response.data
            assert rows_in(spec, org) == before + 1
        else:
            assert response.status_code in (400, 403), response.data
            assert rows_in(spec, org) == before
        return
    obj = spec.make(world, org, 0)
    detail_url = reverse(f"{spec.api_basename}-detail", args=[obj.pk])
    if action == "view":
        response = client.get(detail_url)
        assert response.status_code == (200 if allowed else 404)
        listed = {row["id"] for row in client.get(list_url, {"id": obj.pk}).data["results"]}
        assert (obj.pk in listed) is allowed
    elif action == "change":
        response = client.patch(detail_url, spec.api_data(world, org, 2), format="json", HTTP_IF_MATCH='"1"')
        obj.refresh_from_db()
        assert response.status_code == (200 if allowed else 404), getattr(response, "data", None)
        assert obj.version == (2 if allowed else 1)
    elif action == "delete":
        response = client.delete(detail_url)
        assert response.status_code == (204 if allowed else 404)
        assert model_exists(spec, obj) is not allowed


def model_exists(spec, obj):
    return spec.model._base_manager.filter(pk=obj.pk).exists()


def count_queries(callable_, rows):
    """The queries of one request, which must show ``rows`` rows (an empty page would prove nothing)."""
    with CaptureQueriesContext(connection) as queries:
        response = callable_()
    assert response.status_code == 200
    shown = (
        response.context["page"].paginator.count
        if hasattr(response, "context") and response.context
        else (response.data["count"])
    )
    assert shown >= rows, f"the list shows {shown} rows, expected at least {rows}"
    return len(queries)


@pytest.mark.django_db
@pytest.mark.parametrize("spec", SPECS, ids=[spec.label for spec in SPECS])
def test_list_query_count_is_constant(client, world, spec):
    """A list page and an API list cost the same number of queries for 1 and for 50 rows."""
    org = world.own
    ui = ui_client(client, world, ADMIN, org)
    api = api_client(world, ADMIN)
    list_url = reverse(spec.model.url_name("list"))
    api_url = reverse(f"{spec.api_basename}-list")
    spec.make(world, org, 0)
    ui.get(list_url), api.get(api_url)  # warm up: session and token bookkeeping happen once
    ui_one, api_one = count_queries(lambda: ui.get(list_url), 1), count_queries(lambda: api.get(api_url), 1)
    for n in range(1, 50):
        spec.make(world, org, n)
    ui_many, api_many = count_queries(lambda: ui.get(list_url), 50), count_queries(lambda: api.get(api_url), 50)
    assert ui_many == ui_one, f"UI list of {spec.label}: {ui_one} queries for 1 row, {ui_many} for 50"
    assert api_many == api_one, f"API list of {spec.label}: {api_one} queries for 1 row, {api_many} for 50"


def test_every_model_with_views_has_a_spec():
    """A new model cannot skip the matrix: every model with generic views must declare a ModelSpec."""
    declared = {views.model._meta.label for views in _all_subclasses(ModelViews)}
    covered = {spec.label for spec in SPECS}
    assert declared, "no ModelViews found"
    assert declared <= covered, f"models without a ModelSpec: {sorted(declared - covered)}"


def _all_subclasses(cls):
    import orden.urls  # noqa: F401  (imports every app's views)

    for sub in cls.__subclasses__():
        if hasattr(sub, "model"):
            yield sub
        yield from _all_subclasses(sub)
