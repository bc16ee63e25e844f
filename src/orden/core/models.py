"""Base models: every Orden model is versioned, change-logged and restricted by its policy."""

import uuid
from typing import ClassVar

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models
from django.urls import reverse
from django.utils.text import capfirst
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from .permissions import Policy, TenantPolicy


class RestrictedQuerySet(models.QuerySet):
    def restrict(self, user, action="view"):
        """The rows this user may see (or change, add to, delete) according to the model's policy."""
        return self.model.policy.restrict(self, user, action)

    def usage(self, user):
        """The cross-organisation facts of a tenant model (only its policy's ``usage_fields``)."""
        return self.model.policy.usage(self, user)


class OrdenModel(models.Model):
    """A model with an optimistic-locking version, timestamps and a change history.

    Attributes:
        policy: who may view, add, change and delete rows (``core.permissions``).
        edit_fields: the fields a user edits, in the order the form shows them. The model's form and its
            API serializer both derive from this one list.
        history_exclude: fields left out of history snapshots.
    """

    version = models.PositiveIntegerField(_("version"), default=1, editable=False)
    created = models.DateTimeField(_("created"), auto_now_add=True)
    updated = models.DateTimeField(_("updated"), auto_now=True)

    objects = RestrictedQuerySet.as_manager()

    policy: Policy = Policy()
    edit_fields: ClassVar[tuple[str, ...]] = ()
    # Fields left out of history snapshots (they change on every save and say nothing).
    history_exclude = ("created", "updated")

    class Meta:
        abstract = True

    def get_absolute_url(self):
        return reverse(f"{self._meta.app_label}:{self._meta.model_name}_detail", args=[self.pk])

    def validate_saved(self):
        """Checks that need the row saved with its related rows: ``history.save`` calls it in the transaction,
        after saving, and a ``ValidationError`` undoes the save (a published description must still pass)."""

    @classmethod
    def url_name(cls, view: str) -> str:
        return f"{cls._meta.app_label}:{cls._meta.model_name}_{view}"

    @property
    def organization_id_for_history(self):
        return None


def translated(obj, prefix: str) -> str:
    """The value of ``<prefix>_<language>`` for the active UI language (bokmål when it is empty)."""
    language = (get_language() or "nb")[:2]
    return getattr(obj, f"{prefix}_{language}", None) or getattr(obj, f"{prefix}_nb")


class TranslatedLabel(models.Model):
    """A reference-list entry with a label in each UI language; ``label`` is the one to show now."""

    label_nb = models.CharField(_("name (bokmål)"), max_length=200)
    label_nn = models.CharField(_("name (nynorsk)"), max_length=200)
    label_en = models.CharField(_("name (English)"), max_length=200)

    class Meta:
        abstract = True

    def __str__(self):
        return self.label

    @property
    def label(self) -> str:
        return translated(self, "label")


class TenantModel(OrdenModel):
    """A row that belongs to one organisation: visible to its members only.

    Attributes:
        same_organization: fields that name rows (of other tenant models) or people, which must belong to
            this row's organisation: a row of the same organisation, a member of it. Forms offer only
            those (``OrdenModelForm``), and ``clean()`` and the API refuse anything else, so a model
            states the rule once. The organisation model provides ``members()``.
    """

    organization = models.ForeignKey(
        settings.ORDEN_ORGANIZATION_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name=_("organisation")
    )

    policy = TenantPolicy()
    same_organization: ClassVar[tuple[str, ...]] = ()

    class Meta:
        abstract = True

    @property
    def organization_id_for_history(self):
        return self.organization_id

    def clean(self):
        errors = self.organization_errors()
        if errors:
            raise ValidationError(errors)

    def organization_errors(self, values: dict | None = None) -> dict:
        """The ``same_organization`` fields whose rows or people are not of this row's organisation.

        ``values`` maps field names to what is about to be saved (a row, a person, or a list of them, e.g.
        many-to-many choices from a form or an API payload); by default the foreign keys set on the row.
        """
        if values is None:
            values = {
                name: getattr(self, name)
                for name in self.same_organization
                if not self._meta.get_field(name).many_to_many and getattr(self, f"{name}_id", None) is not None
            }
        errors = {}
        for name, value in values.items():
            if name not in self.same_organization or value is None:
                continue
            rows = list(value) if isinstance(value, list | tuple | models.QuerySet) else [value]
            if not rows:
                continue
            if self._meta.get_field(name).related_model is get_user_model():
                members = self.organization.members().filter(pk__in=[row.pk for row in rows]).count()
                if members != len({row.pk for row in rows}):
                    errors[name] = _("Must be a member of the organisation.")
            elif any(row.organization_id != self.organization_id for row in rows):
                errors[name] = _("Choose one that belongs to your own organisation.")
        return errors

    def unique_error_message(self, model_class, unique_check):
        if "organization" in unique_check and len(unique_check) == 2:
            other = next(field for field in unique_check if field != "organization")
            label = self._meta.get_field(other).verbose_name
            # ``field_name`` lets forms and the API show the error next to the clashing field.
            return ValidationError(
                _("%(model)s with this %(field)s already exists in the organisation."),
                code="unique_together",
                params={"model": capfirst(self._meta.verbose_name), "field": label, "field_name": other},
            )
        return super().unique_error_message(model_class, unique_check)


def errors_by_field(error: ValidationError) -> dict:
    """A model's validation errors by field, with uniqueness clashes moved from the non-field errors to
    the field that clashes (see ``unique_error_message``)."""
    errors = error.update_error_dict({})
    for item in list(errors.get(NON_FIELD_ERRORS, [])):
        field = (getattr(item, "params", None) or {}).get("field_name")
        if getattr(item, "code", None) in ("unique_together", "unique") and field:
            errors[NON_FIELD_ERRORS].remove(item)
            errors.setdefault(field, []).append(item)
    if NON_FIELD_ERRORS in errors and not errors[NON_FIELD_ERRORS]:
        del errors[NON_FIELD_ERRORS]
    return errors


class ChangeAction(models.TextChoices):
    CREATE = "create", _("Created")
    UPDATE = "update", _("Changed")
    DELETE = "delete", _("Deleted")
    RESTORE = "restore", _("Restored")
    MERGE = "merge", _("Merged")


class ChangeRecord(models.Model):
    """One change to one object: who, when, and the object's state before and after.

    Written explicitly by ``orden.core.history.record`` in the same transaction as the change, also for
    bulk edits and imports; ``request_id`` groups the records of one request.
    """

    time = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    user_name = models.CharField(_("user"), max_length=150, blank=True)
    request_id = models.UUIDField(default=uuid.uuid4, db_index=True, editable=False)
    action = models.CharField(_("action"), max_length=10, choices=ChangeAction.choices)
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.BigIntegerField()
    object_repr = models.CharField(max_length=200)
    object_version = models.PositiveIntegerField(null=True)
    # No database constraint: the audit trail outlives a deleted organisation.
    organization = models.ForeignKey(
        settings.ORDEN_ORGANIZATION_MODEL,
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    prechange_data = models.JSONField(null=True, blank=True)
    postchange_data = models.JSONField(null=True, blank=True)
    message = models.CharField(_("message"), max_length=300, blank=True)

    class Meta:
        ordering = ["-time", "-pk"]
        indexes = [models.Index(fields=["content_type", "object_id", "-time"])]
        verbose_name = _("change")
        verbose_name_plural = _("changes")

    def __str__(self):
        return f"{self.get_action_display()} {self.object_repr}"

    def differences(self) -> list[tuple[str, object, object]]:
        """(field, before, after) for every field whose value differs; empty values ("", None, []) are equal."""
        before, after = self.prechange_data or {}, self.postchange_data or {}

        def value(data, field):
            found = data.get(field)
            return None if found in ("", []) else found

        return [
            (field, value(before, field), value(after, field))
            for field in sorted(set(before) | set(after))
            if value(before, field) != value(after, field) and field != "version"
        ]
