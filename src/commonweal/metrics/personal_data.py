from commonweal.core import personal_data
from commonweal.metrics.models import Assessment

# A self-assessment is the group's, not the person's: it stays, without the name of
# whoever filled it in.
personal_data.register(
    Assessment,
    field="by",
    subject="account",
    export_fields=("group", "assessed_on", "note", "created_at"),
    erasure=personal_data.blank("by"),
)
