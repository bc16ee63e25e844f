from django import forms
from django.utils.translation import gettext_lazy as _

from orden.core.forms import OrdenFormMixin, OrdenModelForm
from orden.core.permissions import is_catalogue_editor

from .models import Category, Product, ProductVersion, Standard, Vendor


class CatalogueEntryForm(OrdenModelForm):
    """Only catalogue editors set the status; everyone else's additions are drafts."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "status" in self.fields and not is_catalogue_editor(self.user):
            del self.fields["status"]


class VendorForm(CatalogueEntryForm):
    class Meta:
        model = Vendor
        fields = ["name", "organization_number", "website", "status"]


class ProductForm(CatalogueEntryForm):
    class Meta:
        model = Product
        fields = [
            "name",
            "vendor",
            "category",
            "description",
            "offers_on_premises",
            "offers_saas",
            "offers_hosted",
            "standards",
            "website",
            "status",
        ]
        widgets = {"standards": forms.CheckboxSelectMultiple}


class ProductVersionForm(OrdenModelForm):
    class Meta:
        model = ProductVersion
        fields = ["product", "name", "released_on", "end_of_support"]


class CategoryForm(OrdenModelForm):
    class Meta:
        model = Category
        fields = ["slug", "name_nb", "name_nn", "name_en", "sort_order"]


class StandardForm(OrdenModelForm):
    class Meta:
        model = Standard
        fields = ["name", "description", "url"]


class MergeForm(OrdenFormMixin, forms.Form):
    target = forms.ModelChoiceField(
        queryset=Product.objects.none(),
        label=_("Keep this product"),
        help_text=_("Every organisation's systems and the versions move to it; the duplicate is deleted."),
    )

    def __init__(self, *args, source, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target"].queryset = Product.objects.exclude(pk=source.pk).select_related("vendor")
        self.style_fields()
