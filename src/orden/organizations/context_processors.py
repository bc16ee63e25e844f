"""The header's organisation switcher: the current organisation and role, and where the user may switch to."""

from orden.core.permissions import is_catalogue_editor, is_platform_admin
from orden.core.roles import Role

from .models import Membership, Organization


def organizations(request):
    user = getattr(request, "user", None)
    if not user or not user.is_authenticated:
        return {}
    admin = is_platform_admin(user)
    if admin:
        # Platform admins may work in any active organisation: the switcher lists them all.
        active = Organization.objects.filter(is_active=True).values_list("pk", "name")
        switchable = [(org_id, name, "") for org_id, name in active]
    else:
        # Every page renders the switcher: three columns, not a membership and its organisation per row.
        roles = dict(Role.choices)
        memberships = (
            Membership.objects.restrict(user)
            .filter(user=user)
            .order_by("organization__name")
            .values_list("organization_id", "organization__name", "role")
        )
        switchable = [(org_id, name, roles.get(role, role)) for org_id, name, role in memberships]
    return {
        "current_organization": getattr(request, "organization", None),
        "current_role": getattr(request, "role", None),
        "switchable_organizations": switchable,
        "is_platform_admin": admin,
        "is_catalogue_editor": is_catalogue_editor(user),
    }
