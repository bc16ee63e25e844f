"""Arriving at an object of another organisation than the current one.

The web interface works in one current organisation (``request.organization``). A link to an object of
another organisation the user may also work in (from an e-mail, a bookmark, a colleague) should open the
object there rather than answer 404. Core does not know how the current organisation is chosen: the app
that does names a function in the setting ``ORDEN_ENTER_ORGANIZATION`` (a dotted path, as
``ORDEN_ORGANIZATION_MODEL`` names the organisation model):

    enter(request, organization_id) -> bool

It makes that organisation the current one for this request and the session, tells the user, and answers
True; or answers False when the user may not work there (the caller then answers 404).
"""

from django.conf import settings
from django.utils.module_loading import import_string


def enter_organization(request, organization_id) -> bool:
    """Switch the request's current organisation to ``organization_id``, if the installed app allows it."""
    path = getattr(settings, "ORDEN_ENTER_ORGANIZATION", "")
    if not path or organization_id is None:
        return False
    return bool(import_string(path)(request, organization_id))
