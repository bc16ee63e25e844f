from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from orden.api.models import ApiToken
from orden.core.middleware import SESSION_ORGANIZATION_KEY
from orden.core.permissions import is_platform_admin, roles_by_organization
from orden.core.tables import Column
from orden.core.views import ModelViews

from .filters import MembershipFilterSet, OrganizationFilterSet, RegionFilterSet
from .forms import MembershipForm, OrganizationForm, ProfileForm, RegionForm
from .models import Membership, Organization, Region


class OrganizationViews(ModelViews):
    model = Organization
    filterset = OrganizationFilterSet
    form = OrganizationForm
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
    form = RegionForm
    columns = [Column("name", order_by="name", link=True), Column("description")]


class MembershipViews(ModelViews):
    model = Membership
    filterset = MembershipFilterSet
    form = MembershipForm
    columns = [
        Column("user", link=True),
        Column("user__email", label=_("E-mail address")),
        Column("role", order_by="role"),
    ]
    list_select_related = ("user",)
    detail_select_related = ("user", "organization")
    detail_fields = ["user", "role"]


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
            "memberships": Membership.objects.filter(user=user).select_related("organization"),
        },
    )
