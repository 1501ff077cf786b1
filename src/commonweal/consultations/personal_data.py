"""What consultations hold about a person (core/personal_data.py)."""

from commonweal.consultations.models import (
    Delivery,
    Event,
    Extension,
    Follow,
    Message,
    Notification,
    Proceeding,
    Submission,
)
from commonweal.core import personal_data

# A published submission is a public contribution, like a comment: it stays, without the
# name. A draft, or one still waiting for its group's endorsement, was never public: it goes.
personal_data.register(
    Submission,
    field="author",
    subject="account",
    export_fields=("proceeding_id", "on_behalf_of_id", "text", "state", "submitted_at"),
    erasure=personal_data.blank(
        "author",
        "author_name",
        drafts={"state__in": [Submission.State.DRAFT, Submission.State.AWAITING]},
    ),
)
personal_data.register(
    Submission,
    field="endorsed_by",
    subject="account",
    export_fields=("proceeding_id", "on_behalf_of_id", "endorsed_at", "endorsement_note"),
    erasure=personal_data.blank("endorsed_by"),
)
personal_data.register(
    Proceeding,
    field="created_by",
    subject="account",
    export_fields=("title", "created_at"),
    erasure=personal_data.blank("created_by"),
)
personal_data.register(
    Extension,
    field="decided_by",
    subject="account",
    export_fields=("proceeding_id", "closes_on", "reason", "decided_at"),
    erasure=personal_data.blank("decided_by"),
)
# An alert stays on the record of the groups it went to, without its sender's name.
personal_data.register(
    Event,
    field="sender",
    subject="account",
    export_fields=("title", "url", "reason", "happened_at"),
    erasure=personal_data.blank("sender", "sender_name"),
)
# What a person follows, heard of and was sent exists only for them: it goes.
personal_data.register(
    Follow,
    field="user",
    subject="account",
    export_fields=("kind", "subject", "level", "created_at"),
    erasure=personal_data.DELETE,
)
personal_data.register(
    Delivery,
    field="user",
    subject="account",
    export_fields=("frequency", "unsubscribed_at", "reminder_days"),
    erasure=personal_data.DELETE,
)
personal_data.register(
    Notification,
    field="user",
    subject="account",
    export_fields=("event_id", "why", "why_label", "created_at", "message_id"),
    erasure=personal_data.DELETE,
)
personal_data.register(
    Message,
    field="user",
    subject="account",
    export_fields=("to", "subject", "state", "created_at", "sent_at"),
    erasure=personal_data.DELETE,
)
