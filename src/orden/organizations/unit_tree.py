"""The organisation's unit tree with what each unit answers for, its sub-units included.

Three queries for the whole tree, whatever its size: the units, the services' units, and the systems behind
those services. The tree is then walked in Python (as ``Unit.subtree_ids`` does), so a unit's totals are
its own services and systems together with its sub-units', each system counted once.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from .models import Unit


@dataclass
class Node:
    """A unit in the tree. ``services``, ``systems`` and ``annual_cost`` include the sub-units'."""

    unit: Unit
    depth: int = 0
    children: list = field(default_factory=list)
    own_services: set = field(default_factory=set)
    own_systems: set = field(default_factory=set)
    services: set = field(default_factory=set)
    systems: set = field(default_factory=set)
    annual_cost: Decimal = Decimal(0)

    @property
    def service_count(self) -> int:
        return len(self.services)

    @property
    def system_count(self) -> int:
        return len(self.systems)

    def walk(self):
        """This node and every node below it, depth first, in name order."""
        yield self
        for child in self.children:
            yield from child.walk()


@dataclass
class Tree:
    roots: list
    nodes: dict  # unit id -> Node
    services_without_unit: int = 0

    def __getitem__(self, pk) -> Node:
        return self.nodes[pk]

    def walk(self):
        for root in self.roots:
            yield from root.walk()


def unit_tree(user, organization) -> Tree:
    """The units of ``organization`` that ``user`` may see, as a tree with rolled-up counts."""
    from orden.portfolio.models import Service, ServiceSystem

    units = Unit.objects.restrict(user).filter(organization=organization).select_related("leader").order_by("name")
    nodes = {unit.pk: Node(unit) for unit in units}
    tree = Tree(roots=[], nodes=nodes)
    for node in nodes.values():
        parent = nodes.get(node.unit.parent_id)
        (parent.children if parent is not None else tree.roots).append(node)
    services = Service.objects.restrict(user).filter(organization=organization)
    for pk, unit_id in services.values_list("pk", "responsible_unit_id"):
        if unit_id in nodes:
            nodes[unit_id].own_services.add(pk)
        else:
            tree.services_without_unit += 1
    links = ServiceSystem.objects.restrict(user).filter(
        organization=organization, service__responsible_unit__isnull=False
    )
    costs = {}
    for unit_id, system_id, cost in links.values_list(
        "service__responsible_unit_id", "system_id", "system__annual_cost"
    ):
        if unit_id in nodes:
            nodes[unit_id].own_systems.add(system_id)
            costs[system_id] = cost or 0
    # Roll up from the leaves: children before parents (an explicit stack, so a deep tree needs no recursion).
    order, stack = [], [(root, 0) for root in reversed(tree.roots)]
    while stack:
        node, depth = stack.pop()
        node.depth = depth
        order.append(node)
        stack.extend((child, depth + 1) for child in reversed(node.children))
    for node in reversed(order):
        node.services = set(node.own_services).union(*(child.services for child in node.children))
        node.systems = set(node.own_systems).union(*(child.systems for child in node.children))
        node.annual_cost = sum((costs[pk] for pk in node.systems), Decimal(0))
    return tree
