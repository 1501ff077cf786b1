from commonweal.community.models import Membership, MembershipRequest, PersonName
from commonweal.core import personal_data

personal_data.register(
    PersonName,
    field="person",
    subject="person",
    export_fields=("name", "language", "script", "kind"),
    erasure=personal_data.DELETE,
)
# Memberships are part of a group's history and its measurements: kept, under
# "former participant".
personal_data.register(
    Membership,
    field="person",
    subject="person",
    export_fields=("group", "role", "title", "start_date", "end_date"),
    erasure=personal_data.KEEP,
)
# A request and its note exist only because the person asked: erased with them. A
# membership it led to is kept, as above.
personal_data.register(
    MembershipRequest,
    field="person",
    subject="person",
    export_fields=("group", "note", "status", "created_at", "decided_at", "decision_note"),
    erasure=personal_data.DELETE,
)
# Deciding is the group's business: the decision stays, under "former participant".
personal_data.register(
    MembershipRequest,
    field="decided_by",
    subject="person",
    export_fields=("group", "status", "decided_at", "decision_note"),
    erasure=personal_data.KEEP,
)
