import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from commonweal.rounds.models import Round
from commonweal.rounds.selectors import round_result
from commonweal.rounds.services import RoundError, round_close, round_pabulib


class Command(BaseCommand):
    help = (
        "Prioritization rounds: list them, close voting and count, print a result, or export "
        "a counted round's anonymised ballots as a Pabulib file that `commonweal prioritize "
        "--rule <the round's rule>` recounts."
    )

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True)
        actions.add_parser("list", help="every round, its phase and its ballots")
        export = actions.add_parser("export", help="write the round's ballots as a .pb file")
        export.add_argument("round", type=int, help="the round's number")
        export.add_argument("--output", "-o", type=Path, help="file to write (default: stdout)")
        close = actions.add_parser("close", help="end voting now and publish the count")
        close.add_argument("round", type=int, help="the round's number")
        show = actions.add_parser("result", help="print the published result as JSON")
        show.add_argument("round", type=int, help="the round's number")

    def handle(self, *args, action: str, **options):
        if action == "list":
            for voting_round in Round.objects.order_by("pk"):
                ballots = voting_round.ballots.count()
                self.stdout.write(
                    f"{voting_round.pk}\t{voting_round.phase}\t{ballots} ballots\t"
                    f"{voting_round.rule}\t{voting_round.title}"
                )
            return
        voting_round = self._round(options["round"])
        if action == "export":
            try:
                text = round_pabulib(voting_round)
            except RoundError as error:
                raise CommandError(f"round {voting_round.pk}: {error}", returncode=2) from None
            if options["output"]:
                options["output"].write_text(text, encoding="utf-8")
                self.stdout.write(f"{options['output']}: {voting_round.ballots.count()} ballots")
            else:
                sys.stdout.write(text)
        elif action == "close":
            try:
                voting_round = round_close(voting_round=voting_round)
            except RoundError as error:
                raise CommandError(f"round {voting_round.pk}: {error}", returncode=2) from None
            result = round_result(voting_round)
            self.stdout.write(
                f"round {voting_round.pk}: counted {result.ballots} ballots; selected "
                f"{', '.join(result.selected) or 'nothing'}"
            )
        elif action == "result":
            if not voting_round.is_counted:
                raise CommandError(f"round {voting_round.pk} has not been counted", returncode=2)
            self.stdout.write(json.dumps(voting_round.result, ensure_ascii=False, indent=2))

    def _round(self, pk: int) -> Round:
        try:
            return Round.objects.get(pk=pk)
        except Round.DoesNotExist:
            raise CommandError(f"there is no round {pk}", returncode=2) from None
