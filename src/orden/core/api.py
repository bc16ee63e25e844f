"""API base: a serializer and a viewset that every model's API declares, with the same policy, history and
stale-write protection as the UI. A model's API is a viewset (queryset, filterset) and, where it shows more
than the model's ``edit_fields``, a serializer: everything else is here."""

from functools import cache

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.shortcuts import get_object_or_404
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import exceptions, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from . import history
from .history import describe_changes
from .models import TenantModel, errors_by_field
from .roles import Action

ACTIONS = {
    "list": Action.VIEW,
    "retrieve": Action.VIEW,
    "history": Action.VIEW,
    "update": Action.CHANGE,
    "partial_update": Action.CHANGE,
    "restore": Action.CHANGE,
    "destroy": Action.DELETE,
}


class PreconditionFailed(exceptions.APIException):
    status_code = status.HTTP_412_PRECONDITION_FAILED
    default_code = "stale"
    default_detail = gettext_lazy(
        "The object was changed by someone else since the version you sent; nothing was saved."
    )


class PreconditionRequired(exceptions.APIException):
    status_code = 428
    default_code = "precondition_required"
    default_detail = gettext_lazy("Send the object's ETag in an If-Match header to change it.")


def django_errors_to_drf(error: DjangoValidationError) -> exceptions.ValidationError:
    if hasattr(error, "error_dict"):
        return exceptions.ValidationError(
            {
                "non_field_errors" if field == NON_FIELD_ERRORS else field: [str(m) for e in errors for m in e.messages]
                for field, errors in errors_by_field(error).items()
            }
        )
    return exceptions.ValidationError({"non_field_errors": error.messages})


class UserLanguageMixin:
    """Answer in the user's language. Token users are only known once DRF has authenticated them, after
    the middleware has run, so the language is chosen again here: right after authentication, before the
    permission and throttle checks, whose messages are translated when they are raised. A request that
    fails authentication keeps the middleware's language (the language cookie, else bokmål)."""

    def perform_authentication(self, request):
        super().perform_authentication(request)
        language = getattr(request.user, "language", None)
        if language in dict(settings.LANGUAGES):
            translation.activate(language)
            request.LANGUAGE_CODE = language

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        response["Content-Language"] = translation.get_language()
        return response


class OrdenModelSerializer(serializers.ModelSerializer):
    """Runs the model's own validation (``clean()``, the organisation rule, uniqueness with the model's
    messages) so the API refuses what the UI refuses, and writes through history.

    Without ``Meta.fields`` the fields are ``id``, the organisation (tenant models), the model's
    ``edit_fields``, the fields declared on the serializer, ``version`` and ``Meta.read_only_fields``: the
    same list as the form, written once on the model.
    """

    version = serializers.IntegerField(read_only=True)

    def get_field_names(self, declared_fields, info):
        meta = self.Meta
        if getattr(meta, "fields", None) is not None or getattr(meta, "exclude", None) is not None:
            return super().get_field_names(declared_fields, info)
        names = ["id", *(["organization"] if issubclass(meta.model, TenantModel) else []), *meta.model.edit_fields]
        for name in [*declared_fields, *getattr(meta, "read_only_fields", ())]:
            if name not in names:
                names.append(name)
        return names

    def get_unique_together_validators(self):
        return []  # the model's own uniqueness checks run in validate(), with messages users understand

    def validate(self, attrs):
        attrs = super().validate(attrs)
        model = self.Meta.model
        if (
            self.instance is not None
            and "organization" in attrs
            and attrs["organization"] != self.instance.organization
        ):
            raise exceptions.ValidationError({"organization": _("An object cannot be moved to another organisation.")})
        candidate = model(**{k: v for k, v in attrs.items() if not model._meta.get_field(k).many_to_many})
        if self.instance is not None:
            candidate.pk = self.instance.pk
            candidate._state.adding = False  # uniqueness checks then exclude the row itself
            for field in model._meta.concrete_fields:
                if field.name not in attrs:
                    setattr(candidate, field.attname, getattr(self.instance, field.attname))
        try:
            candidate.clean()
            if isinstance(candidate, TenantModel):
                # clean() checks the foreign keys; many-to-many choices are only in the payload.
                many = {k: v for k, v in attrs.items() if model._meta.get_field(k).many_to_many}
                errors = candidate.organization_errors(many)
                if errors:
                    raise DjangoValidationError(errors)
            candidate.validate_unique()
            candidate.validate_constraints()
        except DjangoValidationError as error:
            raise django_errors_to_drf(error) from error
        return attrs

    def _write(self, instance, validated_data, **save_kwargs):
        many = {k: validated_data.pop(k) for k in list(validated_data) if instance._meta.get_field(k).many_to_many}
        for field, value in validated_data.items():
            setattr(instance, field, value)

        def save_related():
            for field, value in many.items():
                getattr(instance, field).set(value)

        return history.save(instance, self.context["request"].user, save_related=save_related, **save_kwargs)

    def create(self, validated_data):
        instance = self.Meta.model()
        if hasattr(instance, "created_by_id"):
            instance.created_by = self.context["request"].user
        return self._write(instance, validated_data)

    def update(self, instance, validated_data):
        return self._write(
            instance,
            validated_data,
            expected_version=self.context.get("expected_version"),
            before=history.snapshot(instance),
        )


@cache
def model_serializer(model) -> type[OrdenModelSerializer]:
    """The serializer of a model that needs nothing beyond its ``edit_fields`` (named like a declared one,
    so the OpenAPI schema reads the same)."""
    meta = type("Meta", (), {"model": model})
    return type(f"{model.__name__}Serializer", (OrdenModelSerializer,), {"Meta": meta, "__module__": model.__module__})


class ChangeRecordSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="record.pk")
    time = serializers.DateTimeField(source="record.time")
    user = serializers.CharField(source="record.user_name")
    action = serializers.CharField(source="record.action")
    version = serializers.IntegerField(source="record.object_version", allow_null=True)
    message = serializers.CharField(source="record.message")
    changes = serializers.ListField(child=serializers.DictField())


@extend_schema_view(
    update=extend_schema(parameters=[OpenApiParameter("If-Match", str, OpenApiParameter.HEADER, required=True)]),
    partial_update=extend_schema(
        parameters=[OpenApiParameter("If-Match", str, OpenApiParameter.HEADER, required=True)]
    ),
)
class OrdenViewSet(UserLanguageMixin, viewsets.ModelViewSet):
    """List, retrieve, create, update (with If-Match), delete, history and restore for one model.

    Attributes:
        queryset: the model's rows with the joins the serializer needs; the policy restricts it per action.
        serializer_class: an ``OrdenModelSerializer``; by default one of the model's ``edit_fields``.
        filterset_class: the model's ``OrdenFilterSet`` (the same as the list page's).
    """

    http_method_names = ["get", "post", "put", "patch", "delete", "head", "options"]

    @property
    def model(self):
        return self.queryset.model

    def get_serializer_class(self):
        return self.serializer_class or model_serializer(self.model)

    def get_queryset(self):
        # ``queryset`` declares the joins; the policy decides the rows, per action (hidden means 404).
        return self.queryset.all().restrict(self.request.user, ACTIONS.get(self.action, Action.VIEW))

    def retrieve(self, request, *args, **kwargs):
        response = super().retrieve(request, *args, **kwargs)
        response["ETag"] = f'"{response.data["version"]}"'
        return response

    def expected_version(self, request) -> int:
        header = request.headers.get("If-Match")
        if not header:
            raise PreconditionRequired()
        try:
            return int(header.strip().removeprefix("W/").strip('"'))
        except ValueError as error:
            raise exceptions.ValidationError({"If-Match": _("Not an ETag of this API.")}) from error

    def get_serializer_context(self):
        context = super().get_serializer_context()
        if self.action in ("update", "partial_update"):
            context["expected_version"] = self.expected_version(self.request)
        return context

    def perform_create(self, serializer):
        data = serializer.validated_data
        candidate = self.model(**{k: v for k, v in data.items() if not self.model._meta.get_field(k).many_to_many})
        if hasattr(candidate, "created_by_id"):
            candidate.created_by = self.request.user
        if not self.model.policy.can(
            self.request.user, Action.ADD, obj=candidate, organization=data.get("organization")
        ):
            raise exceptions.PermissionDenied(_("You may not add this here."))
        serializer.save()

    def update(self, request, *args, **kwargs):
        try:
            response = super().update(request, *args, **kwargs)
        except history.StaleObjectError as stale:
            return self.stale_response(stale)
        response["ETag"] = f'"{response.data["version"]}"'
        return response

    def perform_destroy(self, instance):
        header = self.request.headers.get("If-Match")
        history.delete(
            instance, self.request.user, expected_version=self.expected_version(self.request) if header else None
        )

    def destroy(self, request, *args, **kwargs):
        try:
            return super().destroy(request, *args, **kwargs)
        except history.StaleObjectError as stale:
            return self.stale_response(stale)

    def stale_response(self, stale):
        changes = self.describe(list(stale.changes_since))
        return Response(
            {
                "detail": _("The object was changed by someone else since the version you sent; nothing was saved."),
                "current_version": type(stale.obj)._base_manager.values_list("version", flat=True).get(pk=stale.obj.pk),
                "changes_since": ChangeRecordSerializer(changes, many=True).data,
            },
            status=status.HTTP_412_PRECONDITION_FAILED,
        )

    def describe(self, records):
        return [
            {"record": record, "changes": [{"field": str(f), "before": b, "after": a} for f, b, a in rows]}
            for record, rows in describe_changes(self.model, records)
        ]

    @extend_schema(responses=ChangeRecordSerializer(many=True))
    @action(detail=True, methods=["get"])
    def history(self, request, pk=None):
        obj = self.get_object()
        return Response(ChangeRecordSerializer(self.describe(list(history.history_of(obj)[:200])), many=True).data)

    @extend_schema(request=None, responses={200: None})
    @action(detail=True, methods=["post"], url_path=r"history/(?P<record_id>\d+)/restore")
    def restore(self, request, pk=None, record_id=None):
        obj = self.get_object()
        record = get_object_or_404(history.history_of(obj), pk=record_id)
        try:
            with transaction.atomic():
                history.restore(obj, record, request.user)
        except DjangoValidationError as error:
            raise django_errors_to_drf(error) from error
        return Response(self.get_serializer(obj).data)
