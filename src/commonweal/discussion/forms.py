from django import forms
from django.utils.translation import gettext_lazy as _

from commonweal.discussion.models import MAX_REASON, MAX_TEXT


def _textarea(rows: int = 4) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rows})


class CommentForm(forms.Form):
    """A new comment, or with ``parent`` a reply to a top-level comment."""

    text = forms.CharField(label=_("Your comment"), max_length=MAX_TEXT, widget=_textarea())
    parent = forms.IntegerField(required=False, widget=forms.HiddenInput, min_value=1)

    field_order = ["text", "parent"]


class EditForm(forms.Form):
    text = forms.CharField(label=_("Your comment"), max_length=MAX_TEXT, widget=_textarea(6))


class HideForm(forms.Form):
    reason = forms.CharField(
        label=_("Why hide it"),
        help_text=_("Shown to everyone in the comment's place, and sent to its author."),
        max_length=MAX_REASON,
        widget=_textarea(3),
    )


class AppealForm(forms.Form):
    note = forms.CharField(
        label=_("Your note to the ombudsman"),
        help_text=_("Why the comment should be shown again. Only the ombudsman reads it."),
        max_length=MAX_REASON,
        widget=_textarea(),
    )


class DecisionForm(forms.Form):
    reason = forms.CharField(
        label=_("The reason for your decision"),
        help_text=_("The author reads it in an email and on their activity page."),
        max_length=MAX_REASON,
        widget=_textarea(),
    )
