"""Completeness rules for datasets, and one for systems: personal data a system holds should be described
(see orden.core.completeness and docs/user-guide/completeness.md)."""

from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from orden.core.completeness import Rule, register
from orden.core.roles import Action
from orden.portfolio.completeness import active
from orden.portfolio.models import System

from .models import AccessRights, Dataset, Distribution


def personal_data_not_described() -> Q:
    """An active system with personal data that no dataset with personal data names, as holding it or as
    its authoritative system."""
    # Two EXISTS rather than one over an OR of both links: the OR cannot use an index (0.5 s per organisation).
    held = Dataset.systems.through.objects.filter(system=OuterRef("pk"), dataset__personal_data=True)
    mastered = Dataset.objects.filter(authoritative_system=OuterRef("pk"), personal_data=True)
    return active() & Q(personal_data=True) & ~Exists(held) & ~Exists(mastered)


def describe_its_data(request, system):
    if Dataset.policy.can(request.user, Action.ADD, organization=system.organization):
        return reverse("portfolio:system_tab", args=[system.pk, "datasets"])
    return None


def add_a_distribution(request, dataset):
    if Distribution.policy.can(request.user, Action.ADD, organization=dataset.organization):
        return f"{reverse('datasets:distribution_add')}?dataset={dataset.pk}"
    return None


def its_distributions(request, dataset):
    return f"{dataset.get_absolute_url()}#distributions"


RULES = [
    Rule(
        "personal_data_not_described",
        System,
        _("Holds personal data that no dataset describes"),
        personal_data_not_described,
        None,
        weight=1,
        fix_link=describe_its_data,
        fix_label=_("Describe its data"),
        explanation=_(
            "Describe the personal data the system holds as a dataset (with “contains personal data” ticked), "
            "so that the organisation knows what it keeps and where, even if it is never published."
        ),
    ),
    Rule(
        "no_authoritative_system",
        Dataset,
        _("No authoritative system"),
        lambda: Q(authoritative_system__isnull=True),
        "authoritative_system",
        weight=2,
        explanation=_("Name the system whose copy is the master: where the data is registered and corrected."),
    ),
    Rule(
        "published_without_distribution",
        Dataset,
        _("Published without a distribution"),
        # Data that is not public is described, not handed out: it needs no distribution.
        lambda: (
            Q(published=True)
            & ~Q(access_rights=AccessRights.NON_PUBLIC)
            & ~Exists(Distribution.objects.filter(dataset=OuterRef("pk")))
        ),
        None,
        weight=2,
        fix_link=add_a_distribution,
        fix_label=_("Add a distribution"),
        explanation=_(
            "Say how the data can be had: add a distribution (a file, an API or a web page where access can be "
            "requested). Data that is not public needs none."
        ),
    ),
    Rule(
        "published_distribution_without_licence",
        Dataset,
        _("Open data with a distribution that has no licence"),
        # Open data needs terms of use; conditional access has its own terms (the request procedure).
        lambda: (
            Q(published=True, access_rights=AccessRights.PUBLIC)
            & Exists(Distribution.objects.filter(dataset=OuterRef("pk"), licence__isnull=True))
        ),
        None,
        weight=2,
        fix_link=its_distributions,
        fix_label=_("See the distributions"),
        explanation=_(
            "Users need the terms of use: choose a licence for every distribution (NLOD 2.0 for open government data)."
        ),
    ),
]

for rule in RULES:
    register(rule)
