"""Encryption at rest for conduct reports (PyNaCl).

Each case has its own random key (a ``SecretBox`` key); every text and file of the case is
stored encrypted with it. The case key itself is stored only *sealed* (``SealedBox``) to
the public keys of those who may read the case (the ombudsman's keys and the recovery key;
the custodian's for a case about the ombudsman), and encrypted once more with a key derived
from the reporter's receipt code, so the receipt alone opens the case for its reporter. The
reporter's identity has a key of its own, sealed to the custodians' keys only.

Private keys never enter the database or the media folder: they are files under
``settings.CONDUCT_KEY_DIR`` (``keys.py``). A database dump or a backup of the media folder
alone holds ciphertext and public keys, nothing a reader can open.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets

import nacl.pwhash
import nacl.secret
import nacl.utils
from django.conf import settings
from nacl.public import PrivateKey, PublicKey, SealedBox

KEY_SIZE = nacl.secret.SecretBox.KEY_SIZE
# Crockford's base32: no I, L, O or U, so a code read aloud or copied by hand survives.
RECEIPT_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
RECEIPT_LENGTH = 25  # 125 bits


def case_key() -> bytes:
    return nacl.utils.random(KEY_SIZE)


def encrypt(key: bytes, plaintext: bytes | str) -> bytes:
    if isinstance(plaintext, str):
        plaintext = plaintext.encode("utf-8")
    return bytes(nacl.secret.SecretBox(key).encrypt(plaintext))


def decrypt(key: bytes, ciphertext: bytes) -> bytes:
    return nacl.secret.SecretBox(key).decrypt(bytes(ciphertext))


def decrypt_text(key: bytes, ciphertext: bytes | None) -> str:
    return decrypt(key, ciphertext).decode("utf-8") if ciphertext else ""


def seal(public_key: bytes, secret: bytes) -> bytes:
    """``secret`` readable only with the private key of ``public_key``."""
    return bytes(SealedBox(PublicKey(bytes(public_key))).encrypt(secret))


def unseal(private_key: bytes, sealed: bytes) -> bytes:
    return SealedBox(PrivateKey(bytes(private_key))).decrypt(bytes(sealed))


def keypair() -> tuple[bytes, bytes]:
    """A new (private, public) X25519 pair."""
    private = PrivateKey.generate()
    return bytes(private), bytes(private.public_key)


# -- the reporter's receipt -----------------------------------------------------------


def receipt_new() -> str:
    """A receipt code: 25 characters (125 bits), shown once, grouped for reading."""
    return receipt_grouped("".join(secrets.choice(RECEIPT_ALPHABET) for _ in range(RECEIPT_LENGTH)))


def receipt_grouped(code: str) -> str:
    """A code in groups of five, as it is shown: "ABCDE-FGHJK-…"."""
    return "-".join(code[i : i + 5] for i in range(0, len(code), 5))


def receipt_normal(text: str) -> str:
    """What the person typed, as the code: case, spaces and dashes do not matter, and the
    letters Crockford reads as digits (O, I, L) are read so."""
    code = "".join(ch for ch in text.upper() if ch.isalnum())
    return code.translate(str.maketrans({"O": "0", "I": "1", "L": "1"}))[:64]


def receipt_lookup(code: str) -> str:
    """The hash a case is found by: a keyed hash, so a dump alone cannot test guesses."""
    key = hashlib.sha256(b"commonweal.conduct.receipt:" + settings.SECRET_KEY.encode()).digest()
    return hmac.new(key, receipt_normal(code).encode(), hashlib.sha256).hexdigest()


def receipt_salt() -> bytes:
    return nacl.utils.random(nacl.pwhash.argon2id.SALTBYTES)


def receipt_key(code: str, salt: bytes) -> bytes:
    """The key the receipt opens: Argon2id of the code, with the case's salt."""
    return nacl.pwhash.argon2id.kdf(
        KEY_SIZE,
        receipt_normal(code).encode(),
        bytes(salt),
        opslimit=nacl.pwhash.argon2id.OPSLIMIT_INTERACTIVE,
        memlimit=nacl.pwhash.argon2id.MEMLIMIT_INTERACTIVE,
    )


def fingerprint(public_key: bytes) -> str:
    """A short name of a public key, for lists and the key files' names."""
    digest = hashlib.sha256(bytes(public_key)).digest()
    return base64.b32encode(digest[:10]).decode().lower()
