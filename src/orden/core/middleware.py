"""Request middleware: the user's language, session lifetime, and the current organisation."""

import time

from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.utils import translation

from . import history
from .permissions import is_platform_admin, roles_by_organization

SESSION_ORGANIZATION_KEY = "orden_organization"


class LanguageMiddleware:
    """Bokmål unless the user chose otherwise: on their profile, or (before login) with the language
    cookie. The browser's Accept-Language is deliberately ignored: Orden is Norwegian by default."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        available = {code for code, _name in settings.LANGUAGES}
        if request.user.is_authenticated:
            language = request.user.language
        else:
            language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = language if language in available else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response


class SessionLifetimeMiddleware:
    """End a session after 30 minutes without activity and 12 hours after login."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            now = time.time()
            started = request.session.setdefault("orden_started", now)
            last_seen = request.session.get("orden_last_seen", now)
            idle = settings.SESSION_IDLE_TIMEOUT.total_seconds()
            absolute = settings.SESSION_ABSOLUTE_TIMEOUT.total_seconds()
            if now - last_seen > idle or now - started > absolute:
                logout(request)
                return redirect_to_login(request.get_full_path())
            # Write the session at most once a minute, not on every request.
            if now - last_seen > 60 or "orden_last_seen" not in request.session:
                request.session["orden_last_seen"] = now
        return self.get_response(request)


class CurrentOrganizationMiddleware:
    """Set ``request.organization`` (the organisation the user works in now) and ``request.role``.

    The choice is kept in the session; a user may only choose an organisation they belong to
    (platform admins any). Also groups all history records of the request under one id.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.organization = None
        request.role = None
        if request.user.is_authenticated:
            from orden.organizations.models import Organization

            roles = roles_by_organization(request.user)
            wanted = request.session.get(SESSION_ORGANIZATION_KEY)
            if wanted not in roles and not is_platform_admin(request.user):
                wanted = next(iter(sorted(roles)), None)
            if wanted is not None:
                request.organization = Organization.objects.filter(pk=wanted, is_active=True).first()
                request.role = roles.get(wanted)
        with history.change_group():
            return self.get_response(request)
