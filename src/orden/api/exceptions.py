from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import ProtectedError
from django.utils.translation import gettext as _
from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from orden.core.api import django_errors_to_drf


def exception_handler(exc, context):
    if isinstance(exc, DjangoValidationError):
        exc = django_errors_to_drf(exc)
    if isinstance(exc, ProtectedError):
        used_by = sorted({str(obj) for obj in exc.protected_objects})[:10]
        return Response(
            {"detail": _("The object is still in use and was not deleted."), "used_by": used_by},
            status=status.HTTP_409_CONFLICT,
        )
    return drf_exception_handler(exc, context)
