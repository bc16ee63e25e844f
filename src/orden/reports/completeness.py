"""The organisation's completeness: score, gaps worst first, trend (one snapshot a day)."""

from django.utils import timezone

from orden.core import completeness
from orden.portfolio.models import System

from .models import CompletenessSnapshot


def organization_summary(systems_queryset) -> dict:
    return completeness.summary(systems_queryset)


def record_snapshot(organization, today=None) -> CompletenessSnapshot:
    """Store today's score for ``organization`` (idempotent: one row per day, updated on re-run)."""
    today = today or timezone.localdate()
    result = completeness.summary(System.objects.filter(organization=organization))
    snapshot, _created = CompletenessSnapshot.objects.update_or_create(
        organization=organization,
        day=today,
        defaults={
            "score": result["score"],
            "systems": result["rows"],
            "gaps": {gap["rule"].code: gap["count"] for gap in result["gaps"]},
        },
    )
    return snapshot


def record_all_snapshots() -> int:
    from orden.organizations.models import Organization

    count = 0
    for organization in Organization.objects.filter(is_active=True):
        record_snapshot(organization)
        count += 1
    return count
