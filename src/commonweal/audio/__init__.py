"""Recordings to transcripts: a session's audio uploaded, transcribed by speaker in the
background, its voices mapped to people, stored as a meeting."""
