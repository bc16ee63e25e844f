"""Norwegian sorting of names, the same on PostgreSQL and SQLite.

Lists sort text by ``COLLATION``: case-insensitive, with æ, ø and å after z in that order ("ePhorte" and
"itslearning" before "Webcruiter", "Ørsta" after "Zebra"). PostgreSQL has it as an ICU collation
(``nb-x-icu`` exists on every PostgreSQL built with ICU, as Debian's is, so no migration creates it); on
SQLite ``register_sqlite_collation`` gives every connection a collation of the same name with the same
rules in Python. Choice fields sort in the order their choices are declared (planned, in use, being
phased out, retired), not by their stored codes.

A list sorts 250 systems of one organisation, or the national catalogue, in memory: the database does
not need an index in this collation for that.
"""

from __future__ import annotations

from functools import lru_cache

from django.core import checks
from django.core.exceptions import FieldDoesNotExist
from django.db import connections, models
from django.db.models.functions import Collate

COLLATION = "nb-x-icu"

# Letters weigh four times their code point, so the three Norwegian letters fit between z and "{".
_LAST_LETTERS = {"æ": ord("z") * 4 + 1, "ø": ord("z") * 4 + 2, "å": ord("z") * 4 + 3}
_TEXT_FIELDS = (models.CharField, models.TextField)


@lru_cache(maxsize=8192)
def sort_key(text: str) -> tuple[int, ...]:
    """The Norwegian sort key of ``text``: case-folded, æ ø å after z; nothing else is ignored."""
    return tuple(_LAST_LETTERS.get(char, ord(char) * 4) for char in text.casefold())


def compare(left: str, right: str) -> int:
    """The SQLite collation: Norwegian order; texts that differ only in case, lower case first (as ICU)."""
    left_key, right_key = sort_key(left), sort_key(right)
    if left_key != right_key:
        return -1 if left_key < right_key else 1
    left, right = left.swapcase(), right.swapcase()
    return (left > right) - (left < right)


def register_sqlite_collation(sender=None, connection=None, **kwargs):
    """``connection_created`` receiver: give a new SQLite connection the ``COLLATION``."""
    if connection is not None and connection.vendor == "sqlite":
        connection.connection.create_collation(COLLATION, compare)


@checks.register(checks.Tags.database)
def check_postgresql_collation(databases=None, **kwargs):
    """``manage.py check --database default``: PostgreSQL must have the ICU collation the lists sort by."""
    errors = []
    for alias in databases or ():
        connection = connections[alias]
        if connection.vendor != "postgresql":
            continue
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_collation WHERE collname = %s", [COLLATION])
            if cursor.fetchone() is None:
                errors.append(
                    checks.Error(
                        f'PostgreSQL has no collation "{COLLATION}", which lists sort names by.',
                        hint="Use a PostgreSQL built with ICU (as Debian's and the official images are).",
                        id="orden.E101",
                    )
                )
    return errors


def resolve(model, path: str):
    """The model field at the end of ``path`` (``product__name``), or None when it is not a field."""
    field = None
    for part in path.split("__"):
        if model is None:
            return None
        try:
            field = model._meta.get_field(part)
        except FieldDoesNotExist:
            return None
        model = field.related_model if field.is_relation else None
    return field


def ordering(model, keys) -> list:
    """``keys`` (``["name", "-product__name"]``, as in ``Meta.ordering`` or ``order_by``) as an ordering
    that sorts text with ``COLLATION``, choices in their declared order and empty values last; keys that
    are not a field, or name a relation (Django orders by the related model's ordering), stay as they are."""
    result = []
    for key in keys:
        if not isinstance(key, str) or key == "?":
            result.append(key)
            continue
        descending = key.startswith("-")
        path = key.lstrip("-")
        field = resolve(model, path)
        if field is None or field.is_relation:
            result.append(key)
        else:
            if field.choices:
                expression = models.Case(
                    *(
                        models.When(**{path: value}, then=index)
                        for index, (value, _label) in enumerate(field.flatchoices)
                    ),
                    default=-1 if descending else len(field.flatchoices),  # no choice: last
                    output_field=models.IntegerField(),
                )
            elif isinstance(field, _TEXT_FIELDS):
                expression = Collate(models.F(path), COLLATION)
            else:
                expression = models.F(path)
            # Empty values last both ways, on both databases (SQLite puts NULL first, PostgreSQL last).
            result.append(expression.desc(nulls_last=True) if descending else expression.asc(nulls_last=True))
    return result


def default_ordering(model) -> list:
    """The model's ``Meta.ordering`` in Norwegian order, ending with the primary key so pages are stable."""
    return with_tiebreak(ordering(model, model._meta.ordering or ["pk"]))


def with_tiebreak(keys: list) -> list:
    """``keys`` followed by the primary key, unless they already end with it."""
    if keys and isinstance(keys[-1], str) and keys[-1].lstrip("-") in ("pk", "id"):
        return keys
    return [*keys, "pk"]
