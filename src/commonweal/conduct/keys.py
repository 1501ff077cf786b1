"""The key holders' private keys: files under ``settings.CONDUCT_KEY_DIR``, never rows.

The folder is created readable by the server's user alone (0700), each key file 0600, named
by the key's fingerprint. Back the folder up apart from the database and the media folder:
with the database alone nothing opens; with the folder alone there is nothing to open.
The recovery key's private half is never written here: ``key_create(recovery=True)``
returns it once, to be printed and kept offline (docs/deploy.md).
"""

from __future__ import annotations

import os
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from commonweal.conduct import crypto
from commonweal.conduct.models import KeyHolder


class KeyMissing(Exception):
    """The private key of a key holder is not on this server."""


def key_dir() -> Path:
    folder = Path(settings.CONDUCT_KEY_DIR)
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    return folder


def key_path(holder: KeyHolder) -> Path:
    return key_dir() / f"{holder.fingerprint}.key"


@transaction.atomic
def key_create(*, role: str, user=None) -> tuple[KeyHolder, bytes | None]:
    """A new key pair for ``user`` in ``role``; the private key goes to its file, or, for
    the recovery key, is returned once (and written nowhere)."""
    private, public = crypto.keypair()
    holder = KeyHolder.objects.create(
        user=user, role=role, public_key=public, fingerprint=crypto.fingerprint(public)
    )
    if role == KeyHolder.Role.RECOVERY:
        return holder, private
    path = key_path(holder)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(private)
    return holder, None


def private_key(holder: KeyHolder) -> bytes:
    path = key_path(holder)
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise KeyMissing(holder.fingerprint) from None


def key_retire(holder: KeyHolder) -> None:
    holder.retired_at = timezone.now()
    holder.save(update_fields=["retired_at"])


def holders_current(role: str) -> list[KeyHolder]:
    return list(KeyHolder.objects.filter(role=role, retired_at__isnull=True))


def holders_of(user) -> list[KeyHolder]:
    return list(KeyHolder.objects.filter(user=user, retired_at__isnull=True))
