from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from orden.api.models import ApiToken


class Command(BaseCommand):
    help = "Create an API token for a user and print it (it is shown only once)."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--name", help="what the token is for (default: “command line”, in the user's language)")

    def handle(self, username, name, **options):
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"No user named {username!r}.")
        _token, key = ApiToken.issue(user, name or "")
        self.stdout.write(key)
