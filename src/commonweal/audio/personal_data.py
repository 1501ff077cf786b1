"""What recordings hold about a person or an account (core/personal_data.py)."""

from commonweal.audio.models import Recording, Voice
from commonweal.core import personal_data

# A voice's embedding and sample are biometric data, kept only to recognise the person in
# later recordings: they go with the person. The meeting the recording became keeps what
# was said, as every meeting does.
personal_data.register(
    Voice,
    field="person",
    subject="person",
    export_fields=("recording", "label", "seconds", "confirmed"),
    erasure=personal_data.DELETE,
)
# Who uploaded a recording, like who uploaded a transcript, stays on the record without
# a name: the erased account carries none.
personal_data.register(
    Recording,
    field="created_by",
    subject="account",
    export_fields=("title", "original_name", "status", "created_at"),
    erasure=personal_data.KEEP,
)
