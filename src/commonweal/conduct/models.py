"""Conduct reports: cases, their encrypted contents, who holds keys, and the access log.

Nothing a reporter wrote is stored in clear: texts and files are ciphertext under the
case's key (``crypto.py``); the rows here hold only what the clocks and the lists need
(when, which kind of conduct, the state). No model's ``__str__`` shows content, and none is
registered in the admin but the key holders' public keys.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class KeyHolder(models.Model):
    """A public key of the ombudsman, a custodian, or the offline recovery key; the private
    key is a file under ``CONDUCT_KEY_DIR`` (or, for recovery, kept offline)."""

    class Role(models.TextChoices):
        OMBUDSMAN = "ombudsman", _("ombudsman")
        CUSTODIAN = "custodian", _("custodian")
        RECOVERY = "recovery", _("recovery (kept offline)")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="conduct_keys",
        verbose_name=_("account"),
    )
    role = models.CharField(_("role"), max_length=10, choices=Role.choices)
    public_key = models.BinaryField(_("public key"))
    fingerprint = models.CharField(_("fingerprint"), max_length=32, unique=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    retired_at = models.DateTimeField(_("retired"), null=True, blank=True)

    class Meta:
        verbose_name = _("key holder")
        verbose_name_plural = _("key holders")
        ordering = ["role", "created_at"]

    def __str__(self) -> str:
        return f"{self.role} {self.fingerprint}"


class Case(models.Model):
    class Kind(models.TextChoices):
        HARASSMENT = "harassment", _("harassment")
        DISCRIMINATION = "discrimination", _("discrimination")
        INTIMIDATION = "intimidation", _("intimidation or threats")
        SEXUAL = "sexual", _("sexual harassment")
        PRIVACY = "privacy", _("sharing someone's private information")
        OTHER = "other", _("other conduct against the policy")

    class Place(models.TextChoices):
        MEETING = "meeting", _("in a meeting")
        COMMENT = "comment", _("in a comment on this site")
        ELSEWHERE = "elsewhere", _("elsewhere")

    class Status(models.TextChoices):
        RECEIVED = "received", pgettext_lazy("conduct case status", "received")
        ACKNOWLEDGED = "acknowledged", _("acknowledged")
        IN_PROGRESS = "in_progress", _("being looked into")
        CLOSED = "closed", pgettext_lazy("conduct case status", "closed")

    reference = models.CharField(_("reference"), max_length=20, unique=True)
    kind = models.CharField(_("what happened"), max_length=20, choices=Kind.choices)
    place = models.CharField(_("where"), max_length=10, choices=Place.choices)
    named = models.BooleanField(_("the reporter gave their name"), default=False)
    # A case about the ombudsman is sealed to the custodians instead (conflict of interest).
    about_ombudsman = models.BooleanField(_("about the ombudsman"), default=False)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.RECEIVED
    )
    created_at = models.DateTimeField(
        pgettext_lazy("conduct case date", "received"), auto_now_add=True
    )
    acknowledged_at = models.DateTimeField(_("acknowledged"), null=True, blank=True)
    acknowledge_by = models.DateTimeField(_("acknowledgement due"))
    feedback_by = models.DateTimeField(_("feedback due"))
    feedback_at = models.DateTimeField(_("first feedback"), null=True, blank=True)
    closed_at = models.DateTimeField(
        pgettext_lazy("conduct case date", "closed"), null=True, blank=True
    )
    delete_after = models.DateTimeField(_("deleted after"), null=True, blank=True)
    # Encrypted under the case key: the report itself (what, when, where, who), as JSON.
    report_box = models.BinaryField()
    # The receipt: a keyed hash to find the case, and the case key under the receipt's key.
    receipt_hash = models.CharField(max_length=64, unique=True)
    receipt_salt = models.BinaryField()
    reporter_box = models.BinaryField()
    # The reporter's identity, when known: under its own key, sealed to the custodians.
    identity_box = models.BinaryField(null=True, blank=True)

    class Meta:
        verbose_name = _("conduct case")
        verbose_name_plural = _("conduct cases")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.reference


class CaseKey(models.Model):
    """The case key (or the identity key) sealed to one key holder's public key."""

    class Purpose(models.TextChoices):
        CASE = "case", _("the case")
        IDENTITY = "identity", _("the reporter's identity")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="keys")
    holder = models.ForeignKey(KeyHolder, on_delete=models.PROTECT, related_name="sealed")
    purpose = models.CharField(max_length=10, choices=Purpose.choices, default=Purpose.CASE)
    sealed = models.BinaryField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["case", "holder", "purpose"], name="case_key_once")
        ]

    def __str__(self) -> str:
        return f"{self.case_id}/{self.holder_id}/{self.purpose}"


class Message(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="messages")
    from_reporter = models.BooleanField(default=False)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    box = models.BinaryField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.case_id}/{self.pk}"


def attachment_path(instance, filename: str) -> str:
    # The stored name says nothing: the real name is encrypted in name_box.
    import secrets

    return f"conduct/{secrets.token_hex(16)}.bin"


class Attachment(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="attachments")
    message = models.ForeignKey(
        Message, on_delete=models.CASCADE, null=True, blank=True, related_name="attachments"
    )
    file = models.FileField(upload_to=attachment_path)
    name_box = models.BinaryField()
    size = models.PositiveIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.case_id}/{self.pk}"


class Consent(models.Model):
    """The reporter's consent, given with the receipt, to disclose something to someone."""

    class What(models.TextChoices):
        IDENTITY = "identity", _("who I am")
        CONTENT = "content", _("what I reported")

    # The choices are the reporter's words as they give consent ("who I am"); their case
    # page speaks to them ("who you are"), and those handling the case read of them.
    REPORTER_WORDS = {"identity": _("who you are"), "content": _("what you reported")}
    HANDLER_WORDS = {
        "identity": _("the reporter's identity"),
        "content": _("the content of the report"),
    }

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="consents")
    what = models.CharField(_("what"), max_length=10, choices=What.choices)
    to_whom = models.CharField(_("to whom"), max_length=200)
    given_at = models.DateTimeField(_("given"), auto_now_add=True)
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.case_id}: {self.what}"

    def what_for_handlers(self) -> str:
        return str(Consent.HANDLER_WORDS.get(self.what, self.what))

    def what_for_reporter(self) -> str:
        return str(Consent.REPORTER_WORDS.get(self.what, self.what))


class DisclosureRequest(models.Model):
    """The ombudsman asks to disclose; a custodian (the second key holder) decides."""

    class Decision(models.TextChoices):
        PENDING = "pending", _("waiting for a custodian")
        APPROVED = "approved", _("approved")
        REFUSED = "refused", _("refused")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="disclosures")
    what = models.CharField(_("what"), max_length=10, choices=Consent.What.choices)
    to_whom = models.CharField(_("to whom"), max_length=200)
    reason_box = models.BinaryField()
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    requested_at = models.DateTimeField(auto_now_add=True)
    decision = models.CharField(max_length=10, choices=Decision.choices, default=Decision.PENDING)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.case_id}: {self.what} ({self.decision})"

    what_for_handlers = Consent.what_for_handlers  # the same words for the same ``what``


class AccessEntry(models.Model):
    """One read or action on a case, chained to the one before by its hash."""

    class Actor(models.TextChoices):
        OMBUDSMAN = "ombudsman", _("the ombudsman")
        CUSTODIAN = "custodian", _("a custodian")
        REPORTER = "reporter", _("the reporter")
        SYSTEM = "system", _("the platform")

    seq = models.PositiveBigIntegerField(unique=True)
    case = models.ForeignKey(
        Case, on_delete=models.SET_NULL, null=True, blank=True, related_name="log"
    )
    # The case's reference, kept after the case is purged.
    reference = models.CharField(max_length=20)
    at = models.DateTimeField()
    actor = models.CharField(max_length=10, choices=Actor.choices)
    actor_ref = models.CharField(max_length=40, blank=True)
    action = models.CharField(max_length=40)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)

    class Meta:
        ordering = ["seq"]

    def __str__(self) -> str:
        return f"{self.seq} {self.action}"


class ReceiptFailure(models.Model):
    """One receipt that opened no case, keyed by a keyed hash of the client's address (not
    the address, and no link to any case), kept one hour to limit guessing."""

    address_digest = models.CharField(max_length=64, db_index=True)
    at = models.DateTimeField(db_index=True)

    class Meta:
        verbose_name = _("failed receipt")
        verbose_name_plural = _("failed receipts")

    def __str__(self) -> str:
        return f"{self.address_digest[:12]}… {self.at:%Y-%m-%d %H:%M}"
