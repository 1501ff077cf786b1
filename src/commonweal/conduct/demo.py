"""The demo's conduct keys: the demo ombudsman and custodian each get a key pair (its
private key in ``CONDUCT_KEY_DIR``), so the demo's report form takes reports. No recovery
key: a real installation makes one and keeps it offline (docs/deploy.md)."""

from __future__ import annotations

from commonweal.accounts.models import User
from commonweal.conduct.keys import holders_of, key_create
from commonweal.conduct.models import KeyHolder

DEMO_HOLDERS = (
    ("ombudsman@example.org", KeyHolder.Role.OMBUDSMAN),
    ("custodian@example.org", KeyHolder.Role.CUSTODIAN),
)


def conduct_keys_demo() -> int:
    """Keys for the demo's ombudsman and custodian, whichever has none yet; how many were
    made."""
    made = 0
    for email, role in DEMO_HOLDERS:
        user = User.objects.filter(email=email).first()
        if user is not None and not holders_of(user):
            key_create(role=role, user=user)
            made += 1
    return made
