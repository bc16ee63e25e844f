"""The catalogue's forms; each takes its fields from the model's ``edit_fields``."""

from django import forms
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from orden.core.forms import OrdenFormMixin, OrdenModelForm
from orden.core.permissions import is_catalogue_editor

from . import similarity
from .models import Product, Vendor

CONFIRM_DUPLICATE = "confirm_duplicate"


class SimilarNameInput(forms.TextInput):
    """The name field of a vendor or product: while a name is typed, the server (htmx) lists similar
    entries already in the catalogue below it, in a polite live region. ``similar`` is the list shown when
    the form comes back from a save that found near-duplicates. Without JavaScript it is a text field."""

    template_name = "catalog/widgets/similar_name.html"

    def __init__(self, source: str, include: str = "", attrs=None):
        super().__init__(attrs)
        self.source = source
        self.include = include
        self.similar = []
        self.exclude = None

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        widget = context["widget"]
        region = f"{widget['attrs'].get('id', name)}_similar"
        widget["attrs"].update(
            {
                "hx-get": reverse(self.source),
                "hx-trigger": "input changed delay:400ms" + (f", change from:{self.include}" if self.include else ""),
                "hx-target": f"#{region}",
                "hx-swap": "innerHTML",
                "autocomplete": "off",
            }
        )
        if self.include:
            widget["attrs"]["hx-include"] = self.include
        if self.exclude:
            widget["attrs"]["hx-vals"] = f'{{"exclude": "{int(self.exclude)}"}}'
        widget["similar_region"] = region
        widget["similar"] = self.similar
        return context


class CatalogueEntryForm(OrdenModelForm):
    """Only catalogue editors set the status; everyone else's additions are drafts.

    A new entry, or one renamed, whose name is like an existing entry's is not saved at once: the form
    comes back naming the similar entries, with a "Save anyway" checkbox (``confirm_duplicate``)."""

    similar_source = ""
    similar_include = ""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "status" in self.fields and not is_catalogue_editor(self.user):
            del self.fields["status"]
        if "name" in self.fields:
            widget = SimilarNameInput(self.similar_source, self.similar_include, attrs=self.fields["name"].widget.attrs)
            widget.exclude = self.instance.pk
            self.fields["name"].widget = widget
        if self.is_bound and CONFIRM_DUPLICATE in self.data:
            self.add_confirm_field()

    def add_confirm_field(self):
        if CONFIRM_DUPLICATE not in self.fields:
            self.fields[CONFIRM_DUPLICATE] = forms.BooleanField(
                required=False,
                label=_("Save anyway"),
                help_text=_("Tick this if it is not one of the entries named above, and save again."),
                widget=forms.CheckboxInput(attrs={"class": "ds-input"}),
            )
            self.order_fields(["name", CONFIRM_DUPLICATE])

    def needs_duplicate_check(self) -> bool:
        return self.instance.pk is None or bool({"name", "vendor"} & set(self.changed_data))

    def clean(self):
        cleaned_data = super().clean()
        if cleaned_data.get("name") and self.needs_duplicate_check() and not cleaned_data.get(CONFIRM_DUPLICATE):
            model = self._meta.model
            similar = similarity.similar_to(
                model, self.user, cleaned_data["name"], cleaned_data.get("vendor"), exclude=self.instance.pk
            )
            if similar:
                self.fields["name"].widget.similar = similar
                self.add_confirm_field()
                self.add_error("name", similarity.duplicate_message(model, similar))
        return cleaned_data


class VendorForm(CatalogueEntryForm):
    similar_source = "catalog:vendor_similar"

    class Meta:
        model = Vendor


class ProductForm(CatalogueEntryForm):
    similar_source = "catalog:product_similar"
    similar_include = "#id_vendor"

    class Meta:
        model = Product
        widgets = {"standards": forms.CheckboxSelectMultiple}


class MergeForm(OrdenFormMixin, forms.Form):
    """Choose the vendor or product to keep when merging a duplicate (``source``) into it."""

    TARGETS = {
        Product: (
            _("Keep this product"),
            _("Every organisation's systems and the versions move to it; the duplicate is deleted."),
        ),
        Vendor: (
            _("Keep this vendor"),
            _(
                "Its products move to it (a product of the same name is merged into the existing one); "
                "the duplicate is deleted."
            ),
        ),
    }

    target = forms.ModelChoiceField(queryset=Product.objects.none())

    def __init__(self, *args, source, **kwargs):
        super().__init__(*args, **kwargs)
        model = type(source)
        target = self.fields["target"]
        target.queryset = model.objects.exclude(pk=source.pk)
        if model is Product:
            target.queryset = target.queryset.select_related("vendor")
        target.label, target.help_text = self.TARGETS[model]
        self.style_fields()
