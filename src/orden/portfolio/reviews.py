"""The review cycle: owners confirm their systems' facts once per interval; a digest reminds them."""

from collections import defaultdict
from datetime import datetime

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from orden.core.dates import add_months
from orden.organizations.models import Organization

from .models import Lifecycle, ReviewReminder, System


def review_cutoff(organization, today=None):
    """Systems confirmed before this date are due."""
    return add_months(today or timezone.localdate(), -organization.review_interval_months)


def overdue(queryset, organization, today=None):
    """The systems of ``organization`` in ``queryset`` whose facts are due for confirmation."""
    cutoff = review_cutoff(organization, today)
    return (
        queryset.filter(organization=organization)
        .exclude(lifecycle=Lifecycle.RETIRED)
        .filter(Q(last_reviewed__isnull=True) | Q(last_reviewed__lt=cutoff))
    )


def send_review_reminders(now: datetime | None = None, base_url: str | None = None) -> int:
    """E-mail each owner or responsible one digest of their due systems per organisation, at most once per
    review interval. Returns the number of e-mails sent; running it twice sends nothing new."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    base_url = (base_url or getattr(settings, "ORDEN_BASE_URL", "http://127.0.0.1:8000")).rstrip("/")
    sent = 0
    for organization in Organization.objects.filter(is_active=True):
        due = overdue(System.objects.all(), organization, today).select_related("owner", "responsible")
        by_person = defaultdict(list)
        for system in due:
            for person in {system.owner, system.responsible} - {None}:
                by_person[person].append(system)
        if not by_person:
            continue
        since = add_months(today, -organization.review_interval_months)
        recently_reminded = set(
            ReviewReminder.objects.filter(organization=organization, sent_at__date__gt=since).values_list(
                "user_id", flat=True
            )
        )
        for person, systems in by_person.items():
            if person.pk in recently_reminded or not person.email or not person.is_active:
                continue
            with transaction.atomic():
                ReviewReminder.objects.create(
                    user=person, organization=organization, sent_at=now, systems=[system.pk for system in systems]
                )
                with translation.override(person.language):
                    context = {
                        "person": person,
                        "organization": organization,
                        "systems": [(system, base_url + system.get_absolute_url()) for system in systems],
                        "my_page": base_url + reverse("reports:responsibilities"),
                    }
                    subject = render_to_string("portfolio/email/review_subject.txt", context).strip()
                    body = render_to_string("portfolio/email/review_digest.txt", context)
                send_mail(subject, body, None, [person.email])
            sent += 1
    return sent
