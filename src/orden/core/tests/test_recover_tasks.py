"""`manage.py recover_tasks`: tasks a dead worker left RUNNING are queued again, or failed after the last attempt.

The end-to-end proof (a worker killed with SIGKILL mid-task, then recovered) is scripts/loadfault.py.
"""

import io

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

pytestmark = pytest.mark.django_db

TASK = "orden.reports.tasks.record_completeness_task"


def running(*worker_ids):
    return DBTaskResult.objects.create(
        status="RUNNING",
        started_at=timezone.now(),
        args_kwargs={"args": [], "kwargs": {}},
        task_path=TASK,
        worker_ids=list(worker_ids),
        backend_name="default",
        run_after=timezone.now(),
    )


def recover(*args):
    out = io.StringIO()
    call_command("recover_tasks", *args, stdout=out)
    return out.getvalue()


def test_the_stopped_workers_tasks_are_queued_again_and_others_left_alone():
    lost = running("web-1-worker")
    elsewhere = running("web-2-worker")
    earlier_claim = running("web-1-worker", "web-2-worker")  # now held by web-2

    assert "1 task(s) queued again, 0 failed" in recover("--worker-id", "web-1-worker")

    lost.refresh_from_db()
    assert (lost.status, lost.started_at) == ("READY", None)
    assert DBTaskResult.objects.ready().filter(pk=lost.pk).exists()
    for other in (elsewhere, earlier_claim):
        other.refresh_from_db()
        assert other.status == "RUNNING"


def test_the_last_attempt_is_failed_with_a_reason():
    lost = running("w", "w", "w")

    assert "0 task(s) queued again, 1 failed" in recover("--worker-id", "w", "--max-attempts", "3")

    lost.refresh_from_db()
    assert lost.status == "FAILED"
    assert lost.finished_at is not None
    assert lost.exception_class_path == "orden.core.WorkerLost"
    assert "Worker w stopped while running this task" in lost.traceback


def test_all_recovers_every_running_task_and_nothing_else():
    first, second = running("a"), running("b")
    done = running("c")
    done.status = "SUCCESSFUL"
    done.save()

    recover("--all")

    assert set(DBTaskResult.objects.ready().values_list("pk", flat=True)) == {first.pk, second.pk}
    done.refresh_from_db()
    assert done.status == "SUCCESSFUL"


def test_a_worker_must_be_named():
    with pytest.raises(CommandError, match="--worker-id"):
        call_command("recover_tasks")


@pytest.mark.django_db(transaction=True)
def test_a_live_workers_row_is_not_locked():
    """A live worker holds its task's row while it saves the result; recovering another worker's tasks must not
    wait for it (each row is locked on its own, only the stopped worker's)."""
    if connection.vendor != "postgresql":
        pytest.skip("row locks need PostgreSQL (DATABASE_URL); SQLite locks the whole database")
    from orden.core.management.commands.verify_backup import pg_connect

    lost, live = running("stopped"), running("live")
    with pg_connect(connection.settings_dict) as worker, connection.cursor() as cursor:
        worker.execute(f"SELECT 1 FROM {DBTaskResult._meta.db_table} WHERE id = %s FOR UPDATE", [live.pk])
        cursor.execute("SET lock_timeout = '2s'")  # waiting for the live row would fail rather than hang
        try:
            out = recover("--worker-id", "stopped")
        finally:
            cursor.execute("RESET lock_timeout")

    assert "1 task(s) queued again, 0 failed" in out
    lost.refresh_from_db()
    live.refresh_from_db()
    assert (lost.status, live.status) == ("READY", "RUNNING")
