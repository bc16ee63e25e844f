from django.core.management.base import BaseCommand

from orden.reports.completeness import record_all_snapshots


class Command(BaseCommand):
    help = "Record today's completeness score of every organisation (for the trend; run daily)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--enqueue", action="store_true", help="Hand the job to the background worker instead of running it here."
        )

    def handle(self, enqueue=False, **options):
        if enqueue:
            from orden.reports.tasks import record_completeness_task

            result = record_completeness_task.enqueue()
            self.stdout.write(f"Enqueued task {result.id}.")
            return
        self.stdout.write(f"Recorded completeness for {record_all_snapshots()} organisations.")
