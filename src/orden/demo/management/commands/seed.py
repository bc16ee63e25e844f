from django.core.management.base import BaseCommand, CommandError

from orden.demo.generator import DEFAULT_SEED, PASSWORD, SIZES, Seeder
from orden.organizations.models import Organization


class Command(BaseCommand):
    help = (
        "Fill an empty database with deterministic demo data: organisations, users, the shared catalogue, "
        "system registers and datasets. --size demo is Vest-Telemark and neighbours; --size national is every "
        "municipality and county (about 75 000 systems and 6 000 datasets)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--size", choices=SIZES, default="demo")
        parser.add_argument(
            "--if-empty", action="store_true", dest="if_empty", help="Do nothing when any organisation exists."
        )
        parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help=f"Random seed (default {DEFAULT_SEED}).")

    def handle(self, *args, size="demo", if_empty=False, seed=DEFAULT_SEED, **options):
        if Organization.objects.exists():
            if if_empty:
                self.stdout.write("The database already has organisations; nothing seeded.")
                return
            raise CommandError("The database already has organisations; seed only fills an empty database.")
        seeder = Seeder(size=size, seed=seed, stdout=self.stdout)
        counts = seeder.run()
        seconds = counts.pop("seconds")
        summary = ", ".join(f"{value} {key}" for key, value in counts.items())
        self.stdout.write(self.style.SUCCESS(f"Seeded {size} (seed {seed}) in {seconds} s: {summary}."))
        for line in seeder.highlights:
            self.stdout.write(line)
        self.stdout.write(f"Log in as vinje-koordinator, tokke-arkitekt, katalog or admin; password {PASSWORD}.")
