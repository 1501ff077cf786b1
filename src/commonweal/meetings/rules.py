import rules

from commonweal.core.roles import is_staff_of_platform

rules.add_perm("meetings.ingest_transcript", is_staff_of_platform)
