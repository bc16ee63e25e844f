import pytest
import yaml
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
