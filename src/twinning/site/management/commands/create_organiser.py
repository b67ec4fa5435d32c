import getpass
import sys

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from twinning.accounts.domain.organisers import create_organiser


class Command(BaseCommand):
    help = (
        "Create an organiser (the programme team: /orga/ and /admin/) who signs in with the "
        "e-mail address given, or make an existing account one. The password is asked "
        "twice, or read from the first line of standard input when it is not a terminal."
    )

    def add_arguments(self, parser):
        parser.add_argument("email", help="the organiser's e-mail address, their login")
        parser.add_argument("--name", default="", help="the organiser's name")

    def handle(self, *args, **options):
        password = self._read_password()
        try:
            user, created = create_organiser(options["email"], password, name=options["name"])
        except ValidationError as error:
            raise CommandError(" ".join(error.messages), returncode=2) from error
        if created:
            self.stdout.write(f"Organiser {user.email} created: sign in at /accounts/login/.")
        else:
            self.stdout.write(f"{user.email} is now an organiser, with the new password.")

    def _read_password(self) -> str:
        if not sys.stdin.isatty():
            password = sys.stdin.readline().rstrip("\n")
        else:
            password = getpass.getpass("Password: ")
            if getpass.getpass("Password (again): ") != password:
                raise CommandError("The two passwords differ.", returncode=2)
        if not password:
            raise CommandError("No password given.", returncode=2)
        return password
