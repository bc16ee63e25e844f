"""Table columns for the generic list view, and the exports: CSV and XLSX of every field of the listed rows.

Exports write numbers as numbers (CSV: no thousands separator, a decimal comma, as the semicolon-separated
files Norwegian spreadsheets read), dates in ISO 8601 (``2025-03-31``; times ``2025-03-31T14:05:00+01:00``),
related rows by their name and choices by their label. A text that a spreadsheet would take for a formula
(it begins with =, +, -, @, a tab or a carriage return) is neutralised: in CSV it gets a leading
apostrophe, in XLSX it is stored as text that the spreadsheet keeps as text.
"""

import csv
import datetime
import io
import re
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Any

from django.db.models import Manager, Model
from django.http import HttpResponse
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.encoding import force_str
from django.utils.hashable import make_hashable
from django.utils.http import content_disposition_header
from django.utils.safestring import mark_safe
from django.utils.text import capfirst
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from .collation import resolve
from .html import escape
from .models import OrdenModel

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# Characters XML (and so XLSX) cannot hold: control characters other than tab, newline and carriage return.
ILLEGAL_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


@dataclass
class Column:
    """A column of a list.

    Attributes:
        accessor: a field path (``product__vendor``); also the column's key in ``?columns=``.
        label: the heading (default: the verbose name of the field at the end of the path).
        order_by: the public name of the ordering the heading sorts by (None: not sortable).
        link: the cell links to the object; such a column is always shown.
        tags: a Designsystemet tag colour per stored choice value (``{"in_use": "success"}``): the cell
            shows the choice as a coloured tag.
    """

    accessor: str
    label: str | None = None
    order_by: str | None = None
    link: bool = False
    tags: dict[str, str] = field(default_factory=dict)
    # Set by bind() on the copy for one model: the model, the choice field the cells show the label of, and
    # its labels per language. On the declared column: its bound copy per model.
    _model: Any = field(default=None, init=False, repr=False, compare=False)
    _choices_field: Any = field(default=None, init=False, repr=False, compare=False)
    _labels: dict = field(default_factory=dict, init=False, repr=False, compare=False)
    _bound: dict = field(default_factory=dict, init=False, repr=False, compare=False)

    @property
    def key(self) -> str:
        return self.accessor

    def bind(self, model) -> "Column":
        """This column for ``model``: a copy with its label and choices read from the model, made once per
        model (a declared column may be shared by the lists of several models)."""
        if self._model is model:
            return self
        bound = self._bound.get(model)
        if bound is not None:
            return bound
        bound = replace(self)  # the declared attributes only: unbound
        bound._model = model
        found = resolve(model, self.accessor)
        if bound.label is None:
            if found is None:
                found = model._meta.get_field(self.accessor.split("__")[0])
            bound.label = capfirst(found.verbose_name)
        if found is not None and not found.is_relation and getattr(found, "choices", None):
            bound._choices_field = found
        self._bound[model] = bound
        return bound

    def choice_label(self, value, language=None):
        """The label of a stored choice in ``language`` (default: the active one), as ``get_FOO_display()``
        gives it. Looked up in a table made once per language: Django's own method rebuilds (and
        translates) every choice of the field for every cell (see docs/performance.md)."""
        language = language or get_language()
        labels = self._labels.get(language)
        if labels is None:
            labels = self._labels[language] = {
                choice: force_str(label, strings_only=True) for choice, label in self._choices_field.flatchoices
            }
        try:
            return labels.get(value, value)
        except TypeError:  # an unhashable value: Django's method copes with it
            return force_str(dict(make_hashable(self._choices_field.flatchoices)).get(make_hashable(value), value))

    def related(self, model) -> tuple[list[str], list[str]]:
        """The ``select_related`` and ``prefetch_related`` paths this column's cells read."""
        return related_paths(model, self.accessor)

    def _holder(self, obj):
        *path, last = self.accessor.split("__")
        for part in path:
            obj = getattr(obj, part, None)
            if obj is None:
                return None, last
        return obj, last

    def value(self, obj):
        """The stored value (a choice's code, not its label)."""
        holder, last = self._holder(obj)
        return None if holder is None else getattr(holder, last, None)

    def raw(self, obj, language=None):
        holder, last = self._holder(obj)
        if holder is None:
            return None
        if self._choices_field is not None:
            value = getattr(holder, last, None)
            return self.choice_label(value, language) if value not in ("", None) else None
        display = getattr(holder, f"get_{last}_display", None)
        if display is not None:
            return display() if getattr(holder, last) not in ("", None) else None
        value = getattr(holder, last, None)
        if isinstance(value, Manager):
            return list(value.all())
        return value

    def text(self, obj, language=None) -> str:
        value = self.raw(obj, language)
        if value is None or value == "":
            return ""
        if isinstance(value, bool):
            return _("Yes") if value else _("No")
        if isinstance(value, Decimal | int):
            return formats.number_format(value, force_grouping=True)
        if isinstance(value, Model):
            return str(value)
        if isinstance(value, list):
            return ", ".join(str(item) for item in value)
        return formats.localize(value) if not isinstance(value, str) else value


def related_paths(model, accessor: str) -> tuple[list[str], list[str]]:
    """The joins (``select_related``) and prefetches (``prefetch_related``) that reading ``accessor`` on rows
    of ``model`` needs, with the relations the related rows' names read (their ``str_select_related``)."""
    selected, prefetched, path = [], [], []
    current = model
    for part in accessor.split("__"):
        found = resolve(current, part) if current is not None else None
        if found is None or not found.is_relation:
            break
        if found.many_to_many or found.one_to_many:
            prefetched.append("__".join([*path, part]))
            break
        path.append(part)
        current = found.related_model
        selected.append("__".join(path))
    if selected and current is not None:
        selected += [f"{selected[-1]}__{name}" for name in getattr(current, "str_select_related", ())]
    return selected, prefetched


def render_rows(columns: list[Column], objects, select: bool = False) -> list[tuple[Model, str]]:
    """``(object, its row's cells as HTML)`` of every object, with a first cell to select the row for bulk
    editing when ``select``. Built here rather than in a template loop: a list page has hundreds of cells,
    and the template engine costs several times more per cell; the link of every row comes from one
    ``reverse()`` (see docs/performance.md)."""
    objects = list(objects)
    # The links' URLs are reversed only for a list with a link column.
    url_of = detail_urls(type(objects[0])) if objects and any(column.link for column in columns) else None
    language = get_language()
    rows = [(obj, render_row(columns, obj, url_of, language)) for obj in objects]
    if select:
        label = escape(_("Select"))
        rows = [
            (
                obj,
                mark_safe(  # noqa: S308  (escaped)
                    f'<td><input type="checkbox" class="ds-input" name="pk" value="{escape(obj.pk)}" '
                    f'id="select-{escape(obj.pk)}" aria-label="{label} {escape(obj)}"></td>{cells}'
                ),
            )
            for obj, cells in rows
        ]
    return rows


def render_row(columns: list[Column], obj, url_of=None, language=None) -> str:
    """The row's cells as HTML; ``url_of(obj)`` gives the link (default: ``obj.get_absolute_url()``)."""
    cells = []
    for column in columns:
        text = escape(column.text(obj, language))
        if column.link:
            url = url_of(obj) if url_of else obj.get_absolute_url()
            cells.append(f'<td><a class="ds-link" href="{escape(url)}">{text or "—"}</a></td>')
        elif column.tags and text:
            color = escape(column.tags.get(column.value(obj), "neutral"))
            cells.append(f'<td><span class="ds-tag" data-color="{color}">{text}</span></td>')
        else:
            cells.append(f"<td>{text}</td>")
    return mark_safe("".join(cells))  # noqa: S308  (every part is escaped by escape)


# An id no row has: the detail URL is reversed once with it, and each row's id put in its place.
_PK_MARKER = "918273645546372819"


def detail_urls(model):
    """A function ``obj -> obj.get_absolute_url()`` for rows of ``model`` that reverses the URL once, when the
    model uses ``OrdenModel``'s (its detail URL with the primary key as the only argument)."""
    if getattr(model, "get_absolute_url", None) is not OrdenModel.get_absolute_url:
        return lambda obj: obj.get_absolute_url()
    before, found, after = reverse(model.url_name("detail"), args=[_PK_MARKER]).partition(_PK_MARKER)
    if not found or _PK_MARKER in after:
        return lambda obj: obj.get_absolute_url()
    return lambda obj: f"{before}{obj.pk}{after}"


# Exports


def with_joins(model, rows, columns: list[Column]):
    """``rows`` with the joins and prefetches the cells of ``columns`` read (a constant number of queries)."""
    joins, prefetches = set(), set()
    for column in columns:
        column_joins, column_prefetches = column.related(model)
        joins.update(column_joins)
        prefetches.update(column_prefetches)
    return rows.select_related(*sorted(joins)).prefetch_related(*sorted(prefetches))


def export_columns(model) -> list[Column]:
    """What an export of ``model`` writes: the id, then every field users edit, in form order."""
    return [Column("id", label="ID"), *(Column(name).bind(model) for name in getattr(model, "edit_fields", ()))]


def export(model, rows, filename: str, fmt: str) -> HttpResponse:
    """``rows`` (a queryset: what the list shows, all pages) with every field of ``model``, as CSV or XLSX:
    related rows by their names (several joined with ", "), choices by their label, else the stored value."""
    columns = export_columns(model)
    objects = with_joins(model, rows, columns).iterator(chunk_size=1000)
    header = [str(column.label) for column in columns]
    return spreadsheet_response(
        [header, *([_exported(column.raw(obj)) for column in columns] for obj in objects)], filename, fmt
    )


def _exported(value):
    if isinstance(value, list):
        value = ", ".join(str(item) for item in value)
    elif isinstance(value, Model):
        value = str(value)
    return None if value == "" else value


def spreadsheet_response(rows: list[list], filename: str, fmt: str) -> HttpResponse:
    """A download of ``rows``: XLSX, or CSV separated by semicolons as Norwegian spreadsheets expect."""
    if fmt == "xlsx":
        return workbook_response([(filename, rows)], filename)
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=";").writerows([csv_cell(value) for value in row] for row in rows)
    response = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = content_disposition_header(True, f"{filename}.csv")
    return response


def csv_cell(value) -> str:
    """A value as CSV text: numbers without grouping and with a decimal comma, ISO dates, Yes/No, and a
    leading apostrophe on text a spreadsheet would run as a formula."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, int):
        return str(value)
    if isinstance(value, Decimal):
        return format(value, "f").replace(".", ",")
    if isinstance(value, float):
        return repr(value).replace(".", ",")
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.isoformat(timespec="seconds")
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    text = str(value)
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def workbook_response(sheets: list[tuple[str, list[list]]], filename: str) -> HttpResponse:
    """An XLSX download with one sheet per ``(title, rows)``; text that begins like a formula stays text."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    workbook = Workbook(write_only=True)
    for title, rows in sheets:
        sheet = workbook.create_sheet(title=str(title)[:31])
        for row in rows:
            cells = []
            for value in row:
                value = _cell(value)
                if isinstance(value, str):
                    value = ILLEGAL_XML.sub("", value)
                    if value.startswith(FORMULA_STARTS):
                        cell = WriteOnlyCell(sheet, value=value)
                        cell.data_type = "s"  # openpyxl would write "=…" as a formula
                        cell.quotePrefix = True  # and the spreadsheet keeps it text when the cell is edited
                        value = cell
                cells.append(value)
            sheet.append(cells)
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(
        buffer.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = content_disposition_header(True, f"{filename}.xlsx")
    return response


def sheet_rows(columns: list[Column], rows) -> list[list]:
    """A header and one row of typed cells per object, in the list's columns (the "export everything" sheets)."""
    return [
        [str(column.label) for column in columns],
        *([_cell(column.raw(obj)) for column in columns] for obj in rows),
    ]


def _cell(value):
    if isinstance(value, Model):
        return str(value)
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    if isinstance(value, str | int | float | Decimal | bool) or value is None:
        return value
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        return timezone.localtime(value).replace(tzinfo=None)
    return value if hasattr(value, "isoformat") else str(value)
