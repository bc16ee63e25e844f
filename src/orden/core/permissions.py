"""The one permission policy of Orden.

Every model names a policy (``Model.policy``). A policy answers two questions, and nothing else in
Orden answers them:

- ``restrict(queryset, user, action)``: which rows may this user see or act on? Every list, detail,
  API, export and search query goes through it (``Model.objects.restrict(user, action)``), so tenant
  isolation is applied at the queryset and what you may not see is a 404.
- ``can(user, action, obj=None, organization=None)``: may this user act on this object (or add one
  in this organisation)? Used by views, the API and templates to show or hide actions.

Both are written from the same role table so they cannot drift apart; the permission test matrix
checks every model through both.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Q, QuerySet

from .roles import Action, Role


def is_platform_admin(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active and user.is_superuser)


def roles_by_organization(user) -> dict[int, str]:
    """The user's role in each active organisation they belong to.

    The user model resolves them (``user.organization_roles``, once per user object and so once per
    request, whether the request was authenticated by session or by API token); the policy only reads them.
    """
    if not user or not user.is_authenticated:
        return {}
    return user.organization_roles


def organizations_with_role(user, roles: Iterable[str] | None = None) -> list[int]:
    wanted = set(roles) if roles is not None else None
    return [org for org, role in roles_by_organization(user).items() if wanted is None or role in wanted]


def is_catalogue_editor(user) -> bool:
    return is_platform_admin(user) or Role.CATALOGUE_EDITOR in roles_by_organization(user).values()


class Policy:
    """Base policy: platform admins may do everything, nobody else anything.

    A subclass writes two methods from the same rule: ``q(user, action)``, the filter of the rows the user
    may act on (None: none), and ``allows(user, action, obj, organization)`` for one object or, without
    one, for adding in an organisation. ``restrict`` and ``can`` wrap them with the platform admin and the
    logged-out cases, so the two answers cannot drift apart.
    """

    def q(self, user, action: str) -> Q | None:
        """A filter for the rows this user may act on; None means none at all."""
        return None

    def restrict(self, queryset: QuerySet, user, action: str = Action.VIEW) -> QuerySet:
        if is_platform_admin(user):
            return queryset
        condition = self.q(user, action) if user and user.is_authenticated and user.is_active else None
        return queryset.filter(condition) if condition is not None else queryset.none()

    def can(self, user, action: str, obj=None, organization=None) -> bool:
        if is_platform_admin(user):
            return True
        if not user or not user.is_authenticated or not user.is_active:
            return False
        return self.allows(user, action, obj, organization)

    def allows(self, user, action, obj, organization) -> bool:
        return False


class TenantPolicy(Policy):
    """Rows that belong to one organisation (``organization`` field).

    Every member of the organisation may view; the system coordinator and ``editors`` may add, change
    and delete. A holder of an ``owner_roles`` role may do ``owner_actions`` (by default: change) on the
    rows that name them in one of ``owner_fields``, which may follow relations: the system owner
    changes their own systems, the head of a service links systems to the services they lead
    (``service__process_owner``). ``usage_fields`` are the facts that every logged-in user may see
    across organisations (which organisation uses which product).

    Args:
        editors: roles that add, change and delete every row of their organisation (the coordinator always).
        owner_fields: fields (relation paths allowed) that name the person whose row it is.
        owner_roles: the roles that get owner rights; a person named but holding another role gets none.
        owner_actions: what owners may do to their rows.
        usage_fields: the values ``usage()`` shares with every logged-in user across organisations.
        organization_field: the path to the row's organisation.
    """

    def __init__(
        self,
        editors: Iterable[str] = (),
        owner_fields: Iterable[str] = (),
        owner_roles: Iterable[str] = (Role.SYSTEM_OWNER,),
        owner_actions: Iterable[str] = (Action.CHANGE,),
        usage_fields: Iterable[str] = (),
        organization_field: str = "organization",
    ):
        self.editors = {Role.COORDINATOR, *editors}
        self.owner_fields = tuple(owner_fields)
        self.owner_roles = set(owner_roles) if self.owner_fields else set()
        self.owner_actions = set(owner_actions)
        self.usage_fields = tuple(usage_fields)
        self.organization_field = organization_field

    def in_organizations(self, organizations: list[int]) -> Q:
        return Q(**{f"{self.organization_field}__in": organizations})

    def q(self, user, action):
        if action == Action.VIEW:
            return self.in_organizations(organizations_with_role(user))
        condition = self.in_organizations(organizations_with_role(user, self.editors))
        if action in self.owner_actions and self.owner_roles:
            owned = Q()
            for field in self.owner_fields:
                owned |= Q(**{field: user})
            condition |= self.in_organizations(organizations_with_role(user, self.owner_roles)) & owned
        return condition

    def usage(self, queryset: QuerySet, user) -> QuerySet:
        """The cross-organisation view: only ``usage_fields``, for any logged-in user."""
        if not self.usage_fields or not user or not user.is_authenticated:
            return queryset.none().values(*self.usage_fields or ("pk",))
        return queryset.values(*self.usage_fields)

    def organization_of(self, obj) -> int:
        return _follow(obj, self.organization_field)

    def names_user(self, obj, user) -> bool:
        return any(_follow(obj, field) == user.pk for field in self.owner_fields)

    def allows(self, user, action, obj, organization):
        org_id = self.organization_of(obj) if obj is not None else getattr(organization, "pk", organization)
        role = roles_by_organization(user).get(org_id)
        if role is None:
            return False
        if action == Action.VIEW or role in self.editors:
            return True
        if action in self.owner_actions and role in self.owner_roles:
            # Adding without an object yet (the "Add" button): the object decides once it is filled in.
            return self.names_user(obj, user) if obj is not None else action == Action.ADD
        return False


def _follow(obj, path: str):
    """The id at the end of a relation path: ``_follow(link, "service__process_owner")``."""
    *steps, last = path.split("__")
    for step in steps:
        obj = getattr(obj, step, None)
        if obj is None:
            return None
    return getattr(obj, f"{last}_id", None)


class PlatformPolicy(Policy):
    """Shared reference rows (organisations, regions): every logged-in user reads, platform admins edit."""

    def q(self, user, action):
        return Q() if action == Action.VIEW else None

    def allows(self, user, action, obj, organization):
        return action == Action.VIEW


class CataloguePolicy(Policy):
    """The national catalogue: everyone logged in reads; catalogue editors add, edit, approve, merge and
    delete. Where ``drafts`` is on, any member may also propose a draft and change it while it is a
    draft. ``parent`` names the field that leads to the row whose draft status and author decide (the
    product of a product version): a member may add versions to their own draft product.

    Args:
        parent: the relation to the row that carries ``status`` and ``created_by``, or None for the row itself.
        drafts: whether members may propose drafts (off for reference lists: only catalogue editors edit).
    """

    def __init__(self, parent: str | None = None, drafts: bool = True):
        self.parent = parent
        self.drafts = drafts

    def _path(self, name):
        return f"{self.parent}__{name}" if self.parent else name

    def q(self, user, action):
        if action == Action.VIEW or is_catalogue_editor(user):
            return Q()
        if self.drafts and (action == Action.CHANGE or (action == Action.ADD and self.parent)):
            return Q(**{self._path("status"): "draft", self._path("created_by"): user})
        return None

    def allows(self, user, action, obj, organization):
        if action == Action.VIEW or is_catalogue_editor(user):
            return True
        if not self.drafts or not roles_by_organization(user) or action == Action.DELETE:
            return False
        if obj is None:
            return action == Action.ADD and not self.parent
        root = getattr(obj, self.parent) if self.parent else obj
        return root.status == "draft" and root.created_by_id == user.pk
