from django.contrib.admin.models import LogEntry

from commonweal.accounts.models import Invitation
from commonweal.core import personal_data

# Changes made in the admin are the record of an administrator's work: kept.
personal_data.register(
    LogEntry,
    field="user",
    subject="account",
    export_fields=("action_time", "object_repr", "change_message"),
    erasure=personal_data.KEEP,
)
personal_data.register(
    Invitation,
    field="invited_by",
    subject="account",
    export_fields=("email", "created_at", "accepted_at"),
    erasure=personal_data.KEEP,
)
# The invitation that created the account holds the person's own address.
personal_data.register(
    Invitation,
    field="accepted_by",
    subject="account",
    export_fields=("email", "created_at", "accepted_at"),
    erasure=personal_data.blank("email"),
)
