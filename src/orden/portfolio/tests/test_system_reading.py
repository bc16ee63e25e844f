"""Reading a system: the overview leads with what needs attention, then groups the facts (issue 7)."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from orden.catalog.models import ProductVersion
from orden.core.dates import add_months
from orden.core.roles import Role
from orden.organizations.models import Contact
from orden.portfolio.attention import attention_of, support_state
from orden.portfolio.models import Service, ServiceSystem, System
from orden.portfolio.tests.specs import make_system


def codes(client, system):
    response = client.get(system.get_absolute_url())
    assert response.status_code == 200
    return [item.code for item in response.context["attention"]], response.content.decode()


@pytest.fixture
def system(world):
    return make_system(world, world.own, 0)


@pytest.fixture
def reader(client, world):
    client.force_login(world.users[Role.READER])
    return client


def set_version(system, end_of_support):
    version = ProductVersion.objects.create(product=system.product, name="9.1", end_of_support=end_of_support)
    System.objects.filter(pk=system.pk).update(product_version=version)


def test_an_unsupported_or_soon_unsupported_version_is_flagged_first(reader, system):
    today = timezone.localdate()
    set_version(system, today - datetime.timedelta(days=1))
    found, html = codes(reader, system)
    assert found[0] == "unsupported_version" and "support_ending" not in found
    assert 'data-attention="unsupported_version"' in html and "9.1" in html
    ProductVersion.objects.update(end_of_support=add_months(today, 11))
    found, html = codes(reader, system)
    assert found[0] == "support_ending" and "unsupported_version" not in found
    ProductVersion.objects.update(end_of_support=add_months(today, 13))
    found, _html = codes(reader, system)
    assert "support_ending" not in found and "unsupported_version" not in found
    # A retired system needs no supported version.
    ProductVersion.objects.update(end_of_support=today - datetime.timedelta(days=30))
    System.objects.filter(pk=system.pk).update(lifecycle="retired")
    assert "unsupported_version" not in codes(reader, system)[0]


def test_support_state_warns_twelve_months_ahead():
    today = datetime.date(2026, 12, 1)
    version = ProductVersion(end_of_support=datetime.date(2027, 12, 1))
    assert support_state(version, today) == "ending"
    version.end_of_support = datetime.date(2027, 12, 2)
    assert support_state(version, today) is None
    version.end_of_support = datetime.date(2026, 11, 30)
    assert support_state(version, today) == "ended"
    assert support_state(None, today) is None


def test_an_overdue_confirmation_follows_the_review_interval(reader, world, system):
    world.own.review_interval_months = 6
    world.own.save()
    found, _html = codes(reader, system)
    assert "review_overdue" in found  # never confirmed
    never = next(
        item for item in attention_of(System.objects.get(pk=system.pk), world.own) if item.code == "review_overdue"
    )
    assert never.day is None
    today = timezone.localdate()
    System.objects.filter(pk=system.pk).update(last_reviewed=today)
    assert "review_overdue" not in codes(reader, system)[0]
    System.objects.filter(pk=system.pk).update(last_reviewed=add_months(today, -7))
    found, _html = codes(reader, system)
    assert "review_overdue" in found
    item = next(
        item for item in attention_of(System.objects.get(pk=system.pk), world.own) if item.code == "review_overdue"
    )
    assert item.day == add_months(today, -7)
    world.own.review_interval_months = 12
    world.own.save()
    assert "review_overdue" not in codes(reader, system)[0]


def test_a_missing_owner_is_flagged_and_the_owner_may_fix_it(client, world, system):
    client.force_login(world.users[Role.COORDINATOR])
    System.objects.filter(pk=system.pk).update(owner=None)
    found, html = codes(client, system)
    assert "no_owner" in found
    edit = reverse("portfolio:system_edit", args=[system.pk])
    assert f'href="{edit}#id_owner"' in html
    System.objects.filter(pk=system.pk).update(owner=world.users[Role.SYSTEM_OWNER])
    assert "no_owner" not in codes(client, system)[0]


def test_completeness_gaps_link_to_the_completeness_tab(reader, world, system):
    found, html = codes(reader, system)
    assert "incomplete" in found  # no responsible, no service
    item = next(
        item for item in reader.get(system.get_absolute_url()).context["attention"] if item.code == "incomplete"
    )
    assert {rule.code for rule in item.gaps} >= {"no_responsible", "no_service"}
    assert 0 < item.score < 100
    assert reverse("portfolio:system_tab", args=[system.pk, "completeness"]) in html
    # Everything in order: nothing needs attention.
    service = Service.objects.create(organization=world.own, name="Byggesak")
    ServiceSystem.objects.create(organization=world.own, service=service, system=system)
    System.objects.filter(pk=system.pk).update(
        responsible=world.users[Role.SYSTEM_OWNER], last_reviewed=timezone.localdate()
    )
    found, html = codes(reader, system)
    assert found == []
    assert '<p class="ds-alert" data-color="success">' in html


def test_facts_are_grouped_with_lifecycle_and_criticality_as_tags(reader, system):
    System.objects.filter(pk=system.pk).update(criticality="critical", lifecycle="phasing_out")
    response = reader.get(system.get_absolute_url())
    groups = {slug: facts for slug, _heading, facts in response.context["fact_groups"]}
    assert list(groups) == ["about", "responsibility", "security", "hosting", "cost", "people"]
    tags = {label: tag for facts in groups.values() for label, _raw, _text, tag, _name in facts if tag}
    assert sorted(tags.values()) == ["danger", "warning"]
    html = response.content.decode()
    assert '<span class="ds-tag" data-color="danger">' in html and '<span class="ds-tag" data-color="warning">' in html
    # Every field of the form is on the page, once.
    labels = [label for facts in groups.values() for label, *_rest in facts]
    # (the name is the heading; an empty description is left out)
    assert len(labels) == len(set(labels)) and len(labels) >= len(System.edit_fields) - 2
    # The "Confirm still correct" button stays in the header for those who may change the system.
    assert "system_confirm" not in html and reverse("portfolio:system_confirm", args=[system.pk]) not in html


def test_the_owner_sees_the_confirm_button(client, world, system):
    client.force_login(world.users[Role.SYSTEM_OWNER])
    html = client.get(system.get_absolute_url()).content.decode()
    assert reverse("portfolio:system_confirm", args=[system.pk]) in html


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_detail_page_costs_the_same_queries_however_full(reader, world):
    bare = System.objects.create(organization=world.own, name="Tomt")
    full = make_system(world, world.own, 1)
    version = ProductVersion.objects.create(product=full.product, name="2.0", end_of_support=timezone.localdate())
    contacts = [Contact.objects.create(organization=world.own, name=f"Kontakt {n}") for n in range(5)]
    full.product_version, full.vendor_contact = version, contacts[0]
    full.responsible = world.users[Role.ARCHITECT]
    full.save()
    full.super_users.set(contacts)
    for n in range(3):
        service = Service.objects.create(organization=world.own, name=f"Tjeneste {n}")
        ServiceSystem.objects.create(organization=world.own, service=service, system=full)
    reader.get(bare.get_absolute_url())  # warm the session
    one, many = count_queries(reader, bare.get_absolute_url()), count_queries(reader, full.get_absolute_url())
    assert one == many, f"{one} queries for an empty system, {many} for a full one"
    assert many <= 7, many  # the system and its completeness gaps in one query (docs/performance.md)
