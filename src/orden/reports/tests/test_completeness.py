"""Today's completeness snapshots of every organisation: computed outside any transaction (on SQLite a
transaction holds the write lock), then written all or none in one short transaction."""

import pytest
from django.db import connection
from django.utils import timezone

from orden.reports import completeness
from orden.reports.models import CompletenessSnapshot

# Real transactions: in a test wrapped in one, every query would look "inside a transaction".
pytestmark = pytest.mark.django_db(transaction=True)


def test_scores_are_computed_outside_the_transaction_and_written_inside_one(world, monkeypatch):
    seen = []
    compute, store = completeness.snapshot_values, completeness.store_snapshot

    def computing(organization):
        seen.append(("compute", connection.in_atomic_block))
        return compute(organization)

    def storing(organization, today, values):
        seen.append(("store", connection.in_atomic_block))
        return store(organization, today, values)

    monkeypatch.setattr(completeness, "snapshot_values", computing)
    monkeypatch.setattr(completeness, "store_snapshot", storing)

    assert completeness.record_all_snapshots() == 2

    assert seen == [("compute", False), ("compute", False), ("store", True), ("store", True)]
    today = CompletenessSnapshot.objects.filter(day=timezone.localdate())
    assert set(today.values_list("organization", flat=True)) == {world.own.pk, world.other.pk}


def test_a_failure_while_writing_leaves_no_snapshot(world, monkeypatch):
    store = completeness.store_snapshot
    stored = []

    def failing_second(organization, today, values):
        if stored:
            raise RuntimeError("worker lost")
        stored.append(store(organization, today, values))
        return stored[-1]

    monkeypatch.setattr(completeness, "store_snapshot", failing_second)

    with pytest.raises(RuntimeError):
        completeness.record_all_snapshots()

    assert len(stored) == 1  # one was written, and rolled back with the other
    assert not CompletenessSnapshot.objects.exists()


def test_running_again_updates_todays_rows(world):
    completeness.record_all_snapshots()
    CompletenessSnapshot.objects.update(score=0, gaps={"stale": 1})

    assert completeness.record_all_snapshots() == 2

    assert CompletenessSnapshot.objects.count() == 2
    assert not CompletenessSnapshot.objects.filter(gaps={"stale": 1}).exists()
