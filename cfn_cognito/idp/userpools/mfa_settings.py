"""MFA settings of a pool and of its users: SetUserPoolMfaConfig, GetUserPoolMfaConfig,
SetUserMFAPreference, AdminSetUserMFAPreference, SetUserSettings, AdminSetUserSettings, and
the software token's secret (software_token.py has its operations).

The pool document keeps MfaConfiguration (OFF / ON / OPTIONAL, as DescribeUserPool shows it)
and, for SMS, SmsAuthenticationMessage and SmsConfiguration; the rest of the last
SetUserPoolMfaConfig is kept in the `mfa_configs` documents. Each SetUserPoolMfaConfig
replaces the whole set of methods (a method left out is off), as CloudFormation's
EnabledMfas does. A user's choices live in the user document: UserMFASettingList,
PreferredMfaSetting, the legacy MFAOptions, and the software token secret (never returned).
"""

from __future__ import annotations

import copy

from cfn_cognito.context import Context
from cfn_cognito.idp.accounts import attributes
from cfn_cognito.idp.auth import totp
from cfn_cognito.idp.accounts import users
from cfn_cognito.idp.accounts.access_token_operations import caller
from cfn_cognito.idp.errors import (
    EnableSoftwareTokenMFAException,
    InvalidParameterException,
    SoftwareTokenMFANotFoundException,
)
from cfn_cognito.idp.userpools.pools import get_pool

SMS = "SMS_MFA"
TOTP = "SOFTWARE_TOKEN_MFA"
EMAIL = "EMAIL_OTP"
METHODS = (SMS, TOTP, EMAIL)  # the order UserMFASettingList lists them in

OFF, ON, OPTIONAL = "OFF", "ON", "OPTIONAL"
CONFIG_KEY = ""
_FACTORS = ("SmsMfaConfiguration", "SoftwareTokenMfaConfiguration", "EmailMfaConfiguration")
_POOL_PARTS = (*_FACTORS, "WebAuthnConfiguration")  # passkeys are no MFA factor: allowed with OFF
_PREFERENCES = (("SMSMfaSettings", SMS), ("SoftwareTokenMfaSettings", TOTP),
                ("EmailMfaSettings", EMAIL))
# In the user document: the verified secret, and one associated but not verified yet.
TOKEN = "SoftwareTokenSecret"
PENDING_TOKEN = "SoftwareTokenPendingSecret"

TOKEN_MISMATCH = "Code mismatch and fail enable Software Token MFA"
NOT_VERIFIED = "User has not verified software token mfa"  # associated, not verified yet
# Real answers quoted in aws/aws-sdk-js-v3#4645 and aws-amplify/amplify-js#618.
NO_TOKEN = "User does not have delivery config set to turn on SOFTWARE_TOKEN_MFA"
NO_PHONE = "User does not have a phone_number set to turn on SMS MFA"
# SetUserPoolMfaConfig's refusals, as real answers word them (a Terraform run's error with its
# RequestID; hashicorp/terraform-provider-aws sends no factor beside OFF for this reason).
OFF_WITH_FACTOR = "Invalid MFA configuration given, can't turn off MFA and configure an MFA together."
NO_FACTOR = ("Invalid MFA configuration given, can't disable all MFAs with a required or optional "
             "configuration.")


# -- the pool -----------------------------------------------------------------------------

def mode(pool: dict) -> str:
    return pool.get("MfaConfiguration") or OFF


def _stored(ctx: Context, pool: dict) -> dict | None:
    return ctx.store.mfa_configs.get(pool["Id"], CONFIG_KEY)


def pool_config(ctx: Context, pool: dict) -> dict:
    """The pool's MFA settings as GetUserPoolMfaConfig returns them."""
    stored = _stored(ctx, pool)
    out = {}
    if stored is None:
        # A pool set up by CreateUserPool alone: SMS MFA when it has an SMS configuration.
        if pool.get("SmsConfiguration"):
            stored = {"SmsMfaConfiguration": {}}
        else:
            stored = {}
    if "SmsMfaConfiguration" in stored:
        sms = {k: pool[k] for k in ("SmsAuthenticationMessage", "SmsConfiguration") if pool.get(k)}
        out["SmsMfaConfiguration"] = sms
    for part in _POOL_PARTS[1:]:
        if part in stored:
            out[part] = copy.deepcopy(stored[part])
    out["MfaConfiguration"] = mode(pool)
    return out


def pool_methods(ctx: Context, pool: dict) -> list[str]:
    """The MFA methods the pool offers (whatever its MfaConfiguration)."""
    config = pool_config(ctx, pool)
    methods = []
    if "SmsMfaConfiguration" in config:
        methods.append(SMS)
    if (config.get("SoftwareTokenMfaConfiguration") or {}).get("Enabled"):
        methods.append(TOTP)
    if "EmailMfaConfiguration" in config:
        methods.append(EMAIL)
    return methods


def set_user_pool_mfa_config(ctx: Context, req: dict) -> dict:
    with ctx.store.write():
        pool = get_pool(ctx, req["UserPoolId"])
        stored = {part: copy.deepcopy(req[part]) for part in _POOL_PARTS if part in req}
        sms = stored.get("SmsMfaConfiguration")
        if sms is not None:
            if sms.get("SmsAuthenticationMessage"):
                pool["SmsAuthenticationMessage"] = sms["SmsAuthenticationMessage"]
            if sms.get("SmsConfiguration"):
                pool["SmsConfiguration"] = sms["SmsConfiguration"]
            stored["SmsMfaConfiguration"] = {}
        # An absent MfaConfiguration is OFF, not "leave it": each call replaces the whole
        # setting, and a factor sent beside OFF is refused whatever its value.
        wanted = req.get("MfaConfiguration") or OFF
        if wanted == OFF and any(part in req for part in _FACTORS):
            raise InvalidParameterException(OFF_WITH_FACTOR)
        offered = [m for m, on in ((SMS, sms is not None),
                                   (TOTP, (stored.get("SoftwareTokenMfaConfiguration")
                                           or {}).get("Enabled")),
                                   (EMAIL, "EmailMfaConfiguration" in stored)) if on]
        if wanted != OFF and not offered:
            raise InvalidParameterException(NO_FACTOR)
        pool["MfaConfiguration"] = wanted
        pool["LastModifiedDate"] = ctx.now()
        ctx.store.pools.replace("", pool["Id"], pool)
        if not ctx.store.mfa_configs.replace(pool["Id"], CONFIG_KEY, stored):
            ctx.store.mfa_configs.insert(pool["Id"], CONFIG_KEY, stored)
        return pool_config(ctx, pool)


def get_user_pool_mfa_config(ctx: Context, req: dict) -> dict:
    return pool_config(ctx, get_pool(ctx, req["UserPoolId"]))


# -- a user -------------------------------------------------------------------------------

def user_methods(user) -> list[str]:
    """The methods the user turned on (the legacy MFAOptions counting as SMS)."""
    on = set(user.doc.get("UserMFASettingList") or [])
    if any(o.get("DeliveryMedium") == "SMS" for o in user.doc.get("MFAOptions") or []):
        on.add(SMS)
    return [m for m in METHODS if m in on]


def preferred(user) -> str | None:
    return user.doc.get("PreferredMfaSetting")


def can_use(user, method: str) -> bool:
    """Whether the user has what `method` needs: a phone, an email, a verified token."""
    if method == SMS:
        return bool(attributes.get(user, "phone_number"))
    if method == EMAIL:
        return bool(attributes.get(user, "email"))
    # A new authenticator associated but not verified yet puts the old one out of use
    # (AssociateSoftwareToken's documentation: password alone, or MFA_SETUP where required).
    return bool(user.doc.get(TOKEN)) and not user.doc.get(PENDING_TOKEN)


def _put_choices(doc: dict, enabled: list[str], chosen: str | None) -> None:
    enabled = [m for m in METHODS if m in enabled]
    if enabled:
        doc["UserMFASettingList"] = enabled
    else:
        doc.pop("UserMFASettingList", None)
    if chosen in enabled:
        doc["PreferredMfaSetting"] = chosen
    else:
        doc.pop("PreferredMfaSetting", None)


def _set_preference(ctx: Context, pool: dict, user, req: dict) -> None:
    def change(u):
        enabled = list(u.doc.get("UserMFASettingList") or [])
        chosen = preferred(u)
        for member, method in _PREFERENCES:
            setting = req.get(member)
            if setting is None:
                continue
            on = setting.get("Enabled", setting.get("PreferredMfa", method in enabled))
            if on and method == TOTP and not u.doc.get(TOKEN):
                raise InvalidParameterException(NOT_VERIFIED if u.doc.get(PENDING_TOKEN)
                                                else NO_TOKEN)
            if on and method == SMS and not attributes.get(u, "phone_number"):
                raise InvalidParameterException(NO_PHONE)
            if on and method not in enabled:
                enabled.append(method)
            if not on and method in enabled:
                enabled.remove(method)
            if setting.get("PreferredMfa") and on:
                chosen = method
            elif chosen == method and (not on or setting.get("PreferredMfa") is False):
                chosen = None
        _put_choices(u.doc, enabled, chosen)

    users.modify(ctx, pool, user, change)


def set_user_mfa_preference(ctx: Context, req: dict) -> dict:
    c = caller(ctx, req["AccessToken"])
    _set_preference(ctx, c.pool, c.user, req)
    return {}


def admin_set_user_mfa_preference(ctx: Context, req: dict) -> dict:
    pool = get_pool(ctx, req["UserPoolId"])
    _set_preference(ctx, pool, users.get_user(ctx, pool, req["Username"]), req)
    return {}


def _set_settings(ctx: Context, pool: dict, user, options: list[dict]) -> None:
    for option in options:
        if option.get("DeliveryMedium") != "SMS" or option.get("AttributeName") != "phone_number":
            raise InvalidParameterException(  # aws-amplify/aws-sdk-ios#382
                "Only phone_number attribute is currently supported as a MFA option.")

    def change(u):
        if options:
            u.doc["MFAOptions"] = [dict(o) for o in options]
        else:
            u.doc.pop("MFAOptions", None)

    users.modify(ctx, pool, user, change)


def set_user_settings(ctx: Context, req: dict) -> dict:
    c = caller(ctx, req["AccessToken"])
    _set_settings(ctx, c.pool, c.user, req["MFAOptions"])
    return {}


def admin_set_user_settings(ctx: Context, req: dict) -> dict:
    pool = get_pool(ctx, req["UserPoolId"])
    _set_settings(ctx, pool, users.get_user(ctx, pool, req["Username"]), req["MFAOptions"])
    return {}


# -- software tokens ----------------------------------------------------------------------

def associate_token(ctx: Context, pool: dict, user) -> str:
    """A new secret for the user's authenticator, in use once verified."""
    secret = totp.new_secret(ctx.rng)
    users.modify(ctx, pool, user, lambda u: u.doc.__setitem__(PENDING_TOKEN, secret))
    return secret


def verify_token(ctx: Context, pool: dict, user, code: str, *, enable: bool):
    """Make the associated secret the user's once `code` proves the authenticator has it;
    with `enable` (MFA_SETUP), also turn SOFTWARE_TOKEN_MFA on and prefer it."""
    pending = user.doc.get(PENDING_TOKEN)
    if not pending:
        raise SoftwareTokenMFANotFoundException("Software token TOTP not found.")  # [U] wording
    if not totp.matches(pending, code, ctx.clock()):
        raise EnableSoftwareTokenMFAException(TOKEN_MISMATCH)

    def change(u):
        if u.doc.get(PENDING_TOKEN) != pending:
            raise EnableSoftwareTokenMFAException(TOKEN_MISMATCH)
        u.doc[TOKEN] = u.doc.pop(PENDING_TOKEN)
        if enable:
            _put_choices(u.doc, list(u.doc.get("UserMFASettingList") or []) + [TOTP], TOTP)

    return users.modify(ctx, pool, user, change)


def admin_delete_software_token(ctx: Context, req: dict) -> dict:
    """Forget the user's authenticator (a lost phone): TOTP MFA is off until they set up a new
    one."""
    pool = get_pool(ctx, req["UserPoolId"])

    def change(u):
        u.doc.pop(TOKEN, None)
        u.doc.pop(PENDING_TOKEN, None)
        enabled = [m for m in u.doc.get("UserMFASettingList") or [] if m != TOTP]
        _put_choices(u.doc, enabled, preferred(u))

    users.modify(ctx, pool, users.get_user(ctx, pool, req["Username"]), change)
    return {}
