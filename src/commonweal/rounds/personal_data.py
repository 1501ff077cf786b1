from commonweal.core import personal_data
from commonweal.rounds.models import Comment, Participation, Round

# That someone voted is theirs to see and to erase; what they voted is not linked to
# their account at all (see models.Ballot), so it stays in the count.
personal_data.register(
    Participation,
    field="user",
    subject="account",
    export_fields=("round", "group", "first_voted_at"),
    erasure=personal_data.DELETE,
)
# A comment on a public priority list is a contribution: the text stays, without
# its author.
personal_data.register(
    Comment,
    field="author",
    subject="account",
    export_fields=("round", "text", "created_at"),
    erasure=personal_data.blank("author"),
)
personal_data.register(
    Round,
    field="created_by",
    subject="account",
    export_fields=("title", "created_at"),
    erasure=personal_data.blank("created_by"),
)
personal_data.register(
    Round,
    field="closed_by",
    subject="account",
    export_fields=("title", "closed_at"),
    erasure=personal_data.blank("closed_by"),
)
