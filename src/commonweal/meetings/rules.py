import rules

from commonweal.core.roles import is_staff_of_platform


@rules.predicate
def added_the_job(user, job) -> bool:
    return job is not None and job.created_by_id == user.pk


rules.add_perm("meetings.ingest_transcript", is_staff_of_platform)
rules.add_perm("meetings.view_ingest_job", added_the_job | is_staff_of_platform)
rules.add_perm("meetings.review_candidate", is_staff_of_platform)
rules.add_perm("meetings.edit_topic", is_staff_of_platform)
