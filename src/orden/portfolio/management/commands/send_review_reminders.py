from django.core.management.base import BaseCommand

from orden.portfolio.reviews import send_review_reminders


class Command(BaseCommand):
    help = "E-mail system owners a digest of systems whose facts are due for confirmation (safe to run daily)."

    def handle(self, **options):
        sent = send_review_reminders()
        self.stdout.write(f"Sent {sent} review reminders.")
