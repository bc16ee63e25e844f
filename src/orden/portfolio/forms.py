from django import forms
from django.contrib.auth import get_user_model
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from orden.catalog.models import Product, ProductVersion
from orden.core.forms import BulkEditForm, OrdenModelForm

from .models import Lifecycle, System


def members_of(organization):
    """The users who may be named owner or responsible: members of the organisation."""
    return get_user_model().objects.filter(memberships__organization=organization).order_by("first_name", "last_name")


class SystemForm(OrdenModelForm):
    class Meta:
        model = System
        fields = [
            "name",
            "product",
            "product_version",
            "description",
            "lifecycle",
            "in_use_from",
            "in_use_until",
            "owner",
            "responsible",
            "user_count",
            "criticality",
            "last_risk_assessment",
            "hosting",
            "personal_data",
            "special_categories",
            "confidentiality",
            "integrity",
            "availability",
            "time_classification",
            "annual_cost",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["product"].queryset = Product.objects.select_related("vendor").order_by("name")
        self.fields["product"].label_from_instance = lambda product: f"{product.name} ({product.vendor.name})"
        # The version list follows the chosen product (htmx swaps the options when the product changes).
        product_id = (
            self.data.get("product") if self.is_bound else self.instance.product_id or self.initial.get("product")
        )
        versions = (
            ProductVersion.objects.filter(product_id=product_id)
            if str(product_id or "").isdigit()
            else ProductVersion.objects.none()
        )
        self.fields["product_version"].queryset = versions
        self.fields["product_version"].label_from_instance = lambda version: version.name
        self.fields["product"].widget.attrs.update(
            {
                "hx-get": reverse_lazy("catalog:version_options"),
                "hx-target": "#id_product_version",
                "hx-trigger": "change",
            }
        )
        for name in ("owner", "responsible"):
            self.fields[name].queryset = members_of(self.organization)
        self.fields["description"].widget.attrs["rows"] = 3


class SystemBulkEditForm(BulkEditForm):
    owner = forms.ModelChoiceField(queryset=get_user_model().objects.none(), label=_("System owner"))
    responsible = forms.ModelChoiceField(queryset=get_user_model().objects.none(), label=_("System responsible"))
    lifecycle = forms.ChoiceField(choices=[("", "—"), *Lifecycle.choices], label=_("Lifecycle"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("owner", "responsible"):
            self.fields[name].queryset = members_of(self.organization)
