from django.core.management.base import BaseCommand

from orden.reports.completeness import record_all_snapshots


class Command(BaseCommand):
    help = "Record today's completeness score of every organisation (for the trend; run daily)."

    def handle(self, **options):
        self.stdout.write(f"Recorded completeness for {record_all_snapshots()} organisations.")
