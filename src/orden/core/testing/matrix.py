"""The shared test matrix. Each app declares, per model, a ``ModelSpec``: how to make an object, what a
valid form and API payload look like, and who may do what (written out from the role table in
docs/architecture.md, never derived from the policy under test). ``core/tests/test_matrix.py`` turns
every spec into the permission matrix (actor × own/other organisation × view/add/change/delete, in the
UI and the API) and the query-count tests (1 and 50 rows cost the same number of queries).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from orden.core.roles import Role

ADMIN = "platform_admin"
OUTSIDER = "outsider"  # logged in, member of no organisation
MEMBER_ROLES = tuple(Role.values)
ALL_ACTORS = (*MEMBER_ROLES, ADMIN, OUTSIDER)
ACTIONS = ("view", "add", "change", "delete")
OWN, OTHER = "own", "other"


@dataclass
class World:
    """Two organisations, one user per role in ``own``, a platform admin and an outsider."""

    own: object
    other: object
    users: dict[str, object]
    other_users: dict[str, object]


@dataclass
class ModelSpec:
    model: type
    api_basename: str
    make: Callable[[World, object, int], object]
    form_data: Callable[[World, object, int], dict]
    api_data: Callable[[World, object, int], dict]
    # action -> {side: set of actors allowed}
    allowed: dict[str, dict[str, set[str]]]
    list_url_name: str | None = None
    extra: dict = field(default_factory=dict)

    @property
    def label(self):
        return self.model._meta.label

    def may(self, actor, action, side) -> bool:
        return actor in self.allowed[action][side]


def tenant_rules(editors=(), owners=(), owner_actions=("change",)) -> dict:
    """Members see their organisation's rows; coordinator and ``editors`` edit; ``owners`` do
    ``owner_actions`` on the rows that name them (the matrix's objects and payloads name them);
    nobody sees another organisation's."""
    editing = {Role.COORDINATOR, *editors, ADMIN}
    return {
        "view": {OWN: {*MEMBER_ROLES, ADMIN}, OTHER: {ADMIN}},
        **{
            action: {OWN: editing | (set(owners) if action in owner_actions else set()), OTHER: {ADMIN}}
            for action in ("add", "change", "delete")
        },
    }


def platform_rules() -> dict:
    """Shared reference rows: every logged-in user reads, only platform admins edit."""
    return {
        "view": {OWN: set(ALL_ACTORS), OTHER: set(ALL_ACTORS)},
        **{action: {OWN: {ADMIN}, OTHER: {ADMIN}} for action in ("add", "change", "delete")},
    }


def catalogue_rules(members_may_propose=True) -> dict:
    """The national catalogue: everyone reads; members propose drafts; editors edit (objects are approved)."""
    editors = {Role.CATALOGUE_EDITOR, ADMIN}
    proposers = {*MEMBER_ROLES, ADMIN} if members_may_propose else editors
    return {
        "view": {OWN: set(ALL_ACTORS), OTHER: set(ALL_ACTORS)},
        "add": {OWN: proposers, OTHER: proposers},
        "change": {OWN: editors, OTHER: editors},
        "delete": {OWN: editors, OTHER: editors},
    }


_REGISTRY: list[ModelSpec] = []


def register(spec: ModelSpec) -> ModelSpec:
    _REGISTRY.append(spec)
    return spec


def all_specs() -> list[ModelSpec]:
    # Importing each app's specs module registers its models.
    from importlib import import_module

    from django.apps import apps

    for config in apps.get_app_configs():
        if config.name.startswith("orden."):
            try:
                import_module(f"{config.name}.tests.specs")
            except ModuleNotFoundError as error:
                if error.name != f"{config.name}.tests.specs" and error.name != f"{config.name}.tests":
                    raise
    seen, unique = set(), []
    for spec in _REGISTRY:
        if spec.label not in seen:
            seen.add(spec.label)
            unique.append(spec)
    return unique
