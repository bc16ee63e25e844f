from orden.catalog.tests.specs import product
from orden.core.roles import Role
from orden.core.testing.matrix import ModelSpec, register, tenant_rules
from orden.portfolio.models import System


def owner_in(world, org):
    """The system owner of the organisation: the matrix's objects name them, so they may change them."""
    return world.users[Role.SYSTEM_OWNER] if org == world.own else world.other_users[Role.SYSTEM_OWNER]


def make_system(world, org, n):
    return System.objects.create(organization=org, name=f"System {n}", product=product(), lifecycle="in_use",
                                 owner=owner_in(world, org), criticality="high", annual_cost=120000)


def system_form_data(world, org, n):
    return {"name": f"Nytt system {n}", "product": product().pk, "lifecycle": "in_use", "owner": owner_in(world, org).pk,
            "criticality": "medium", "in_use_from": "2020-01-01", "annual_cost": "250000"}


def system_api_data(world, org, n):
    return {**system_form_data(world, org, n), "organization": org.pk}


register(ModelSpec(
    model=System,
    api_basename="system",
    make=make_system,
    form_data=system_form_data,
    api_data=system_api_data,
    allowed=tenant_rules(editors=[Role.ARCHITECT], owners=[Role.SYSTEM_OWNER]),
))
