"""Who may handle recordings: whoever may add transcripts to the meetings (the page the
recording becomes a meeting through), and administrators."""

import rules

from commonweal.core.roles import is_administrator


@rules.predicate
def may_ingest_transcripts(user) -> bool:
    # Asked of the meetings app's own rule, so the two doors to a meeting stay the same.
    return rules.has_perm("meetings.ingest_transcript", user)


rules.add_perm("audio.transcribe_recording", may_ingest_transcripts | is_administrator)
