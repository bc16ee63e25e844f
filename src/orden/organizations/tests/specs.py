from orden.core.roles import Role
from orden.core.testing.matrix import ModelSpec, platform_rules, register, tenant_rules
from orden.core.validators import organization_number_check_digit
from orden.organizations.models import Contact, Membership, Organization, Region, Unit
from orden.organizations.testing import make_user


def organization_number(n: int) -> str:
    """A valid, test-only organisation number."""
    for candidate in range(91000000 + n * 13, 91000000 + n * 13 + 13):
        digit = organization_number_check_digit(str(candidate))
        if digit is not None:
            return f"{candidate}{digit}"
    raise AssertionError("no valid organisation number")


def organization_data(world, org, n):
    return {
        "name": f"Testkommune {n}",
        "kind": "municipality",
        "municipality_number": f"{9000 + n}",
        "organization_number": organization_number(n),
        "population": 1000 + n,
        "is_active": True,
    }


def make_organization(world, org, n):
    return Organization.objects.create(**organization_data(world, org, n + 100))


register(
    ModelSpec(
        model=Organization,
        api_basename="organization",
        make=make_organization,
        form_data=organization_data,
        api_data=organization_data,
        allowed=platform_rules(),
    )
)


def region_data(world, org, n):
    return {"name": f"Region {n}", "description": "Samarbeid", "organizations": [world.own.pk, world.other.pk]}


def make_region(world, org, n):
    region = Region.objects.create(name=f"Region {n + 100}")
    region.organizations.set([world.own, world.other])
    return region


register(
    ModelSpec(
        model=Region,
        api_basename="region",
        make=make_region,
        form_data=region_data,
        api_data=region_data,
        allowed=platform_rules(),
    )
)


def make_membership(world, org, n):
    return Membership.objects.create(organization=org, user=make_user(f"member-{org.pk}-{n}"), role=Role.READER)


def membership_form_data(world, org, n):
    return {"email": f"new-member-{n}@example.org", "role": Role.ARCHITECT}


def membership_api_data(world, org, n):
    return {"organization": org.pk, "email": f"api-member-{org.pk}-{n}@example.org", "role": Role.ARCHITECT}


register(
    ModelSpec(
        model=Membership,
        api_basename="membership",
        make=make_membership,
        form_data=membership_form_data,
        api_data=membership_api_data,
        allowed=tenant_rules(),
    )
)


def leader_in(world, org):
    """The head of service of the organisation: the matrix's units name them as leader."""
    return world.users[Role.SERVICE_LEADER] if org == world.own else world.other_users[Role.COORDINATOR]


def make_unit(world, org, n):
    return Unit.objects.create(organization=org, name=f"Enhet {n}", leader=leader_in(world, org))


def unit_data(world, org, n):
    return {"name": f"Ny enhet {n}", "leader": leader_in(world, org).pk, "description": "Oppvekst"}


register(
    ModelSpec(
        model=Unit,
        api_basename="unit",
        make=make_unit,
        form_data=unit_data,
        api_data=lambda world, org, n: {**unit_data(world, org, n), "organization": org.pk},
        allowed=tenant_rules(owners=[Role.SERVICE_LEADER]),
    )
)


def contact_data(world, org, n):
    return {
        "name": f"Kari Kontakt {n}",
        "email": f"kari{n}@leverandor.example",
        "phone": "+47 35 00 00 00",
        "employer": "Acos AS",
        "title": "Kundeansvarlig",
    }


register(
    ModelSpec(
        model=Contact,
        api_basename="contact",
        make=lambda world, org, n: Contact.objects.create(organization=org, **contact_data(world, org, n + 100)),
        form_data=contact_data,
        api_data=lambda world, org, n: {**contact_data(world, org, n), "organization": org.pk},
        allowed=tenant_rules(editors=[Role.ARCHITECT]),
    )
)
