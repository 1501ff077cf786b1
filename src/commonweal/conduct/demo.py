"""The demo's conduct keys: the demo ombudsman and custodian each get a key pair (its
private key in ``CONDUCT_KEY_DIR``), so the demo's report form takes reports. No recovery
key: a real installation makes one and keeps it offline (docs/deploy.md)."""

from __future__ import annotations

from commonweal.conduct.keys import holders_of, key_create
from commonweal.conduct.models import KeyHolder


def conduct_keys_demo(*, ombudsman, custodian) -> int:
    """Keys for whichever of the two has none yet; how many were made."""
    made = 0
    for user, role in (
        (ombudsman, KeyHolder.Role.OMBUDSMAN),
        (custodian, KeyHolder.Role.CUSTODIAN),
    ):
        if not holders_of(user):
            key_create(role=role, user=user)
            made += 1
    return made
