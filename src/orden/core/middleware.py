"""Request middleware: the user's language, private caching, the session lifetime and the history change group."""

import time

from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.utils import translation

from . import history


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


class PrivateCacheMiddleware:
    """Answers to a logged-in user (pages, API answers, exports) are theirs alone: no shared cache (a proxy)
    nor the browser's disk may keep them. Token users count too (DRF sets ``request.user`` when it
    authenticates, before this sees the response). A view that chose its own Cache-Control keeps it; the
    ETag of an API answer stays (If-Match needs no cache)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and "Cache-Control" not in response:
            response["Cache-Control"] = "private, no-store"
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


class ChangeGroupMiddleware:
    """Group every history record written while answering one request under one id."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with history.change_group():
            return self.get_response(request)
