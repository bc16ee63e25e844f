"""Change history and optimistic locking, written explicitly in the transaction of every change.

Views, the API, bulk edits and imports all change objects through ``save``, ``delete``,
``bulk_update`` and ``restore`` here; each writes a ``ChangeRecord`` with the before/after snapshot.
Signals are not used: they miss ``QuerySet.update`` and cost a query per row on bulk work.
"""

import contextvars
import json
import uuid
from collections.abc import Callable, Iterable
from contextlib import contextmanager

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.db.models import DecimalField, IntegerField
from django.utils import formats, timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from .models import ChangeAction, ChangeRecord

_request_id: contextvars.ContextVar[uuid.UUID | None] = contextvars.ContextVar("orden_request_id", default=None)


@contextmanager
def change_group():
    """Group every change made inside the block under one request id (a request, an import, a job)."""
    token = _request_id.set(uuid.uuid4())
    try:
        yield
    finally:
        _request_id.reset(token)


class StaleObjectError(Exception):
    """The object was changed by someone else since the version the user started from."""

    def __init__(self, obj, expected_version: int):
        self.obj = obj
        self.expected_version = expected_version
        super().__init__(f"{obj!r} has changed since version {expected_version}")

    @property
    def changes_since(self):
        return ChangeRecord.objects.filter(
            content_type=ContentType.objects.get_for_model(self.obj),
            object_id=self.obj.pk,
            object_version__gt=self.expected_version,
        ).order_by("time", "pk")


def snapshot(obj) -> dict:
    """The object's state as JSON-compatible data: concrete fields (foreign keys as ids) and many-to-many ids."""
    data = {}
    for field in obj._meta.concrete_fields:
        if field.primary_key or field.name in obj.history_exclude:
            continue
        data[field.name] = field.value_from_object(obj)
    if obj.pk:
        for field in obj._meta.many_to_many:
            data[field.name] = sorted(getattr(obj, field.name).values_list("pk", flat=True))
    return json.loads(json.dumps(data, cls=DjangoJSONEncoder))


def _record(obj, action, user, before, after, message="") -> ChangeRecord:
    return ChangeRecord(
        user=user if user and user.is_authenticated else None,
        user_name=user.get_username() if user and user.is_authenticated else "",
        request_id=_request_id.get() or uuid.uuid4(),
        action=action,
        content_type=ContentType.objects.get_for_model(obj),
        object_id=obj.pk,
        object_repr=str(obj)[:200],
        object_version=getattr(obj, "version", None),
        organization_id=obj.organization_id_for_history,
        prechange_data=before,
        postchange_data=after,
        message=message[:300],
    )


@transaction.atomic
def save(
    obj,
    user,
    *,
    expected_version: int | None = None,
    before: dict | None = None,
    save_related: Callable[[], None] | None = None,
    action: str | None = None,
    message: str = "",
):
    """Create or update ``obj`` and record the change.

    ``expected_version`` is the version the user's edit started from; if the row has moved on since,
    ``StaleObjectError`` is raised and nothing is written. ``save_related`` saves many-to-many data
    (e.g. ``form.save_m2m``) inside the same transaction. The row's ``validate_saved()`` then checks the saved
    state; its ``ValidationError`` undoes everything.
    """
    model = type(obj)
    creating = obj.pk is None
    if creating:
        obj.version = 1
    else:
        if expected_version is None:
            expected_version = model._base_manager.select_for_update().values_list("version", flat=True).get(pk=obj.pk)
        # A conditional update is the lock: it succeeds for exactly one of two concurrent writers.
        if not model._base_manager.filter(pk=obj.pk, version=expected_version).update(version=expected_version + 1):
            raise StaleObjectError(obj, expected_version)
        obj.version = expected_version + 1
    obj.save()
    if save_related:
        save_related()
    obj.validate_saved()
    action = action or (ChangeAction.CREATE if creating else ChangeAction.UPDATE)
    _record(obj, action, user, None if creating else before, snapshot(obj), message).save()
    return obj


@transaction.atomic
def delete(obj, user, *, expected_version: int | None = None, message: str = ""):
    if expected_version is not None and type(obj)._base_manager.filter(pk=obj.pk).values_list(
        "version", flat=True
    ).first() not in (expected_version,):
        raise StaleObjectError(obj, expected_version)
    record = _record(obj, ChangeAction.DELETE, user, snapshot(obj), None, message)
    obj.delete()
    record.save()


@transaction.atomic
def bulk_update(objects: Iterable, user, changes: dict, message: str = "") -> int:
    """Apply the same field values to many objects: one UPDATE batch and one INSERT batch of records."""
    objects = list(objects)
    if not objects:
        return 0
    model = type(objects[0])
    records = []
    now = timezone.now()
    for obj in objects:
        before = snapshot(obj)
        for field, value in changes.items():
            setattr(obj, field, value)
        obj.full_clean(exclude=[f.name for f in model._meta.fields if f.name not in changes], validate_unique=False)
        obj.version += 1
        obj.updated = now
        records.append(_record(obj, ChangeAction.UPDATE, user, before, snapshot(obj), message))
    model._base_manager.bulk_update(objects, [*changes, "version", "updated"], batch_size=500)
    ChangeRecord.objects.bulk_create(records, batch_size=500)
    return len(objects)


def restore(obj, record: ChangeRecord, user):
    """Bring ``obj`` back to its state after ``record``; recorded as a change of its own."""
    if record.postchange_data is None:
        raise ValidationError(_("This version cannot be restored."))
    before = snapshot(obj)
    data = record.postchange_data
    m2m = {}
    for field in obj._meta.concrete_fields:
        if field.name in data and field.name != "version" and not field.primary_key:
            setattr(obj, field.attname, field.to_python(data[field.name]))
    for field in obj._meta.many_to_many:
        if field.name in data:
            m2m[field.name] = data[field.name]
    obj.full_clean()

    def save_related():
        for name, ids in m2m.items():
            getattr(obj, name).set(ids)

    message = _("Restored the version of %(time)s") % {
        "time": timezone.localtime(record.time).strftime("%Y-%m-%d %H:%M")
    }
    return save(
        obj,
        user,
        expected_version=obj.version,
        before=before,
        save_related=save_related,
        action=ChangeAction.RESTORE,
        message=message,
    )


def history_of(obj):
    return ChangeRecord.objects.filter(
        content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk
    ).select_related("user")


def describe_changes(model, records: list[ChangeRecord]):
    """Records with human-readable differences: field labels, choice labels and names of related objects."""
    related_ids: dict[type, set] = {}
    for record in records:
        for field_name, before, after in record.differences():
            field = _field(model, field_name)
            if field is not None and field.is_relation:
                values = [v for v in (before, after) if v is not None]
                flat = [i for v in values for i in (v if isinstance(v, list) else [v])]
                related_ids.setdefault(field.related_model, set()).update(flat)
    names = {
        related: {obj.pk: str(obj) for obj in related._base_manager.filter(pk__in=ids)}
        for related, ids in related_ids.items()
    }

    def label(field, value):
        if value in (None, "", []):
            return "—"
        if field is None:
            return str(value)
        if field.is_relation:
            lookup = names.get(field.related_model, {})
            values = value if isinstance(value, list) else [value]
            deleted = _("deleted")
            return ", ".join(lookup.get(v, f"#{v} ({deleted})") for v in values)
        if field.choices:
            return str(dict(field.flatchoices).get(value, value))
        if isinstance(value, bool):
            return _("Yes") if value else _("No")
        if isinstance(field, DecimalField | IntegerField):
            return formats.number_format(field.to_python(value), force_grouping=True)
        return str(value)

    described = []
    for record in records:
        rows = []
        for field_name, before, after in record.differences():
            field = _field(model, field_name)
            title = capfirst(field.verbose_name) if field is not None else field_name
            rows.append((title, label(field, before), label(field, after)))
        described.append((record, rows))
    return described


def _field(model, name):
    try:
        return model._meta.get_field(name)
    except FieldDoesNotExist:
        return None
