"""The services × systems matrix: which systems support which services, per unit or sector."""

from dataclasses import dataclass

from orden.portfolio.models import Service, ServiceSystem


@dataclass
class Matrix:
    services: list
    systems: list
    cells: dict  # (service_id, system_id) -> role label

    def rows(self):
        return [
            (service, [self.cells.get((service.pk, system.pk), "") for system in self.systems])
            for service in self.services
        ]


def build(user, organization, unit=None, sector=None) -> Matrix:
    """Two queries whatever the size: the services, and their links with the systems."""
    services = Service.objects.restrict(user).filter(organization=organization).select_related("responsible_unit")
    if unit is not None:
        services = services.filter(responsible_unit__in=unit.subtree_ids())
    if sector is not None:
        services = services.filter(sector=sector)
    services = list(services.order_by("name"))
    links = (
        ServiceSystem.objects.restrict(user)
        .filter(service__in=[service.pk for service in services])
        .select_related("system")
        .order_by("system__name")
    )
    cells, systems = {}, {}
    for link in links:
        cells[(link.service_id, link.system_id)] = link.get_role_display()
        systems.setdefault(link.system_id, link.system)
    return Matrix(services=services, systems=sorted(systems.values(), key=lambda s: s.name.casefold()), cells=cells)


def export_rows(matrix: Matrix):
    header = ["", *[system.name for system in matrix.systems]]
    return [header, *[[service.name, *cells] for service, cells in matrix.rows()]]
