"""History, restore, stale writes and bulk edits: through the UI, the API and the history module."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from orden.api.models import ApiToken
from orden.core import history
from orden.core.models import ChangeAction, ChangeRecord
from orden.core.roles import Role
from orden.portfolio.models import System
from orden.portfolio.tests.specs import make_system


@pytest.fixture
def coordinator(world):
    return world.users[Role.COORDINATOR]


@pytest.fixture
def system(world):
    return make_system(world, world.own, 0)


@pytest.fixture
def api(coordinator):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {ApiToken.issue(coordinator, 'test')[1]}")
    return client


def without_spaces(text):
    return text.replace("\xa0", "").replace(" ", "")


def edit(client, system, **changes):
    data = {
        "name": system.name,
        "product": system.product_id,
        "lifecycle": system.lifecycle,
        "criticality": system.criticality,
        "annual_cost": system.annual_cost,
        "owner": system.owner_id,
        "base_version": system.version,
    }
    data.update(changes)
    return client.post(
        reverse("portfolio:system_edit", args=[system.pk]), {k: v for k, v in data.items() if v is not None}
    )


def test_every_change_is_recorded_with_field_differences(client, coordinator, system):
    client.force_login(coordinator)
    response = edit(client, system, annual_cost=450000, criticality="critical")
    assert response.status_code == 302
    record = history.history_of(system).first()
    assert record.action == ChangeAction.UPDATE
    assert record.user == coordinator
    assert record.object_version == 2
    changed = {field: (before, after) for field, before, after in record.differences()}
    assert changed == {"annual_cost": ("120000", "450000"), "criticality": ("high", "critical")}
    page = client.get(reverse("portfolio:system_history", args=[system.pk]))
    assert "450000" in without_spaces(page.content.decode())  # shown with the locale's thousand separator


def test_restore_brings_back_the_earlier_version_and_is_recorded(client, coordinator, system):
    client.force_login(coordinator)
    history.save(system, coordinator)  # the creation record the UI would have written
    first = history.history_of(system).first()
    edit(client, system, annual_cost=999000)
    system.refresh_from_db()
    assert system.annual_cost == 999000
    response = client.post(reverse("portfolio:system_restore", args=[system.pk, first.pk]))
    assert response.status_code == 302
    system.refresh_from_db()
    assert system.annual_cost == 120000
    assert history.history_of(system).first().action == ChangeAction.RESTORE


def test_stale_edit_in_the_ui_is_refused_and_shows_what_changed(client, coordinator, world, system):
    client.force_login(coordinator)
    assert edit(client, system, annual_cost=200000).status_code == 302  # someone else saves first
    response = edit(client, system, annual_cost=300000)  # still based on version 1
    assert response.status_code == 409
    content = response.content.decode()
    assert 'id="stale-heading"' in content
    assert "200000" in without_spaces(content)
    system.refresh_from_db()
    assert system.annual_cost == 200000 and system.version == 2


def test_stale_write_in_the_api_answers_412_and_nothing_is_saved(api, system):
    url = reverse("system-detail", args=[system.pk])
    response = api.get(url)
    assert response["ETag"] == '"1"'
    assert api.patch(url, {"annual_cost": 200000}, format="json", HTTP_IF_MATCH='"1"').status_code == 200
    stale = api.patch(url, {"annual_cost": 300000}, format="json", HTTP_IF_MATCH='"1"')
    assert stale.status_code == 412
    assert stale.data["current_version"] == 2
    assert stale.data["changes_since"][0]["changes"][0]["field"]
    system.refresh_from_db()
    assert system.annual_cost == 200000


def test_api_write_without_if_match_is_refused(api, system):
    response = api.patch(reverse("system-detail", args=[system.pk]), {"annual_cost": 1}, format="json")
    assert response.status_code == 428
    system.refresh_from_db()
    assert system.version == 1


def test_api_history_and_restore(api, coordinator, system):
    history.save(system, coordinator)
    first = history.history_of(system).first()
    url = reverse("system-detail", args=[system.pk])
    api.patch(url, {"name": "Omdøpt"}, format="json", HTTP_IF_MATCH='"2"')
    page = api.get(f"{url}history/").data
    assert page["count"] == len(page["results"]) >= 2 and page["previous"] is None  # a page, as lists are
    records = page["results"]
    assert (
        records[0]["changes"] == [{"field": "Name", "before": "System 0", "after": "Omdøpt"}]
        or records[0]["changes"][0]["after"] == "Omdøpt"
    )
    restored = api.post(f"{url}history/{first.pk}/restore/")
    assert restored.status_code == 200
    assert restored.data["name"] == "System 0"
    # Restoring is a change: its answer carries the new version, as an update's does.
    assert restored["ETag"] == f'"{restored.data["version"]}"' and restored.data["version"] > 2


def test_bulk_edit_changes_all_and_records_each(client, coordinator, world):
    systems = [make_system(world, world.own, n) for n in range(3)]
    client.force_login(coordinator)
    response = client.post(
        reverse("portfolio:system_bulk_edit"), {"pk": [s.pk for s in systems], "lifecycle": "phasing_out", "apply": "1"}
    )
    assert response.status_code == 302
    assert set(System.objects.filter(pk__in=[s.pk for s in systems]).values_list("lifecycle", flat=True)) == {
        "phasing_out"
    }
    assert ChangeRecord.objects.filter(object_id__in=[s.pk for s in systems], action="update").count() == 3


def test_bulk_edit_is_all_or_nothing(client, world):
    """A system owner may change only their own systems; one foreign row in the selection stops it all."""
    owner = world.users[Role.SYSTEM_OWNER]
    mine = make_system(world, world.own, 1)
    not_mine = make_system(world, world.own, 2)
    not_mine.owner = None
    not_mine.save()
    client.force_login(owner)
    client.post(
        reverse("portfolio:system_bulk_edit"), {"pk": [mine.pk, not_mine.pk], "lifecycle": "retired", "apply": "1"}
    )
    assert not System.objects.filter(lifecycle="retired").exists()


def test_delete_is_recorded_and_the_record_survives(client, coordinator, system):
    client.force_login(coordinator)
    client.post(reverse("portfolio:system_delete", args=[system.pk]))
    record = ChangeRecord.objects.get(object_id=system.pk, action=ChangeAction.DELETE)
    assert record.prechange_data["name"] == "System 0"
    assert record.postchange_data is None
