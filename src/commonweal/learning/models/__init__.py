"""The learning center's records: what is taught (``courses``) and who learnt it (``progress``).

A package, so that the glossary can move in beside the courses as its own module.
"""

from commonweal.learning.models.courses import (
    Choice,
    Course,
    EditionStatus,
    Lesson,
    LessonEdition,
    LessonFile,
    Module,
    Question,
    Quiz,
    body_hash,
    text_in,
)
from commonweal.learning.models.glossary import KnownTerm, Term, TermMeaning
from commonweal.learning.models.progress import Certificate, Enrolment, LessonDone, QuizAttempt
from commonweal.learning.models.requirements import CourseRequirement, GroupPrimer

__all__ = [
    "Certificate",
    "Choice",
    "Course",
    "CourseRequirement",
    "EditionStatus",
    "Enrolment",
    "GroupPrimer",
    "KnownTerm",
    "Lesson",
    "LessonDone",
    "LessonEdition",
    "LessonFile",
    "Module",
    "Question",
    "Quiz",
    "QuizAttempt",
    "Term",
    "TermMeaning",
    "body_hash",
    "text_in",
]
