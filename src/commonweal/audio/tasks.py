from django_tasks import task

from commonweal.audio import services


@task()
def recording_run(recording_id: int) -> None:
    services.recording_run(recording_id=recording_id)
