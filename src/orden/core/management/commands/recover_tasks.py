"""Tasks left "running" by a worker that died (killed, out of memory, machine lost) are retried or failed.

django-tasks' database backend marks a task RUNNING when a worker claims it and has no heartbeat: if the
worker dies, the task stays RUNNING for ever. Each worker therefore runs with a fixed ``--worker-id``, and
this command runs before the worker starts (again) under that id: whatever that id still holds cannot be
running. After ``--max-attempts`` claims the task is marked failed instead.

Running a lost task again is safe for what it writes, not quite for what it sends:
``record_completeness_task`` commits every snapshot in one transaction, so a lost run left nothing behind;
``send_review_reminders_task`` commits each digest's ``ReviewReminder`` with its e-mail, so a run again sends
only the digests not yet recorded, but a worker killed after an e-mail went out and before its commit leaves
that digest unrecorded and the person gets it twice (at least once, never lost). Failing the task instead would
not help: the next daily run would send that digest again all the same.
"""

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult

LOST = "orden.core.WorkerLost"


class Command(BaseCommand):
    help = (
        "Retry (or, after --max-attempts, fail) the tasks left running by a stopped worker. Run it before "
        "`db_worker --worker-id ID` with the same ID, or with --all when no worker runs at all."
    )

    def add_arguments(self, parser):
        parser.add_argument("--worker-id", action="append", default=[], help="a stopped worker (repeatable)")
        parser.add_argument("--all", action="store_true", help="every running task: only when no worker runs")
        parser.add_argument("--max-attempts", type=int, default=3, help="claims before a task fails (default 3)")

    def handle(self, worker_id, all=False, max_attempts=3, **options):
        if not worker_id and not all:
            raise CommandError("Name the stopped worker with --worker-id, or use --all when no worker runs.")

        def lost(worker_ids):
            # The last claim is the one that is lost; earlier claims ended before it.
            return all or bool(worker_ids and worker_ids[-1] in worker_id)

        retried = failed = 0
        candidates = [pk for pk, ids in DBTaskResult.objects.running().values_list("pk", "worker_ids") if lost(ids)]
        for pk in candidates:
            # One row locked at a time, and only the stopped worker's: a live worker saving its own task's
            # result never waits for this command.
            with transaction.atomic():
                result = DBTaskResult.objects.running().select_for_update().filter(pk=pk).first()
                if result is None or not lost(result.worker_ids):  # finished or claimed again meanwhile
                    continue
                if len(result.worker_ids) >= max_attempts:
                    result.status = TaskResultStatus.FAILED
                    result.finished_at = timezone.now()
                    result.exception_class_path = LOST
                    result.traceback = (
                        f"Worker {result.worker_ids[-1]} stopped while running this task "
                        f"(attempt {len(result.worker_ids)} of {max_attempts}); not retried again."
                    )
                    result.save(update_fields=["status", "finished_at", "exception_class_path", "traceback"])
                    failed += 1
                else:
                    result.status = TaskResultStatus.READY
                    result.started_at = None
                    result.save(update_fields=["status", "started_at"])
                    retried += 1
                self.stdout.write(f"{result.status} {result.id} {result.task_path}")
        self.stdout.write(f"{retried} task(s) queued again, {failed} failed.")
