"""The roles a user can hold in an organisation, and what each may edit (see docs/architecture.md)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    COORDINATOR = "coordinator", _("System coordinator")
    ARCHITECT = "architect", _("Architect")
    SYSTEM_OWNER = "system_owner", _("System owner")
    SERVICE_LEADER = "service_leader", _("Head of service")
    PRIVACY_OFFICER = "privacy_officer", _("Data protection officer")
    ADVISOR = "advisor", _("Digitalisation council")
    READER = "reader", _("Reader")
    CATALOGUE_EDITOR = "catalogue_editor", _("Catalogue editor")


class Action(models.TextChoices):
    VIEW = "view", _("view")
    ADD = "add", _("add")
    CHANGE = "change", _("change")
    DELETE = "delete", _("delete")


EDIT_ACTIONS = (Action.ADD, Action.CHANGE, Action.DELETE)
