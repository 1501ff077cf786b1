"""The glossary: the community's terms, what each means (and meant), in every language.

A ``Term`` is the written form people meet in a text ("NCSG"). What it stands for is a
``TermMeaning`` with the dates it was in force, because a body can be renamed or an
acronym reused: a meeting held in 2019 is explained with the meaning in force that day.
Each meaning keeps its expansion and definition as a mapping of language code to text,
like the courses' short texts, since each is a line or two. ``KnownTerm`` is a person's
"I know this": the term is no longer marked for them.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from commonweal.learning.models.courses import text_in

MAX_WRITTEN = 60
GLOSSARY_LANGUAGE = "en"  # the language every term is explained in first, and the fallback


class Term(models.Model):
    """A written form, with the forms it takes in other scripts (``local_forms``:
    language code to a list of strings, e.g. a Chinese name for the same body)."""

    written = models.CharField(_("term"), max_length=MAX_WRITTEN, unique=True)
    slug = models.SlugField(_("short name"), max_length=MAX_WRITTEN, unique=True)
    local_forms = models.JSONField(_("forms in other languages"), default=dict, blank=True)
    owner_group = models.ForeignKey(
        "community.StakeholderGroup",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="terms",
        verbose_name=_("owning group"),
    )
    related = models.ManyToManyField(
        "self", symmetrical=True, blank=True, verbose_name=_("related terms")
    )
    # [{"title": ..., "url": ...}]: http and https only (``glossary.specs`` checks).
    links = models.JSONField(_("links"), default=list, blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("term")
        verbose_name_plural = _("terms")
        ordering = ["written"]

    def __str__(self) -> str:
        return self.written

    def get_absolute_url(self) -> str:
        return reverse("learning:term", kwargs={"slug": self.slug})

    @property
    def letter(self) -> str:
        return self.written[:1].upper()


class TermMeaningQuerySet(models.QuerySet):
    def in_force_on(self, day: datetime.date | None):
        """Meanings valid on ``day`` (every meaning's open ends count as always)."""
        if day is None:
            day = datetime.date.today()
        return self.filter(
            Q(valid_from__isnull=True) | Q(valid_from__lte=day),
            Q(valid_to__isnull=True) | Q(valid_to__gte=day),
        )


class TermMeaning(models.Model):
    term = models.ForeignKey(Term, on_delete=models.CASCADE, related_name="meanings")
    valid_from = models.DateField(_("in force from"), null=True, blank=True)
    valid_to = models.DateField(_("in force until"), null=True, blank=True)
    expansions = models.JSONField(_("expansion in each language"), default=dict)
    definitions = models.JSONField(_("definition in each language"), default=dict, blank=True)

    objects = TermMeaningQuerySet.as_manager()

    class Meta:
        verbose_name = _("meaning")
        verbose_name_plural = _("meanings")
        ordering = ["term", "valid_from", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_from__isnull=True)
                | Q(valid_to__isnull=True)
                | Q(valid_from__lte=models.F("valid_to")),
                name="learning_meaning_dates_in_order",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.term_id}: {self.expansion_in(GLOSSARY_LANGUAGE)[0]}"

    def expansion_in(self, language: str) -> tuple[str, str]:
        return text_in(self.expansions, language, GLOSSARY_LANGUAGE)

    def definition_in(self, language: str) -> tuple[str, str]:
        return text_in(self.definitions, language, GLOSSARY_LANGUAGE)


class KnownTerm(models.Model):
    """A person said "I know this": the term is not marked on the pages they read."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="known_terms"
    )
    term = models.ForeignKey(Term, on_delete=models.CASCADE, related_name="known_by")
    created_at = models.DateTimeField(_("since"), auto_now_add=True)

    class Meta:
        verbose_name = _("known term")
        verbose_name_plural = _("known terms")
        constraints = [
            models.UniqueConstraint(fields=["user", "term"], name="learning_known_term_once"),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} knows {self.term_id}"
