"""Registries: how an app adds to pages it does not own, by declaration in its own ``ui.py``.

An app lists what it contributes in ``<app>/ui.py``, which ``CoreConfig.ready()`` imports for every
installed app (as the Django admin discovers ``admin.py``):

- ``menu.register(MenuItem(...))``: an entry in the main menu;
- ``tabs.register(System, Tab(...))``: a tab on another model's detail page (contracts on the system page);
- ``dashboard.register(Section(...))`` and ``responsibilities.register(Section(...))``: a section on the
  dashboard or on "My responsibilities";
- ``exports.register(ExportSheet(...))``: a sheet in the export of a whole organisation.

Items are shown in the order of their ``weight`` (lower first), then in the order they were registered,
so an app places its entry between others' without editing them. Nothing here queries the database: what
a user sees of an item is decided by the policies, when the page is rendered.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from .roles import Action


@dataclass(frozen=True)
class Tab:
    """A tab on a detail page, at ``<object URL>/<slug>/`` (URL name ``<app>:<model>_<slug>``).

    Attributes:
        slug: the last part of the tab's URL; unique per model.
        label: the tab's title (lazily translated).
        template: extends ``core/object_detail.html`` and fills ``tab_content``.
        context: ``context(request, obj) -> dict``, the template context of one object; queries in it go
            through the policy like every other.
        weight: the position among the tabs ("Overview" comes first, "History" last).
    """

    slug: str
    label: Any
    template: str
    context: Callable[[Any, Any], dict] | None = None
    weight: int = 100


@dataclass(frozen=True)
class MenuItem:
    """An entry in the main menu.

    Attributes:
        label: the entry's text (lazily translated).
        url_name: the page it opens, e.g. ``"portfolio:system_list"``.
        weight: the position in the menu.
        model: when set, the entry is shown only to users who may view that model's rows (for a tenant
            model: in the current organisation).
        visible: ``visible(request) -> bool``, a further condition (e.g. a role).
        current: URL names (``"portfolio:system_"`` style prefixes) whose pages mark the entry as the
            current page; by default the ``url_name`` itself.
    """

    label: Any
    url_name: str
    weight: int = 100
    model: type | None = None
    visible: Callable[[Any], bool] | None = None
    current: tuple[str, ...] = ()

    def shown_to(self, request) -> bool:
        if self.model is not None and not self.model.policy.can(
            request.user, Action.VIEW, organization=getattr(request, "organization", None)
        ):
            return False
        return self.visible is None or bool(self.visible(request))

    def is_current(self, view_name: str) -> bool:
        return any(view_name.startswith(prefix) for prefix in self.current or (self.url_name,))


@dataclass(frozen=True)
class Section:
    """A section of a composed page (the dashboard, "My responsibilities").

    Attributes:
        slug: unique on the page; also the id of the section's heading.
        template: renders the section from its context.
        context: ``context(request) -> dict | None``; None leaves the section out for this request.
        weight: the position on the page.
    """

    slug: str
    template: str
    context: Callable[[Any], dict | None]
    weight: int = 100


@dataclass(frozen=True)
class ExportSheet:
    """One type of row in the export of a whole organisation: a sheet of a ``ModelViews`` model.

    Attributes:
        views: the ``ModelViews`` whose rows (through its policy-scoped queryset) and columns are written.
        weight: the position of the sheet in the workbook.
    """

    views: type
    weight: int = 100


@dataclass
class Registry:
    """Items declared for one place, in order of weight. ``key`` groups them (tabs: per model)."""

    name: str
    _items: dict[Any, list] = field(default_factory=dict)

    def register(self, *args):
        """``register(item)`` or ``register(key, item)``; returns the item."""
        key, item = (None, args[0]) if len(args) == 1 else args
        key = _key(key)
        entries = self._items.setdefault(key, [])
        if hasattr(item, "slug") and any(getattr(other, "slug", None) == item.slug for other in entries):
            raise ValueError(f"{self.name}: {item.slug!r} is registered twice for {key}")
        entries.append(item)
        return item

    def unregister(self, *args):
        key, item = (None, args[0]) if len(args) == 1 else args
        self._items.get(_key(key), []).remove(item)

    def items(self, key=None) -> list:
        entries = self._items.get(_key(key), [])
        return sorted(entries, key=lambda item: item.weight)  # sorted() is stable: same weight keeps order


def _key(key):
    """Models are keyed by their label ("portfolio.System"), so a registration may name either."""
    meta = getattr(key, "_meta", None)
    return meta.label if meta is not None else key


menu = Registry("menu")
tabs = Registry("tabs")
dashboard = Registry("dashboard")
responsibilities = Registry("responsibilities")
exports = Registry("exports")
