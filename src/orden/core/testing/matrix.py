"""The shared test matrix. Each app declares, per model, a ``ModelSpec``: how to make an object, what a
valid form and API payload look like, and who may do what (written out from the role table in
docs/architecture.md, never derived from the policy under test). ``orden/tests/test_matrix.py`` turns
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
    """What the generated tests need to know about one model: data only, no test code.

    Attributes:
        model: the model.
        api_basename: its router basename (``reverse(f"{api_basename}-list")``).
        make: ``make(world, organization, n)`` creates the n-th row in that organisation (for shared models the
            organisation is ignored); rows that owners may edit must name ``world``'s owner of that role.
        form_data: ``form_data(world, organization, n)``, a valid POST of the add/edit form (new unique values per n).
        api_data: the same as a JSON payload, with ``organization`` for tenant models.
        allowed: ``{action: {OWN/OTHER: actors}}``, who may view, add, change and delete in their own and in the
            other organisation; write it with ``tenant_rules``, ``catalogue_rules`` or ``platform_rules`` from the
            role table in docs/architecture.md, never from the policy under test.
        list_url_name, extra: rarely needed overrides.
    """

    model: type
    api_basename: str
    make: Callable[[World, object, int], object]
    form_data: Callable[[World, object, int], dict]
    api_data: Callable[[World, object, int], dict]
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
