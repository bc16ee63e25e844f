"""The forms of datasets, distributions, data services and dataset templates; each takes its fields from the
model's ``edit_fields`` and adds only widgets, grouped choices and the confirmation of open personal data."""

import functools

from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from rdflib import SKOS

from orden.catalog.forms import CatalogueEntryForm
from orden.catalog.models import Product
from orden.core.forms import BulkEditForm, OrdenModelForm, members_of
from orden.core.roles import Action
from orden.core.widgets import SearchableSelect
from orden.organizations.models import Contact

from . import vocabularies
from .models import THEME_SCHEMES, AccessRights, Concept, DataService, Dataset, DatasetTemplate, Distribution, Scheme


class ThemeCheckboxes(forms.CheckboxSelectMultiple):
    """The themes as check boxes in groups: the 13 EU data themes first (every dataset needs one), then the
    Los themes under their main themes, each group folded (``<details>``) unless one of its themes is
    chosen, so a hundred boxes stay readable by eye, keyboard and screen reader. Without JavaScript."""

    template_name = "datasets/widgets/themes.html"

    label = _("Themes")  # the outer group's name: the field's <label> has no single input to point to

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["label"] = self.label
        groups = []
        for index, (group_name, options, _index) in enumerate(context["widget"]["optgroups"]):
            chosen = sum(1 for option in options if option["selected"])
            groups.append({"name": group_name, "options": options, "chosen": chosen, "folded": index > 0})
        context["widget"]["groups"] = groups
        return context


class ThemeChoices:
    """The grouped theme choices, read when the widget renders (a form built only for its field list, as the
    detail page's, costs no query)."""

    def __iter__(self):
        return iter(theme_choices())


def theme_choices() -> list[tuple[str, list[tuple[int, str]]]]:
    """The theme choices grouped: the EU data themes, then the Los concepts under their main theme (the top of
    their ``skos:broader`` chain in the shipped Los vocabulary), each main theme first in its group."""
    themes = list(Concept.objects.filter(scheme__in=THEME_SCHEMES).order_by("scheme", "label_nb"))
    groups = [(_("EU data themes"), [(theme.pk, theme.label) for theme in themes if theme.scheme == Scheme.DATA_THEME])]
    tops = los_main_themes()
    by_top: dict[str, list[Concept]] = {}
    for theme in themes:
        if theme.scheme == Scheme.LOS_THEME:
            by_top.setdefault(tops.get(theme.uri, ""), []).append(theme)
    named = sorted(((main_theme_label(top), top) for top in by_top if top), key=lambda item: item[0].casefold())
    for label, top in [*named, (_("Other Los themes"), "")]:
        members = sorted(by_top.get(top, []), key=lambda theme: (theme.uri != top, theme.label.casefold()))
        if members:
            legend = _("Los: %(theme)s") % {"theme": label} if top else label
            groups.append((legend, [(theme.pk, theme.label) for theme in members]))
    return [group for group in groups if group[1]]


@functools.cache
def los_main_themes() -> dict[str, str]:
    """``{Los concept IRI: the IRI of its main theme}``, from the ``skos:broader`` chains of the shipped Los
    vocabulary (a main theme is its own); read once per process."""
    graph = vocabularies.vocabulary_graph()
    broader = {}
    for concept, parent in graph.subject_objects(SKOS.broader):
        if str(concept).startswith(vocabularies.LOS):
            broader.setdefault(str(concept), str(parent))
    tops = {}
    for concept in {*broader, *broader.values()}:
        seen, current = set(), concept
        while current in broader and current not in seen:  # a cycle would be a broken vocabulary: stop
            seen.add(current)
            current = broader[current]
        tops[concept] = current
    return tops


def main_theme_label(uri: str) -> str:
    found = vocabularies.labels(uri)
    language = (get_language() or "nb")[:2]
    return found.get(language) or found.get("nb") or uri.rsplit("/", 1)[-1]


def short_descriptions(form):
    """Descriptions in three rows: a paragraph or two is what the catalogue wants."""
    for name, field in form.fields.items():
        if name.startswith("description_"):
            field.widget.attrs["rows"] = 3


class DatasetForm(OrdenModelForm):
    """The description of a dataset, in the parts a user thinks in. Open access to personal data must be
    confirmed with a reason (the model's ``clean`` refuses it without one; the message is on that field)."""

    sections = (
        (
            _("Description"),
            (*Dataset.TEXT_FIELDS, "keywords", "themes"),
        ),
        (_("Where the data lives"), ("systems", "authoritative_system", "services")),
        (
            _("Access"),
            (
                "access_rights",
                "restriction_basis",
                "restriction_basis_url",
                "personal_data",
                "open_personal_data_reason",
            ),
        ),
        (
            _("Coverage and quality"),
            ("frequency", "temporal_start", "temporal_end", "conforms_to", "provenance", "landing_page"),
        ),
        (_("People"), ("owner", "contact_point")),
    )

    class Meta:
        model = Dataset
        widgets = {
            "themes": ThemeCheckboxes,
            "systems": forms.CheckboxSelectMultiple,
            "services": forms.CheckboxSelectMultiple,
            "owner": SearchableSelect("organizations:member_options"),
            "contact_point": SearchableSelect(
                "organizations:contact_options", placeholder=_("Search by name, employer or e-mail")
            ),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["themes"].widget.choices = ThemeChoices()
        short_descriptions(self)
        self.fields["conforms_to"].widget.attrs["rows"] = 2
        self.fields["open_personal_data_reason"].widget.attrs["rows"] = 2
        if not self.is_bound:
            self.require_reason(self.instance.access_rights, self.instance.personal_data)

    def require_reason(self, access_rights, personal_data):
        """Mark the reason as required while the data is open and contains personal data (shown on the
        label; the model's ``clean`` refuses an empty one with its own message on the field)."""
        self.fields["open_personal_data_reason"].required = bool(personal_data and access_rights == AccessRights.PUBLIC)

    def clean(self):
        cleaned_data = super().clean()
        self.require_reason(cleaned_data.get("access_rights"), cleaned_data.get("personal_data"))
        # The authoritative system is one of the systems that hold the data.
        authoritative, systems = cleaned_data.get("authoritative_system"), cleaned_data.get("systems")
        if authoritative is not None and systems is not None and authoritative not in systems:
            cleaned_data["systems"] = [*systems, authoritative]
        return cleaned_data


class DistributionForm(OrdenModelForm):
    class Meta:
        model = Distribution

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        short_descriptions(self)
        # A distribution goes only into a dataset the user may change (a data owner: their own datasets).
        field = self.fields["dataset"]
        field.queryset = field.queryset & Dataset.objects.restrict(self.user, Action.CHANGE)


class DataServiceForm(OrdenModelForm):
    sections = (
        (
            _("Description"),
            DataService.TEXT_FIELDS,
        ),
        (_("The service"), ("endpoint_url", "endpoint_description", "datasets", "landing_page")),
        (_("Access"), ("access_rights", "licence")),
        (_("People"), ("owner", "contact_point")),
    )

    class Meta:
        model = DataService
        widgets = {
            "datasets": forms.CheckboxSelectMultiple,
            "owner": SearchableSelect("organizations:member_options"),
            "contact_point": SearchableSelect(
                "organizations:contact_options", placeholder=_("Search by name, employer or e-mail")
            ),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        short_descriptions(self)


class DatasetTemplateForm(CatalogueEntryForm):
    """A product's dataset template: only catalogue editors set the status (everyone else's are drafts)."""

    sections = (
        (_("Product"), ("product",)),
        (
            _("Description"),
            (
                "title_nb",
                "title_nn",
                "title_en",
                "description_nb",
                "description_nn",
                "description_en",
                "keywords",
                "themes",
            ),
        ),
        (_("Typical facts"), ("access_rights", "personal_data", "frequency", "provenance", "status")),
    )

    class Meta:
        model = DatasetTemplate
        widgets = {
            "product": SearchableSelect("catalog:product_options", placeholder=_("Search by product or vendor")),
            "themes": ThemeCheckboxes,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["product"].queryset = Product.objects.restrict(self.user).select_related("vendor").order_by("name")
        self.fields["product"].label_from_instance = lambda product: f"{product.name} ({product.vendor.name})"
        self.fields["themes"].widget.choices = ThemeChoices()
        short_descriptions(self)


def bulk_field(name, **kwargs):
    """The bulk edit's field for a dataset field: the model's label, choices and help text, empty at first."""
    return Dataset._meta.get_field(name).formfield(required=False, initial=None, **kwargs)


class DatasetBulkEditForm(BulkEditForm):
    """Set what many datasets share: access rights, update frequency, the data owner and the contact point."""

    access_rights = forms.ChoiceField(
        label=_("Access rights"), choices=[("", "---------"), *AccessRights.choices], required=False
    )
    frequency = bulk_field("frequency")
    owner = bulk_field("owner", widget=SearchableSelect("organizations:member_options"))
    contact_point = bulk_field(
        "contact_point",
        widget=SearchableSelect("organizations:contact_options", placeholder=_("Search by name, employer or e-mail")),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = members_of(self.organization)
        self.fields["contact_point"].queryset = (
            Contact.objects.restrict(self.user).filter(organization=self.organization)
            if self.organization is not None
            else Contact.objects.none()
        )
