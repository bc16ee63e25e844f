"""API base: a serializer and a viewset that every model's API declares, with the same policy, history and
stale-write protection as the UI. A model's API is a viewset (queryset, filterset) and, where it shows more
than the model's ``edit_fields``, a serializer: everything else is here."""

import re
from functools import cache

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import models, transaction
from django.db.backends.base.operations import BaseDatabaseOperations
from django.shortcuts import get_object_or_404
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from . import history
from .forms import parse_id
from .history import describe_changes
from .models import ChangeAction, TenantModel, errors_by_field
from .roles import Action
from .schema import ETAG_PATTERN, ErrorSerializer

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

    def initial(self, request, *args, **kwargs):
        # Content negotiation (``?format=``, ``Accept``, a format suffix such as ``/1.5/``) refuses before DRF
        # authenticates: learn the token user's language first, so those errors are in it too.
        self.format_kwarg = self.get_format_suffix(**kwargs)
        self.perform_authentication(request)
        super().initial(request, *args, **kwargs)

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


class StrictBooleanField(serializers.BooleanField):
    """``true`` or ``false`` only, as the schema says: DRF's own also takes ``0``, ``"yes"`` or ``"on"``."""

    def to_internal_value(self, data):
        if isinstance(data, bool):
            return data
        self.fail("invalid", input=data)


class StrictTextMixin:
    """Text only, as the schema says: DRF's text fields also take numbers (``0`` is saved as ``"0"``)."""

    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("invalid")
        return super().to_internal_value(data)


@cache
def strict_text(field_class: type) -> type:
    return type(f"Strict{field_class.__name__}", (StrictTextMixin, field_class), {})


class ScopedRelatedField(serializers.PrimaryKeyRelatedField):
    """A related row of a tenant model, looked up among the rows the requesting user may see (the policy):
    another organisation's id is then "does not exist", like a missing one, and tells nothing about it.
    Lazy, so reading adds no query."""

    def get_queryset(self):
        queryset = super().get_queryset()
        request = self.context.get("request")
        return queryset.restrict(request.user) if request is not None else queryset


class OrganizationMemberField(serializers.PrimaryKeyRelatedField):
    """A person named in a tenant row: someone who is not a member and someone who does not exist get the
    same message, so the API tells no one which user ids exist (the membership is checked in validate())."""

    default_error_messages = {"does_not_exist": gettext_lazy("Must be a member of the organisation.")}


class OrdenModelSerializer(serializers.ModelSerializer):
    """Runs the model's own validation (``clean()``, the organisation rule, uniqueness with the model's
    messages) so the API refuses what the UI refuses, and writes through history.

    Without ``Meta.fields`` the fields are ``id``, the organisation (tenant models), the model's
    ``edit_fields``, the fields declared on the serializer, ``version`` and ``Meta.read_only_fields``: the
    same list as the form, written once on the model.
    """

    serializer_field_mapping = {
        **serializers.ModelSerializer.serializer_field_mapping,
        models.BooleanField: StrictBooleanField,
    }
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

    def build_standard_field(self, field_name, model_field):
        field_class, field_kwargs = super().build_standard_field(field_name, model_field)
        if issubclass(field_class, serializers.CharField):
            field_class = strict_text(field_class)
        # Django bounds integer fields by the database in use (none on SQLite, the column's range on
        # PostgreSQL); the API takes the column's portable range on every database, so that it accepts the
        # same values and its schema is the same whichever database generates it.
        portable = BaseDatabaseOperations.integer_field_ranges.get(model_field.get_internal_type())
        if portable is not None:
            low, high = portable
            field_kwargs["min_value"] = max(field_kwargs.get("min_value", low), low)
            field_kwargs["max_value"] = min(field_kwargs.get("max_value", high), high)
        return field_class, field_kwargs

    def build_relational_field(self, field_name, relation_info):
        field_class, field_kwargs = super().build_relational_field(field_name, relation_info)
        related = relation_info.related_model
        if field_class is serializers.PrimaryKeyRelatedField:
            if issubclass(related, TenantModel):
                field_class = ScopedRelatedField
            elif related is get_user_model() and field_name in getattr(self.Meta.model, "same_organization", ()):
                field_class = OrganizationMemberField
        return field_class, field_kwargs

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

        try:
            return history.save(instance, self.context["request"].user, save_related=save_related, **save_kwargs)
        except DjangoValidationError as error:  # the saved state failed the row's validate_saved()
            raise django_errors_to_drf(error) from error

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


class ChangeSerializer(serializers.Serializer):
    # Described in English, like the rest of the schema's own text.
    field = serializers.CharField(help_text="The field's label.")
    before = serializers.CharField(help_text="The value before, as users see it (— when empty).")
    after = serializers.CharField(help_text="The value after, as users see it (— when empty).")


class ChangeRecordSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="record.pk")
    time = serializers.DateTimeField(source="record.time")
    user = serializers.CharField(source="record.user_name")
    action = serializers.ChoiceField(source="record.action", choices=ChangeAction.choices)
    version = serializers.IntegerField(source="record.object_version", allow_null=True)
    message = serializers.CharField(source="record.message")
    changes = ChangeSerializer(many=True)


class StaleErrorSerializer(ErrorSerializer):
    """The answer to a write with a stale If-Match (412)."""

    current_version = serializers.IntegerField(help_text="The object's current version (send it as If-Match).")
    changes_since = ChangeRecordSerializer(many=True, help_text="The changes since the version you sent.")


class OrdenViewSet(UserLanguageMixin, viewsets.ModelViewSet):
    """List, retrieve, create, update (with If-Match), delete, history and restore for one model.

    Attributes:
        queryset: the model's rows with the joins the serializer needs; the policy restricts it per action.
        serializer_class: an ``OrdenModelSerializer``; by default one of the model's ``edit_fields``.
        filterset_class: the model's ``OrdenFilterSet`` (the same as the list page's).
        etag_actions, if_match_required, if_match_optional, stale_serializer: the optimistic lock. The
            object's version is its ``ETag``; writes send it back in ``If-Match`` (428 without it where it is
            required, 412 with the ``stale_serializer`` body when stale). The OpenAPI schema describes the
            headers and answers from these (``core/schema.py``).
    """

    etag_actions = ("retrieve", "create", "update", "partial_update", "restore")
    if_match_required = ("update", "partial_update")
    if_match_optional = ("destroy",)
    stale_serializer = StaleErrorSerializer
    http_method_names = ["get", "post", "put", "patch", "delete", "head", "options"]

    @property
    def model(self):
        return self.queryset.model

    def get_serializer_class(self):
        return self.serializer_class or model_serializer(self.model)

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        # An id that is not a number a database integer holds ("abc", 30 digits) names no object: 404,
        # never a failed query. (A URL pattern would do too, but would make the id a string in the schema.)
        if "pk" in kwargs and parse_id(kwargs["pk"]) is None:
            raise exceptions.NotFound()

    def get_queryset(self):
        # ``queryset`` declares the joins; the policy decides the rows, per action (hidden means 404).
        return self.queryset.all().restrict(self.request.user, ACTIONS.get(self.action, Action.VIEW))

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if self.action in self.etag_actions and response.status_code in (200, 201) and "version" in response.data:
            response["ETag"] = f'"{response.data["version"]}"'
        return response

    def expected_version(self, request) -> int:
        header = request.headers.get("If-Match")
        if header is None:
            raise PreconditionRequired()
        if not re.fullmatch(ETAG_PATTERN, header.strip()):
            raise exceptions.ValidationError({"If-Match": _("Not an ETag of this API.")})
        return int(header.strip().removeprefix("W/").strip('"'))

    def get_serializer_context(self):
        context = super().get_serializer_context()
        if self.action in self.if_match_required:
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
        return response

    def perform_destroy(self, instance):
        sent = "If-Match" in self.request.headers  # optional, but an empty or malformed one is a 400
        history.delete(
            instance, self.request.user, expected_version=self.expected_version(self.request) if sent else None
        )

    def destroy(self, request, *args, **kwargs):
        try:
            return super().destroy(request, *args, **kwargs)
        except history.StaleObjectError as stale:
            return self.stale_response(stale)

    def stale_response(self, stale):
        changes = self.describe(list(stale.changes_since))
        return Response(
            self.stale_serializer(
                {
                    "detail": _(
                        "The object was changed by someone else since the version you sent; nothing was saved."
                    ),
                    "current_version": type(stale.obj)
                    ._base_manager.values_list("version", flat=True)
                    .get(pk=stale.obj.pk),
                    "changes_since": changes,
                }
            ).data,
            status=status.HTTP_412_PRECONDITION_FAILED,
        )

    def describe(self, records):
        return [
            {"record": record, "changes": [{"field": str(f), "before": b, "after": a} for f, b, a in rows]}
            for record, rows in describe_changes(self.model, records)
        ]

    def paginated(self, rows, serializer, describe=lambda page: page):
        """A page of ``rows`` (an extra action's list), as the model's list is paged; ``describe`` turns the
        page's rows into what ``serializer`` shows."""
        page = self.paginate_queryset(rows)
        return self.get_paginated_response(serializer(describe(page), many=True).data)

    # Extra actions on one object take no list filters: they would filter the object itself away.
    @extend_schema(responses=ChangeRecordSerializer(many=True))
    @action(detail=True, methods=["get"], filter_backends=[])
    def history(self, request, pk=None):
        records = history.history_of(self.get_object())
        return self.paginated(records, ChangeRecordSerializer, describe=lambda page: self.describe(list(page)))

    # Answers the restored object (with its new version as the ETag), as an update does.
    @extend_schema(request=None)
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
