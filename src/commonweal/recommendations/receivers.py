"""The registry's answers to what lower apps announce."""

from __future__ import annotations

from commonweal.meetings.models import Candidate
from commonweal.recommendations.services import recommendation_from_candidate


def recommendation_for_confirmed_candidate(sender, *, candidate: Candidate, by=None, **kwargs):
    """A confirmed candidate recommendation enters the registry, quoting its turn; the
    recommendation is returned for the meeting page to link to."""
    if candidate.kind == Candidate.Kind.RECOMMENDATION:
        return recommendation_from_candidate(candidate=candidate, by=by)
    return None
