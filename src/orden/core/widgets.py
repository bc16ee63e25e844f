"""Form widgets shared by every app."""

from django import forms
from django.urls import reverse


class SearchableSelect(forms.Select):
    """A select with a search field above it: typing asks the server (htmx) for the matching options, so
    a long list of people stays usable by keyboard and screen reader. Without JavaScript it is a select.

    ``source`` names the URL that answers ``?q=`` with ``<option>`` elements (e.g. the organisation's
    members)."""

    template_name = "core/widgets/searchable_select.html"

    def __init__(self, source: str, attrs=None):
        super().__init__(attrs)
        self.source = source

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["source"] = reverse(self.source)
        return context
