"""What conduct holds about an account (core/personal_data.py).

Nothing of a report is exported here, not even to its author: a case has no relation to
any account (the reporter's identity, when known, is sealed to the custodians), and its
texts are ciphertext that only the receipt or a key holder's key opens. The reporter
downloads their own report through the receipt page. What an account is linked to here is
its work as a key holder, the ombudsman or a custodian, exported as dates and decisions.
"""

from commonweal.conduct.models import DisclosureRequest, KeyHolder, Message
from commonweal.core import personal_data

# A key stays when its holder's account is erased: cases are sealed to it (the rows that
# hold those seals protect it), and the account itself is only blanked, so the link says
# nothing more about anyone. Retiring it is the operator's act (`conduct keys retire`,
# after `keys reseal` to the successor's key): retiring it here would leave reports with
# no current reader, and the report form refusing, without anyone deciding it.
personal_data.register(
    KeyHolder,
    field="user",
    subject="account",
    export_fields=("role", "fingerprint", "created_at", "retired_at"),
    erasure=personal_data.KEEP,
)
# The ombudsman's or custodian's replies stay in the case, without their name; the
# reporter's messages are never linked to an account.
personal_data.register(
    Message,
    field="author",
    subject="account",
    export_fields=("created_at",),
    erasure=personal_data.blank("author"),
)
# A request to disclose is an official act on the record of a case: who asked stays (the
# field cannot be empty, and the erased account carries no name); who decided is blanked.
personal_data.register(
    DisclosureRequest,
    field="requested_by",
    subject="account",
    export_fields=("what", "requested_at", "decision"),
    erasure=personal_data.KEEP,
)
personal_data.register(
    DisclosureRequest,
    field="decided_by",
    subject="account",
    export_fields=("what", "decision", "decided_at"),
    erasure=personal_data.blank("decided_by"),
)
