"""Every write in the learning center, by job: ``authoring`` (courses and their parts),
``progress`` (a learner's lessons, quizzes and certificates), ``importing`` (a whole
course from its plain-data shape, as a course folder gives it)."""


class LearningError(Exception):
    """A refusal, in words for the person who asked."""
