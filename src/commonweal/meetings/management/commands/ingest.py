from pathlib import Path

from django.core.management.base import BaseCommand

from commonweal.meetings import engine
from commonweal.meetings.services import meeting_ingest


class Command(BaseCommand):
    help = (
        "Store transcripts as meetings. The same file twice changes nothing; a corrected "
        "transcript of the same meeting replaces it; a file that fails changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", type=Path)
        parser.add_argument("--roster", type=Path, help="YAML or CSV roster for this meeting")

    def handle(self, *args, files: list[Path], roster: Path | None, **options):
        roster_data = self._read(roster) if roster else None
        if roster and roster_data is None:
            raise SystemExit(2)
        failed = 0
        for path in files:
            data = self._read(path)
            if data is None:
                failed += 1
                continue
            try:
                result = meeting_ingest(
                    data=data,
                    source_name=str(path),
                    roster=roster_data,
                    roster_name=str(roster) if roster else "",
                )
            except engine.TranscriptError as error:
                self.stderr.write(str(error))
                failed += 1
                continue
            meeting = result.meeting
            if result.action.startswith("edition"):
                edition = meeting.editions.order_by("-ingested_at", "-pk").first()
                self.stdout.write(
                    f"{path}: {result.action}: the {edition.language} edition of meeting "
                    f"{meeting.pk} “{meeting.title}” ({edition.aligned_turns} turns aligned)"
                )
                continue
            self.stdout.write(
                f"{path}: {result.action} meeting {meeting.pk} “{meeting.title}” "
                f"({meeting.turns.count()} turns, {meeting.participants.count()} speakers)"
            )
        if failed:
            raise SystemExit(2)

    def _read(self, path: Path) -> bytes | None:
        try:
            size = path.stat().st_size
            if size > engine.MAX_TRANSCRIPT_BYTES:
                limit = engine.MAX_TRANSCRIPT_BYTES // 2**20
                self.stderr.write(f"{path}: the file is larger than {limit} MB")
                return None
            return path.read_bytes()
        except OSError as error:
            self.stderr.write(f"{path}: {error.strerror}")
            return None
