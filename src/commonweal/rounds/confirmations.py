"""What the round pages ask before an action that cannot be undone, in words that name
its effect. Each confirmation is a page whose form posts the same action again with
``confirm=yes``, so it works without JavaScript."""

from __future__ import annotations

from django import forms
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from commonweal.core.confirmations import Confirmation
from commonweal.rounds.models import Ballot, Round
from commonweal.rounds.voting import RECEIPT_SHOWN


def _when(moment) -> str:
    return formats.date_format(timezone.localtime(moment), "DATETIME_FORMAT")


def close_confirmation(voting_round: Round, form: forms.Form, ballots: int) -> Confirmation:
    """Close voting and count: who can no longer vote, what is counted and published."""
    if voting_round.is_open():
        ending = _(
            "Voting ends now for everyone, before the date the rules set (%(closes)s): "
            "nobody can vote, change or withdraw a ballot after this."
        ) % {"closes": _when(voting_round.closes_at)}
    else:
        ending = _("Voting closed on %(closes)s; nobody can vote any more.") % {
            "closes": _when(voting_round.closes_at)
        }
    counted = ngettext(
        "The %(count)d ballot cast is counted with the rule “%(rule)s” and the priority "
        "list is published at once, with the anonymised ballots.",
        "The %(count)d ballots cast are counted with the rule “%(rule)s” and the priority "
        "list is published at once, with the anonymised ballots.",
        ballots,
    ) % {"count": ballots, "rule": voting_round.get_rule_display()}
    return Confirmation(
        title=_("Close voting and count “%(round)s”?") % {"round": voting_round.title},
        effects=(ending, counted, _("This cannot be undone.")),
        action=reverse("rounds:close", kwargs={"pk": voting_round.pk}),
        confirm_label=_("Close voting and count"),
        cancel_url=voting_round.get_absolute_url(),
        cancel_label=_("Cancel and go back to the round"),
        form=form,
    )


def withdraw_confirmation(voting_round: Round, ballot: Ballot, here: str) -> Confirmation:
    """Withdraw a vote: the ballot goes, its receipt becomes void."""
    return Confirmation(
        title=_("Withdraw your vote in “%(round)s”?") % {"round": voting_round.title},
        effects=(
            _(
                "Your ballot is removed and will not be counted; its receipt "
                "%(receipt)s… becomes void."
            )
            % {"receipt": ballot.receipt[:RECEIPT_SHOWN]},
            _("Until voting closes (%(closes)s) you may vote again.")
            % {"closes": _when(voting_round.closes_at)},
        ),
        action=here,
        confirm_label=_("Withdraw my vote"),
        cancel_url=here,
        cancel_label=_("Keep my vote"),
        hidden=(("action", "withdraw"),),
    )
