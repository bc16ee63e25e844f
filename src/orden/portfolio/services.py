"""Operations on services that span several rows (adopting from the shared list)."""

from django.db import transaction

from orden.core import history

from .models import Service


def adopted_templates(organization) -> set[int]:
    return set(
        # unscoped: the caller has checked that the user may add services to this organisation
        Service.objects.filter(organization=organization, template__isnull=False).values_list("template_id", flat=True)
    )


@transaction.atomic
def adopt(organization, templates, user) -> list[Service]:
    """Create a service per common service (Kommune-Los), with its sector and KOSTRA function; all or none.
    Templates already adopted are skipped; a name already taken in the organisation gets the template
    linked instead of a duplicate."""
    # unscoped: the caller has checked that the user may add services to this organisation
    existing = {service.name.casefold(): service for service in Service.objects.filter(organization=organization)}
    adopted = adopted_templates(organization)
    created = []
    for template in templates:
        if template.pk in adopted:
            continue
        service = existing.get(template.label.casefold())
        if service is not None:
            if service.template_id is None:
                before = history.snapshot(service)
                service.template = template
                history.save(service, user, before=before)
            continue
        service = Service(
            organization=organization,
            name=template.label,
            template=template,
            sector=template.sector,
            kostra_function=template.kostra_function,
        )
        service.full_clean()
        created.append(history.save(service, user))
    return created
