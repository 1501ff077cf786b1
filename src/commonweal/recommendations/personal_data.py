from commonweal.core import personal_data
from commonweal.recommendations.models import LifecycleEvent, Recommendation

# Recommendations and their lifecycle are the community's public record: they stay,
# and only the link to the account that added or moved them is dropped on erasure.
personal_data.register(
    Recommendation,
    field="created_by",
    subject="account",
    export_fields=("reference", "title", "received_at"),
    erasure=personal_data.blank("created_by"),
)
personal_data.register(
    LifecycleEvent,
    field="by",
    subject="account",
    export_fields=("recommendation", "status", "decision", "at", "note"),
    erasure=personal_data.blank("by"),
)
