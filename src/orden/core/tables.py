"""Table columns for the generic list view and for "export what I see" (CSV and XLSX)."""

import csv
import io
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Model
from django.http import HttpResponse
from django.utils import formats
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.text import capfirst
from django.utils.translation import gettext as _


@dataclass
class Column:
    """A column of a list: ``accessor`` is a field path (``product__vendor``); ``order_by`` the ordering key
    (None: not sortable); ``link`` makes the cell a link to the object."""

    accessor: str
    label: str | None = None
    order_by: str | None = None
    link: bool = False

    def bind(self, model):
        if self.label is None:
            field = model._meta.get_field(self.accessor.split("__")[0])
            self.label = capfirst(field.verbose_name)
        return self

    def raw(self, obj):
        *path, last = self.accessor.split("__")
        for part in path:
            obj = getattr(obj, part, None)
            if obj is None:
                return None
        display = getattr(obj, f"get_{last}_display", None)
        if display is not None:
            return display() if getattr(obj, last) not in ("", None) else None
        return getattr(obj, last, None)

    def text(self, obj) -> str:
        value = self.raw(obj)
        if value is None or value == "":
            return ""
        if isinstance(value, bool):
            return _("Yes") if value else _("No")
        if isinstance(value, Decimal | int) and not isinstance(value, bool):
            return formats.number_format(value, force_grouping=True)
        if isinstance(value, Model):
            return str(value)
        return formats.localize(value) if not isinstance(value, str) else value


def render_row(columns: list[Column], obj) -> str:
    """The row's cells as HTML. Built here rather than in a template loop: a list page has hundreds of
    cells, and the template engine costs several times more per cell (see docs/performance.md)."""
    cells = []
    for column in columns:
        text = column.text(obj)
        if column.link:
            cells.append(
                format_html('<td><a class="ds-link" href="{}">{}</a></td>', obj.get_absolute_url(), text or "—")
            )
        else:
            cells.append(format_html("<td>{}</td>", text))
    return mark_safe("".join(cells))  # noqa: S308  (every part is escaped by format_html)


def export(columns: list[Column], rows, filename: str, fmt: str) -> HttpResponse:
    """The rows as the table shows them, as CSV or XLSX."""
    if fmt == "xlsx":
        return workbook_response([(filename, sheet_rows(columns, rows))], filename)
    header = [str(column.label) for column in columns]
    return spreadsheet_response([header, *([column.text(obj) for column in columns] for obj in rows)], filename, fmt)


def spreadsheet_response(rows: list[list], filename: str, fmt: str) -> HttpResponse:
    """A download of ``rows``: XLSX, or CSV separated by semicolons as Norwegian spreadsheets expect."""
    if fmt == "xlsx":
        return workbook_response([(filename, rows)], filename)
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=";").writerows(rows)
    response = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    return response


def workbook_response(sheets: list[tuple[str, list[list]]], filename: str) -> HttpResponse:
    """An XLSX download with one sheet per ``(title, rows)``."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    for title, rows in sheets:
        sheet = workbook.create_sheet(title=str(title)[:31])
        for row in rows:
            sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(
        buffer.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
    return response


def sheet_rows(columns: list[Column], rows) -> list[list]:
    """A header and one row of typed cells per object, for XLSX."""
    return [
        [str(column.label) for column in columns],
        *([_cell(column.raw(obj)) for column in columns] for obj in rows),
    ]


def _cell(value):
    if isinstance(value, Model):
        return str(value)
    if isinstance(value, str | int | float | Decimal | bool) or value is None:
        return value
    if hasattr(value, "tzinfo") and getattr(value, "tzinfo", None) is not None:
        return value.replace(tzinfo=None)
    return value if hasattr(value, "isoformat") else str(value)
