from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q, Sum
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from orden.core.tables import Column
from orden.core.views import ModelViews

from .filters import SystemFilterSet
from .forms import SystemBulkEditForm, SystemForm
from .models import Criticality, Lifecycle, System


class SystemViews(ModelViews):
    model = System
    filterset = SystemFilterSet
    form = SystemForm
    bulk_form = SystemBulkEditForm
    columns = [
        Column("name", order_by="name", link=True),
        Column("product", order_by="product"),
        Column("product__category", label=_("Category")),
        Column("lifecycle", order_by="lifecycle"),
        Column("owner"),
        Column("criticality", order_by="criticality"),
        Column("time_classification"),
        Column("annual_cost", order_by="annual_cost"),
    ]
    list_select_related = ("product__category", "owner")
    detail_select_related = ("product__vendor", "product__category", "product_version", "owner", "responsible")
    detail_template = "portfolio/system_detail.html"


@login_required
def home(request):
    """The organisation's front page: the register at a glance."""
    systems = SystemViews.queryset(request)
    summary = systems.aggregate(
        total=Count("pk"),
        in_use=Count("pk", filter=Q(lifecycle=Lifecycle.IN_USE)),
        critical=Count("pk", filter=Q(criticality=Criticality.CRITICAL)),
        without_owner=Count("pk", filter=Q(owner__isnull=True) & ~Q(lifecycle=Lifecycle.RETIRED)),
        personal_data=Count("pk", filter=Q(personal_data=True)),
        annual_cost=Sum("annual_cost"),
    )
    mine = systems.filter(Q(owner=request.user) | Q(responsible=request.user)).select_related("product")[:20]
    return render(
        request, "home.html", {"summary": summary, "my_systems": mine, "may_add_system": SystemViews.may_add(request)}
    )
