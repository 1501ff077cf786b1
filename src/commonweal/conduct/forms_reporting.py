"""The reporter's forms: the report, the receipt, a message, a consent."""

from __future__ import annotations

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from commonweal.conduct import crypto
from commonweal.conduct.models import Case, Consent
from commonweal.conduct.services.cases import Report
from commonweal.conduct.services.files import MAX_FILE_BYTES, MAX_FILES, files_check
from commonweal.meetings.models import Meeting

# The meetings a reporter may pick from: those of about the past year, latest first.
RECENT_MEETING_DAYS = 400
RECENT_MEETINGS = 60


class FilesInput(forms.FileInput):
    allow_multiple_selected = True


class FilesField(forms.FileField):
    """Several files in one field: a list, checked for number and size."""

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", FilesInput())
        kwargs.setdefault("required", False)
        kwargs.setdefault(
            "help_text",
            _("Any kind of file, at most %(count)d, each at most %(mb)d MB.")
            % {"count": MAX_FILES, "mb": MAX_FILE_BYTES // (1024 * 1024)},
        )
        super().__init__(**kwargs)

    def clean(self, data, initial=None):
        uploads = data if isinstance(data, list | tuple) else [data]
        files = [super(FilesField, self).clean(upload, initial) for upload in uploads if upload]
        files_check(files)
        return files


def _meeting_label(meeting: Meeting) -> str:
    return f"{meeting.date:%Y-%m-%d} · {meeting.title}" if meeting.date else meeting.title


class ReportForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("What happened"), choices=Case.Kind.choices, widget=forms.RadioSelect
    )
    what = forms.CharField(
        label=_("What happened, in your words"),
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 10, "dir": "auto"}),
        help_text=_("What was said or done, and anything that helps to understand it."),
    )
    when = forms.CharField(
        label=_("When"),
        max_length=200,
        required=False,
        help_text=_("A date, a time, or in words (“the second day of the meeting”)."),
    )
    place = forms.ChoiceField(
        label=_("Where"),
        choices=Case.Place.choices,
        widget=forms.RadioSelect,
        initial=Case.Place.MEETING,
    )
    meeting = forms.ModelChoiceField(
        label=_("Which meeting"),
        queryset=Meeting.objects.none(),
        required=False,
        empty_label=_("(not in the list)"),
    )
    meeting_text = forms.CharField(
        label=_("Or the meeting in words"), max_length=300, required=False
    )
    comment = forms.CharField(
        label=_("The comment's address"),
        max_length=500,
        required=False,
        help_text=_("Copy the link of the comment (its “link” or the page's address)."),
    )
    elsewhere = forms.CharField(label=_("The place in words"), max_length=300, required=False)
    who = forms.CharField(
        label=_("Who was involved"),
        max_length=500,
        required=False,
        help_text=_("The people who did it, and anyone who saw it, if you know."),
    )
    files = FilesField(label=_("Files (optional)"))
    identity = forms.ChoiceField(
        label=_("Your name"),
        choices=[
            ("anonymous", _("Report anonymously")),
            ("named", _("Give my name")),
        ],
        widget=forms.RadioSelect,
        initial="anonymous",
    )
    name = forms.CharField(label=_("Name"), max_length=200, required=False)
    email = forms.EmailField(label=_("Email to reach you (optional)"), required=False)
    about_ombudsman = forms.BooleanField(
        label=_("This report is about the ombudsman"),
        required=False,
        help_text=_("Then the custodian reads it instead of the ombudsman."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        since = timezone.localdate() - datetime.timedelta(days=RECENT_MEETING_DAYS)
        meetings = Meeting.objects.filter(date__gte=since).order_by("-date", "title")
        self.fields["meeting"].queryset = meetings[:RECENT_MEETINGS]
        self.fields["meeting"].label_from_instance = _meeting_label

    def clean(self):
        data = super().clean()
        place = data.get("place")
        if place == Case.Place.MEETING and not (data.get("meeting") or data.get("meeting_text")):
            self.add_error("meeting_text", _("Choose the meeting, or say which it was."))
        if place == Case.Place.COMMENT and not data.get("comment"):
            self.add_error("comment", _("Give the comment's address."))
        if place == Case.Place.ELSEWHERE and not data.get("elsewhere"):
            self.add_error("elsewhere", _("Say where it happened."))
        if data.get("identity") == "named" and not data.get("name", "").strip():
            self.add_error("name", _("Give your name, or choose to report anonymously."))
        return data

    def _where(self) -> str:
        data = self.cleaned_data
        if data["place"] == Case.Place.MEETING:
            meeting = data.get("meeting")
            if meeting is not None:
                return f"{_meeting_label(meeting)} ({meeting.get_absolute_url()})"
            return data["meeting_text"]
        if data["place"] == Case.Place.COMMENT:
            return data["comment"]
        return data["elsewhere"]

    def report(self) -> Report:
        data = self.cleaned_data
        named = data["identity"] == "named"
        return Report(
            kind=data["kind"],
            place=data["place"],
            what=data["what"],
            when=data["when"],
            where=self._where(),
            who=data["who"],
            named=named,
            name=data["name"].strip() if named else "",
            email=data["email"] if named else "",
            about_ombudsman=data["about_ombudsman"],
            language=get_language() or "",
        )


class ReceiptForm(forms.Form):
    receipt = forms.CharField(
        label=_("Your receipt"),
        max_length=64,
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "spellcheck": "false", "autocapitalize": "characters"}
        ),
        help_text=_("The 25 letters and digits you were given; spaces and dashes do not matter."),
    )

    def clean_receipt(self) -> str:
        return crypto.receipt_normal(self.cleaned_data["receipt"])


class MessageForm(forms.Form):
    text = forms.CharField(
        label=_("Your message"),
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 6, "dir": "auto"}),
    )
    files = FilesField(label=_("Files (optional)"))


class ConsentForm(forms.Form):
    what = forms.ChoiceField(
        label=_("What may be disclosed"), choices=Consent.What.choices, widget=forms.RadioSelect
    )
    to_whom = forms.CharField(
        label=_("To whom"),
        max_length=200,
        help_text=_("A person or a body, by name or role (“the board's chair”, “the police”)."),
    )


class WithdrawForm(forms.Form):
    consent = forms.IntegerField(widget=forms.HiddenInput)
