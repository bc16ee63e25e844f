"""Django's error views (``handler400``, ``handler403``, ``handler404``, ``handler500`` in ``orden/urls.py``):
JSON in the user's language under the API, the HTML error pages everywhere else.

Errors raised inside an API view are answered by the API's exception handler; these views answer the
rest: a URL no view matches (``/api/nothing/``, ``/api/systems/abc/``), a request refused before any view
ran, and an exception nothing handled (500). The body has the API's shape, ``{"detail": "..."}``.
"""

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import JsonResponse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.views import defaults
from rest_framework import exceptions
from rest_framework.request import Request
from rest_framework.settings import api_settings

API_PATH_PREFIX = "/api/"  # where orden/urls.py mounts the API


def is_api(request) -> bool:
    return request.path_info.startswith(API_PATH_PREFIX)


def use_token_language(request):
    """A token user's language is known only once the API has authenticated them, which it never did for
    a URL no view answers: authenticate here too (the session's user is known to the middleware already).
    An unknown token keeps the middleware's language: the error itself is the answer."""
    user = getattr(request, "user", None)  # None when the request failed before the middleware ran
    if user is None or user.is_authenticated:
        return
    # Only to learn the language: an error answered is no use of the token (HashedTokenAuthentication).
    request.record_token_use = False
    api_request = Request(request, authenticators=[auth() for auth in api_settings.DEFAULT_AUTHENTICATION_CLASSES])
    try:
        language = getattr(api_request.user, "language", None)
    except exceptions.APIException:
        return
    if language in dict(settings.LANGUAGES):
        translation.activate(language)


def api_error(request, status: int, detail, *, authenticate=True) -> JsonResponse:
    if authenticate:
        use_token_language(request)
    response = JsonResponse({"detail": str(detail)}, status=status)  # translated now, in the language chosen
    response["Content-Language"] = translation.get_language()
    return response


# The messages are DRF's own, translated by Orden's catalogues (orden/api/messages.py).
def too_large_detail() -> str:
    return _("The request body is too large: the limit is %(limit)s bytes.") % {
        "limit": settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    }


def bad_request(request, exception):
    if isinstance(exception, RequestDataTooBig):
        # Django refuses a body over DATA_UPLOAD_MAX_MEMORY_SIZE with a 400; it is a 413 (Content Too Large).
        if is_api(request):
            return api_error(request, 413, too_large_detail())
        response = defaults.bad_request(request, exception)
        response.status_code = 413
        return response
    if is_api(request):
        return api_error(request, 400, _("Malformed request."))
    return defaults.bad_request(request, exception)


def permission_denied(request, exception):
    if is_api(request):
        return api_error(request, 403, _("You do not have permission to perform this action."))
    return defaults.permission_denied(request, exception)


def page_not_found(request, exception):
    if is_api(request):
        return api_error(request, 404, _("Not found."))
    return defaults.page_not_found(request, exception)


def server_error(request):
    if is_api(request):
        # No second look at the database after a failure, which may have been the database's: the language
        # is the one already chosen for this request.
        return api_error(request, 500, _("A server error occurred."), authenticate=False)
    return defaults.server_error(request)
