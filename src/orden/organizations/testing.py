"""Test data shared by every app's tests: organisations, users with roles, and the ``world`` fixture of the
permission matrix (loaded from src/orden/conftest.py)."""

import pytest

from orden.core.roles import Role
from orden.core.testing.matrix import ADMIN, OUTSIDER, World

from .middleware import SESSION_ORGANIZATION_KEY
from .models import Membership, Organization, User


def make_organization(name, municipality_number, organization_number, **extra):
    return Organization.objects.create(
        name=name,
        kind="municipality",
        municipality_number=municipality_number,
        organization_number=organization_number,
        **extra,
    )


def make_user(username, organization=None, role=None, **extra):
    user = User.objects.create_user(username=username, email=f"{username}@example.org", password=None, **extra)
    if organization is not None:
        Membership.objects.create(organization=organization, user=user, role=role)
    return user


def work_in(client, user, organization):
    """Log ``client`` in as ``user``, working in ``organization`` (honoured only for members and platform admins)."""
    client.force_login(user)
    session = client.session
    session[SESSION_ORGANIZATION_KEY] = organization.pk
    session.save()
    return client


@pytest.fixture
def world(db) -> World:
    # Real municipality numbers; organisation numbers with a valid MOD11 check digit.
    own = make_organization("Vinje", "4036", "964964076")
    other = make_organization("Tokke", "4034", "964963630")
    users = {role: make_user(f"own-{role}", own, role) for role in Role.values}
    users[ADMIN] = make_user("platform-admin", is_superuser=True, is_staff=True)
    users[OUTSIDER] = make_user("outsider")
    other_users = {role: make_user(f"other-{role}", other, role) for role in (Role.COORDINATOR, Role.SYSTEM_OWNER)}
    return World(own=own, other=other, users=users, other_users=other_users)
