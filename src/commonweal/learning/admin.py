"""The learning center in Django's admin: courses, their parts and the glossary, for the
staff who look after them; authors use the learning center's own pages. A learner's
progress and answers stay out of the admin (their own data, shown to them and to markers)."""

from django.contrib import admin

from commonweal.learning.models import (
    Certificate,
    Choice,
    Course,
    CourseRequirement,
    GroupPrimer,
    Lesson,
    LessonEdition,
    LessonFile,
    Module,
    Question,
    Quiz,
    Term,
    TermMeaning,
)


class ModuleInline(admin.TabularInline):
    model = Module
    extra = 0
    fields = ("position", "slug", "titles")


@admin.register(Course)
class CourseAdmin(admin.ModelAdmin):
    list_display = ("slug", "source_language", "owner_group", "created_at")
    list_filter = ("source_language", "owner_group")
    search_fields = ("slug", "titles")
    inlines = [ModuleInline]


class LessonEditionInline(admin.StackedInline):
    model = LessonEdition
    extra = 0
    fields = ("language", "title", "body")


class LessonFileInline(admin.TabularInline):
    model = LessonFile
    extra = 0
    fields = ("name", "file", "size")
    readonly_fields = ("size",)


@admin.register(Lesson)
class LessonAdmin(admin.ModelAdmin):
    list_display = ("slug", "module", "position")
    list_filter = ("module__course",)
    search_fields = ("slug", "editions__title")
    list_select_related = ("module__course",)
    inlines = [LessonEditionInline, LessonFileInline]


class ChoiceInline(admin.TabularInline):
    model = Choice
    extra = 0


@admin.register(Question)
class QuestionAdmin(admin.ModelAdmin):
    list_display = ("quiz", "position", "kind")
    list_filter = ("kind", "quiz__module__course")
    search_fields = ("texts", "quiz__slug")
    inlines = [ChoiceInline]


class QuestionInline(admin.TabularInline):
    model = Question
    extra = 0
    fields = ("position", "kind", "texts")


@admin.register(Quiz)
class QuizAdmin(admin.ModelAdmin):
    list_display = ("slug", "module", "pass_percent")
    list_filter = ("module__course",)
    search_fields = ("slug", "titles")
    inlines = [QuestionInline]


@admin.register(Certificate)
class CertificateAdmin(admin.ModelAdmin):
    """Who holds which certificate, as the verification page tells anyone with the code."""

    list_display = ("course", "learner", "issued_on")
    list_filter = ("course", "issued_on")
    search_fields = ("course__slug", "learner__email")
    raw_id_fields = ("learner",)


class TermMeaningInline(admin.StackedInline):
    model = TermMeaning
    extra = 0


@admin.register(Term)
class TermAdmin(admin.ModelAdmin):
    list_display = ("written", "slug", "owner_group", "updated_at")
    list_filter = ("owner_group",)
    search_fields = ("written", "slug")
    inlines = [TermMeaningInline]


@admin.register(CourseRequirement)
class CourseRequirementAdmin(admin.ModelAdmin):
    list_display = ("course", "round", "group", "created_at")
    list_filter = ("course",)
    search_fields = ("course__slug", "group__name", "round__title")


@admin.register(GroupPrimer)
class GroupPrimerAdmin(admin.ModelAdmin):
    list_display = ("group", "course")
    list_filter = ("course",)
    search_fields = ("group__name", "course__slug")
