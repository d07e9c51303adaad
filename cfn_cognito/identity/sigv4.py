"""SigV4: verify a request signed with credentials this service issued (GetCredentialsForIdentity).

    caller = sigv4.verify(ctx, method, raw_path, raw_query, headers, body)

For API Gateway methods with `AuthorizationType: AWS_IAM`. The signature is read from the
`Authorization` header (or `Authentication`, the spelling some clients use) in the form
`AWS4-HMAC-SHA256 Credential=<key>/<date>/<region>/<service>/aws4_request,
SignedHeaders=<names>, Signature=<hex>`. Region and service are taken from the credential
scope as the client signed them (API Gateway's is `execute-api`). Temporary credentials need
their session token (`X-Amz-Security-Token`), as on AWS.

Every refusal is a SignatureRejected with AWS's HTTP status (403), error type and message,
and the API Gateway response type it maps to; unknown keys, bad signatures and expired
credentials are distinct classes.
"""

from __future__ import annotations

import datetime
import hashlib
import hmac
import re
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import quote, unquote

from botocore.utils import normalize_url_path

from cfn_cognito.context import Context
from cfn_cognito.identity.credentials import token_hash
from cfn_cognito.store.identity import CredentialRecord

ALGORITHM = "AWS4-HMAC-SHA256"
# Requests signed further than this from the service's clock are refused, as AWS does.
MAX_SKEW_SECONDS = 300
UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD"
_AMZ_DATE = "%Y%m%dT%H%M%SZ"
_FIELD = re.compile(r"\s*(Credential|SignedHeaders|Signature)\s*=\s*([^,\s]*)\s*")


class SignatureRejected(Exception):
    """A request whose signature does not let it in."""

    status = 403
    error_type = "AccessDeniedException"
    gateway_response = "ACCESS_DENIED"

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class MissingAuthenticationToken(SignatureRejected):
    error_type = "MissingAuthenticationTokenException"
    gateway_response = "MISSING_AUTHENTICATION_TOKEN"


class IncompleteSignature(SignatureRejected):
    error_type = "IncompleteSignatureException"
    gateway_response = "INVALID_SIGNATURE"


class UnknownAccessKey(SignatureRejected):
    """A key id (or session token) this service never issued, or whose identity is gone."""

    error_type = "UnrecognizedClientException"
    gateway_response = "INVALID_SIGNATURE"


class SignatureMismatch(SignatureRejected):
    """The signature is not the request's under the key's secret (tampered, wrong secret),
    or the request was signed too long ago."""

    error_type = "InvalidSignatureException"
    gateway_response = "INVALID_SIGNATURE"


class ExpiredCredentials(SignatureRejected):
    error_type = "ExpiredTokenException"
    gateway_response = "EXPIRED_TOKEN"


INVALID_TOKEN = "The security token included in the request is invalid."
EXPIRED_TOKEN = "The security token included in the request is expired"
MISMATCH = ("The request signature we calculated does not match the signature you provided. "
            "Check your AWS Secret Access Key and signing method. Consult the service "
            "documentation for details.")


@dataclass(frozen=True)
class Caller:
    """Who signed the request: the identity behind the credentials."""

    access_key: str
    identity_id: str
    identity_pool_id: str
    authenticated: bool
    role_arn: str
    account_id: str
    authentication_provider: str    # '' when unauthenticated

    @property
    def authentication_type(self) -> str:
        return "authenticated" if self.authenticated else "unauthenticated"

    @property
    def role_session(self) -> str:
        return "CognitoIdentityCredentials"

    @property
    def user_arn(self) -> str:
        role_name = self.role_arn.rsplit("/", 1)[-1]
        return f"arn:aws:sts::{self.account_id}:assumed-role/{role_name}/{self.role_session}"

    @property
    def principal_id(self) -> str:
        """`<role id>:<session>`, the role id as IAM forms them (AROA + 17), stable per role."""
        digest = hashlib.sha256(self.role_arn.encode("utf-8")).hexdigest().upper()
        return f"AROA{digest[:17]}:{self.role_session}"

    def request_context_identity(self) -> dict:
        """The members of API Gateway's `requestContext.identity` this caller fills."""
        return {
            "cognitoIdentityPoolId": self.identity_pool_id,
            "accountId": self.account_id,
            "cognitoIdentityId": self.identity_id,
            "caller": self.principal_id,
            "accessKey": self.access_key,
            "cognitoAuthenticationType": self.authentication_type,
            "cognitoAuthenticationProvider": self.authentication_provider or None,
            "userArn": self.user_arn,
            "user": self.principal_id,
        }


@dataclass(frozen=True)
class _Authorization:
    access_key: str
    scope: str          # <date>/<region>/<service>/aws4_request
    signed_headers: list[str]
    signature: str


def verify(ctx: Context, method: str, path: str, query, headers: Mapping, body: bytes) -> Caller:
    """The Caller of a request signed with credentials of this service, else SignatureRejected.

    `path` is the request path as sent (percent-encoded, without the query); `query` the
    query string as sent (without `?`), or a mapping / list of (name, value) pairs; `headers`
    any mapping of header names (any case) to values; `body` the raw body.
    """
    lowered = _lower_headers(headers)
    auth = _authorization(lowered)
    record = ctx.store.identity.credentials(auth.access_key)
    token = lowered.get("x-amz-security-token")
    if record is None or token is None or \
            not hmac.compare_digest(token_hash(token), record.session_token_hash):
        raise UnknownAccessKey(INVALID_TOKEN)
    now = ctx.now()
    if now >= record.expires:
        raise ExpiredCredentials(EXPIRED_TOKEN)
    amz_date = lowered.get("x-amz-date") or ""
    _check_date(amz_date, auth.scope, now)
    if not any(hmac.compare_digest(auth.signature, signature)
               for signature in _signatures(record, auth, method, path, query, lowered, body,
                                            amz_date)):
        raise SignatureMismatch(MISMATCH)
    return Caller(access_key=record.access_key_id, identity_id=record.identity_id,
                  identity_pool_id=record.pool_id, authenticated=record.authenticated,
                  role_arn=record.role_arn, account_id=ctx.settings.account_id,
                  authentication_provider=record.provider)


def _lower_headers(headers: Mapping) -> dict[str, str]:
    """Header names lower-cased; repeated headers joined with ',' as SigV4 joins them."""
    out: dict[str, list[str]] = {}
    for name, value in headers.items():
        out.setdefault(name.strip().lower(), []).append(str(value))
    return {name: ",".join(values) for name, values in out.items()}


def _authorization(headers: dict[str, str]) -> _Authorization:
    header = headers.get("authorization") or headers.get("authentication")
    if not header:
        raise MissingAuthenticationToken("Missing Authentication Token")
    algorithm, _, rest = header.strip().partition(" ")
    fields = {}
    if algorithm == ALGORITHM:
        fields = dict(m.groups() for part in rest.split(",") if (m := _FIELD.fullmatch(part)))
    missing = [name for name in ("Credential", "Signature", "SignedHeaders")
               if not fields.get(name)]
    if missing:
        raise IncompleteSignature(" ".join(
            f"Authorization header requires '{name}' parameter." for name in missing)
            + f" Authorization={header}")
    access_key, _, scope = fields["Credential"].partition("/")
    if len(scope.split("/")) != 4 or not scope.endswith("/aws4_request"):
        raise IncompleteSignature(
            f"Credential should be scoped to a valid region. Credential={fields['Credential']}")
    signed = fields["SignedHeaders"].lower().split(";")
    if "host" not in signed:
        raise SignatureMismatch("'Host' or ':authority' must be a 'SignedHeader' in the AWS "
                                "Authorization.")
    return _Authorization(access_key, scope, signed, fields["Signature"].lower())


def _check_date(amz_date: str, scope: str, now: float) -> None:
    try:
        signed_at = datetime.datetime.strptime(amz_date, _AMZ_DATE).replace(
            tzinfo=datetime.timezone.utc).timestamp()
    except ValueError:
        raise IncompleteSignature(
            "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' "
            "header.") from None
    if amz_date[:8] != scope.split("/", 1)[0]:
        raise SignatureMismatch(
            f"Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date "
            f"from HTTP: '{scope.split('/', 1)[0]}' != '{amz_date[:8]}', from '{amz_date}'.")
    if signed_at < now - MAX_SKEW_SECONDS:
        raise SignatureMismatch(
            f"Signature expired: {amz_date} is now earlier than {_stamp(now - MAX_SKEW_SECONDS)} "
            f"({_stamp(now)} - 5 min.)")
    if signed_at > now + MAX_SKEW_SECONDS:
        raise SignatureMismatch(
            f"Signature not yet current: {amz_date} is still later than "
            f"{_stamp(now + MAX_SKEW_SECONDS)} ({_stamp(now)} + 5 min.)")


def _stamp(epoch: float) -> str:
    return datetime.datetime.fromtimestamp(epoch, datetime.timezone.utc).strftime(_AMZ_DATE)


def _signatures(record: CredentialRecord, auth: _Authorization, method: str, path: str, query,
                headers: dict[str, str], body: bytes, amz_date: str):
    """The signatures the request may carry: SigV4 encodes the (already encoded) path once
    more for every service but S3, and clients differ in how they encode the query; each
    canonical form the request allows is tried."""
    payload = _payload_hash(headers, body)
    canonical_headers = "".join(f"{name}:{_trim(headers.get(name, ''))}\n"
                                for name in auth.signed_headers)
    signed_headers = ";".join(auth.signed_headers)
    key = _signing_key(record.secret_key, auth.scope)
    normalized = normalize_url_path(path or "/")
    paths = dict.fromkeys([quote(normalized, safe="/~"), normalized])
    for canonical_path in paths:
        for canonical_query in dict.fromkeys(_canonical_queries(query)):
            request = "\n".join([method.upper(), canonical_path, canonical_query,
                                 canonical_headers, signed_headers, payload])
            to_sign = "\n".join([ALGORITHM, amz_date, auth.scope,
                                 hashlib.sha256(request.encode("utf-8")).hexdigest()])
            yield hmac.new(key, to_sign.encode("utf-8"), hashlib.sha256).hexdigest()


def _payload_hash(headers: dict[str, str], body: bytes) -> str:
    actual = hashlib.sha256(body or b"").hexdigest()
    declared = headers.get("x-amz-content-sha256")
    if declared is None or declared == UNSIGNED_PAYLOAD:
        return declared or actual
    # A declared hash is signed; it must also be the body's, or the body was changed.
    if declared.lower() != actual:
        raise SignatureMismatch(
            "The provided 'x-amz-content-sha256' header does not match what was computed.")
    return declared


def _trim(value: str) -> str:
    return " ".join(value.split())


def _canonical_queries(query) -> list[str]:
    """The canonical query string: as the pairs were sent, and re-encoded AWS's way."""
    if isinstance(query, Mapping):
        pairs = [(k, v) for k, values in query.items()
                 for v in (values if isinstance(values, (list, tuple)) else [values])]
        return [_encoded(pairs)]
    if not isinstance(query, str):
        return [_encoded(list(query or []))]
    raw = [part.partition("=") for part in query.split("&") if part]
    as_sent = "&".join(f"{k}={v}" for k, _, v in sorted(raw, key=lambda p: (p[0], p[2])))
    return [as_sent, _encoded([(unquote(k), unquote(v)) for k, _, v in raw])]


def _encoded(pairs: list[tuple[str, str]]) -> str:
    encoded = sorted((quote(str(k), safe="-_.~"), quote(str(v), safe="-_.~")) for k, v in pairs)
    return "&".join(f"{k}={v}" for k, v in encoded)


def _signing_key(secret: str, scope: str) -> bytes:
    key = ("AWS4" + secret).encode("utf-8")
    for part in scope.split("/"):
        key = hmac.new(key, part.encode("utf-8"), hashlib.sha256).digest()
    return key
