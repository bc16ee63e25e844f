"""An edit form posted without the version it was opened at is refused, as the API refuses a change without
If-Match (428), and one with a malformed version is a bad request (400): without the version the stale-write
check cannot run, and the edit would overwrite whatever others saved meanwhile. Generated for every model's
edit page."""

import pytest
from django.urls import reverse
from django.utils import translation

from orden.core.testing.matrix import ADMIN, all_specs
from orden.organizations.testing import work_in

SPECS = [pytest.param(spec, id=spec.label) for spec in all_specs()]
MISSING = (
    "This form was sent without the version it was opened at, so changes others made meanwhile cannot be "
    "detected. Nothing was saved: reload the form and make your changes again."
)
MALFORMED = (
    "This form was sent with a malformed version number, so changes others made meanwhile cannot be "
    "detected. Nothing was saved: reload the form and make your changes again."
)


def edit(client, world, spec, **version):
    obj = spec.make(world, world.own, 0)
    work_in(client, world.users[ADMIN], world.own)
    data = {**spec.form_data(world, world.own, 2), **version}
    return obj, client.post(reverse(spec.model.url_name("edit"), args=[obj.pk]), data)


@pytest.mark.django_db
@pytest.mark.parametrize("spec", SPECS)
@pytest.mark.parametrize(
    "version, status, message",
    [
        ({}, 428, MISSING),
        ({"base_version": ""}, 428, MISSING),
        ({"base_version": "abc"}, 400, MALFORMED),
        ({"base_version": "0"}, 400, MALFORMED),
        ({"base_version": "9" * 30}, 400, MALFORMED),
    ],
)
def test_an_edit_without_a_valid_version_is_refused(client, world, spec, version, status, message):
    obj, response = edit(client, world, spec, **version)
    assert response.status_code == status, response.content.decode()[:2000]
    with translation.override("nb"):
        expected = translation.gettext(message)
    page = response.content.decode()
    assert expected in page
    assert 'id="error-summary"' in page
    before = obj.version
    obj.refresh_from_db()
    assert obj.version == before  # nothing was saved


@pytest.mark.django_db
@pytest.mark.parametrize("spec", SPECS)
def test_an_edit_with_its_version_is_saved(client, world, spec):
    obj, response = edit(client, world, spec, base_version=1)
    assert response.status_code == 302, response.content.decode()[:2000]
    obj.refresh_from_db()
    assert obj.version == 2


@pytest.mark.django_db
def test_a_stale_version_is_still_a_conflict(client, world):
    spec = next(spec for spec in all_specs() if spec.model._meta.model_name == "system")
    obj, response = edit(client, world, spec, base_version=1)
    assert response.status_code == 302
    data = {**spec.form_data(world, world.own, 3), "base_version": 1}
    stale = client.post(reverse(spec.model.url_name("edit"), args=[obj.pk]), data)
    assert stale.status_code == 409
    obj.refresh_from_db()
    assert obj.version == 2


@pytest.mark.django_db
def test_the_edit_form_carries_its_version(client, world):
    spec = next(spec for spec in all_specs() if spec.model._meta.model_name == "system")
    obj = spec.make(world, world.own, 0)
    work_in(client, world.users[ADMIN], world.own)
    page = client.get(reverse(spec.model.url_name("edit"), args=[obj.pk])).content.decode()
    assert f'name="base_version" value="{obj.version}"' in page
