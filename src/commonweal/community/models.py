"""People, stakeholder groups and memberships: the community every other app refers to."""

from __future__ import annotations

import datetime

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from commonweal.community.colours import next_palette_colour, validate_group_colour
from commonweal.rosters import name_key


class Person(models.Model):
    """Someone in the community. Most people in transcripts never sign in, so an
    account (accounts.User.person) is optional."""

    display_name = models.CharField(_("display name"), max_length=200)
    email = models.EmailField(_("contact email"), blank=True)
    is_erased = models.BooleanField(
        _("erased"),
        default=False,
        help_text=_("Personal fields were blanked at the person's request."),
    )
    erased_at = models.DateTimeField(_("erased at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["display_name", "pk"]

    def __str__(self) -> str:
        return self.display_name

    def get_absolute_url(self) -> str:
        return reverse("community:person", kwargs={"pk": self.pk})

    @property
    def shown_name(self) -> str:
        """The name to show, in the reader's language when the person was erased."""
        return gettext("Former participant") if self.is_erased else self.display_name

    def current_memberships(self):
        return self.memberships.current().select_related("group")


class PersonName(models.Model):
    """One way of writing a person's name: in a script and a language, or an alias."""

    class Kind(models.TextChoices):
        PRIMARY = "primary", _("primary name")
        TRANSLITERATION = "transliteration", _("name in another script")
        ALIAS = "alias", _("alias")

    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="names", verbose_name=_("person")
    )
    name = models.CharField(pgettext_lazy("a person's name", "name"), max_length=200)
    normalized = models.CharField(
        _("normalized name"), max_length=200, db_index=True, editable=False
    )
    language = models.CharField(
        _("language"), max_length=35, blank=True, help_text=_("A BCP 47 tag such as en or zh-Hans.")
    )
    script = models.CharField(
        _("script"),
        max_length=4,
        blank=True,
        help_text=_("An ISO 15924 code such as Latn or Hans."),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.ALIAS)

    class Meta:
        verbose_name = _("name of a person")
        verbose_name_plural = _("names of people")
        ordering = ["person", "kind", "name"]
        constraints = [
            models.UniqueConstraint(fields=["person", "normalized"], name="person_name_once")
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        self.normalized = name_key(self.name)
        super().save(*args, **kwargs)


class StakeholderGroup(models.Model):
    """A body of the community. Groups nest: a constituency inside a stakeholder group."""

    class Kind(models.TextChoices):
        BOARD = "board", _("board")
        STAFF = "staff", _("organization staff")
        SUPPORTING_ORGANIZATION = "so", _("supporting organization")
        ADVISORY_COMMITTEE = "ac", _("advisory committee")
        STAKEHOLDER_GROUP = "sg", _("stakeholder group")
        CONSTITUENCY = "constituency", _("constituency")

    slug = models.SlugField(_("short name"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=200)
    acronym = models.CharField(_("acronym"), max_length=30, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("part of"),
    )
    description = models.TextField(_("description"), blank=True)
    language = models.CharField(_("language of name and description"), max_length=35, default="en")
    colour = models.CharField(
        _("colour"),
        max_length=7,
        blank=True,
        validators=[validate_group_colour],
        help_text=_(
            "The group's colour on every page, as #rrggbb. Left empty, the group takes the "
            "palette colour fewest groups have."
        ),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("stakeholder group")
        verbose_name_plural = _("stakeholder groups")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(parent=models.F("pk")), name="group_not_its_own_parent"
            )
        ]

    def __str__(self) -> str:
        return self.acronym or self.name

    def save(self, *args, **kwargs) -> None:
        if not self.colour:
            used = StakeholderGroup.objects.exclude(pk=self.pk).values_list("colour", flat=True)
            self.colour = next_palette_colour(list(used))
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("community:group", kwargs={"slug": self.slug})

    def ancestors(self) -> list[StakeholderGroup]:
        chain: list[StakeholderGroup] = []
        node = self.parent
        while node is not None and node not in chain:
            chain.append(node)
            node = node.parent
        return chain


class MembershipQuerySet(models.QuerySet):
    def current(self, on: datetime.date | None = None):
        on = on or timezone.localdate()
        return self.filter(Q(start_date__isnull=True) | Q(start_date__lte=on)).filter(
            Q(end_date__isnull=True) | Q(end_date__gte=on)
        )


class Membership(models.Model):
    """A person's place in a group, with a role, over a period (open-ended when no end)."""

    class Role(models.TextChoices):
        MEMBER = "member", _("member")
        CHAIR = "chair", _("chair")
        VICE_CHAIR = "vice_chair", _("vice-chair")
        COORDINATOR = "coordinator", _("coordinator")
        LIAISON = "liaison", _("liaison")
        STAFF = "staff", _("staff")

    # Roles whose holders coordinate the group on the platform.
    COORDINATING_ROLES = (Role.CHAIR, Role.VICE_CHAIR, Role.COORDINATOR)

    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("person")
    )
    group = models.ForeignKey(
        StakeholderGroup,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("group"),
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.MEMBER)
    title = models.CharField(
        pgettext_lazy("a member's title in a group", "title"),
        max_length=200,
        blank=True,
        help_text=_("As the group writes it."),
    )
    start_date = models.DateField(_("from"), null=True, blank=True)
    end_date = models.DateField(_("to"), null=True, blank=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["group", "person"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True)
                | Q(start_date__isnull=True)
                | Q(end_date__gte=models.F("start_date")),
                name="membership_ends_after_it_starts",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} — {self.group} ({self.get_role_display()})"


class MembershipRequestQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(status=MembershipRequest.Status.PENDING)


class MembershipRequest(models.Model):
    """A person asking to join a group; the group's coordinators or the secretariat decide.

    Approval creates the Membership in the same transaction, so the right to vote in the
    group's rounds follows from the memberships as it always does.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("pending")
        APPROVED = "approved", _("approved")
        DECLINED = "declined", _("declined")
        WITHDRAWN = "withdrawn", _("withdrawn")

    # Board seats and staff posts are appointed, not asked for.
    REQUESTABLE_KINDS = (
        StakeholderGroup.Kind.SUPPORTING_ORGANIZATION,
        StakeholderGroup.Kind.ADVISORY_COMMITTEE,
        StakeholderGroup.Kind.STAKEHOLDER_GROUP,
        StakeholderGroup.Kind.CONSTITUENCY,
    )
    NOTE_MAX_LENGTH = 2000

    person = models.ForeignKey(
        Person,
        on_delete=models.CASCADE,
        related_name="membership_requests",
        verbose_name=_("person"),
    )
    group = models.ForeignKey(
        StakeholderGroup,
        on_delete=models.CASCADE,
        related_name="membership_requests",
        verbose_name=_("group"),
    )
    note = models.TextField(_("note"), max_length=NOTE_MAX_LENGTH)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PENDING
    )
    created_at = models.DateTimeField(_("asked at"), auto_now_add=True)
    decided_by = models.ForeignKey(
        Person,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="membership_decisions",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(
        _("decided at"), null=True, blank=True, help_text=_("Or withdrawn at.")
    )
    decision_note = models.TextField(_("decision note"), max_length=NOTE_MAX_LENGTH, blank=True)
    membership = models.OneToOneField(
        Membership,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="request",
        verbose_name=_("membership created"),
    )
    person_told_at = models.DateTimeField(
        _("decision shown to the person at"), null=True, blank=True
    )

    objects = MembershipRequestQuerySet.as_manager()

    class Meta:
        verbose_name = _("membership request")
        verbose_name_plural = _("membership requests")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "group"],
                condition=Q(status="pending"),
                name="one_pending_request_per_person_and_group",
            ),
            models.CheckConstraint(
                condition=Q(status="pending", decided_at__isnull=True)
                | (~Q(status="pending") & Q(decided_at__isnull=False)),
                name="membership_request_decided_when_not_pending",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} → {self.group} ({self.get_status_display()})"

    @property
    def is_pending(self) -> bool:
        return self.status == self.Status.PENDING
