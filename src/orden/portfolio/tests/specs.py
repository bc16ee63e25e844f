from orden.catalog.tests.specs import product
from orden.core.roles import Role
from orden.core.testing.matrix import ModelSpec, catalogue_rules, register, tenant_rules
from orden.portfolio.models import KostraFunction, Sector, Service, ServiceSystem, ServiceTemplate, System


def owner_in(world, org):
    """The system owner of the organisation: the matrix's objects name them, so they may change them."""
    return world.users[Role.SYSTEM_OWNER] if org == world.own else world.other_users[Role.SYSTEM_OWNER]


def make_system(world, org, n):
    return System.objects.create(
        organization=org,
        name=f"System {n}",
        product=product(),
        lifecycle="in_use",
        owner=owner_in(world, org),
        criticality="high",
        annual_cost=120000,
    )


def system_form_data(world, org, n):
    return {
        "name": f"Nytt system {n}",
        "product": product().pk,
        "lifecycle": "in_use",
        "owner": owner_in(world, org).pk,
        "criticality": "medium",
        "in_use_from": "2020-01-01",
        "annual_cost": "250000",
    }


def system_api_data(world, org, n):
    return {**system_form_data(world, org, n), "organization": org.pk}


register(
    ModelSpec(
        model=System,
        api_basename="system",
        make=make_system,
        form_data=system_form_data,
        api_data=system_api_data,
        allowed=tenant_rules(editors=[Role.ARCHITECT], owners=[Role.SYSTEM_OWNER]),
    )
)


def process_owner_in(world, org):
    """The head of service: the matrix's services name them as process owner."""
    return world.users[Role.SERVICE_LEADER] if org == world.own else world.other_users[Role.COORDINATOR]


def make_service(world, org, n):
    return Service.objects.create(
        organization=org,
        name=f"Tjeneste {n}",
        process_owner=process_owner_in(world, org),
        sector=Sector.objects.first(),
        statutory=True,
    )


def service_data(world, org, n):
    return {
        "name": f"Ny tjeneste {n}",
        "process_owner": process_owner_in(world, org).pk,
        "sector": Sector.objects.first().pk,
        "kostra_function": KostraFunction.objects.get(code="302").pk,
        "statutory": True,
        "digital": True,
    }


register(
    ModelSpec(
        model=Service,
        api_basename="service",
        make=make_service,
        form_data=service_data,
        api_data=lambda world, org, n: {**service_data(world, org, n), "organization": org.pk},
        allowed=tenant_rules(owners=[Role.SERVICE_LEADER]),
    )
)


def make_link(world, org, n):
    service = make_service(world, org, 1000 + n)
    return ServiceSystem.objects.create(organization=org, service=service, system=make_system(world, org, 1000 + n))


def link_data(world, org, n):
    """A link from a service the head of service leads to a new system."""
    service = Service.objects.filter(organization=org, name="Tjeneste 2000").first() or make_service(world, org, 2000)
    return {
        "service": service.pk,
        "system": make_system(world, org, 2000 + n).pk,
        "role": "supporting",
        "note": "Brukes til søknader",
    }


register(
    ModelSpec(
        model=ServiceSystem,
        api_basename="servicesystem",
        make=make_link,
        form_data=link_data,
        api_data=lambda world, org, n: {**link_data(world, org, n), "organization": org.pk},
        allowed=tenant_rules(
            editors=[Role.ARCHITECT], owners=[Role.SERVICE_LEADER], owner_actions=("add", "change", "delete")
        ),
    )
)


def label_data(n, **extra):
    return {"label_nb": f"Merkelapp {n}", "label_nn": f"Merkelapp {n}", "label_en": f"Label {n}", **extra}


register(
    ModelSpec(
        model=Sector,
        api_basename="sector",
        make=lambda world, org, n: Sector.objects.create(uri=f"https://example.org/sector/{n + 100}", **label_data(n)),
        form_data=lambda world, org, n: label_data(n, uri=f"https://example.org/sector/{n}"),
        api_data=lambda world, org, n: label_data(n, uri=f"https://example.org/sector/{n}"),
        allowed=catalogue_rules(members_may_propose=False),
    )
)

register(
    ModelSpec(
        model=KostraFunction,
        api_basename="kostrafunction",
        make=lambda world, org, n: KostraFunction.objects.create(code=f"{900 + n}", **label_data(n)),
        form_data=lambda world, org, n: label_data(n, code=f"{950 + n}"),
        api_data=lambda world, org, n: label_data(n, code=f"{950 + n}"),
        allowed=catalogue_rules(members_may_propose=False),
    )
)


def template_data(world, org, n):
    return label_data(n, uri=f"https://example.org/los/{n}", sector=Sector.objects.first().pk)


register(
    ModelSpec(
        model=ServiceTemplate,
        api_basename="servicetemplate",
        make=lambda world, org, n: ServiceTemplate.objects.create(
            uri=f"https://example.org/los/{n + 100}", sector=Sector.objects.first(), **label_data(n)
        ),
        form_data=template_data,
        api_data=template_data,
        allowed=catalogue_rules(members_may_propose=False),
    )
)
