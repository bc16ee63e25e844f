from django.core.management.base import BaseCommand

from orden.portfolio.reviews import send_review_reminders


class Command(BaseCommand):
    help = "E-mail system owners a digest of systems whose facts are due for confirmation (safe to run daily)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--enqueue", action="store_true", help="Hand the job to the background worker instead of running it here."
        )

    def handle(self, enqueue=False, **options):
        if enqueue:
            from orden.portfolio.tasks import send_review_reminders_task

            result = send_review_reminders_task.enqueue()
            self.stdout.write(f"Enqueued task {result.id}.")
            return
        sent = send_review_reminders()
        self.stdout.write(f"Sent {sent} review reminders.")
