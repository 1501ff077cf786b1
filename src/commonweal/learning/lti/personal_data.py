"""A learner's link to a platform identifies them: exported, and gone with them."""

from commonweal.core import personal_data
from commonweal.learning.lti.models import LtiAccount

personal_data.register(
    LtiAccount,
    field="user",
    subject="account",
    export_fields=("platform", "subject", "linked_at"),
    erasure=personal_data.DELETE,
)
