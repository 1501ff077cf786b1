from commonweal.core import personal_data
from commonweal.learning.models import Certificate, Enrolment, KnownTerm, QuizAttempt

# Progress exists only for the learner: it goes with them (lessons done and quiz
# attempts with it, by cascade).
personal_data.register(
    Enrolment,
    field="user",
    subject="account",
    export_fields=("course", "started_at", "resume_lesson", "completed_at"),
    erasure=personal_data.DELETE,
)
# A certificate stays verifiable after erasure, as "issued" with no name.
personal_data.register(
    Certificate,
    field="learner",
    subject="account",
    export_fields=("course", "issued_on", "code"),
    erasure=personal_data.blank("learner"),
)
# A marker's verdict stays with the attempt, without their name.
personal_data.register(
    QuizAttempt,
    field="marked_by",
    subject="account",
    export_fields=("quiz", "score", "marked_at"),
    erasure=personal_data.blank("marked_by"),
)
# "I know this" in the glossary is the reader's own: exported, and gone with them.
personal_data.register(
    KnownTerm,
    field="user",
    subject="account",
    export_fields=("term", "created_at"),
    erasure=personal_data.DELETE,
)
