"""The API's exception handler: every error answers with a message in the user's language.

DRF's and Django's own messages are translated through Orden's catalogues (see ``orden.api.messages``).
The few errors whose text DRF or Django write in English only are replaced here: a 404 (Django's
``get_object_or_404`` names the model in English, "No System matches the given query."), a throttled
request (DRF formats the wait into the msgid before translating it, so it is never found), a body that is
not valid JSON (DRF appends Python's English parser error) and a failed CSRF check (Django's English reason).
"""

import json

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import ProtectedError
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from orden.core.api import django_errors_to_drf


def not_found() -> exceptions.NotFound:
    # Hidden means 404: the same answer whether the object does not exist or the user may not see it.
    return exceptions.NotFound(_("The object does not exist, or you do not have access to it."))


def throttled(exc: exceptions.Throttled) -> exceptions.Throttled:
    if exc.wait is None:
        detail = _("Too many requests. Try again later.")
    else:
        detail = ngettext(
            "Too many requests. Try again in %(wait)s second.",
            "Too many requests. Try again in %(wait)s seconds.",
            exc.wait,
        ) % {"wait": exc.wait}
    replacement = exceptions.Throttled(detail=detail)
    replacement.wait = exc.wait  # DRF sets Retry-After from it
    return replacement


def parse_error(exc: exceptions.ParseError) -> exceptions.ParseError:
    text = str(exc.detail)
    if text.startswith("JSON parse error"):
        cause = exc.__context__
        if isinstance(cause, json.JSONDecodeError):
            return exceptions.ParseError(
                _("The request body is not valid JSON (line %(line)s, column %(column)s).")
                % {"line": cause.lineno, "column": cause.colno}
            )
        return exceptions.ParseError(_("The request body is not valid JSON."))
    if text.startswith("Multipart form parse error"):
        return exceptions.ParseError(_("The request body could not be read as a multipart form."))
    return exc


def exception_handler(exc, context):
    if isinstance(exc, DjangoValidationError):
        exc = django_errors_to_drf(exc)
    if isinstance(exc, ProtectedError):
        used_by = sorted({str(obj) for obj in exc.protected_objects})[:10]
        return Response(
            {"detail": _("The object is still in use and was not deleted."), "used_by": used_by},
            status=status.HTTP_409_CONFLICT,
        )
    if isinstance(exc, Http404):
        exc = not_found()
    elif isinstance(exc, exceptions.Throttled):
        exc = throttled(exc)
    elif isinstance(exc, exceptions.ParseError):
        exc = parse_error(exc)
    elif isinstance(exc, exceptions.PermissionDenied) and str(exc.detail).startswith("CSRF Failed"):
        exc = exceptions.PermissionDenied(_("CSRF check failed. Send the CSRF token in the X-CSRFToken header."))
    return drf_exception_handler(exc, context)
