"""WidgetRenderer renders Django's own widget templates in Python: its HTML must be the templates' HTML, to
the character, for every template it renders so. Compared with Django's ``TemplatesSetting`` renderer on
representative widgets, in bokmål and English (dates, numbers and choice labels are localised).

Checked against Django 5.2 (``widgets.CHECKED_DJANGO``). Django may change its widget templates in any
feature release: after an upgrade, compare ``django/forms/templates/django/forms/widgets/`` of the new
version with the functions in core/widgets.py, fix them, then set ``CHECKED_DJANGO``. Until then the renderer
renders the templates (``_stock``), and the tests below fail."""

import datetime
from decimal import Decimal

import django
import pytest
from django import forms
from django.forms import widgets
from django.forms.renderers import TemplatesSetting
from django.utils import translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from orden.core.forms import DateInput
from orden.core.widgets import _WIDGETS, CHECKED_DJANGO, WidgetRenderer

ESCAPED = "a \"b\" <c> & 'd'"  # every character an attribute or a text must escape
ATTRS = {"class": "ds-input", "data-note": ESCAPED, "placeholder": _("Search"), "required": True, "hidden": False}
CHOICES = [
    ("", "---------"),
    ("a", ESCAPED),
    (_("Lifecycle"), [("b", _("Yes")), ("c", mark_safe("<em>safe</em>"))]),  # a group
    (3, _("No")),
]


class PlainInput(widgets.Input):  # input.html itself
    input_type = "text"


class PlainMultipleInput(forms.RadioSelect):  # multiple_input.html and input_option.html themselves
    template_name = f"{_WIDGETS}multiple_input.html"
    option_template_name = f"{_WIDGETS}input_option.html"


def localized(widget):
    widget.is_localized = True
    return widget


# (id, widget, value)
CASES = [
    ("text", forms.TextInput(attrs=ATTRS), ESCAPED),
    ("text-empty", forms.TextInput(), None),
    ("input", PlainInput(attrs={"maxlength": 10}), "x"),
    ("number", localized(forms.NumberInput(attrs={"min": 0, "step": "0.5"})), Decimal("1234.5")),
    ("number-int", forms.NumberInput(), 7),
    ("date", forms.DateInput(), datetime.date(2026, 12, 1)),
    ("date-html", DateInput(attrs={"id": "id_since"}), datetime.date(2026, 12, 1)),
    ("datetime", forms.DateTimeInput(), datetime.datetime(2026, 12, 1, 9, 30)),
    ("time", forms.TimeInput(), datetime.time(9, 30)),
    ("hidden", forms.HiddenInput(), 5),
    ("hidden-none", forms.HiddenInput(), None),
    ("email", forms.EmailInput(attrs={"autocomplete": "email"}), "a@example.org"),
    ("url", forms.URLInput(), "https://example.org/?a=1&b=2"),
    ("password", forms.PasswordInput(render_value=True), "s3cr<e>t"),
    ("search", forms.SearchInput(attrs=ATTRS), ESCAPED),
    ("tel", forms.TelInput(), "+47 22 00 00 00"),
    ("color", forms.ColorInput(), "#ff0000"),
    ("checkbox-on", forms.CheckboxInput(attrs={"id": "id_flag"}), True),
    ("checkbox-off", forms.CheckboxInput(), False),
    ("select", forms.Select(choices=CHOICES, attrs=ATTRS), "b"),
    ("select-int", forms.Select(choices=CHOICES), 3),
    ("select-none", forms.Select(choices=CHOICES), None),
    ("select-boolean", forms.NullBooleanSelect(), True),
    ("select-multiple", forms.SelectMultiple(choices=CHOICES, attrs={"id": "id_many"}), ["a", "c"]),
    ("checkboxes", forms.CheckboxSelectMultiple(choices=CHOICES, attrs={"id": "id_boxes", "class": "x"}), ["a", 3]),
    ("checkboxes-no-id", forms.CheckboxSelectMultiple(choices=CHOICES), []),
    ("radio", forms.RadioSelect(choices=CHOICES, attrs={"id": "id_radio"}), "c"),
    ("radio-no-id", forms.RadioSelect(choices=CHOICES[:2]), "a"),
    ("multiple-input", PlainMultipleInput(choices=CHOICES, attrs={"id": "id_plain"}), "b"),
    ("split-datetime", forms.SplitDateTimeWidget(), datetime.datetime(2026, 12, 1, 9, 30)),
    ("split-hidden-datetime", forms.SplitHiddenDateTimeWidget(), datetime.datetime(2026, 12, 1, 9, 30)),
]
LANGUAGES = ["nb", "en"]
PYTHON_TEMPLATES = sorted(WidgetRenderer()._python)


def contexts(widget, value):
    """``(template name, context)`` of every template the widget renders through a renderer: its own, and
    (rendered by their parent in Python, by include in the templates) those of its options."""
    context = widget.get_context("field", value, {})
    yield widget.template_name, context
    for _group, options, _index in context["widget"].get("optgroups", ()):
        for option in options:
            yield option["template_name"], {"widget": option}


def test_the_checked_django_version_is_installed():
    assert django.VERSION[:2] == CHECKED_DJANGO, (
        f"Django {django.get_version()} is installed, but core/widgets.py's WidgetRenderer was checked against "
        f"Django {CHECKED_DJANGO}: it renders the templates until you compare Django's widget templates with "
        "its Python (see this module's docstring), then set CHECKED_DJANGO and run these tests."
    )
    assert WidgetRenderer()._stock  # no project template overrides one of them either


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("template_name", PYTHON_TEMPLATES)
def test_each_template_rendered_in_python_matches_django(template_name, language):
    fast, reference = WidgetRenderer(), TemplatesSetting()
    compared = []
    with translation.override(language):
        for case, widget, value in CASES:
            for name, context in contexts(widget, value):
                if name != template_name:
                    continue
                assert fast._python[name](context["widget"]) is not None, case  # not the templates' fallback
                assert fast.render(name, context) == reference.render(name, context), case
                compared.append(case)
    assert compared, f"no case renders {template_name}"


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize(("case", "widget", "value"), CASES, ids=[case for case, *_rest in CASES])
def test_each_widget_renders_as_with_the_templates(case, widget, value, language):
    with translation.override(language):
        fast = widget.render("field", value, attrs={"aria-describedby": "help"}, renderer=WidgetRenderer())
        reference = widget.render("field", value, attrs={"aria-describedby": "help"}, renderer=TemplatesSetting())
    assert fast == reference


def test_the_localised_values_differ_by_language():
    # So that the comparisons above cover localisation: the same widgets render differently per language.
    widget, value = localized(forms.NumberInput()), Decimal("1234.5")
    rendered = {}
    for language in LANGUAGES:
        with translation.override(language):
            rendered[language] = widget.render("n", value, renderer=WidgetRenderer())
    assert 'value="1234,5"' in rendered["nb"] and 'value="1234.5"' in rendered["en"]
