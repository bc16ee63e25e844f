"""What every page's template needs from the machine: the languages and the main menu."""

from django.conf import settings

from . import registry


def orden(request):
    """The languages for the switcher and, once logged in, the menu entries this user may use.

    ``menu`` is a list of ``(MenuItem, is_current)`` in order of weight (``core.registry.menu``)."""
    context = {"LANGUAGES": settings.LANGUAGES}
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        match = getattr(request, "resolver_match", None)
        view_name = match.view_name if match else ""
        context["menu"] = [
            (item, item.is_current(view_name)) for item in registry.menu.items() if item.shown_to(request)
        ]
    return context
