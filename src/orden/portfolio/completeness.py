"""Completeness rules for systems (see orden.core.completeness and docs/user-guide/completeness.md)."""

from datetime import timedelta

from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from orden.core.completeness import Rule, register
from orden.core.roles import Action

from .models import Criticality, Lifecycle, ServiceSystem, System


def active() -> Q:
    """Retired systems need no owner, service or analysis."""
    return ~Q(lifecycle=Lifecycle.RETIRED)


def link_a_service(request, system):
    if ServiceSystem.policy.can(request.user, Action.ADD, organization=system.organization):
        return f"{reverse('portfolio:servicesystem_add')}?system={system.pk}"
    return None


def one_year_ago():
    return timezone.localdate() - timedelta(days=365)


RULES = [
    Rule(
        "no_owner",
        System,
        _("No system owner"),
        lambda: active() & Q(owner__isnull=True),
        "owner",
        weight=3,
        explanation=_("Every system in use needs a system owner who answers for it."),
    ),
    Rule(
        "no_responsible",
        System,
        _("No system responsible"),
        lambda: active() & Q(responsible__isnull=True),
        "responsible",
        weight=2,
        explanation=_("Someone must administer the system day to day."),
    ),
    Rule(
        "no_lifecycle",
        System,
        _("No lifecycle status"),
        lambda: Q(lifecycle=""),
        "lifecycle",
        weight=2,
        explanation=_("Planned, in use, being phased out or retired."),
    ),
    Rule(
        "no_criticality",
        System,
        _("No criticality"),
        lambda: active() & Q(criticality=""),
        "criticality",
        explanation=_("How badly the organisation is hit when the system stops."),
    ),
    Rule(
        "critical_without_risk_assessment",
        System,
        _("Critical system without a risk and vulnerability analysis in the last 12 months"),
        lambda: (
            active()
            & Q(criticality=Criticality.CRITICAL)
            & (Q(last_risk_assessment__isnull=True) | Q(last_risk_assessment__lt=one_year_ago()))
        ),
        "last_risk_assessment",
        weight=3,
        explanation=_("Critical systems need a risk and vulnerability analysis (ROS) at least once a year."),
    ),
    Rule(
        "personal_data_unclassified",
        System,
        _("Holds personal data but has no security classification"),
        lambda: Q(personal_data=True) & (Q(confidentiality="") | Q(integrity="") | Q(availability="")),
        "confidentiality",
        weight=2,
        explanation=_("Systems with personal data need confidentiality, integrity and availability levels."),
    ),
    Rule(
        "no_service",
        System,
        _("Supports no service"),
        lambda: active() & ~Exists(ServiceSystem.objects.filter(system=OuterRef("pk"))),
        None,
        weight=1,
        explanation=_("Link the system to the services it supports, so leaders see what stops when it stops."),
        fix_link=link_a_service,
        fix_label=_("Link a service"),
    ),
    Rule(
        "unsupported_version",
        System,
        _("Runs a version the vendor no longer supports"),
        lambda: active() & Q(product_version__end_of_support__lt=timezone.localdate()),
        "product_version",
        weight=2,
        explanation=_("Upgrade, or plan the replacement."),
    ),
]

for rule in RULES:
    register(rule)
