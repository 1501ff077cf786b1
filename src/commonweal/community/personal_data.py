from commonweal.community.models import Membership, PersonName
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
