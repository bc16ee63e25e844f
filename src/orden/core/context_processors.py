from django.conf import settings

from .permissions import is_catalogue_editor, is_platform_admin


def orden(request):
    user = getattr(request, "user", None)
    if not user or not user.is_authenticated:
        return {"LANGUAGES": settings.LANGUAGES}
    from orden.organizations.models import Membership

    return {
        "current_organization": getattr(request, "organization", None),
        "current_role": getattr(request, "role", None),
        "my_memberships": Membership.objects.filter(user=user).select_related("organization"),
        "is_platform_admin": is_platform_admin(user),
        "is_catalogue_editor": is_catalogue_editor(user),
    }
