"""The services × systems matrix: which systems support which services, per unit or sector, with totals."""

from collections import Counter
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from orden.organizations.models import Unit
from orden.portfolio.models import Service, ServiceSystem

# Above this many systems (columns) the map no longer fits on a 1,366 px screen. Opened without a filter,
# a larger map starts with a default one: the unit the user leads, else the sector with most services.
FITS_ON_SCREEN = 30


@dataclass
class Matrix:
    services: list
    systems: list
    cells: dict  # (service_id, system_id) -> role label
    roles: dict = field(default_factory=dict)  # (service_id, system_id) -> role code ("primary", "supporting")
    default_unit: Unit | None = None  # the filter chosen for the user, when the map was too large to show
    default_sector: object = None
    unfiltered_systems: int = 0  # systems in the whole map, when a default filter was chosen

    def rows(self):
        return [
            (service, [self.cells.get((service.pk, system.pk), "") for system in self.systems])
            for service in self.services
        ]

    def service_totals(self) -> Counter:
        """Systems per service."""
        return Counter(service_id for service_id, _system_id in self.cells)

    def system_totals(self) -> Counter:
        """Services per system."""
        return Counter(system_id for _service_id, system_id in self.cells)

    @property
    def defaulted(self) -> bool:
        return self.default_unit is not None or self.default_sector is not None


def build(user, organization, unit=None, sector=None, *, default_when_large=False, leader_units=None) -> Matrix:
    """Two queries whatever the size: the services, and their links with the systems (a unit filter adds
    one for the unit tree). Only systems that support a shown service are columns.

    With ``default_when_large`` (the page opened without a filter) and more than ``FITS_ON_SCREEN`` systems,
    the map is narrowed to the first of ``leader_units`` (the units the user leads) that has services, or
    else to the sector with most services, and says so (``default_unit``, ``default_sector``)."""
    services = Service.objects.restrict(user).filter(organization=organization).select_related("sector")
    if unit is not None:
        services = services.filter(responsible_unit__in=unit.subtree_ids())
    if sector is not None:
        services = services.filter(sector=sector)
    services = list(services.order_by("name"))
    links = list(
        ServiceSystem.objects.restrict(user)
        .filter(service__in=[service.pk for service in services])
        .select_related("system")
        .order_by("system__name")
    )
    result = assemble(services, links)
    if default_when_large and unit is None and sector is None and len(result.systems) > FITS_ON_SCREEN:
        narrowed = narrow(result, services, links, leader_units or [])
        if narrowed is not None:
            return narrowed
    return result


def assemble(services, links) -> Matrix:
    shown = {service.pk for service in services}
    cells, roles, systems = {}, {}, {}
    for link in links:
        if link.service_id not in shown:
            continue
        cells[(link.service_id, link.system_id)] = link.get_role_display()
        roles[(link.service_id, link.system_id)] = link.role
        systems.setdefault(link.system_id, link.system)
    return Matrix(
        services=list(services),
        systems=sorted(systems.values(), key=lambda s: s.name.casefold()),
        cells=cells,
        roles=roles,
    )


def narrow(full: Matrix, services, links, leader_units) -> Matrix | None:
    """The map of the user's own unit (with sub-units), else of the sector with most services (in memory)."""
    for unit in leader_units:
        below = set(unit.subtree_ids())
        mine = [service for service in services if service.responsible_unit_id in below]
        if mine:
            result = assemble(mine, links)
            result.default_unit, result.unfiltered_systems = unit, len(full.systems)
            return result
    sectors = Counter(service.sector_id for service in services if service.sector_id)
    if not sectors:
        return None
    top = sectors.most_common(1)[0][0]
    mine = [service for service in services if service.sector_id == top]
    result = assemble(mine, links)
    result.default_sector, result.unfiltered_systems = mine[0].sector, len(full.systems)
    return result


def export_rows(matrix: Matrix):
    """The matrix as a spreadsheet: a "Total" column (systems per service) and a "Total" row (services per
    system, and all links)."""
    per_service, per_system = matrix.service_totals(), matrix.system_totals()
    header = ["", *[system.name for system in matrix.systems], _("Total")]
    body = [[service.name, *cells, per_service[service.pk]] for service, cells in matrix.rows()]
    footer = [_("Total"), *[per_system[system.pk] for system in matrix.systems], len(matrix.cells)]
    return [header, *body, footer]
