"""The organisation's completeness: score, gaps worst first, trend (one snapshot a day)."""

from django.db import transaction
from django.utils import timezone

from orden.core import completeness
from orden.portfolio.models import System

from .models import CompletenessSnapshot


def organization_summary(systems_queryset) -> dict:
    return completeness.summary(systems_queryset)


def snapshot_values(organization) -> dict:
    """Today's score of ``organization`` as a snapshot's fields (reads only)."""
    result = completeness.summary(System.objects.filter(organization=organization))
    return {
        "score": result["score"],
        "systems": result["rows"],
        "gaps": {gap["rule"].code: gap["count"] for gap in result["gaps"]},
    }


def store_snapshot(organization, today, values) -> CompletenessSnapshot:
    """One row per organisation and day, updated on a re-run."""
    snapshot, _created = CompletenessSnapshot.objects.update_or_create(
        organization=organization, day=today, defaults=values
    )
    return snapshot


def record_snapshot(organization, today=None) -> CompletenessSnapshot:
    """Store today's score for ``organization`` (idempotent: one row per day, updated on re-run)."""
    return store_snapshot(organization, today or timezone.localdate(), snapshot_values(organization))


def record_all_snapshots() -> int:
    """Today's snapshot of every active organisation, all or none: a worker killed half-way leaves nothing, so
    the task can simply run again (``manage.py recover_tasks``). Every score is computed first, outside any
    transaction, and only the writes share one: on SQLite a transaction holds the database's write lock, which
    must not wait for the computation."""
    from orden.organizations.models import Organization

    today = timezone.localdate()
    organizations = Organization.objects.filter(is_active=True)
    scores = [(organization, snapshot_values(organization)) for organization in organizations]
    with transaction.atomic():
        for organization, values in scores:
            store_snapshot(organization, today, values)
    return len(scores)
