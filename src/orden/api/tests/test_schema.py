import difflib

import pytest
import yaml
from django.core.management import call_command
from django.urls import reverse

from orden.api.urls import router


@pytest.mark.django_db
def test_the_openapi_schema_describes_every_endpoint(client, world):
    client.force_login(world.users["platform_admin"])
    response = client.get(reverse("api-schema"))
    assert response.status_code == 200
    schema = yaml.safe_load(response.content)
    assert schema["openapi"].startswith("3.")
    paths = set(schema["paths"])
    for prefix, _viewset, _basename in router.registry:
        assert any(path.startswith(f"/api/{prefix}/") for path in paths), prefix
    # Writes advertise the If-Match header that protects against lost updates.
    parameters = schema["paths"]["/api/systems/{id}/"]["patch"]["parameters"]
    assert any(parameter["name"] == "If-Match" and parameter["in"] == "header" for parameter in parameters)


@pytest.mark.django_db
def test_swagger_ui_is_served_locally(client, world):
    client.force_login(world.users["platform_admin"])
    page = client.get(reverse("api-docs")).content.decode()
    assert "cdn" not in page.lower() and "/static/drf_spectacular_sidecar/" in page


REGENERATE = "make openapi"


@pytest.mark.django_db
def test_the_committed_schema_is_the_one_the_code_generates(tmp_path, settings):
    generated = tmp_path / "openapi.yaml"
    # The same command as `make openapi`; a warning (an endpoint the generator cannot type) also fails.
    call_command("spectacular", "--file", str(generated), "--lang", "en", "--validate", "--fail-on-warn")
    committed = settings.BASE_DIR / "docs" / "openapi.yaml"
    assert committed.exists(), f"docs/openapi.yaml is missing: run `{REGENERATE}` and commit it"
    before, after = committed.read_text().splitlines(), generated.read_text().splitlines()
    diff = list(difflib.unified_diff(before, after, "committed", "generated", lineterm=""))
    assert not diff, (
        f"docs/openapi.yaml differs from what the code generates: run `{REGENERATE}`, review the diff and commit "
        "it.\n" + "\n".join(diff[:80])
    )


def resolve(schema, node):
    """``node``, or what its ``$ref`` points to."""
    for key in node.get("$ref", "#").removeprefix("#/").split("/") if "$ref" in node else []:
        schema = schema[key]
    return schema if "$ref" in node else node


@pytest.mark.django_db
def test_every_operation_documents_its_errors_and_the_lock(client, world):
    client.force_login(world.users["platform_admin"])
    schema = yaml.safe_load(client.get(reverse("api-schema")).content)
    systems, one = schema["paths"]["/api/systems/"], schema["paths"]["/api/systems/{id}/"]
    for operation in [*systems.values(), *one.values()]:
        assert {"401", "429"} <= set(operation["responses"]), operation["operationId"]
    assert {"400", "404"} <= set(systems["get"]["responses"])
    assert {"400", "403"} <= set(systems["post"]["responses"])
    for method in ("put", "patch"):
        responses = one[method]["responses"]
        assert {"400", "403", "404", "412", "428"} <= set(responses)
        stale = resolve(schema, responses["412"])
        assert stale["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/StaleError"}
        assert "ETag" in responses["200"]["headers"]
        # The link from the answer passes its ETag on as If-Match: a client can follow the lock.
        assert responses["200"]["links"]["systems_destroy"]["parameters"]["header.If-Match"] == "$response.header.ETag"
    assert {"404", "409", "412"} <= set(one["delete"]["responses"]) and "428" not in one["delete"]["responses"]
    assert "ETag" in one["get"]["responses"]["200"]["headers"]
    # Restore changes the version: its answer is the object with its ETag, linked on as an update's is.
    restored = schema["paths"]["/api/systems/{id}/history/{record_id}/restore/"]["post"]["responses"]["200"]
    assert "ETag" in restored["headers"] and "application/json" in restored["content"]
    assert restored["links"]["systems_partial_update"]["parameters"]["header.If-Match"] == "$response.header.ETag"
    # History and usage are paged lists without the model's filters.
    for path in ("/api/systems/{id}/history/", "/api/products/{id}/usage/"):
        operation = schema["paths"][path]["get"]
        assert {p["name"] for p in operation["parameters"] if p["in"] == "query"} == {"page", "per_page"}, path
        assert operation["responses"]["200"]["content"]["application/json"]["schema"]["$ref"].startswith(
            "#/components/schemas/Paginated"
        )
    # A POST answering a list is neither paged nor filtered.
    adopt = schema["paths"]["/api/services/adopt/"]["post"]
    assert not [p for p in adopt.get("parameters", []) if p["in"] == "query"]
    assert adopt["responses"]["201"]["content"]["application/json"]["schema"]["type"] == "array"
