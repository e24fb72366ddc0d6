import getpass
import os

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from star.core.models import Organisation
from star.core.services import roles_ensure, user_create


class Command(BaseCommand):
    help = "Create an administrator for an organisation (creating the organisation if needed)."

    def add_arguments(self, parser):
        parser.add_argument("--username", required=True)
        parser.add_argument("--email", required=True)
        parser.add_argument("--organisation", required=True, help="The organisation's name.")
        parser.add_argument("--password-env", default="STAR_ADMIN_PASSWORD",
                            help="Read the password from this environment variable instead of asking.")

    def handle(self, *args, **options):
        password = os.environ.get(options["password_env"]) or getpass.getpass("Password: ")
        try:
            validate_password(password)
        except ValidationError as error:
            raise CommandError("; ".join(error.messages)) from error
        roles_ensure()
        name = options["organisation"].strip()
        organisation, created = Organisation.objects.get_or_create(
            name=name, defaults={"slug": name.lower().replace(" ", "-")[:60]}
        )
        user = user_create(username=options["username"], email=options["email"], password=password,
                           organisation=organisation, roles=["admin"], is_staff=True)
        self.stdout.write(f"Created administrator {user.username} for {organisation.name}"
                          f"{' (new organisation)' if created else ''}.")
