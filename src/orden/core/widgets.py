"""Form widgets shared by every app, and the form renderer of the list pages' filter forms."""

import html
from pathlib import Path

import django
from django import forms
from django.forms.renderers import TemplatesSetting
from django.urls import reverse
from django.utils import formats
from django.utils.functional import cached_property
from django.utils.safestring import SafeData
from django.utils.timezone import template_localtime
from django.utils.translation import gettext_lazy as _

from .html import escape


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


# The Django version whose widget templates WidgetRenderer's Python was compared with (to the character, by
# core/tests/test_widget_renderer.py). With any other version it renders the templates.
CHECKED_DJANGO = (5, 2)

# Django's own widget templates that WidgetRenderer renders in Python, by the function that renders each.
_WIDGETS = "django/forms/widgets/"
_INPUTS = ("checkbox", "color", "date", "datetime", "email", "hidden", "input", "number", "password", "search")
_INPUTS += ("tel", "text", "time", "url")
_INPUT_OPTIONS = ("checkbox_option", "input_option", "radio_option")
_MULTIPLE_INPUTS = ("checkbox_select", "multiple_input", "radio")


class WidgetRenderer(TemplatesSetting):
    """``TemplatesSetting`` that renders Django's own templates of inputs, selects and check boxes in Python,
    to the same HTML. The template engine costs about 30 µs per ``<option>`` and per check box (each is an
    include of two templates), which made the filter form of a list page most of its rendering time (see
    docs/performance.md). Any other template, or any of these overridden by a project template, renders
    through the templates as usual."""

    def render(self, template_name, context, request=None):
        render = self._python.get(template_name)
        if render is not None and self._stock:
            rendered = render(context["widget"])
            if rendered is not None:
                return rendered.strip()
        return super().render(template_name, context, request)

    @cached_property
    def _python(self):
        found = {f"{_WIDGETS}{name}.html": _input for name in _INPUTS}
        found |= {f"{_WIDGETS}{name}.html": _input_option for name in _INPUT_OPTIONS}
        found |= {f"{_WIDGETS}{name}.html": _multiple_input for name in _MULTIPLE_INPUTS}
        found |= {f"{_WIDGETS}select.html": _select, f"{_WIDGETS}select_option.html": _select_option}
        return found

    @cached_property
    def _stock(self) -> bool:
        """Whether every template rendered in Python is Django's own (none overridden by the project), of the
        Django version the Python was checked against."""
        if django.VERSION[:2] != CHECKED_DJANGO:
            return False
        own = str(Path(forms.__file__).parent / "templates")
        names = [*self._python, f"{_WIDGETS}attrs.html"]
        return all(str(self.get_template(name).origin.name).startswith(own) for name in names)


def _text(value) -> str:
    """``{{ value }}``: localised, a string, escaped unless it is safe."""
    return escape(formats.localize(template_localtime(value)))


def _stringformat(value) -> str:
    """``{{ value|stringformat:'s' }}``."""
    if isinstance(value, SafeData):
        return value
    try:
        value = "%s" % (str(value) if isinstance(value, tuple) else value)  # noqa: UP031  (what the filter does)
    except (ValueError, TypeError):
        value = ""
    return html.escape(value)


def _attrs(attrs) -> str:
    """``attrs.html``."""
    return "".join(
        f" {_text(name)}" if value is True else f' {_text(name)}="{_stringformat(value)}"'
        for name, value in attrs.items()
        if value is not False
    )


def _input(widget) -> str:
    """``input.html`` (and the templates that only include it)."""
    value = f' value="{_stringformat(widget["value"])}"' if widget["value"] is not None else ""
    return f'<input type="{_text(widget["type"])}" name="{_text(widget["name"])}"{value}{_attrs(widget["attrs"])}>\n'


def _input_option(widget) -> str:
    """``input_option.html`` (and ``checkbox_option.html``, ``radio_option.html``)."""
    if not widget.get("wrap_label"):
        return f"{_input(widget)}\n"
    option_id = widget["attrs"].get("id")
    label_for = f' for="{_text(option_id)}"' if option_id else ""
    return f"<label{label_for}>{_input(widget)} {_text(widget['label'])}</label>\n"


def _select_option(widget) -> str:
    """``select_option.html``."""
    value, label = _stringformat(widget["value"]), _text(widget["label"])
    return f'<option value="{value}"{_attrs(widget["attrs"])}>{label}</option>\n'


def _select(widget) -> str | None:
    """``select.html``; None (render the templates) when an option has a template of its own."""
    parts = [f'<select name="{_text(widget["name"])}"{_attrs(widget["attrs"])}>']
    for group_name, options, _index in widget["optgroups"]:
        if group_name:
            parts.append(f'\n  <optgroup label="{_text(group_name)}">')
        for option in options:
            if option.get("template_name") != f"{_WIDGETS}select_option.html":
                return None
            parts.append(f"\n  {_select_option(option)}")
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>\n")
    return "".join(parts)


def _multiple_input(widget) -> str | None:
    """``multiple_input.html`` (check boxes, radio buttons); None when an option has a template of its own."""
    widget_id, css_class = widget["attrs"].get("id"), widget["attrs"].get("class")
    parts = ["<div", f' id="{_text(widget_id)}"' if widget_id else ""]
    parts.append(f' class="{_text(css_class)}">' if css_class else ">")
    options_templates = {f"{_WIDGETS}{name}.html" for name in _INPUT_OPTIONS}
    for group_name, options, _index in widget["optgroups"]:
        if group_name:
            parts.append(f"\n  <div><label>{_text(group_name)}</label>")
        for option in options:
            if option.get("template_name") not in options_templates:
                return None
            # checkbox_option.html and radio_option.html add a line break to input_option.html's.
            own_break = "" if option["template_name"] == f"{_WIDGETS}input_option.html" else "\n"
            parts.append(f"<div>\n    {_input_option(option)}{own_break}</div>")
        if group_name:
            parts.append("\n  </div>")
    parts.append("\n</div>\n")
    return "".join(parts)
