"""The audio file goes with its recording's row, however the row is deleted (the admin,
a cascade)."""

from django.db.models.signals import post_delete

from commonweal.audio.models import Recording
from commonweal.audio.services import recording_audio_delete


def _audio_delete(sender, instance: Recording, **kwargs) -> None:
    recording_audio_delete(recording=instance)


def receivers_connect() -> None:
    post_delete.connect(_audio_delete, sender=Recording, dispatch_uid="audio.recording_deleted")
