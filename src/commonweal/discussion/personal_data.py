from commonweal.core import personal_data
from commonweal.discussion.models import Appeal, Comment, Moderation

# A comment is a contribution to a public discussion, as a speech in a meeting is: the
# text stays, no longer under the author's name.
personal_data.register(
    Comment,
    field="author",
    subject="account",
    export_fields=("target", "parent_id", "text", "created_at", "edited_at", "deleted_at", "state"),
    erasure=personal_data.blank("author"),
)
# A moderator's or the ombudsman's decision stays on the record, without their name.
personal_data.register(
    Moderation,
    field="hidden_by",
    subject="account",
    export_fields=("comment_id", "hidden_at", "reason"),
    erasure=personal_data.blank("hidden_by"),
)
personal_data.register(
    Appeal,
    field="decided_by",
    subject="account",
    export_fields=("outcome", "decided_at", "decision_reason"),
    erasure=personal_data.blank("decided_by"),
)
# An appeal's note was written for the ombudsman alone: it goes with the appellant;
# the decision and its reason stay.
personal_data.register(
    Appeal,
    field="appellant",
    subject="account",
    export_fields=("note", "filed_at", "outcome", "decided_at", "decision_reason"),
    erasure=personal_data.blank("appellant", "note"),
)
