from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.db.models import Q

from orden.core.roles import Role
from orden.organizations.models import Membership, Organization


class Command(BaseCommand):
    help = "Create a user, optionally as a member of an organisation with a role, or as platform admin."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--email", default="")
        parser.add_argument("--password", help="Validated like any password; omit to set it later by e-mail.")
        parser.add_argument("--organization", help="Organisation name, municipality number or organisation number.")
        parser.add_argument("--role", choices=Role.values)
        parser.add_argument("--platform-admin", action="store_true")

    @transaction.atomic
    def handle(self, username, email, password, organization, role, platform_admin, **options):
        User = get_user_model()
        if User.objects.filter(username=username).exists():
            raise CommandError(f"A user named {username!r} already exists.")
        if bool(organization) != bool(role):
            raise CommandError("Give --organization and --role together.")
        user = User(username=username, email=email, is_superuser=platform_admin, is_staff=platform_admin)
        if password:
            try:
                validate_password(password, user)
            except ValidationError as error:
                raise CommandError(" ".join(error.messages)) from error
            user.set_password(password)
        else:
            user.set_unusable_password()
        user.save()
        if organization:
            org = Organization.objects.filter(
                Q(name__iexact=organization) | Q(municipality_number=organization) | Q(organization_number=organization)
            ).first()
            if org is None:
                raise CommandError(f"No organisation matches {organization!r}.")
            Membership.objects.create(organization=org, user=user, role=role)
        self.stdout.write(self.style.SUCCESS(f"Created user {username}."))
