"""The pages of organisations, regions, members, units and contacts, the profile, the organisation settings,
the organisation switcher and the search-as-you-type options for people and contacts."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from orden.api.models import ApiToken
from orden.core import history
from orden.core.filters import search
from orden.core.forms import members_of
from orden.core.permissions import TenantPolicy, is_platform_admin, roles_by_organization
from orden.core.roles import Action
from orden.core.tables import Column
from orden.core.views import ModelViews, ObjectDeleteView, ObjectDetailView

from .filters import ContactFilterSet, MembershipFilterSet, OrganizationFilterSet, RegionFilterSet, UnitFilterSet
from .forms import (
    MembershipForm,
    OrganizationSettingsForm,
    ProfileForm,
    UnitDeleteForm,
    UnitForm,
)
from .middleware import SESSION_ORGANIZATION_KEY
from .models import Contact, Membership, Organization, Region, Unit


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


class UnitDetailView(ObjectDetailView):
    """A unit: its facts, sub-units, services and the systems behind them, with their annual cost."""

    def get(self, request, pk):
        from orden.portfolio.models import Service, System

        unit = self.views.get_object(request, pk)
        services = Service.objects.restrict(request.user).filter(responsible_unit=unit).select_related("process_owner")
        systems = (
            System.objects.restrict(request.user)
            .filter(service_links__service__responsible_unit=unit)
            .distinct()
            .select_related("owner")
            .order_by("name")
        )
        context = self.object_context(
            request,
            unit,
            rows=self.detail_rows(unit),
            active_tab="overview",
            children=unit.children.all(),
            services=services,
            systems=systems,
            annual_cost=sum(system.annual_cost or 0 for system in systems),
        )
        return render(request, "organizations/unit_detail.html", context)


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
    allowed = organization_id.isdigit() and (
        int(organization_id) in roles_by_organization(request.user)
        or (is_platform_admin(request.user) and Organization.objects.filter(pk=organization_id).exists())
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
            name = request.POST.get("token_name", "").strip()[:100]
            if not name:
                messages.error(request, _("Give the token a name."))
            else:
                _token, new_key = ApiToken.issue(user, name)
        elif "revoke_token" in request.POST:
            get_object_or_404(ApiToken, pk=request.POST.get("revoke_token"), user=user).delete()
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
