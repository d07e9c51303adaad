"""Users' sign-in events (threat protection's user activity): recorded by the sign-in flows,
read with AdminListUserAuthEvents, marked with (Admin)UpdateAuthEventFeedback.

As with AWS, events are kept only in pools whose threat protection is on (UserPoolAddOns
AdvancedSecurityMode AUDIT or ENFORCED). cfn-cognito assesses no risk: every event is
NoRisk. An event of a sign-in that issued tokens has the tokens' `event_id` as its EventId.
AWS gives a user the feedback token of an event only in a risk notification email, which a
NoRisk event never sends; cfn-cognito writes it to the server log instead.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import logging
import secrets

from cfn_cognito.context import Context
from cfn_cognito.idp import pagination
from cfn_cognito.idp.accounts import users
from cfn_cognito.idp.errors import (
    InvalidParameterException,
    NotAuthorizedException,
    ResourceNotFoundException,
    UserPoolAddOnNotEnabledException,
)
from cfn_cognito.idp.userpools.pools import get_pool
from cfn_cognito.idp.issuer.tokens import new_uuid

LOG = logging.getLogger(__name__)

SIGN_IN = "SignIn"
PASS = "Pass"
FAIL = "Fail"
IN_PROGRESS = "InProgress"
_CHALLENGE_RESULT = {PASS: "Success", FAIL: "Failure"}
_ACTIVE_MODES = ("AUDIT", "ENFORCED")


def enabled(pool: dict) -> bool:
    """Whether the pool's threat protection is on (and so keeps user activity)."""
    return (pool.get("UserPoolAddOns") or {}).get("AdvancedSecurityMode") in _ACTIVE_MODES


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _event_id_of(result: dict | None) -> str | None:
    """The event_id claim of the access token in an AuthenticationResult (we just made it)."""
    token = (result or {}).get("AccessToken")
    if not token:
        return None
    try:
        payload = token.split(".")[1]
        claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    except (IndexError, ValueError, binascii.Error):
        return None
    return claims.get("event_id") if isinstance(claims, dict) else None


def record(ctx: Context, pool: dict, user, event_type: str, response: str, *,
           tokens: dict | None = None, challenge: str = "Password") -> None:
    """Keep an event of `user` (EventType SignIn, ...; EventResponse Pass, Fail or
    InProgress) when the pool's threat protection is on. `tokens` is the AuthenticationResult
    the sign-in issued, if any. Never fails the sign-in it records."""
    if not enabled(pool):
        return
    try:
        event = {"EventId": _event_id_of(tokens) or new_uuid(ctx), "EventType": event_type,
                 "CreationDate": ctx.now(), "EventResponse": response,
                 "EventRisk": {"RiskDecision": "NoRisk", "CompromisedCredentialsDetected": False}}
        if response in _CHALLENGE_RESULT:
            event["ChallengeResponses"] = [{"ChallengeName": challenge,
                                            "ChallengeResponse": _CHALLENGE_RESULT[response]}]
        feedback_token = secrets.token_urlsafe(32)
        with ctx.store.write():
            ctx.store.auth_events.add(pool["Id"], user.sub, event, _hash(feedback_token))
        LOG.info("Auth event %s (%s %s) for user %s in %s: feedback token %s", event["EventId"],
                 event_type, response, user.username, pool["Id"], feedback_token)
    except Exception:  # noqa: BLE001 -- a sign-in must not fail for its activity log
        LOG.exception("could not record an auth event for %s", user.username)


def _protected_pool(ctx: Context, pool_id: str) -> dict:
    pool = get_pool(ctx, pool_id)
    if not enabled(pool):
        raise UserPoolAddOnNotEnabledException(  # [U] wording
            "Advanced security features are not enabled for this user pool.")
    return pool


def _position(token: str | None):
    payload = pagination.decode_full(token)
    if payload is None:
        return None
    position = payload["p"]
    if not (isinstance(position, list) and len(position) == 2
            and isinstance(position[0], (int, float)) and isinstance(position[1], str)):
        raise InvalidParameterException("Invalid pagination token.")
    return position[0], position[1]


def admin_list_user_auth_events(ctx: Context, req: dict) -> dict:
    pool = _protected_pool(ctx, req["UserPoolId"])
    user = users.get_user(ctx, pool, req["Username"])
    events, position = ctx.store.auth_events.page(pool["Id"], user.sub,
                                                  _position(req.get("NextToken")),
                                                  req.get("MaxResults") or 60)
    result = {"AuthEvents": events}
    if position is not None:
        result["NextToken"] = pagination.encode(list(position))
    return result


def _feedback(ctx: Context, pool: dict, user, event_id: str, value: str, provider: str,
              token: str | None = None) -> None:
    with ctx.store.write():
        found = ctx.store.auth_events.get(pool["Id"], user.sub, event_id)
        if found is None:
            raise ResourceNotFoundException(f"Auth event {event_id} does not exist.")  # [U]
        event, feedback_hash = found
        if token is not None and not hmac.compare_digest(_hash(token), feedback_hash):
            raise NotAuthorizedException("Invalid feedback token.")  # [U] wording
        event["EventFeedback"] = {"FeedbackValue": value, "Provider": provider,
                                  "FeedbackDate": ctx.now()}
        ctx.store.auth_events.replace(pool["Id"], event)


def admin_update_auth_event_feedback(ctx: Context, req: dict) -> dict:
    pool = _protected_pool(ctx, req["UserPoolId"])
    user = users.get_user(ctx, pool, req["Username"])
    _feedback(ctx, pool, user, req["EventId"], req["FeedbackValue"], "Admin")
    return {}


def update_auth_event_feedback(ctx: Context, req: dict) -> dict:
    pool = _protected_pool(ctx, req["UserPoolId"])
    user = users.get_user(ctx, pool, req["Username"])
    _feedback(ctx, pool, user, req["EventId"], req["FeedbackValue"], "User",
              token=req["FeedbackToken"])
    return {}
