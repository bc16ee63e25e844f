"""Generic views. A model gets its list, detail, add, edit, delete, history, restore, bulk-edit and tab
pages by declaring a ``ModelViews`` subclass (model, filterset, form, columns) and including
``MyViews.urls()``; every query goes through the model's policy (``restrict``) and, for tenant models,
the current organisation.
"""

from __future__ import annotations

from functools import cache
from typing import ClassVar

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import DatabaseError, connection, transaction
from django.db.models import ProtectedError
from django.http import Http404, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.text import capfirst, slugify
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from . import collation, history, registry, tenancy
from .forms import OrganizationMarkField, VersionField, model_form, parse_id
from .history import describe_changes
from .models import TenantModel
from .registry import Tab
from .roles import Action
from .tables import Column, export, render_rows, sheet_rows, with_joins, workbook_response
from .widgets import WidgetRenderer

PAGE_SIZES = (25, 50, 100)
FILTER_RENDERER = WidgetRenderer()
# The generic views' own path segments: a tab cannot take one of these slugs.
RESERVED_SLUGS = {"add", "edit", "delete", "history", "bulk-edit"}


def is_tenant_model(model) -> bool:
    return issubclass(model, TenantModel)


@cache
def detail_column(model, name) -> Column:
    """The ``Column`` of a fact on a detail page, bound once per process (its choice labels are kept)."""
    return Column(name).bind(model)


class ModelViews:
    """The declaration of one model's pages: subclass it, set the attributes, include ``urls()``.

    Attributes:
        model: the model (an ``OrdenModel``); its policy decides every query.
        filterset: an ``OrdenFilterSet`` for the list page (the API uses the same one).
        form: the add/edit form; by default an ``OrdenModelForm`` of the model's ``edit_fields``.
        bulk_form: a ``BulkEditForm``; when set, the list offers "change selected".
        columns: the list's ``Column``s shown by default (the "export everything" sheets use them too).
        optional_columns: more ``Column``s users may choose under "Columns" (``?columns=``, remembered per
            list in the session); their joins are added to the list's query by themselves.
        list_select_related, detail_select_related: the joins the columns and the detail page need
            (keeps the number of queries per page constant).
        detail_fields: the facts on the overview tab (default: the form's fields).
        detail_template: the overview's template (extends ``core/object_detail.html``).
        tabs: the model's own extra tabs; other apps add theirs through ``registry.tabs``.
        related_links, add_links: ``(url name, label)`` links on the list page (``add_links`` only for
            those who may add).
        detail_view, delete_view: replacements for the generic detail or delete view (subclasses).
    """

    model: ClassVar[type]
    filterset: ClassVar[type | None] = None
    form: ClassVar[type | None] = None
    bulk_form: ClassVar[type | None] = None
    columns: ClassVar[list[Column]] = []
    optional_columns: ClassVar[list[Column]] = []
    list_select_related: ClassVar[tuple[str, ...]] = ()
    detail_select_related: ClassVar[tuple[str, ...]] = ()
    detail_fields: ClassVar[list[str] | None] = None
    detail_template: ClassVar[str] = "core/object_detail.html"
    tabs: ClassVar[list[Tab]] = []
    related_links: ClassVar[list[tuple[str, str]]] = []
    add_links: ClassVar[list[tuple[str, str]]] = []
    detail_view: ClassVar[type | None] = None
    delete_view: ClassVar[type | None] = None

    @classmethod
    def queryset(cls, request, action=Action.VIEW, *, for_list=False):
        """The rows of ``action`` for this request: the policy, then the current organisation."""
        return cls.rows(request.user, request.organization, action, for_list=for_list)

    @classmethod
    def rows(cls, user, organization, action=Action.VIEW, *, for_list=False):
        """The rows of ``action`` for ``user`` in ``organization`` (the API and jobs have no request's)."""
        queryset = cls.model.objects.restrict(user, action)
        if is_tenant_model(cls.model):
            # The UI works in one organisation; the policy above already limits to memberships.
            queryset = queryset.filter(organization=organization) if organization else queryset.none()
        related = cls.list_select_related if for_list else cls.detail_select_related
        return queryset.select_related(*related) if related else queryset

    @classmethod
    def get_object(cls, request, pk, action=Action.VIEW, within=None):
        """The object ``pk``, if the user may do ``action`` to it; otherwise 404. ``within`` is a queryset of the
        model to look in, when the page needs more than the row in the same query (e.g.
        ``completeness.with_gaps``); by default every row.

        A tenant object of another organisation than the current one, which the policy lets the user see
        (another of their organisations; for platform admins any), is opened there: the current organisation
        switches to the object's (``tenancy.enter_organization``, which tells the user). One that the
        policy hides answers the same 404 as an id that does not exist.
        """
        queryset = (cls.model.objects.all() if within is None else within).restrict(request.user, action)
        if cls.detail_select_related:
            queryset = queryset.select_related(*cls.detail_select_related)
        obj = get_object_or_404(queryset, pk=pk)
        if not is_tenant_model(cls.model):
            return obj
        current = request.organization
        if current is not None and obj.organization_id == current.pk:
            return obj
        if not tenancy.enter_organization(request, obj.organization_id):
            raise Http404
        return obj

    @classmethod
    def bound_columns(cls) -> list[Column]:
        return [column.bind(cls.model) for column in cls.columns]

    @classmethod
    def available_columns(cls) -> list[Column]:
        """Every column a user may choose on the list: the default ones, then the optional ones."""
        return [column.bind(cls.model) for column in [*cls.columns, *cls.optional_columns]]

    @classmethod
    def form_class(cls):
        return cls.form or model_form(cls.model)

    @classmethod
    def form_kwargs(cls, request):
        return {"user": request.user, "organization": request.organization}

    @classmethod
    def all_tabs(cls) -> list[Tab]:
        """The model's own tabs and those other apps registered for it, in order of weight."""
        return sorted([*cls.tabs, *registry.tabs.items(cls.model)], key=lambda tab: tab.weight)

    @classmethod
    def tab(cls, slug) -> Tab:
        found = next((tab for tab in cls.all_tabs() if tab.slug == slug), None)
        if found is None or slug in RESERVED_SLUGS:
            raise Http404
        return found

    @classmethod
    def new_instance(cls, request):
        instance = cls.model()
        if is_tenant_model(cls.model):
            instance.organization = request.organization
        if hasattr(instance, "created_by_id"):
            instance.created_by = request.user
        return instance

    @classmethod
    def may_add(cls, request) -> bool:
        if is_tenant_model(cls.model) and request.organization is None:
            return False
        return cls.model.policy.can(request.user, Action.ADD, organization=request.organization)

    @classmethod
    def urls(cls):
        """The URL patterns, named ``<model>_list``, ``_add``, ``_detail``, ``_edit``, ``_delete``,
        ``_history``, ``_restore``, ``_bulk_edit`` and ``_tab`` (a tab's slug is looked up per request, so
        tabs registered by any app work without a URL of their own)."""
        name = cls.model._meta.model_name
        patterns = [
            path("", ObjectListView.as_view(views=cls), name=f"{name}_list"),
            path("add/", ObjectEditView.as_view(views=cls), name=f"{name}_add"),
            path("<int:pk>/", (cls.detail_view or ObjectDetailView).as_view(views=cls), name=f"{name}_detail"),
            path("<int:pk>/edit/", ObjectEditView.as_view(views=cls), name=f"{name}_edit"),
            path("<int:pk>/delete/", (cls.delete_view or ObjectDeleteView).as_view(views=cls), name=f"{name}_delete"),
            path("<int:pk>/history/", ObjectHistoryView.as_view(views=cls), name=f"{name}_history"),
            path(
                "<int:pk>/history/<int:record>/restore/",
                ObjectRestoreView.as_view(views=cls),
                name=f"{name}_restore",
            ),
            path("<int:pk>/<slug:slug>/", ObjectTabView.as_view(views=cls), name=f"{name}_tab"),
        ]
        if cls.bulk_form:
            patterns.append(path("bulk-edit/", BulkEditView.as_view(views=cls), name=f"{name}_bulk_edit"))
        return patterns


class ModelView(LoginRequiredMixin, View):
    views: type[ModelViews] | None = None

    @property
    def model(self):
        return self.views.model

    def base_context(self, **extra):
        meta = self.model._meta
        return {
            "views": self.views,
            "model_meta": meta,
            "verbose_name": meta.verbose_name,
            "verbose_name_plural": meta.verbose_name_plural,
            "list_url": reverse(self.model.url_name("list")),
            **extra,
        }


class ObjectListView(ModelView):
    """A model's list: search, filters (shown as removable chips), sorting, the user's choice of columns,
    pages, and the export of every field of the filtered rows (``?export=csv|xlsx``)."""

    template_name = "core/object_list.html"
    # Parameters of the list that are not filters: they stay when a filter's chip removes it.
    NOT_FILTERS = ("ordering", "page", "per_page", "columns", "export")

    def get(self, request):
        views = self.views
        queryset = views.queryset(request, for_list=True).order_by(*collation.default_ordering(self.model))
        filterset = views.filterset(request.GET, queryset=queryset, request=request) if views.filterset else None
        invalid = filterset is not None and not filterset.is_valid()
        if filterset is not None:
            queryset = queryset.none() if invalid else filterset.qs
        export_format = request.GET.get("export")
        if export_format in ("csv", "xlsx") and not invalid:
            name = slugify(self.model._meta.verbose_name_plural, allow_unicode=True)
            filename = f"{name}-{timezone.localdate():%Y-%m-%d}"
            return export(self.model, queryset, filename, export_format)
        available = views.available_columns()
        columns = self.chosen_columns(request, available)
        queryset = with_joins(self.model, queryset, columns)
        try:
            per_page = int(request.GET.get("per_page", 50))
        except ValueError:
            per_page = 50
        paginator = Paginator(queryset, per_page if per_page in PAGE_SIZES else 50)
        page = paginator.get_page(request.GET.get("page"))
        chips = self.chips(request, filterset)
        may_bulk_edit = bool(views.bulk_form) and bool(
            views.model.policy.can(request.user, Action.CHANGE, organization=request.organization)
            or request.role in getattr(views.model.policy, "owner_roles", ())
        )
        context = self.base_context(
            filterset=filterset,
            visible_filters=self.visible_filters(filterset),
            chips=chips,
            clear_url=self.url_without(request, [name for name in request.GET if name not in self.NOT_FILTERS]),
            columns=columns,
            column_choices=[(column, column in columns) for column in available],
            default_columns=",".join(column.key for column in views.bound_columns()),
            page=page,
            rows=render_rows(columns, page.object_list, select=may_bulk_edit),
            may_add=views.may_add(request),
            may_bulk_edit=may_bulk_edit,
            ordering=request.GET.get("ordering", ""),
        )
        partial = request.htmx and request.htmx.target == "results"
        template = f"{self.template_name}#results" if partial else self.template_name
        # A malformed filter is the request's fault (400), said on the page. htmx swaps only successful
        # answers, so a refresh of the results gets the message with 200.
        return render(request, template, context, status=400 if invalid and not partial else 200)

    def session_key(self) -> str:
        return f"orden.columns.{self.model._meta.label_lower}"

    def chosen_columns(self, request, available: list[Column]) -> list[Column]:
        """The columns to show: those named by ``?columns=a,b`` (remembered in the session for this list), else
        the remembered choice, else the default ones. A link column is always shown."""
        default = [column.key for column in self.views.bound_columns()]
        known = {column.key for column in available}
        if "columns" in request.GET:
            keys = {key for value in request.GET.getlist("columns") for key in value.split(",") if key}
            if keys and not keys & known:
                keys = set(default)  # e.g. an old bookmark: none of these columns exists any more
            chosen = [column for column in available if column.link or column.key in keys]
            remembered = [column.key for column in chosen]
            if remembered == [column.key for column in available if column.link or column.key in default]:
                request.session.pop(self.session_key(), None)
            elif request.session.get(self.session_key()) != remembered:
                request.session[self.session_key()] = remembered
            return chosen
        keys = set(request.session.get(self.session_key()) or default)
        return [column for column in available if column.link or column.key in keys]

    @staticmethod
    def visible_filters(filterset):
        """The filter form's fields shown in the filter panel (search and sorting have their own places)."""
        if filterset is None:
            return []
        # Its widgets render in Python, not through Django's widget templates (see core.widgets).
        filterset.form.renderer = FILTER_RENDERER
        return [
            field
            for field in filterset.form
            if not field.is_hidden and field.name not in ("q", "ordering", "organization")
        ]

    def chips(self, request, filterset) -> list[tuple[str, str, str]]:
        """``(text, accessible name, URL without it)`` of each filter in use."""
        if filterset is None:
            return []
        chips = []
        for label, shown, name, value in filterset.active_filters():
            text = f"{label}: {shown}"
            removed = self.url_without(request, [name], value)
            chips.append((text, _("Remove filter: %(filter)s") % {"filter": text}, removed))
        return chips

    @staticmethod
    def url_without(request, names, value=None) -> str:
        """This list's URL without the parameters ``names`` (only ``value`` of a parameter with several), and
        without the page number, which would not mean the same rows any more."""
        query = request.GET.copy()
        for name in [*names, "page", "export"]:
            if value is not None and name in names:
                query.setlist(name, [item for item in query.getlist(name) if item != value])
            else:
                query.pop(name, None)
        encoded = query.urlencode()
        return f"{request.path}?{encoded}" if encoded else request.path


class ObjectDetailView(ModelView):
    def detail_rows(self, obj):
        names = self.views.detail_fields or list(self.views.form_class().base_fields)
        rows = []
        for name in names:
            field = obj._meta.get_field(name)
            column = detail_column(self.model, name)
            if field.many_to_many:
                value = ", ".join(str(item) for item in getattr(obj, name).all())
            else:
                value = column.raw(obj)
            rows.append((capfirst(field.verbose_name), value, column.text(obj) if not field.many_to_many else value))
        return rows

    def object_context(self, request, obj, **extra):
        policy = self.model.policy
        return self.base_context(
            object=obj,
            may_change=policy.can(request.user, Action.CHANGE, obj),
            may_delete=policy.can(request.user, Action.DELETE, obj),
            tabs=self.views.all_tabs(),
            **extra,
        )

    def get(self, request, pk):
        obj = self.views.get_object(request, pk)
        return render(
            request,
            self.views.detail_template,
            self.object_context(request, obj, rows=self.detail_rows(obj), active_tab="overview"),
        )


class ObjectTabView(ObjectDetailView):
    def get(self, request, pk, slug):
        tab = self.views.tab(slug)
        obj = self.views.get_object(request, pk)
        extra = tab.context(request, obj) if tab.context else {}
        return render(request, tab.template, self.object_context(request, obj, active_tab=tab.slug, **extra))


class ObjectHistoryView(ObjectDetailView):
    template_name = "core/object_history.html"

    def get(self, request, pk):
        obj = self.views.get_object(request, pk)
        records = list(history.history_of(obj)[:200])
        return render(
            request,
            self.template_name,
            self.object_context(request, obj, records=describe_changes(self.model, records), active_tab="history"),
        )


class ObjectRestoreView(ModelView):
    def post(self, request, pk, record):
        obj = self.views.get_object(request, pk, Action.CHANGE)
        record = get_object_or_404(history.history_of(obj), pk=record)
        try:
            history.restore(obj, record, request.user)
        except ValidationError as error:
            messages.error(
                request, _("The version could not be restored: %(reason)s") % {"reason": " ".join(error.messages)}
            )
        except history.StaleObjectError:
            messages.error(request, _("Someone changed this object meanwhile. Nothing was restored; try again."))
        else:
            messages.success(request, _("The earlier version was restored."))
        return HttpResponseRedirect(reverse(self.model.url_name("history"), args=[obj.pk]))


class ObjectEditView(ModelView):
    template_name = "core/object_form.html"

    def get_form(self, request, obj, data=None):
        initial = request.GET.dict() if obj.pk is None and data is None else None
        form = self.views.form_class()(data, instance=obj, initial=initial, **self.views.form_kwargs(request))
        form.fields["base_version"] = VersionField(initial=obj.version if obj.pk else None, required=obj.pk is not None)
        if obj.pk is None and is_tenant_model(self.model) and request.organization is not None:
            form.fields["base_organization"] = OrganizationMarkField(initial=request.organization.pk)
        return form

    def get_instance(self, request, pk):
        if pk is None:
            if not self.views.may_add(request):
                raise PermissionDenied
            return self.views.new_instance(request)
        return self.views.get_object(request, pk, Action.CHANGE)

    def render_form(self, request, obj, form, stale=None, status=200):
        return render(
            request,
            self.template_name,
            self.base_context(object=obj, form=form, stale_changes=stale, is_new=obj.pk is None),
            status=status,
        )

    def get(self, request, pk=None):
        obj = self.get_instance(request, pk)
        return self.render_form(request, obj, self.get_form(request, obj))

    def post(self, request, pk=None):
        obj = self.get_instance(request, pk)
        before = history.snapshot(obj) if obj.pk else None
        form = self.get_form(request, obj, request.POST)
        valid = form.is_valid()
        if "base_version" in form.errors:
            # Said above the form (the field is hidden). Missing: 428, as the API answers a change without
            # If-Match; malformed: 400.
            missing = any(error.code == "required" for error in form.errors.as_data()["base_version"])
            form.add_error(None, form.errors.pop("base_version"))
            return self.render_form(request, obj, form, status=428 if missing else 400)
        if not valid:
            return self.render_form(request, obj, form, status=422)
        opened_in = form.cleaned_data.get("base_organization")
        if before is None and opened_in is not None and opened_in != request.organization.pk:
            form.add_error(
                None,
                _(
                    "You opened this form in another organisation than the one you work in now (%(organization)s). "
                    "Nothing was saved: check the organisation in the header and save again."
                )
                % {"organization": request.organization},
            )
            form.data = form.data.copy()
            form.data["base_organization"] = request.organization.pk
            return self.render_form(request, obj, form, status=409)
        if before is None and not self.model.policy.can(
            request.user, Action.ADD, obj=form.instance, organization=request.organization
        ):
            raise PermissionDenied
        try:
            with transaction.atomic():
                history.save(
                    form.save(commit=False),
                    request.user,
                    expected_version=form.cleaned_data.get("base_version") if obj.pk else None,
                    before=before,
                    save_related=form.save_m2m,
                )
        except ValidationError as error:  # the saved state failed the row's validate_saved(): nothing was saved
            form.add_error(None, error.messages)
            return self.render_form(request, obj, form, status=422)
        except history.StaleObjectError as stale:
            form.add_error(
                None,
                _(
                    "Someone else saved this %(name)s after you opened it. Your changes were not saved. "
                    "See what changed below, then reload the form and apply your changes again."
                )
                % {"name": self.model._meta.verbose_name},
            )
            return self.render_form(
                request, obj, form, stale=describe_changes(self.model, list(stale.changes_since)), status=409
            )
        messages.success(
            request, _("Saved %(name)s “%(object)s”.") % {"name": self.model._meta.verbose_name, "object": obj}
        )
        return HttpResponseRedirect(safe_next(request) or obj.get_absolute_url())


class ObjectDeleteView(ObjectDetailView):
    template_name = "core/object_delete.html"

    def get(self, request, pk):
        obj = self.views.get_object(request, pk, Action.DELETE)
        return render(request, self.template_name, self.object_context(request, obj))

    def post(self, request, pk):
        obj = self.views.get_object(request, pk, Action.DELETE)
        try:
            history.delete(obj, request.user)
        except ProtectedError as error:
            used_by = ", ".join(sorted({str(item) for item in error.protected_objects})[:10])
            messages.error(
                request,
                _("“%(object)s” is still in use and was not deleted. Used by: %(used_by)s")
                % {"object": obj, "used_by": used_by},
            )
            return HttpResponseRedirect(obj.get_absolute_url())
        messages.success(
            request, _("Deleted %(name)s “%(object)s”.") % {"name": self.model._meta.verbose_name, "object": obj}
        )
        return HttpResponseRedirect(safe_next(request) or reverse(self.model.url_name("list")))


class BulkEditView(ModelView):
    """Change the same fields on many objects at once: all or nothing."""

    template_name = "core/bulk_edit.html"

    def post(self, request):
        views = self.views
        posted = request.POST.getlist("pk")
        ids = list(dict.fromkeys(pk for pk in map(parse_id, posted) if pk is not None))
        malformed = sum(parse_id(pk) is None for pk in posted)  # rows that do not exist, so not the user's to change
        form = views.bulk_form(request.POST if "apply" in request.POST else None, **views.form_kwargs(request))
        objects = list(views.queryset(request, Action.CHANGE).filter(pk__in=ids))
        context = self.base_context(form=form, objects=objects, ids=ids)
        if not posted:
            messages.error(request, _("Select at least one row."))
            return HttpResponseRedirect(reverse(self.model.url_name("list")))
        if malformed or len(objects) != len(ids):
            messages.error(
                request,
                _("You may not change %(count)s of the selected rows; nothing was changed.")
                % {"count": len(ids) - len(objects) + malformed},
            )
            return HttpResponseRedirect(reverse(self.model.url_name("list")))
        if not form.is_bound or not form.is_valid():
            return render(request, self.template_name, context, status=422 if form.is_bound else 200)
        changes = form.changes()
        if not changes:
            form.add_error(None, _("Choose at least one field to change."))
            return render(request, self.template_name, context, status=422)
        try:
            count = history.bulk_update(objects, request.user, changes, message=form.history_message())
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
            return render(request, self.template_name, context, status=422)
        messages.success(
            request, _("Changed %(count)s %(name)s.") % {"count": count, "name": self.model._meta.verbose_name_plural}
        )
        return HttpResponseRedirect(reverse(self.model.url_name("list")))


def safe_next(request) -> str | None:
    """The ``next`` URL a form came from, when it is on this site (e.g. back to the service page)."""
    target = request.POST.get("next") or request.GET.get("next")
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return None


def sections(place: registry.Registry, request) -> list[tuple[registry.Section, dict]]:
    """The sections registered for a composed page, each with its context; those that answer None are left out."""
    found = []
    for section in place.items():
        context = section.context(request)
        if context is not None:
            found.append((section, context))
    return found


def organization_workbook(user, organization):
    """Everything of ``organization`` that ``user`` may see, as one XLSX download: a sheet per type registered
    in ``registry.exports``, in the columns of that type's list."""
    sheets = []
    for sheet in registry.exports.items():
        views = sheet.views
        rows = views.rows(user, organization, for_list=True).order_by(*collation.default_ordering(views.model))
        sheets.append((views.model._meta.verbose_name_plural, sheet_rows(views.bound_columns(), rows)))
    return workbook_response(sheets, f"orden-{slugify(organization.name)}-{timezone.localdate():%Y-%m-%d}")


class OrganizationExportView(LoginRequiredMixin, View):
    """ "Export everything" of the current organisation (``organization_workbook``)."""

    def get(self, request):
        if request.organization is None:
            raise Http404
        return organization_workbook(request.user, request.organization)


@login_not_required
@never_cache
@require_safe
def health(request):
    """The proxy's and the monitoring's health check, and the HTTP benchmark's bare baseline: one database
    query, no session, no template. 503 when the database does not answer."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse({"status": "unavailable"}, status=503)
    if request.method == "HEAD":
        return HttpResponse(content_type="application/json")
    return JsonResponse({"status": "ok"})
