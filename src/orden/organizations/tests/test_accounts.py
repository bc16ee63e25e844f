"""Logging in, sessions, throttling, API tokens, the organisation switcher and user management."""

import time

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from rest_framework.test import APIClient

from orden.api.models import ApiToken, hash_token
from orden.core.roles import Role
from orden.organizations.middleware import SESSION_ORGANIZATION_KEY
from orden.organizations.models import Membership, User
from orden.organizations.testing import make_user

PASSWORD = "Riktig-hest-batteri-42"


@pytest.fixture
def member(world):
    user = world.users[Role.ARCHITECT]
    user.set_password(PASSWORD)
    user.save()
    return user


def login(client, username, password):
    return client.post(reverse("login"), {"username": username, "password": password})


def test_login_and_logout(client, member):
    assert login(client, member.username, PASSWORD).status_code == 302
    assert client.get(reverse("home")).status_code == 200
    client.post(reverse("logout"))
    assert client.get(reverse("home")).status_code == 302


def test_repeated_failed_logins_are_throttled(client, member, settings):
    for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        assert login(client, member.username, "wrong-password").status_code == 200
    assert login(client, member.username, "wrong-password").status_code == 429  # the limit is reached
    locked = login(client, member.username, PASSWORD)
    assert locked.status_code == 429
    assert client.get(reverse("home")).status_code == 302  # still not logged in


def test_session_ends_after_idle_time(client, member, settings):
    client.force_login(member)
    assert client.get(reverse("home")).status_code == 200
    session = client.session
    session["orden_last_seen"] = time.time() - settings.SESSION_IDLE_TIMEOUT.total_seconds() - 5
    session.save()
    response = client.get(reverse("home"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_session_ends_twelve_hours_after_login_even_when_active(client, member, settings):
    client.force_login(member)
    client.get(reverse("home"))
    session = client.session
    session["orden_started"] = time.time() - settings.SESSION_ABSOLUTE_TIMEOUT.total_seconds() - 5
    session.save()
    assert client.get(reverse("home")).status_code == 302


def test_tokens_are_stored_hashed_and_password_auth_is_refused(member):
    token, key = ApiToken.issue(member, "export")
    assert token.key_hash == hash_token(key) and key not in token.key_hash
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    assert client.get("/api/systems/").status_code == 200
    client.credentials(HTTP_AUTHORIZATION="Token not-a-token")
    assert client.get("/api/systems/").status_code == 401
    client.credentials(HTTP_AUTHORIZATION="Basic b3duLWFyY2hpdGVjdDpSaWt0aWctaGVzdC1iYXR0ZXJpLTQy")
    assert client.get("/api/systems/").status_code in (401, 403)


def test_profile_creates_and_revokes_tokens(client, member):
    client.force_login(member)
    response = client.post(reverse("profile"), {"create_token": "1", "token_name": "rapport"})
    key = response.context["new_key"]
    assert ApiToken.objects.get(user=member).key_hash == hash_token(key)
    client.post(reverse("profile"), {"revoke_token": ApiToken.objects.get(user=member).pk})
    assert not ApiToken.objects.filter(user=member).exists()


def test_language_is_chosen_per_user(client, member):
    client.force_login(member)
    for language in ("nn", "en", "nb"):
        client.post(
            reverse("profile"), {"first_name": "A", "last_name": "B", "email": "a@example.org", "language": language}
        )
        assert client.get(reverse("home"))["Content-Language"] == language


def test_switcher_only_allows_own_organizations(client, world):
    user = world.users[Role.READER]
    Membership.objects.create(organization=world.other, user=make_user("two-orgs"), role=Role.READER)
    client.force_login(user)
    client.post(reverse("switch_organization"), {"organization": world.other.pk})
    assert client.session.get(SESSION_ORGANIZATION_KEY) != world.other.pk
    response = client.get(reverse("home"))
    assert response.context["current_organization"] == world.own


def test_member_of_two_organizations_switches(client, world):
    user = world.users[Role.READER]
    Membership.objects.create(organization=world.other, user=user, role=Role.ARCHITECT)
    client.force_login(user)
    client.post(reverse("switch_organization"), {"organization": world.other.pk})
    response = client.get(reverse("home"))
    assert response.context["current_organization"] == world.other
    assert response.context["current_role"] == Role.ARCHITECT


def test_coordinator_adds_a_member_by_email(client, world):
    client.force_login(world.users[Role.COORDINATOR])
    response = client.post(
        reverse("organizations:membership_add"), {"email": "Ny.Person@Example.org", "role": Role.SYSTEM_OWNER}
    )
    assert response.status_code == 302
    user = User.objects.get(email="ny.person@example.org")
    assert Membership.objects.get(user=user).role == Role.SYSTEM_OWNER
    again = client.post(
        reverse("organizations:membership_add"), {"email": "ny.person@example.org", "role": Role.READER}
    )
    assert again.status_code == 422
    assert (
        "already a member" in again.content.decode()
        or "allereie" in again.content.decode()
        or "allerede" in again.content.decode()
    )


def test_create_user_command(world):
    call_command(
        "create_user",
        "ny-arkitekt",
        "--email",
        "a@example.org",
        "--password",
        PASSWORD,
        "--organization",
        "4036",
        "--role",
        Role.ARCHITECT,
    )
    user = User.objects.get(username="ny-arkitekt")
    assert user.check_password(PASSWORD)
    assert Membership.objects.get(user=user).organization == world.own
    with pytest.raises(CommandError):
        call_command("create_user", "svak", "--password", "123")
    assert not User.objects.filter(username="svak").exists()


def test_organization_numbers_are_validated_in_the_form(client, world):
    client.force_login(world.users["platform_admin"])
    response = client.post(
        reverse("organizations:organization_add"),
        {
            "name": "Feil kommune",
            "kind": "municipality",
            "municipality_number": "12",
            "organization_number": "964964077",
        },
    )
    assert response.status_code == 422
    errors = response.context["form"].errors
    assert "municipality_number" in errors and "organization_number" in errors


def test_only_platform_admins_grant_the_catalogue_editor_role(client, world):
    coordinator = world.users[Role.COORDINATOR]
    client.force_login(coordinator)
    response = client.post(
        reverse("organizations:membership_add"), {"email": "x@example.org", "role": Role.CATALOGUE_EDITOR}
    )
    assert response.status_code == 422 and "role" in response.context["form"].errors
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {ApiToken.issue(coordinator, 't')[1]}")
    own = Membership.objects.get(user=coordinator)
    response = api.patch(
        f"/api/memberships/{own.pk}/", {"role": Role.CATALOGUE_EDITOR}, format="json", HTTP_IF_MATCH=f'"{own.version}"'
    )
    assert response.status_code == 400
    own.refresh_from_db()
    assert own.role == Role.COORDINATOR
    client.force_login(world.users["platform_admin"])
    client.post(reverse("switch_organization"), {"organization": world.own.pk})
    response = client.post(
        reverse("organizations:membership_add"), {"email": "y@example.org", "role": Role.CATALOGUE_EDITOR}
    )
    assert response.status_code == 302


def test_people_are_searchable_when_assigning_owners(client, world):
    from orden.organizations.models import Contact

    make_user("kari-nordmann", world.own, Role.READER, first_name="Kari", last_name="Nordmann")
    make_user("kari-utenfor", world.other, Role.READER, first_name="Kari", last_name="Utenfor")
    Contact.objects.create(organization=world.own, name="Kari Kontakt", employer="Acos AS")
    Contact.objects.create(organization=world.other, name="Kari Tokke", employer="Acos AS")
    client.force_login(world.users[Role.ARCHITECT])
    form = client.get(reverse("portfolio:system_add")).content.decode()
    assert reverse("organizations:member_options") in form and reverse("organizations:contact_options") in form
    people = client.get(reverse("organizations:member_options"), {"q": "kari"}).content.decode()
    assert "Kari Nordmann" in people and "Utenfor" not in people
    contacts = client.get(reverse("organizations:contact_options"), {"q": "acos"}).content.decode()
    assert "Kari Kontakt" in contacts and "Tokke" not in contacts
