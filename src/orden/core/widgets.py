"""Form widgets shared by every app."""

from django import forms
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class SearchableSelect(forms.Select):
    """A select with a search field above it: typing asks the server (htmx) for the matching options, so
    a long list (people, the national catalogue) stays usable by keyboard and screen reader. Without
    JavaScript it is a select.

    ``source`` names the URL that answers ``?q=`` with ``<option>`` elements (e.g. the organisation's
    members, ``core/widgets/options.html``); ``placeholder`` says what the search matches. When the
    options change, the select fires ``change`` (``orden.js``), so whatever follows it (the version
    choices of a product) follows the new choice too."""

    template_name = "core/widgets/searchable_select.html"

    def __init__(self, source: str, attrs=None, placeholder=None):
        super().__init__(attrs)
        self.source = source
        self.placeholder = placeholder or _("Search by name or e-mail")

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["source"] = reverse(self.source)
        context["widget"]["placeholder"] = self.placeholder
        return context
