"""The organisation a user works in now (``request.organization``) and their role in it."""

from django.contrib import messages
from django.utils.translation import gettext as _

from orden.core.permissions import is_platform_admin, roles_by_organization

from .models import Organization

SESSION_ORGANIZATION_KEY = "orden_organization"


def may_work_in(user, organization_id) -> bool:
    """Whether ``user`` may choose ``organization_id`` as their current organisation: one they belong to
    (active organisations only), or any for a platform admin."""
    return organization_id in roles_by_organization(user) or is_platform_admin(user)


class CurrentOrganizationMiddleware:
    """Set ``request.organization`` (the organisation the user works in now) and ``request.role``.

    The choice is kept in the session; a user may only choose an organisation they belong to
    (platform admins any). The user's roles are resolved here, once for the request.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.organization = None
        request.role = None
        if request.user.is_authenticated:
            roles = roles_by_organization(request.user)
            wanted = request.session.get(SESSION_ORGANIZATION_KEY)
            if wanted not in roles and not is_platform_admin(request.user):
                wanted = next(iter(sorted(roles)), None)
            if wanted is not None:
                request.organization = Organization.objects.filter(pk=wanted, is_active=True).first()
                request.role = roles.get(wanted)
        return self.get_response(request)


def enter_organization(request, organization_id) -> bool:
    """Make ``organization_id`` the current organisation of the request and the session, and say so on the
    page; False when the user may not work there (or it is not active).

    Core calls this (setting ``ORDEN_ENTER_ORGANIZATION``) when a link leads to an object of another
    organisation than the current one, so the object opens instead of answering 404.
    """
    if not request.user.is_authenticated or not may_work_in(request.user, organization_id):
        return False
    organization = Organization.objects.filter(pk=organization_id, is_active=True).first()
    if organization is None:
        return False
    request.session[SESSION_ORGANIZATION_KEY] = organization.pk
    request.organization = organization
    request.role = roles_by_organization(request.user).get(organization.pk)
    messages.info(request, _("You are now working in %(organization)s.") % {"organization": organization.name})
    return True
