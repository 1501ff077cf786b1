"""Words the platform itself writes into records."""

# Stored in records, not shown through gettext: pages translate it on display.
FORMER_PARTICIPANT = "Former participant"
