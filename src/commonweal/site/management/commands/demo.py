from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from commonweal.site.demo import DEMO_PASSWORD, demo_files, demo_load


class Command(BaseCommand):
    help = "Migrate the embedded database, load demo data and serve http://127.0.0.1:8000."

    def add_arguments(self, parser):
        parser.add_argument("addrport", nargs="?", default="127.0.0.1:8000")
        parser.add_argument("--no-serve", action="store_true", help="load the demo data and stop")

    def handle(self, *args, addrport: str, no_serve: bool, **options):
        if settings.PRODUCTION:
            raise CommandError(
                "The demo creates accounts with a known password; it does not run in production."
            )
        call_command("migrate", interactive=False, verbosity=0)
        accounts = demo_load()
        roster, transcript = demo_files()
        self.stdout.write(f"Demo data loaded from {roster} and {transcript}.")
        self.stdout.write(f"Demo accounts (password: {DEMO_PASSWORD}):")
        for email, role in accounts:
            self.stdout.write(f"  {email:28} {role}")
        if not no_serve:
            self.stdout.write(f"Serving http://{addrport}/")
            call_command("runserver", addrport, use_reloader=False)
