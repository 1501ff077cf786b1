"""What the meetings app tells the apps above it, without importing them.

An app that acts on a meeting's record (the registry turning a confirmed
candidate into a recommendation, say) connects a receiver in its ``ready()``.
Receivers run inside the service's transaction: one that fails undoes the
review as well.
"""

from django.dispatch import Signal

# Sent with ``candidate`` (a Candidate just marked confirmed) and ``by`` (the
# account that confirmed it, or None). A receiver returns what it made of the
# candidate (an object with ``get_absolute_url``, shown to the person as a link),
# or None.
candidate_confirmed = Signal()
