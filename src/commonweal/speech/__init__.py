"""The speech engine: a recording in, a speaker-attributed timed transcript out.

No Django; usable from the command line (``commonweal transcribe``) on plain files.
"""
