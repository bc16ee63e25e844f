"""The organisation a user works in now (``request.organization``) and their role in it."""

from orden.core.permissions import is_platform_admin, roles_by_organization

from .models import Organization

SESSION_ORGANIZATION_KEY = "orden_organization"


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
