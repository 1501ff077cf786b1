"""The tool's own signing key: made once, on first use, and published as JWKS."""

from __future__ import annotations

import json

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from django.db import transaction
from jwcrypto.jwk import JWK

from commonweal.learning.lti.models import LtiToolKey


def _public_pem(private_pem: str) -> str:
    private = serialization.load_pem_private_key(private_pem.encode(), password=None)
    return (
        private.public_key()
        .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
        .decode()
    )


@transaction.atomic
def tool_key() -> LtiToolKey:
    """The newest key, made now if there is none (RSA 2048, the size LTI asks for)."""
    key = LtiToolKey.objects.select_for_update().first()
    if key is not None:
        return key
    private = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    pem = private.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode()
    kid = JWK.from_pem(pem.encode()).thumbprint()
    return LtiToolKey.objects.create(private_key=pem, kid=kid)


def tool_public_pem(key: LtiToolKey) -> str:
    return _public_pem(key.private_key)


def tool_jwks() -> dict:
    """The public half of every tool key, for platforms to check the tool's signatures."""
    tool_key()
    keys = []
    for key in LtiToolKey.objects.all():
        jwk = json.loads(JWK.from_pem(tool_public_pem(key).encode()).export_public())
        keys.append({**jwk, "kid": key.kid, "alg": "RS256", "use": "sig"})
    return {"keys": keys}
