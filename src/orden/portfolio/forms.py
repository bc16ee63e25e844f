"""The forms of the system register and services; each takes its fields from the model's ``edit_fields``."""

from django import forms
from django.contrib.auth import get_user_model
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from orden.catalog.models import Product, ProductVersion
from orden.core.forms import BulkEditForm, OrdenModelForm, members_of
from orden.core.widgets import SearchableSelect

from .models import Lifecycle, Service, ServiceTemplate, System


class SystemForm(OrdenModelForm):
    class Meta:
        model = System
        widgets = {
            "super_users": forms.CheckboxSelectMultiple,
            "owner": SearchableSelect("organizations:member_options"),
            "responsible": SearchableSelect("organizations:member_options"),
            "vendor_contact": SearchableSelect("organizations:contact_options"),
        }

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
        self.fields["description"].widget.attrs["rows"] = 3


class SystemBulkEditForm(BulkEditForm):
    owner = forms.ModelChoiceField(
        queryset=get_user_model().objects.none(),
        label=_("System owner"),
        widget=SearchableSelect("organizations:member_options"),
    )
    responsible = forms.ModelChoiceField(
        queryset=get_user_model().objects.none(),
        label=_("System responsible"),
        widget=SearchableSelect("organizations:member_options"),
    )
    lifecycle = forms.ChoiceField(choices=[("", "—"), *Lifecycle.choices], label=_("Lifecycle"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("owner", "responsible"):
            self.fields[name].queryset = members_of(self.organization)


class ServiceForm(OrdenModelForm):
    class Meta:
        model = Service
        widgets = {"process_owner": SearchableSelect("organizations:member_options")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["template"].queryset = ServiceTemplate.objects.select_related("sector")


class AdoptServicesForm(forms.Form):
    """Adopt common services from the shared list (Kommune-Los) into the organisation."""

    templates = forms.ModelMultipleChoiceField(queryset=ServiceTemplate.objects.all(), label=_("Common services"))
