"""``commonweal alerts``: the scheduled work of telling people the news (docs/email.md).

``send`` sends the queued emails, each at most once; ``digest daily|weekly`` writes this
period's digests (run it again and nothing new is written), ``--send`` sends them too;
``remind`` announces the deadlines coming up. Each prints what it did, for the log.
"""

import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from commonweal.consultations.sending import STALE, messages_send
from commonweal.consultations.services.delivery import digest_compose


class Command(BaseCommand):
    help = "Email alerts: send the queued emails, write the digests, announce reminders."

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True)
        send = actions.add_parser("send", help="send the queued emails (each at most once)")
        send.add_argument("--limit", type=int, help="at most this many emails")
        send.add_argument(
            "--stale-after",
            type=float,
            default=STALE.total_seconds(),
            help="seconds after which an email left 'being sent' counts as interrupted "
            "(default: %(default)s)",
        )
        digest = actions.add_parser("digest", help="write this period's digests")
        digest.add_argument("frequency", choices=["daily", "weekly"])
        digest.add_argument("--send", action="store_true", help="and send them")
        actions.add_parser("remind", help="announce deadlines coming up")

    def handle(self, *args, action: str, **options):
        if action == "send":
            self._send(options["limit"], options["stale_after"])
        elif action == "digest":
            written = digest_compose(frequency=options["frequency"])
            self.stdout.write(f"{options['frequency']} digests written: {written}")
            if options["send"]:
                self._send(None, STALE.total_seconds())
        elif action == "remind":
            self._remind()

    def _send(self, limit: int | None, stale_after: float) -> None:
        if limit is not None and limit < 1:
            raise CommandError("--limit must be at least 1", returncode=2)
        report = messages_send(limit=limit, stale_after=datetime.timedelta(seconds=stale_after))
        self.stdout.write(f"emails: {report}")
        if report.stopped:
            raise CommandError(f"stopped early: {report.stopped}", returncode=1)

    def _remind(self) -> None:
        try:
            from commonweal.consultations.services.reminders import reminders_announce
        except ImportError:
            raise CommandError(
                "reminders are not available in this version "
                "(commonweal.consultations.services.reminders is missing)",
                returncode=2,
            ) from None
        announced = reminders_announce(now=timezone.now())
        count = announced if isinstance(announced, int) else len(announced)
        self.stdout.write(f"reminders announced: {count}")
