"""``commonweal conduct``: the keys of conduct reports, the access log, and retention.

``keys create|list|rotate|retire|reseal`` manage the key pairs cases are sealed to
(docs/deploy.md, "Conduct reports: keys"); ``verify-log`` checks the access log's hash
chain; ``purge`` deletes the cases whose retention has passed. Nothing here prints a
word of a report: only references, counts, fingerprints and dates.
"""

from __future__ import annotations

import base64
import binascii
import sys

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db.models import Count

from commonweal.conduct import keys
from commonweal.conduct.accesslog import log_verify
from commonweal.conduct.models import AccessEntry, KeyHolder
from commonweal.conduct.services.keeping import (
    KeepingRefused,
    cases_purge,
    cases_reseal,
    key_file_present,
    key_rotate,
)

RECOVERY_WARNING = """\
This is the RECOVERY private key. It is shown this once and written nowhere.
Print it (or write it by hand) now and keep it offline, in a safe, apart from the
server and its backups. With it, every case can be opened: guard it like the cases.
Without it, a case whose ombudsman's (or custodian's) key file is lost cannot be opened
by anyone."""


def _add_keys_parser(actions) -> None:
    keys_parser = actions.add_parser("keys", help="the key pairs cases are sealed to")
    key_actions = keys_parser.add_subparsers(dest="key_action", required=True)
    create = key_actions.add_parser("create", help="a new key pair")
    create.add_argument("--user", metavar="EMAIL", help="the key holder's account")
    create.add_argument("--role", choices=[KeyHolder.Role.OMBUDSMAN, KeyHolder.Role.CUSTODIAN])
    create.add_argument(
        "--recovery",
        action="store_true",
        help="the offline recovery key: its private half is printed once, never stored",
    )
    key_actions.add_parser("list", help="every key, current and retired")
    rotate = key_actions.add_parser("rotate", help="new key pairs for an account, cases moved")
    rotate.add_argument("--user", metavar="EMAIL", required=True)
    retire = key_actions.add_parser("retire", help="seal no new case to a key")
    retire.add_argument("--fingerprint", required=True)
    reseal = key_actions.add_parser(
        "reseal",
        help="seal the cases one key opens to every current key that should open them too; "
        "the recovery key's private half is read from standard input",
    )
    reseal.add_argument("--from", dest="opener", metavar="FINGERPRINT", required=True)


class Command(BaseCommand):
    help = "Conduct reports: keys, the access log's chain, and deletion after retention."

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True)
        _add_keys_parser(actions)
        actions.add_parser("verify-log", help="check the access log's hash chain")
        actions.add_parser("purge", help="delete the cases whose retention has passed")

    def handle(self, *args, action: str, **options):
        if action == "verify-log":
            self._verify_log()
        elif action == "purge":
            self._purge()
        else:
            handler = {
                "create": self._create,
                "list": self._list,
                "rotate": self._rotate,
                "retire": self._retire,
                "reseal": self._reseal,
            }[options["key_action"]]
            try:
                handler(options)
            except KeepingRefused as refusal:
                raise CommandError(str(refusal), returncode=1) from None

    # -- keys --------------------------------------------------------------------------

    def _user(self, email: str | None):
        if not email:
            raise CommandError("--user EMAIL is required", returncode=2)
        user = get_user_model().objects.filter(email__iexact=email).first()
        if user is None:
            raise CommandError(f"no account has the email address {email}", returncode=2)
        return user

    def _create(self, options) -> None:
        if options["recovery"]:
            if options["user"] or options["role"]:
                raise CommandError("--recovery takes neither --user nor --role", returncode=2)
            holder, private = keys.key_create(role=KeyHolder.Role.RECOVERY)
            self.stdout.write(RECOVERY_WARNING)
            self.stdout.write("")
            self.stdout.write(base64.b64encode(private).decode())
            self.stdout.write("")
            self.stdout.write(f"recovery key {holder.fingerprint} created")
            self._existing_cases_note(holder)
            return
        if not options["role"]:
            raise CommandError("--role ombudsman|custodian is required", returncode=2)
        user, role = self._user(options["user"]), options["role"]
        if not user.groups.filter(name=role).exists():
            raise CommandError(
                f"{user.email} does not have the {role} role: give it in the admin first",
                returncode=2,
            )
        holder, _ = keys.key_create(role=role, user=user)
        self.stdout.write(
            f"{role} key {holder.fingerprint} created for {user.email}; "
            f"its private key is in {keys.key_dir()}"
        )
        self._existing_cases_note(holder)

    def _existing_cases_note(self, holder: KeyHolder) -> None:
        others = KeyHolder.objects.exclude(pk=holder.pk).filter(sealed__isnull=False).exists()
        if others:
            self.stdout.write(
                "Cases filed before now are not sealed to this key. To let it open them: "
                "commonweal conduct keys reseal --from <a key that opens them>"
            )

    def _list(self, options) -> None:
        holders = KeyHolder.objects.select_related("user").annotate(cases=Count("sealed"))
        self.stdout.write("role\taccount\tfingerprint\tcreated\tretired\tcases\tprivate key")
        for holder in holders.order_by("role", "created_at"):
            if holder.role == KeyHolder.Role.RECOVERY:
                where = "offline"
            else:
                where = "on this server" if key_file_present(holder) else "MISSING"
            self.stdout.write(
                "\t".join(
                    [
                        holder.role,
                        holder.user.email if holder.user else "-",
                        holder.fingerprint,
                        holder.created_at.strftime("%Y-%m-%d %H:%M"),
                        holder.retired_at.strftime("%Y-%m-%d %H:%M") if holder.retired_at else "-",
                        str(holder.cases),
                        where,
                    ]
                )
            )

    def _rotate(self, options) -> None:
        for done in key_rotate(user=self._user(options["user"])):
            self.stdout.write(
                f"{done.old.role} key {done.old.fingerprint} replaced by {done.new.fingerprint}: "
                f"{done.resealed.cases} cases re-sealed, the old key retired and its file deleted"
            )

    def _holder(self, fingerprint: str) -> KeyHolder:
        holder = KeyHolder.objects.filter(fingerprint=fingerprint.strip().lower()).first()
        if holder is None:
            raise CommandError(f"no key has the fingerprint {fingerprint}", returncode=2)
        return holder

    def _retire(self, options) -> None:
        holder = self._holder(options["fingerprint"])
        if holder.retired_at is not None:
            raise CommandError(f"key {holder.fingerprint} is already retired", returncode=1)
        keys.key_retire(holder)
        self.stdout.write(
            f"{holder.role} key {holder.fingerprint} retired: no new case is sealed to it"
        )
        if not keys.holders_current(holder.role) and holder.role != KeyHolder.Role.RECOVERY:
            self.stdout.write(
                f"No current {holder.role} key is left: reports cannot be filed until one is "
                "created (keys create)."
            )

    def _reseal(self, options) -> None:
        opener = self._holder(options["opener"])
        if opener.role == KeyHolder.Role.RECOVERY:
            private = self._recovery_private()
        else:
            try:
                private = keys.private_key(opener)
            except keys.KeyMissing:
                raise CommandError(
                    f"the private key file of key {opener.fingerprint} is not on this server",
                    returncode=1,
                ) from None
        done = cases_reseal(opener=opener, private=private)
        self.stdout.write(f"{done.cases} cases re-sealed ({done.seals} sealed copies written)")

    def _recovery_private(self) -> bytes:
        if sys.stdin.isatty():
            self.stderr.write("Type the recovery key (base64), then Enter:")
        line = sys.stdin.readline().strip()
        try:
            private = base64.b64decode(line, validate=True)
        except (binascii.Error, ValueError):
            private = b""
        if len(private) != 32:
            raise CommandError("that is not a recovery key (32 bytes in base64)", returncode=2)
        return private

    # -- the access log and retention --------------------------------------------------

    def _verify_log(self) -> None:
        verdict = log_verify()
        if verdict.intact:
            self.stdout.write(f"{verdict.entries} entries, the chain holds")
            return
        entry = AccessEntry.objects.filter(seq=verdict.broken_seq).first()
        reference = entry.reference if entry is not None and entry.reference else "no case"
        raise CommandError(
            f"the chain breaks at entry {verdict.broken_seq} ({reference}): {verdict.problem}",
            returncode=1,
        )

    def _purge(self) -> None:
        done = cases_purge()
        self.stdout.write(
            f"purged: {done.cases} cases, {done.messages} messages, "
            f"{done.attachments} attachments, {done.keys} sealed keys"
        )
