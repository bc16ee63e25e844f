"""Operations on datasets that span several rows or need validation first: publishing a dataset or data
service, adopting a product's dataset template, and offering a description as a template for others.

Every write goes through ``core.history`` in one transaction. The callers (views, API) have checked that
the user may do it; these functions check what only the data can tell (validation, a title clash).
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from orden.core import history

from .models import AccessRights, DataService, Dataset, DatasetTemplate, Distribution


class PublishRefused(Exception):
    """Publication was refused: the description has violations (``findings``) of DCAT-AP-NO 2.2 or 3.0."""

    def __init__(self, findings):
        self.findings = list(findings)
        super().__init__(f"{len(self.findings)} violations of DCAT-AP-NO")


def blocking_findings(obj) -> list:
    """The findings that stop ``obj`` (a dataset or data service) from being published: the violations of
    DCAT-AP-NO 2.2 (what the national catalogue harvests today) and 3.0 (what it is moving to) in its
    organisation's catalogue with it in it, so that every published catalogue passes both."""
    from . import validation

    return list(validation.blocking(validation.validate(obj)))


def check_published(obj: Dataset | DataService):
    """Raise ``ValidationError`` when a published dataset or data service no longer passes DCAT-AP-NO (the
    models' ``validate_saved`` calls it, so the change that broke it is undone): what is published stays valid."""
    if not obj.published:
        return
    findings = blocking_findings(obj)
    if findings:
        raise ValidationError(
            _("It is published, so it must still pass DCAT-AP-NO: %(findings)s. Fix that, or unpublish it first.")
            % {"findings": "; ".join(dict.fromkeys(str(finding) for finding in findings))}
        )


def iri(obj) -> str:
    from . import rdf

    return rdf.dataset_uri(obj) if isinstance(obj, Dataset) else rdf.data_service_uri(obj)


def iri_clash(obj) -> list:
    """A finding when another published row has the IRI ``obj`` would be published with. The national
    catalogue keys everything on the IRI, so two organisations that imported the same description cannot
    both publish it."""
    from .validation import Finding

    uri = iri(obj)
    # unscoped: a yes/no check across organisations; nothing of the other row is shown
    if not type(obj).objects.filter(uri=uri, published=True).exclude(pk=obj.pk).exists():
        return []
    message = _("Another organisation has published a description with the same address (%(uri)s).") % {"uri": uri}
    return [Finding(version="", severity="violation", focus=uri, path="", message=message)]


@transaction.atomic
def publish(obj: Dataset | DataService, user, expected_version: int | None = None):
    """Publish a dataset or data service when it passes DCAT-AP-NO 2.2 and 3.0; otherwise raise
    ``PublishRefused`` and change nothing. The IRI is kept from now on (``uri``), so it never changes once
    published, even if the installation's address does (a dataset's distributions' IRIs too). Recorded in history.

    The row is read again, locked, so what is validated and published is its current state; with
    ``expected_version`` (the version the user saw) a row changed since raises ``StaleObjectError``: nobody
    publishes what they have not seen."""
    obj = locked(obj, expected_version)
    findings = blocking_findings(obj) or iri_clash(obj)
    if findings:
        raise PublishRefused(findings)
    before = history.snapshot(obj)
    obj.uri = iri(obj)
    obj.published = True
    obj.published_at = timezone.now()
    if isinstance(obj, Dataset):
        for distribution in obj.distributions.filter(uri=""):
            keep_iri(distribution)
    return history.save(obj, user, before=before, message=_("Published"))


def locked(obj, expected_version: int | None = None):
    # unscoped: the caller has checked the user may change this row; this reads its current state
    current = type(obj).objects.select_for_update().get(pk=obj.pk)
    if expected_version is not None and current.version != expected_version:
        raise history.StaleObjectError(current, expected_version)
    return current


def keep_iri(distribution: Distribution):
    """Store a distribution's IRI once its dataset is published, so that it never changes after that."""
    from . import rdf

    distribution.uri = rdf.distribution_uri(distribution)
    # unscoped: the one row just read through its published dataset; the IRI is not a user's fact
    Distribution.objects.filter(pk=distribution.pk).update(uri=distribution.uri)


@transaction.atomic
def unpublish(obj: Dataset | DataService, user, expected_version: int | None = None):
    """Take a dataset or data service out of the public catalogue (its description stays). Recorded in history."""
    obj = locked(obj, expected_version)
    before = history.snapshot(obj)
    obj.published = False
    obj.published_at = None
    return history.save(obj, user, before=before, message=_("Unpublished"))


# What a template and a dataset share: the facts that describe data of a kind, not the organisation's copy.
SHARED_FIELDS = (
    *Dataset.TEXT_FIELDS,
    "keywords",
    "access_rights",
    "personal_data",
    "frequency",
    "provenance",
)


@transaction.atomic
def adopt_template(template: DatasetTemplate, system, user) -> Dataset:
    """A new dataset in the system's organisation from a product's template, held by the system (also its
    authoritative system) and linked to the template. A template that makes personal data open is adopted
    with conditional access: open access to personal data needs the adopting organisation's own reason.

    Raises ``ValidationError`` when the organisation already has a dataset of that title."""
    organization = system.organization
    # unscoped: a yes/no check of a title in the organisation the caller may add datasets to
    if Dataset.objects.filter(organization=organization, title_nb=template.title_nb).exists():
        raise ValidationError(
            _(
                "Your organisation already has a dataset called “%(title)s”. Rename that one, or open it and "
                "link it to the system instead."
            )
            % {"title": template.title_nb}
        )
    dataset = Dataset(organization=organization, authoritative_system=system, template=template)
    for name in SHARED_FIELDS:
        setattr(dataset, name, getattr(template, name))
    if dataset.personal_data and dataset.access_rights == AccessRights.PUBLIC:
        dataset.access_rights = AccessRights.RESTRICTED
    dataset.full_clean()
    themes = list(template.themes.all())

    def save_related():
        dataset.systems.set([system])
        dataset.themes.set(themes)

    message = _("Adopted the template “%(template)s” of %(product)s") % {
        "template": template.title_nb,
        "product": template.product,
    }
    return history.save(dataset, user, save_related=save_related, message=message)


@transaction.atomic
def offer_as_template(dataset: Dataset, product, user) -> DatasetTemplate:
    """A draft template for ``product`` from the dataset's shareable facts, for a catalogue editor to approve.
    Only what describes data of the kind is copied: never the owner, contact point, systems, the legal basis
    of a restriction or the reason for open personal data.

    Raises ``ValidationError`` when the product already has a template of that title."""
    # unscoped: a yes/no check of a title among the product's templates, which every member sees
    if DatasetTemplate.objects.filter(product=product, title_nb=dataset.title_nb).exists():
        raise ValidationError(
            _("%(product)s already has a dataset template called “%(title)s”.")
            % {"product": product, "title": dataset.title_nb}
        )
    template = DatasetTemplate(product=product, created_by=user, source_organization=dataset.organization)
    for name in SHARED_FIELDS:
        setattr(template, name, getattr(dataset, name))
    template.full_clean()
    themes = list(dataset.themes.all())
    message = _("Offered by %(organization)s from the dataset “%(dataset)s”") % {
        "organization": dataset.organization,
        "dataset": dataset.title_nb,
    }
    return history.save(template, user, save_related=lambda: template.themes.set(themes), message=message)
