"""What every trigger event shares: the envelope, the user's attributes, ClientMetadata.

    {"version": "1", "region": ..., "userPoolId": ..., "userName": ...,
     "callerContext": {"awsSdkVersion": ..., "clientId": ...},
     "triggerSource": ..., "request": {...}, "response": {...}}

in the order captured events show (aws-lambda-go's testdata, reference §6.1). `clientId` is
"CLIENT_ID_NOT_APPLICABLE" for the Admin* operations, which name no app client.
"""

from __future__ import annotations

from cfn_cognito.context import Context
from cfn_cognito.idp.accounts import attributes

NO_CLIENT = "CLIENT_ID_NOT_APPLICABLE"
# What Cognito sends when it cannot tell the caller's SDK; we never can (no HTTP here).
UNKNOWN_SDK = "aws-sdk-unknown-unknown"
_ALIAS_ATTRIBUTE = {"email": "cognito:email_alias", "phone_number": "cognito:phone_number_alias"}


def envelope(ctx: Context, pool: dict, source: str, username: str, client_id: str | None,
             request: dict, response: dict, version: str = "1") -> dict:
    return {
        "version": version,
        "region": ctx.settings.region,
        "userPoolId": pool["Id"],
        "userName": username,
        "callerContext": {"awsSdkVersion": UNKNOWN_SDK, "clientId": client_id or NO_CLIENT},
        "triggerSource": source,
        "request": request,
        "response": response,
    }


def user_attributes(ctx: Context, pool: dict, user) -> dict[str, str]:
    """A stored user's attributes as triggers receive them: every value a string, `sub`
    included, with the pseudo-attributes `cognito:user_status` and, for an email or phone
    number the user can sign in with, `cognito:email_alias` / `cognito:phone_number_alias`;
    in the order AWS lists them. {} for no user (a sign-in for someone unknown)."""
    if user is None:
        return {}
    attrs = [dict(a) for a in user.doc.get("Attributes", [])]
    attrs.append({"Name": "cognito:user_status", "Value": user.status})
    for name in ctx.store.users.aliases_of(pool["Id"], user.sub):
        value = attributes.get(user, name)
        if name in _ALIAS_ATTRIBUTE and value is not None:
            attrs.append({"Name": _ALIAS_ATTRIBUTE[name], "Value": value})
    return {a["Name"]: a["Value"] for a in attributes.aws_order(attrs)}


def with_metadata(request: dict, metadata: dict | None) -> dict:
    """The request with `clientMetadata` added when the caller sent some."""
    if metadata:
        request["clientMetadata"] = dict(metadata)
    return request


def hides_existence(client: dict | None) -> bool:
    """Whether `userNotFound` goes into sign-in events (PreventUserExistenceErrors on)."""
    return bool(client) and client.get("PreventUserExistenceErrors") == "ENABLED"


def answer_metadata(req) -> dict | None:
    """The ClientMetadata that reaches the triggers a sign-in step runs after the user has
    been found (PostAuthentication, PreTokenGeneration, the custom auth challenge triggers):
    a RespondToAuthChallenge's (or GetTokensFromRefreshToken's), never InitiateAuth's, whose
    metadata goes only to PreAuthentication and UserMigration as their validationData."""
    return None if req.initiating else (req.client_metadata or None)


def initiate_metadata(req) -> dict | None:
    """InitiateAuth's ClientMetadata: the validationData of PreAuthentication and
    UserMigration (null when none was sent)."""
    return (req.client_metadata or None) if req.initiating else None


def challenge_request(req, user, **members) -> dict:
    """The request of the custom auth challenge triggers: the user's attributes, `members`,
    the answer's ClientMetadata and, with PreventUserExistenceErrors on, `userNotFound`."""
    request = with_metadata({"userAttributes": user_attributes(req.ctx, req.pool, user),
                             **members}, answer_metadata(req))
    if hides_existence(req.client):
        request["userNotFound"] = user is None
    return request
