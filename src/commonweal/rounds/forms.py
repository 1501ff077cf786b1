import re

from django import forms
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from commonweal.community.models import StakeholderGroup
from commonweal.recommendations.models import Recommendation
from commonweal.rounds.models import Ballot, Round
from commonweal.rounds.selectors import ballot_items
from commonweal.rounds.services import EDITABLE_AFTER_OPENING, RULE_FIELDS, RoundError
from commonweal.rounds.services.closing import NOTE_MAX_LENGTH
from commonweal.rounds.voting import clean_receipt

DATETIME_LOCAL = "%Y-%m-%dT%H:%M"


class RecommendationChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Recommendation) -> str:
        return f"{obj.reference} — {obj.title}"


def ballot_ready(voting_round: Round | None = None):
    """The recommendations the service accepts on a ballot: costed and assessed, or
    decided and deferred; and, when editing, those already on this round's ballot."""
    ready = Q(status=Recommendation.Status.ASSESSED) | Q(
        status=Recommendation.Status.DECIDED, decision=Recommendation.Decision.DEFERRED
    )
    costed = Q(one_time_cost__isnull=False, recurring_cost__isnull=False)
    on_this_ballot = (
        Q(round_items__round=voting_round)
        if voting_round is not None and voting_round.pk
        else Q(pk=None)
    )
    return Recommendation.objects.filter((ready & costed) | on_this_ballot).distinct()


# Who votes on what: passed to the services beside the round's own fields.
BALLOT_FIELDS = ("recommendations", "voter_groups")


class RoundForm(forms.ModelForm):
    """Everything a round is set with; only before voting opens (see RoundTextForm)."""

    recommendations = RecommendationChoiceField(
        label=_lazy("Recommendations on the ballot"),
        queryset=Recommendation.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text=_lazy(
            "Costed recommendations that are assessed, or decided and deferred, and in no "
            "other round."
        ),
    )
    voter_groups = forms.ModelMultipleChoiceField(
        label=_lazy("Stakeholder groups that vote"),
        queryset=StakeholderGroup.objects.order_by("name"),
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Round
        fields = [*EDITABLE_AFTER_OPENING, *BALLOT_FIELDS, *RULE_FIELDS]
        widgets = {
            "opens_at": forms.DateTimeInput(
                attrs={"type": "datetime-local"}, format=DATETIME_LOCAL
            ),
            "closes_at": forms.DateTimeInput(
                attrs={"type": "datetime-local"}, format=DATETIME_LOCAL
            ),
            "description": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["recommendations"].queryset = ballot_ready(self.instance).order_by("reference")
        if self.instance.pk:
            self.initial.setdefault(
                "recommendations",
                list(self.instance.items.values_list("recommendation_id", flat=True)),
            )

    def clean(self):
        cleaned = super().clean()
        opens, closes = cleaned.get("opens_at"), cleaned.get("closes_at")
        if opens and closes and closes <= opens:
            self.add_error("closes_at", _("Voting must close after it opens."))
        cap, reserve = cleaned.get("annual_cap"), cleaned.get("annual_reserve")
        if cap is not None and cap <= 0:
            self.add_error("annual_cap", _("The budget per year must be more than nothing."))
        elif cap is not None and reserve is not None and not 0 <= reserve < cap:
            self.add_error(
                "annual_reserve", _("The reserve must be less than the budget per year.")
            )
        if cleaned.get("ballot_kind") == Round.BallotKind.POINTS and not cleaned.get("points"):
            self.add_error(
                "points", _("A points ballot needs the number of points each voter shares out.")
            )
        return cleaned

    def service_fields(self) -> dict:
        """The keyword arguments of ``round_create`` and ``round_update``."""
        data = dict(self.cleaned_data)
        for name in BALLOT_FIELDS:
            data[name] = list(data[name])
        return data


class RoundTextForm(forms.ModelForm):
    """What may still change once voting has opened."""

    class Meta:
        model = Round
        fields = list(EDITABLE_AFTER_OPENING)
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}

    def service_fields(self) -> dict:
        """The keyword arguments of ``round_update``."""
        return dict(self.cleaned_data)


# What a posting may hold that would change a round's rules.
RULE_INPUTS = frozenset(RoundForm.Meta.fields) - frozenset(RoundTextForm.Meta.fields)


def round_edit_form(voting_round: Round, data, *, opened: bool) -> RoundForm | RoundTextForm:
    """The form that edits ``voting_round``: everything before voting opens, then only
    the title and description. A posting that tries to change the rules after opening
    still gets the whole form, so that the service refuses it with its message."""
    posts_rules = data is not None and bool(RULE_INPUTS & set(data))
    form_class = RoundForm if not opened or posts_rules else RoundTextForm
    # A fresh copy: validating the form writes to its instance.
    return form_class(data, instance=Round.objects.get(pk=voting_round.pk))


class CloseForm(forms.Form):
    """What the secretariat may say when it closes voting and counts."""

    note = forms.CharField(
        label=_lazy("Why voting is closed now (optional)"),
        max_length=NOTE_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_lazy("Shown to everyone on the round's page."),
    )


class ReceiptCheckForm(forms.Form):
    receipt = forms.CharField(
        label=_lazy("Receipt"),
        max_length=200,
        help_text=_lazy("The receipt your ballot page gave you, whole or its first 16 characters."),
    )

    def clean_receipt(self) -> str:
        receipt = clean_receipt(self.cleaned_data["receipt"])
        if receipt is None:
            raise forms.ValidationError(
                _(
                    "A receipt is made of the digits 0–9 and the letters a–f, 64 of them; "
                    "give at least the first 16."
                )
            )
        return receipt


WHOLE_NUMBER = re.compile(r"-?[0-9]{1,9}")


def _integer(value: str, reference: str) -> int | None:
    value = value.strip()
    if not value:
        return None
    # Plain ASCII digits only: int() would also take "1_0" and other scripts' digits.
    if not WHOLE_NUMBER.fullmatch(value):
        raise RoundError(
            _("%(reference)s: “%(value)s” is not a whole number.")
            % {"reference": reference, "value": value[:20]}
        )
    return int(value)


def ballot_group(data, eligible: list[StakeholderGroup]) -> StakeholderGroup:
    """The group the voter votes for: the posted ``group``, or their only eligible one."""
    posted = data.get("group", "").strip()
    if not posted:
        if len(eligible) == 1:
            return eligible[0]
        raise RoundError(_("Choose the stakeholder group you vote for."))
    for group in eligible:
        if str(group.pk) == posted:
            return group
    raise RoundError(_("You cannot vote in this round for that group."))


def _single(data, key: str, reference: str) -> str:
    values = data.getlist(key)
    if len(values) > 1:
        raise RoundError(_("%(reference)s is on the ballot twice.") % {"reference": reference})
    return values[0]


def ballot_choices(voting_round: Round, data) -> list[tuple[str, int]]:
    """The posted ballot as ``(reference, points)`` pairs in the voter's order.

    approval: repeated ``choice``; points: ``points-<reference>`` (empty is 0);
    ranking: ``rank-<reference>`` positions 1..n (empty is not ranked). Limits
    and what is on the ballot are the service's to check.
    """
    if voting_round.ballot_kind == Round.BallotKind.APPROVAL:
        return [(reference, 1) for reference in data.getlist("choice")]
    if voting_round.ballot_kind == Round.BallotKind.POINTS:
        choices = []
        for key in data:
            if key.startswith("points-"):
                reference = key.removeprefix("points-")
                points = _integer(_single(data, key, reference), reference)
                if points:
                    choices.append((reference, points))
        return choices
    ranked: dict[int, str] = {}
    size = voting_round.items.count()
    for key in data:
        if not key.startswith("rank-"):
            continue
        reference = key.removeprefix("rank-")
        position = _integer(_single(data, key, reference), reference)
        if position is None:
            continue
        if not 1 <= position <= size:
            raise RoundError(
                _("%(reference)s: ranks go from 1 to %(size)d.")
                % {"reference": reference, "size": size}
            )
        if position in ranked:
            raise RoundError(
                _("%(first)s and %(second)s are both ranked %(position)d.")
                % {"first": ranked[position], "second": reference, "position": position}
            )
        ranked[position] = reference
    return [(ranked[position], 1) for position in sorted(ranked)]


def ballot_values(voting_round: Round, ballot: Ballot | None) -> dict[str, str]:
    """The voter's stored ballot as the values of the ballot form, by reference."""
    if ballot is None:
        return {}
    if voting_round.ballot_kind == Round.BallotKind.RANKING:
        return {project: str(k) for k, (project, _points) in enumerate(ballot.choices, start=1)}
    return {project: str(points) for project, points in ballot.choices}


def posted_ballot_values(voting_round: Round, data) -> dict[str, str]:
    """What the voter just posted, to show it again beside the message."""
    if voting_round.ballot_kind == Round.BallotKind.APPROVAL:
        return {reference: "1" for reference in data.getlist("choice")}
    prefix = "points-" if voting_round.ballot_kind == Round.BallotKind.POINTS else "rank-"
    return {key.removeprefix(prefix): data[key] for key in data if key.startswith(prefix)}


def ballot_rows(voting_round: Round, values: dict[str, str]) -> list[dict]:
    """One row of the ballot form per item on the ballot, with its value."""
    return [
        {
            "item": item,
            "reference": item.recommendation.reference,
            "value": values.get(item.recommendation.reference, ""),
        }
        for item in ballot_items(voting_round)
    ]
