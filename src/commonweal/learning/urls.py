from django.urls import path

from commonweal.learning import requirements
from commonweal.learning.glossary import views as glossary
from commonweal.learning.views import authoring, quizzes, reading

app_name = "learning"

urlpatterns = [
    path("", reading.course_list, name="courses"),
    path("new/", authoring.course_add, name="course_add"),
    path("verify/", reading.verify, name="verify_form"),
    path("verify/<str:code>/", reading.verify, name="verify"),
    path("certificates/<int:pk>/", reading.certificate, name="certificate"),
    path("files/<int:pk>/", reading.lesson_file, name="file"),
    path("attempts/<int:pk>/", quizzes.attempt, name="attempt"),
    path("attempts/<int:pk>/mark/", quizzes.mark, name="mark"),
    path("courses/<slug:slug>/", reading.course, name="course"),
    path("courses/<slug:slug>/edit/", authoring.course_edit, name="course_edit"),
    path("courses/<slug:slug>/modules/new/", authoring.module_edit, name="module_add"),
    path(
        "courses/<slug:slug>/modules/<slug:module>/edit/",
        authoring.module_edit,
        name="module_edit",
    ),
    path(
        "courses/<slug:slug>/modules/<slug:module>/lessons/new/",
        authoring.lesson_add,
        name="lesson_add",
    ),
    path("courses/<slug:slug>/modules/<slug:module>/quiz/", quizzes.quiz, name="quiz"),
    path(
        "courses/<slug:slug>/modules/<slug:module>/quiz/edit/",
        authoring.quiz_edit,
        name="quiz_edit",
    ),
    path("courses/<slug:slug>/lessons/<slug:lesson>/", reading.lesson, name="lesson"),
    path(
        "courses/<slug:slug>/lessons/<slug:lesson>/done/", reading.lesson_done, name="lesson_done"
    ),
    path(
        "courses/<slug:slug>/lessons/<slug:lesson>/files/new/", authoring.file_add, name="file_add"
    ),
    path(
        "courses/<slug:slug>/lessons/<slug:lesson>/<str:language>/edit/",
        authoring.edition_edit,
        name="edition_edit",
    ),
    path(
        "requirements/rounds/<int:pk>/",
        requirements.round_requirements,
        name="round_requirements",
    ),
    path(
        "requirements/groups/<slug:slug>/",
        requirements.group_requirements,
        name="group_requirements",
    ),
    path("glossary/", glossary.glossary, name="glossary"),
    path("glossary/new/", glossary.term_add, name="term_add"),
    path("glossary/glossary.<str:file_format>", glossary.glossary_download, name="glossary_file"),
    path("glossary/<slug:slug>/", glossary.term, name="term"),
    path("glossary/<slug:slug>/edit/", glossary.term_edit, name="term_edit"),
    path("glossary/<slug:slug>/know/", glossary.term_know, name="term_know"),
]

# LTI 1.3: a course launched from another learning system (learning/lti/).
from commonweal.learning.lti import views as lti  # noqa: E402

urlpatterns += [
    path("lti/login/", lti.login, name="lti_login"),
    path("lti/launch/", lti.launch, name="lti_launch"),
    path("lti/jwks/", lti.jwks, name="lti_jwks"),
]
