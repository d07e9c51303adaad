"""The pool's SAML certificates: GetSigningCertificate, and the encryption certificate SAML
identity providers show as ActiveEncryptionCertificate.

Each is a self-signed X.509 certificate over its own RSA key, valid for 10 years as AWS's
are, made on first need and kept with the pool. AWS hands them out as base64 DER without
PEM armour (e.g. "MIICvTCC...").
"""

from __future__ import annotations

import base64
import datetime

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID

from cfn_cognito.context import Context
from cfn_cognito.idp.userpools.pools import get_pool

SIGNING = "signing"
ENCRYPTION = "encryption"
VALID_DAYS = 3650


def _make(ctx: Context, pool_id: str, use: str) -> dict:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    now = datetime.datetime.fromtimestamp(ctx.clock(), datetime.timezone.utc)
    name = x509.Name([
        x509.NameAttribute(NameOID.COMMON_NAME, f"{pool_id} SAML {use}"),
        x509.NameAttribute(NameOID.ORGANIZATION_NAME, "cfn-cognito"),
    ])
    cert = (x509.CertificateBuilder()
            .subject_name(name).issuer_name(name)
            .public_key(key.public_key())
            .serial_number(ctx.rng.getrandbits(64) | 1)
            .not_valid_before(now)
            .not_valid_after(now + datetime.timedelta(days=VALID_DAYS))
            .sign(key, hashes.SHA256()))
    pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                            serialization.NoEncryption()).decode("ascii")
    der = cert.public_bytes(serialization.Encoding.DER)
    return {"Certificate": base64.b64encode(der).decode("ascii"), "PrivateKey": pem}


def certificate(ctx: Context, pool_id: str, use: str = SIGNING) -> str:
    """The pool's certificate for `use` (base64 DER), made on first need."""
    table = ctx.store.saml_certificates
    found = table.get(pool_id, use)
    if found is None:
        fresh = _make(ctx, pool_id, use)  # slow: before the write lock
        with ctx.store.write():
            get_pool(ctx, pool_id)
            table.insert(pool_id, use, fresh)  # a racing creator's certificate wins
        found = table.get(pool_id, use)
    return found["Certificate"]


def get_signing_certificate(ctx: Context, req: dict) -> dict:
    pool = get_pool(ctx, req["UserPoolId"])
    return {"Certificate": certificate(ctx, pool["Id"], SIGNING)}
