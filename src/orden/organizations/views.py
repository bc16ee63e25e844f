"""The pages of organisations, regions, members, units and contacts, the profile, the organisation settings,
the organisation switcher and the search-as-you-type options for people and contacts."""

from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils import translation
from django.utils.html import format_html
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from orden.api.models import ApiToken
from orden.core import history
from orden.core.filters import search
from orden.core.forms import members_of, parse_id
from orden.core.permissions import TenantPolicy, is_platform_admin
from orden.core.roles import Action
from orden.core.tables import Column
from orden.core.views import ModelView, ModelViews, ObjectDeleteView, ObjectDetailView

from .filters import ContactFilterSet, MembershipFilterSet, OrganizationFilterSet, RegionFilterSet, UnitFilterSet
from .forms import (
    LoginForm,
    MembershipForm,
    OrganizationSettingsForm,
    ProfileForm,
    UnitDeleteForm,
    UnitForm,
)
from .middleware import SESSION_ORGANIZATION_KEY, may_work_in
from .models import Contact, Membership, Organization, Region, Unit
from .unit_tree import unit_tree


class OrganizationViews(ModelViews):
    model = Organization
    filterset = OrganizationFilterSet
    columns = [
        Column("name", order_by="name", link=True),
        Column("kind"),
        Column("municipality_number", order_by="municipality_number"),
        Column("organization_number"),
        Column("population", order_by="population"),
        Column("county"),
    ]
    list_select_related = ("county",)
    detail_select_related = ("county",)


class RegionViews(ModelViews):
    model = Region
    filterset = RegionFilterSet
    columns = [Column("name", order_by="name", link=True), Column("description")]


class MembershipViews(ModelViews):
    model = Membership
    filterset = MembershipFilterSet
    form = MembershipForm
    columns = [
        Column("user", link=True),
        Column("user__email", label=gettext_lazy("E-mail address")),
        Column("role", order_by="role"),
    ]
    list_select_related = ("user",)
    detail_select_related = ("user", "organization")
    detail_fields = ["user", "role"]


def include_subunits(request) -> bool:
    """The unit page's "Including sub-units" choice: on unless the user turned it off (``?subunits=0``; the
    checked box sends ``1`` after the hidden ``0``)."""
    values = request.GET.getlist("subunits")
    return not values or "1" in values


class UnitDetailView(ObjectDetailView):
    """A unit: its facts, its sub-units with their counts, and the services it answers for and the systems
    behind them with their annual cost; the sub-units' included unless the user chooses the unit alone.
    A constant number of queries: the tree (three), the services and the systems."""

    def get(self, request, pk):
        from orden.portfolio.models import Service, System

        unit = self.views.get_object(request, pk)
        tree = unit_tree(request.user, unit.organization_id)
        node = tree.nodes.get(unit.pk)
        include = include_subunits(request)
        unit_ids = [below.unit.pk for below in node.walk()] if include and node else [unit.pk]
        services = (
            Service.objects.restrict(request.user)
            .filter(responsible_unit__in=unit_ids)
            .select_related("process_owner", "responsible_unit")
            .order_by("name")
        )
        systems = (
            System.objects.restrict(request.user)
            .filter(service_links__service__responsible_unit__in=unit_ids)
            .distinct()
            .select_related("owner")
            .order_by("name")
        )
        context = self.object_context(
            request,
            unit,
            rows=self.detail_rows(unit),
            active_tab="overview",
            node=node,
            children=node.children if node else [],
            include_subunits=include,
            services=services,
            systems=systems,
            annual_cost=sum(system.annual_cost or 0 for system in systems),
        )
        return render(request, "organizations/unit_detail.html", context)


class UnitTreeView(ModelView):
    """The organisation's units as a tree, each with its services and systems, sub-units included."""

    template_name = "organizations/unit_tree.html"

    def get(self, request):
        organization = request.organization
        tree = unit_tree(request.user, organization) if organization else None
        context = self.base_context(tree=tree, may_add=self.views.may_add(request))
        if tree is not None:
            context["total_services"] = sum(root.service_count for root in tree.roots) + tree.services_without_unit
            context["total_systems"] = len(set().union(*(root.systems for root in tree.roots)))
        return render(request, self.template_name, context)


class UnitDeleteView(ObjectDeleteView):
    """Deleting a unit asks where its services and sub-units go; nothing is orphaned silently."""

    template_name = "organizations/unit_delete.html"

    def get(self, request, pk):
        unit = self.views.get_object(request, pk, Action.DELETE)
        return self.render_form(request, unit, UnitDeleteForm(unit=unit, user=request.user))

    def render_form(self, request, unit, form, status=200):
        context = self.object_context(
            request, unit, form=form, services=unit.services.all(), children=unit.children.all()
        )
        return render(request, self.template_name, context, status=status)

    def post(self, request, pk):
        unit = self.views.get_object(request, pk, Action.DELETE)
        form = UnitDeleteForm(request.POST, unit=unit, user=request.user)
        if not form.is_valid():
            return self.render_form(request, unit, form, status=422)
        target = form.cleaned_data["move_to"]
        with transaction.atomic():
            history.bulk_update(
                unit.services.all(),
                request.user,
                {"responsible_unit": target},
                message=_("Unit “%(unit)s” deleted") % {"unit": unit},
            )
            history.bulk_update(
                unit.children.all(),
                request.user,
                {"parent": target},
                message=_("Unit “%(unit)s” deleted") % {"unit": unit},
            )
            history.delete(unit, request.user)
        messages.success(request, _("Deleted unit “%(unit)s”.") % {"unit": unit})
        return HttpResponseRedirect(reverse("organizations:unit_list"))


class UnitViews(ModelViews):
    model = Unit
    filterset = UnitFilterSet
    form = UnitForm
    columns = [
        Column("name", order_by="name", link=True),
        Column("path", label=gettext_lazy("Place in the organisation")),
        Column("leader"),
    ]
    # Three levels of ancestors in the same query: municipal unit trees are rarely deeper.
    list_select_related = ("parent__parent__parent", "leader")
    detail_select_related = ("parent", "leader")
    detail_view = UnitDetailView
    delete_view = UnitDeleteView
    related_links = [("organizations:unit_tree", gettext_lazy("Unit tree"))]

    @classmethod
    def urls(cls):
        return [path("tree/", UnitTreeView.as_view(views=cls), name="unit_tree"), *super().urls()]


class ContactViews(ModelViews):
    model = Contact
    filterset = ContactFilterSet
    columns = [
        Column("name", order_by="name", link=True),
        Column("employer", order_by="employer"),
        Column("title"),
        Column("email"),
        Column("phone"),
    ]


@login_required
def member_options(request):
    """The <option>s of members of the current organisation matching ``q`` (for owner and leader fields)."""
    people = members_of(request.organization)
    people = search(people, ("first_name", "last_name", "username", "email"), request.GET.get("q", ""))
    return render(request, "core/widgets/options.html", {"options": [(p.pk, str(p)) for p in people[:50]]})


@login_required
def contact_options(request):
    """The <option>s of the current organisation's contacts matching ``q``."""
    contacts = Contact.objects.restrict(request.user).filter(organization=request.organization)
    contacts = search(contacts, ("name", "employer", "email"), request.GET.get("q", ""))
    return render(request, "core/widgets/options.html", {"options": [(c.pk, str(c)) for c in contacts[:50]]})


@login_required
def organization_settings(request):
    """The coordinator's settings for their organisation (the review interval)."""
    organization = request.organization
    if organization is None or not TenantPolicy().can(request.user, Action.CHANGE, organization=organization):
        raise PermissionDenied
    before = history.snapshot(organization)
    form = OrganizationSettingsForm(request.POST or None, instance=organization)
    if request.method == "POST" and form.is_valid():
        history.save(form.save(commit=False), request.user, before=before)
        messages.success(request, _("The settings were saved."))
        return redirect("organization_settings")
    return render(
        request,
        "organizations/settings.html",
        {"form": form, "organization": organization},
        status=422 if form.errors else 200,
    )


@login_required
@require_POST
def switch_organization(request):
    """Choose the organisation to work in (one you belong to; platform admins any)."""
    organization_id = request.POST.get("organization", "")
    allowed = (
        parse_id(organization_id)
        and may_work_in(request.user, int(organization_id))
        and Organization.objects.filter(pk=organization_id, is_active=True).exists()
    )
    if allowed:
        request.session[SESSION_ORGANIZATION_KEY] = int(organization_id)
    else:
        messages.error(request, _("You are not a member of that organisation."))
    target = request.POST.get("next", "/")
    return HttpResponseRedirect(target if url_has_allowed_host_and_scheme(target, {request.get_host()}) else "/")


@login_required
def profile(request):
    """Name, e-mail, language, password and API tokens of the logged-in user."""
    user = request.user
    new_key = None
    form = ProfileForm(instance=user)
    if request.method == "POST":
        if "create_token" in request.POST:
            name = request.POST.get("token_name", "").replace("\x00", "").strip()[:100]  # PostgreSQL refuses NUL
            if not name:
                messages.error(request, _("Give the token a name."))
            else:
                _token, new_key = ApiToken.issue(user, name)
        elif "revoke_token" in request.POST:
            get_object_or_404(ApiToken, pk=parse_id(request.POST.get("revoke_token")), user=user).delete()
            messages.success(request, _("The token was revoked."))
            return redirect("profile")
        else:
            form = ProfileForm(request.POST, instance=user)
            if form.is_valid():
                form.save()
                messages.success(request, _("Your profile was saved."))
                return redirect("profile")
    return render(
        request,
        "organizations/profile.html",
        {
            "form": form,
            "tokens": user.api_tokens.all(),
            "new_key": new_key,
            # unscoped: the user's own memberships
            "memberships": Membership.objects.filter(user=user).select_related("organization"),
        },
    )


# Arrival: logging in, the language notice and the front page of someone who works in no organisation yet.

LANGUAGE_NOTICES = {
    "nb": gettext_lazy("Orden is shown in Norwegian Bokmål, as you chose in your profile."),
    "nn": gettext_lazy("Orden is shown in Norwegian Nynorsk, as you chose in your profile."),
    "en": gettext_lazy("Orden is shown in English, as you chose in your profile."),
}
# At most this many organisations on a platform administrator's front page; the search narrows them.
LANDING_LIMIT = 50


def language_notice(language):
    """ "Orden is shown in Nynorsk, as you chose in your profile. Change it in your profile", in ``language``."""
    with translation.override(language):
        notice = str(LANGUAGE_NOTICES.get(language, _("Orden is shown in the language you chose in your profile.")))
        return format_html(
            '{} <a class="ds-link" href="{}">{}</a>',
            notice,
            reverse("profile") + "#id_language",
            _("Change it in your profile"),
        )


class LoginView(auth_views.LoginView):
    """Log in with Designsystemet fields. Afterwards Orden is shown in the language of the user's profile;
    when that differs from the language the login page was shown in, a notice says so (in the new language)."""

    form_class = LoginForm
    redirect_authenticated_user = True

    def form_valid(self, form):
        shown_in = translation.get_language()  # before login: the language cookie, else bokmål
        response = super().form_valid(form)
        language = self.request.user.language
        if language in dict(settings.LANGUAGES):
            if language != shown_in:
                messages.info(self.request, language_notice(language))
            # After logging out, the login page is shown in the user's language too.
            response.set_cookie(
                settings.LANGUAGE_COOKIE_NAME,
                language,
                max_age=settings.LANGUAGE_COOKIE_AGE,
                path=settings.LANGUAGE_COOKIE_PATH,
                domain=settings.LANGUAGE_COOKIE_DOMAIN,
                secure=settings.LANGUAGE_COOKIE_SECURE,
                httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
                samesite=settings.LANGUAGE_COOKIE_SAMESITE,
            )
        return response


def front_page(view):
    """The front page: ``view`` (the overview of the current organisation) for someone who works in one.

    Otherwise, where to go from here: a platform administrator chooses an organisation to work in (searched
    by name or number); anyone else is told they are not a member of any organisation yet."""

    @login_required
    @wraps(view)
    def front(request, *args, **kwargs):
        if request.organization is not None:
            return view(request, *args, **kwargs)
        context = {}
        if is_platform_admin(request.user):
            query = request.GET.get("q", "").strip()
            found = search(
                Organization.objects.restrict(request.user).filter(is_active=True).select_related("county"),
                ("name", "municipality_number", "organization_number"),
                query,
            )
            context = {"query": query, "organizations": found[:LANDING_LIMIT], "organization_count": found.count()}
        return render(request, "home.html", context)

    return front
