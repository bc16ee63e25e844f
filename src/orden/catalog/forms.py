"""The catalogue's forms; each takes its fields from the model's ``edit_fields``."""

from django import forms
from django.utils.translation import gettext_lazy as _

from orden.core.forms import OrdenFormMixin, OrdenModelForm
from orden.core.permissions import is_catalogue_editor

from .models import Product, Vendor


class CatalogueEntryForm(OrdenModelForm):
    """Only catalogue editors set the status; everyone else's additions are drafts."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "status" in self.fields and not is_catalogue_editor(self.user):
            del self.fields["status"]


class VendorForm(CatalogueEntryForm):
    class Meta:
        model = Vendor


class ProductForm(CatalogueEntryForm):
    class Meta:
        model = Product
        widgets = {"standards": forms.CheckboxSelectMultiple}


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
