"""A list column is declared once and may be shared by the lists of several models: bound to each, it reads
that model's label and choices, never the first model's."""

from django.utils import translation

from orden.core.roles import Role
from orden.core.tables import Column
from orden.organizations.models import Membership
from orden.portfolio.models import ServiceSystem, SystemRole


def test_a_column_shared_by_two_models_reads_the_choices_of_each():
    shared = Column("role")
    for_members, for_systems = shared.bind(Membership), shared.bind(ServiceSystem)
    with translation.override("en"):
        assert for_members.raw(Membership(role=Role.ARCHITECT)) == Role.ARCHITECT.label
        assert for_systems.raw(ServiceSystem(role=SystemRole.PRIMARY)) == SystemRole.PRIMARY.label
        assert for_systems.label == ServiceSystem._meta.get_field("role").verbose_name.capitalize()
    assert shared.bind(Membership) is for_members and for_members.bind(Membership) is for_members
    assert shared.label is None  # the declaration itself is not bound
