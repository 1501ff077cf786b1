from commonweal.core import personal_data
from commonweal.core.text import FORMER_PARTICIPANT
from commonweal.meetings.models import IngestJob, Meeting, Participant, Topic, Turn

# What a person said in a public meeting is the community's record: the turns stay,
# with their measures, attributed to a "former participant" instead of the name.
personal_data.register(
    Participant,
    field="person",
    subject="person",
    export_fields=("meeting", "label", "aliases", "turns", "units", "share", "seconds"),
    erasure=personal_data.replace(label=FORMER_PARTICIPANT, aliases=[]),
)
personal_data.register(
    Turn,
    field="person",
    subject="person",
    export_fields=("meeting", "index", "text"),
    erasure=personal_data.KEEP,
)
personal_data.register(
    Meeting,
    field="ingested_by",
    subject="account",
    export_fields=("title", "date", "source_name", "ingested_at"),
    erasure=personal_data.KEEP,
)
personal_data.register(
    IngestJob,
    field="created_by",
    subject="account",
    export_fields=("source_name", "status", "created_at", "finished_at"),
    erasure=personal_data.KEEP,
)
# A topic's title is the meeting record's; who renamed it is theirs.
personal_data.register(
    Topic,
    field="edited_by",
    subject="account",
    export_fields=("meeting", "title", "edited_at"),
    erasure=personal_data.blank("edited_by"),
)
