from django_tasks import task

from commonweal.meetings import services


@task()
def ingest_job_run(job_id: int) -> None:
    services.ingest_job_run(job_id=job_id)
