from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from commonweal.accounts.models import User
from commonweal.audio.demo import recordings_load
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
        self._recording_load(accounts)
        if not no_serve:
            self.stdout.write(f"Serving http://{addrport}/")
            call_command("runserver", addrport, use_reloader=False)

    def _recording_load(self, accounts: list[tuple[str, str]]) -> None:
        """A synthesised two-voice recording transcribed and waiting for review (here, not
        in demo_load, so that tests of the demo's data do not pay for speech recognition)."""
        staff = next(email for email, role in accounts if role == "secretariat staff")
        recording = recordings_load(by=User.objects.get(email=staff))
        if recording is None:
            self.stdout.write("No demo recording: espeak-ng, which speaks it, is not installed.")
        else:
            self.stdout.write(
                f"A recording waits for its voices' review: /recordings/{recording.pk}/"
            )
