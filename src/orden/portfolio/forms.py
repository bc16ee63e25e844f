"""The forms of the system register and services; each takes its fields from the model's ``edit_fields``."""

from django import forms
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from orden.catalog.models import Product, ProductVersion
from orden.core.forms import BulkEditForm, ModelMultipleChoiceField, OrdenModelForm, members_of, parse_id
from orden.core.widgets import SearchableSelect

from .models import Service, ServiceTemplate, System


class SystemForm(OrdenModelForm):
    sections = (
        (
            _("What it is"),
            (
                "name",
                "product",
                "product_version",
                "description",
                "lifecycle",
                "in_use_from",
                "in_use_until",
                "time_classification",
            ),
        ),
        (_("Who answers for it"), ("owner", "responsible")),
        (_("How critical it is"), ("criticality", "confidentiality", "integrity", "availability")),
        (_("Hosting and security"), ("hosting", "last_risk_assessment", "personal_data", "special_categories")),
        (_("Cost and people"), ("annual_cost", "user_count", "super_users", "vendor_contact")),
    )

    class Meta:
        model = System
        widgets = {
            "product": SearchableSelect("catalog:product_options", placeholder=_("Search by product or vendor")),
            "super_users": forms.CheckboxSelectMultiple,
            "owner": SearchableSelect("organizations:member_options"),
            "responsible": SearchableSelect("organizations:member_options"),
            "vendor_contact": SearchableSelect(
                "organizations:contact_options", placeholder=_("Search by name, employer or e-mail")
            ),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["product"].queryset = Product.objects.restrict(self.user).select_related("vendor").order_by("name")
        self.fields["product"].label_from_instance = lambda product: f"{product.name} ({product.vendor.name})"
        # The version list follows the chosen product (htmx swaps the options when the product changes).
        product_id = parse_id(
            self.data.get("product") if self.is_bound else self.instance.product_id or self.initial.get("product")
        )
        versions = ProductVersion.objects.filter(product_id=product_id) if product_id else ProductVersion.objects.none()
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


def bulk_field(name, **kwargs):
    """The bulk edit's field for a system field: the model's label, choices and help text, empty at first."""
    return System._meta.get_field(name).formfield(required=False, initial=None, **kwargs)


class SystemBulkEditForm(BulkEditForm):
    """Set the facts many systems share: classification, hosting, lifecycle, who answers for them, and
    confirm that their facts are correct today."""

    lifecycle = bulk_field("lifecycle")
    criticality = bulk_field("criticality")
    time_classification = bulk_field("time_classification")
    hosting = bulk_field("hosting")
    owner = bulk_field("owner", widget=SearchableSelect("organizations:member_options"))
    responsible = bulk_field("responsible", widget=SearchableSelect("organizations:member_options"))
    confirm = forms.BooleanField(
        label=_("Confirm the facts as correct today"),
        help_text=_("Sets “facts last confirmed” to today on every selected system, as “Confirm still correct” does."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("owner", "responsible"):
            self.fields[name].queryset = members_of(self.organization)

    def changes(self) -> dict:
        changes = super().changes()
        if changes.pop("confirm", False):
            changes["last_reviewed"] = timezone.localdate()
        return changes

    def history_message(self) -> str:
        if not self.cleaned_data.get("confirm"):
            return super().history_message()
        if len(self.changes()) == 1:
            return gettext("Confirmed that the facts are correct")
        return gettext("Bulk edit; confirmed that the facts are correct")


class ServiceForm(OrdenModelForm):
    class Meta:
        model = Service
        widgets = {"process_owner": SearchableSelect("organizations:member_options")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["template"].queryset = ServiceTemplate.objects.select_related("sector")


class AdoptServicesForm(forms.Form):
    """Adopt common services from the shared list (Kommune-Los) into the organisation."""

    templates = ModelMultipleChoiceField(queryset=ServiceTemplate.objects.all(), label=_("Common services"))
