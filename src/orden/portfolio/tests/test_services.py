"""Services, units, links, adoption from Kommune-Los, the matrix report and the review cycle."""

import datetime

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from orden.api.models import ApiToken
from orden.core.models import ChangeRecord
from orden.core.roles import Role
from orden.organizations.models import Unit
from orden.portfolio.models import Service, ServiceSystem, ServiceTemplate, System
from orden.portfolio.reviews import send_review_reminders
from orden.portfolio.tests.specs import make_system


def api_for(user):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {ApiToken.issue(user, 't')[1]}")
    return client


@pytest.fixture
def leader(world):
    return world.users[Role.SERVICE_LEADER]


@pytest.fixture
def service(world, leader):
    return Service.objects.create(organization=world.own, name="Barnehageopptak", process_owner=leader)


def test_the_head_of_a_service_links_a_system_and_both_pages_show_it(client, world, leader, service):
    system = make_system(world, world.own, 0)
    client.force_login(leader)
    page = client.get(service.get_absolute_url())
    assert page.context["may_link"]
    response = client.post(
        reverse("portfolio:servicesystem_add"),
        {
            "service": service.pk,
            "system": system.pk,
            "role": "primary",
            "note": "Søknader",
            "next": page.request["PATH_INFO"],
        },
    )
    assert response.status_code == 302 and response["Location"] == service.get_absolute_url()
    assert ServiceSystem.objects.filter(service=service, system=system).exists()
    system_tab = client.get(reverse("portfolio:system_tab", args=[system.pk, "services"])).content.decode()
    assert "Barnehageopptak" in system_tab
    again = client.post(
        reverse("portfolio:servicesystem_add"), {"service": service.pk, "system": system.pk, "role": "supporting"}
    )
    assert again.status_code == 422 and "system" in again.context["form"].errors
    assert ServiceSystem.objects.count() == 1


def test_the_head_cannot_link_to_a_service_they_do_not_lead(client, world, leader):
    other_service = Service.objects.create(organization=world.own, name="Byggesak")
    system = make_system(world, world.own, 0)
    client.force_login(leader)
    response = client.post(
        reverse("portfolio:servicesystem_add"), {"service": other_service.pk, "system": system.pk, "role": "primary"}
    )
    assert response.status_code == 403
    assert not ServiceSystem.objects.exists()


def test_a_unit_cannot_become_its_own_ancestor(client, world):
    top = Unit.objects.create(organization=world.own, name="Oppvekst")
    middle = Unit.objects.create(organization=world.own, name="Skoler", parent=top)
    bottom = Unit.objects.create(organization=world.own, name="Skule A", parent=middle)
    client.force_login(world.users[Role.COORDINATOR])
    response = client.post(
        reverse("organizations:unit_edit", args=[top.pk]),
        {"name": "Oppvekst", "parent": bottom.pk, "base_version": top.version},
    )
    assert response.status_code == 422 and "parent" in response.context["form"].errors
    top.refresh_from_db()
    assert top.parent is None


def test_a_leader_must_be_a_member(world):
    stranger = world.other_users[Role.COORDINATOR]
    response = api_for(world.users[Role.COORDINATOR]).post(
        "/api/units/", {"organization": world.own.pk, "name": "Enhet", "leader": stranger.pk}, format="json"
    )
    assert response.status_code == 400 and "leader" in response.data


def test_deleting_a_unit_asks_where_its_services_go(client, world, service):
    unit = Unit.objects.create(organization=world.own, name="Barnehager")
    child = Unit.objects.create(organization=world.own, name="Barnehage A", parent=unit)
    target = Unit.objects.create(organization=world.own, name="Oppvekst")
    Service.objects.filter(pk=service.pk).update(responsible_unit=unit)
    client.force_login(world.users[Role.COORDINATOR])
    refused = client.post(reverse("organizations:unit_delete", args=[unit.pk]), {})
    assert refused.status_code == 422
    assert Unit.objects.filter(pk=unit.pk).exists()
    moved = client.post(reverse("organizations:unit_delete", args=[unit.pk]), {"move_to": target.pk})
    assert moved.status_code == 302
    service.refresh_from_db()
    child.refresh_from_db()
    assert service.responsible_unit == target and child.parent == target
    assert not Unit.objects.filter(pk=unit.pk).exists()
    assert ChangeRecord.objects.filter(object_id=service.pk, message__contains="Barnehager").exists()


def test_unit_page_shows_services_systems_and_cost(client, world, service):
    unit = Unit.objects.create(organization=world.own, name="Barnehager")
    Service.objects.filter(pk=service.pk).update(responsible_unit=unit)
    system = make_system(world, world.own, 0)
    ServiceSystem.objects.create(organization=world.own, service=service, system=system)
    client.force_login(world.users[Role.READER])
    response = client.get(unit.get_absolute_url())
    assert list(response.context["services"]) == [service]
    assert list(response.context["systems"]) == [system]
    assert response.context["annual_cost"] == 120000


def test_adopting_common_services_is_atomic_and_keeps_los_identifiers(client, world):
    templates = list(ServiceTemplate.objects.filter(kostra_function__isnull=False)[:3])
    client.force_login(world.users[Role.COORDINATOR])
    response = client.post(reverse("portfolio:service_adopt"), {"templates": [t.pk for t in templates]})
    assert response.status_code == 302
    services = Service.objects.filter(organization=world.own)
    assert {s.template.uri for s in services} == {t.uri for t in templates}
    assert all(s.kostra_function_id == s.template.kostra_function_id and s.sector_id for s in services)
    # Adopting again does not duplicate.
    client.post(reverse("portfolio:service_adopt"), {"templates": [t.pk for t in templates]})
    assert services.count() == 3
    assert client.post(reverse("portfolio:service_adopt"), {"templates": ["999999"]}).status_code == 422
    created = api_for(world.users[Role.COORDINATOR]).post(
        "/api/services/adopt/",
        {"organization": world.own.pk, "templates": [ServiceTemplate.objects.last().pk]},
        format="json",
    )
    assert created.status_code == 201 and created.data[0]["los_uri"].startswith("https://psi.norge.no/los/ord/")
    assert client.get(reverse("portfolio:service_adopt")).status_code == 200


def test_matrix_report_and_exports(client, world, service):
    unit = Unit.objects.create(organization=world.own, name="Oppvekst")
    Service.objects.filter(pk=service.pk).update(responsible_unit=unit)
    other = Service.objects.create(organization=world.own, name="Byggesak")
    primary, supporting = make_system(world, world.own, 0), make_system(world, world.own, 1)
    ServiceSystem.objects.create(organization=world.own, service=service, system=primary, role="primary")
    ServiceSystem.objects.create(organization=world.own, service=other, system=supporting, role="supporting")
    make_system(world, world.other, 2)
    client.force_login(world.users[Role.READER])
    response = client.get(reverse("reports:service_matrix"), {"unit": unit.pk})
    assert [s.name for s, _cells in response.context["rows"]] == ["Barnehageopptak"]
    assert [s.name for s in response.context["matrix"].systems] == ["System 0"]
    everything = client.get(reverse("reports:service_matrix"))
    assert len(everything.context["matrix"].systems) == 2
    csv = client.get(reverse("reports:service_matrix"), {"export": "csv"}).content.decode("utf-8-sig").splitlines()
    assert csv[0] == ";System 0;System 1;Totalt"  # with a total per row and a total row (issue 7)
    assert csv[1].startswith("Barnehageopptak;") and len(csv) == 4 and csv[3] == "Totalt;1;1;2"
    xlsx = client.get(reverse("reports:service_matrix"), {"export": "xlsx"})
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")
    api = api_for(world.users[Role.READER]).get("/api/reports/service-matrix/", {"organization": world.own.pk}).data
    assert {s["name"] for s in api["systems"]} == {"System 0", "System 1"}


def test_my_responsibilities_page_and_api(client, world, leader, service):
    owner = world.users[Role.SYSTEM_OWNER]
    make_system(world, world.own, 0)
    client.force_login(owner)
    response = client.get(reverse("reports:responsibilities"))
    ((system, gaps, due),) = response.context["systems"]
    assert system.name == "System 0" and due and gaps
    client.force_login(leader)
    assert list(client.get(reverse("reports:responsibilities")).context["services"]) == [service]
    data = api_for(owner).get("/api/reports/responsibilities/", {"organization": world.own.pk}).data
    assert data["systems"][0]["review_due"] is True


def test_confirming_still_correct_is_one_click_and_recorded(client, world):
    system = make_system(world, world.own, 0)
    client.force_login(world.users[Role.SYSTEM_OWNER])
    client.post(reverse("portfolio:system_confirm", args=[system.pk]))
    system.refresh_from_db()
    assert system.last_reviewed == timezone.localdate()
    record = ChangeRecord.objects.get(object_id=system.pk, content_type__model="system")
    assert record.user == world.users[Role.SYSTEM_OWNER]
    assert record.postchange_data["last_reviewed"] == timezone.localdate().isoformat()
    reader = api_for(world.users[Role.READER])
    assert reader.post(f"/api/systems/{system.pk}/confirm/").status_code == 403


def test_review_interval_must_be_positive(client, world):
    client.force_login(world.users[Role.COORDINATOR])
    for bad in ("0", "-3"):
        response = client.post(reverse("organization_settings"), {"review_interval_months": bad})
        assert response.status_code == 422
    assert client.post(reverse("organization_settings"), {"review_interval_months": "6"}).status_code == 302
    world.own.refresh_from_db()
    assert world.own.review_interval_months == 6
    client.force_login(world.users[Role.ARCHITECT])
    assert client.get(reverse("organization_settings")).status_code == 403


def test_reminder_digest_once_per_owner_per_interval(world, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    owner = world.users[Role.SYSTEM_OWNER]
    for n in range(3):
        make_system(world, world.own, n)  # all owned by the system owner, never confirmed
    confirmed = make_system(world, world.own, 3)
    System.objects.filter(pk=confirmed.pk).update(last_reviewed=timezone.localdate())
    assert send_review_reminders() == 1
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [owner.email]
    assert "System 0" in message.body and "System 2" in message.body and "System 3" not in message.body
    # A second run the same day, and one a month later, send nothing new.
    call_command("send_review_reminders")
    assert send_review_reminders(now=timezone.now() + datetime.timedelta(days=30)) == 0
    assert len(mail.outbox) == 1
    # After the interval the owner is reminded again.
    assert send_review_reminders(now=timezone.now() + datetime.timedelta(days=400)) == 1
    assert len(mail.outbox) == 2


def test_reminder_task_runs_in_the_worker_backend(world, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    from orden.portfolio.tasks import send_review_reminders_task

    make_system(world, world.own, 0)
    result = send_review_reminders_task.enqueue()
    assert result.return_value == 1 and len(mail.outbox) == 1
