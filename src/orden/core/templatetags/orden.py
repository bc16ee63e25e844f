"""Template helpers shared by the generic templates."""

from django import template
from django.urls import reverse

register = template.Library()


@register.simple_tag
def url_for_model(model, view, *args):
    """The URL of one of a model's generic views: {% url_for_model views.model 'edit' object.pk %}."""
    return reverse(model.url_name(view), args=args)


@register.filter
def toggle_ordering(key, current):
    """Sort ascending by ``key``, or descending when it is already sorted ascending by it."""
    return f"-{key}" if current == key else key


@register.simple_tag
def sort_state(current, key):
    if current == key:
        return "ascending"
    if current == f"-{key}":
        return "descending"
    return "none"


@register.simple_tag(takes_context=True)
def render_section(context, section, section_context):
    """Render a registered ``Section`` with its own context on top of the page's."""
    template = context.template.engine.get_template(section.template)
    with context.push(section_context):
        return template.render(context)
