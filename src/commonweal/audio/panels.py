"""What recordings add to pages they do not own: on the "my activity" page of whoever may
transcribe, the recordings waiting for their review and the way to add one."""

from __future__ import annotations

import rules

from commonweal.audio.models import Recording
from commonweal.core.panels import ACTIVITY_SECTIONS, Panel, panel_register


def _recordings_waiting(request, user):
    if not rules.has_perm("audio.transcribe_recording", user):
        return None
    return {
        "review": Recording.objects.filter(status=Recording.Status.REVIEW).count(),
        "running": Recording.objects.filter(
            status__in=[Recording.Status.QUEUED, Recording.Status.RUNNING]
        ).count(),
    }


def panels_register() -> None:
    panel_register(
        slot=ACTIVITY_SECTIONS,
        panel=Panel("audio.recordings", "audio/activity.html", _recordings_waiting, order=5),
    )
