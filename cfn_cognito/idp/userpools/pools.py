"""User pools: CreateUserPool, DescribeUserPool, ListUserPools, UpdateUserPool,
DeleteUserPool, AddCustomAttributes."""

from __future__ import annotations

import copy

from cfn_cognito.context import Context
from cfn_cognito.idp import ids, pagination
from cfn_cognito.idp.userpools import schema
from cfn_cognito.idp.errors import (
    InvalidParameterException,
    ResourceNotFoundException,
)

DEFAULT_PASSWORD_POLICY = {
    "MinimumLength": 8,
    "RequireUppercase": True,
    "RequireLowercase": True,
    "RequireNumbers": True,
    "RequireSymbols": True,
    "TemporaryPasswordValidityDays": 7,
}

# UpdateUserPool resets every setting the request leaves out to its default, as AWS does;
# these are kept: identity, dates, what can only be chosen at creation, and tags.
KEPT_ON_UPDATE = ("Id", "Name", "Arn", "CreationDate", "SchemaAttributes", "AliasAttributes",
             "UsernameAttributes", "UsernameConfiguration", "UserPoolTags")

# (top-level member, member of VerificationMessageTemplate): AWS keeps both in step.
_MIRRORED_MESSAGES = (
    ("SmsVerificationMessage", "SmsMessage"),
    ("EmailVerificationMessage", "EmailMessage"),
    ("EmailVerificationSubject", "EmailSubject"),
)


def get_pool(ctx: Context, pool_id: str) -> dict:
    """The stored pool, or ResourceNotFoundException as AWS words it."""
    pool = ctx.store.pools.get("", pool_id)
    if pool is None:
        raise _no_pool(pool_id)
    return pool


def check_pool(ctx: Context, pool_id: str) -> None:
    """ResourceNotFoundException, as get_pool, unless the pool exists (without reading it)."""
    if not ctx.store.pools.exists("", pool_id):
        raise _no_pool(pool_id)


def _no_pool(pool_id: str) -> ResourceNotFoundException:
    return ResourceNotFoundException(f"User pool {pool_id} does not exist.")


# A PasswordPolicy without MinimumLength is read as 0, which the model's minimum refuses
# (measured on AWS, as floci's CognitoServiceTest records).
NO_MINIMUM_LENGTH = ("1 validation error detected: Value '0' at "
                     "'policies.passwordPolicy.minimumLength' failed to satisfy constraint: "
                     "Member must have value greater than or equal to 6")


def _password_policy(given: dict | None) -> dict:
    if given is None:
        return dict(DEFAULT_PASSWORD_POLICY)
    if given.get("MinimumLength") is None:
        raise InvalidParameterException(NO_MINIMUM_LENGTH)
    policy = {
        "MinimumLength": given["MinimumLength"],
        "RequireUppercase": given.get("RequireUppercase", False),
        "RequireLowercase": given.get("RequireLowercase", False),
        "RequireNumbers": given.get("RequireNumbers", False),
        "RequireSymbols": given.get("RequireSymbols", False),
    }
    if given.get("PasswordHistorySize"):
        policy["PasswordHistorySize"] = given["PasswordHistorySize"]
    policy["TemporaryPasswordValidityDays"] = given.get("TemporaryPasswordValidityDays", 7)
    return policy


def _policies(given: dict | None) -> dict:
    given = given or {}
    policies = {"PasswordPolicy": _password_policy(given.get("PasswordPolicy"))}
    policies["SignInPolicy"] = copy.deepcopy(
        given.get("SignInPolicy") or {"AllowedFirstAuthFactors": ["PASSWORD"]})
    return policies


def _lambda_config(given: dict | None) -> dict:
    config = copy.deepcopy(given or {})
    # PreTokenGeneration and PreTokenGenerationConfig name the same function; AWS fills in
    # whichever the request left out.
    ptg_config = config.get("PreTokenGenerationConfig")
    if ptg_config and ptg_config.get("LambdaArn"):
        config["PreTokenGeneration"] = ptg_config["LambdaArn"]
    elif config.get("PreTokenGeneration"):
        config["PreTokenGenerationConfig"] = {
            "LambdaVersion": "V1_0", "LambdaArn": config["PreTokenGeneration"]}
    return config


def _messages(req: dict, pool: dict) -> None:
    template = dict(req.get("VerificationMessageTemplate") or {})
    for top, inner in _MIRRORED_MESSAGES:
        if req.get(top) and not template.get(inner):
            template[inner] = req[top]
    for top, inner in _MIRRORED_MESSAGES:
        if template.get(inner):
            pool[top] = template[inner]
    template.setdefault("DefaultEmailOption", "CONFIRM_WITH_CODE")
    pool["VerificationMessageTemplate"] = template


def _admin_create_user_config(given: dict | None, policy: dict) -> dict:
    config = {"AllowAdminCreateUserOnly": False,
              "UnusedAccountValidityDays": policy["TemporaryPasswordValidityDays"]}
    if given:
        config.update(copy.deepcopy(given))
    return config


def _settings(req: dict) -> dict:
    """The configurable part of a pool, from a Create or Update request, defaults filled in."""
    policies = _policies(req.get("Policies"))
    pool = {
        "Policies": policies,
        "DeletionProtection": req.get("DeletionProtection", "INACTIVE"),
        "LambdaConfig": _lambda_config(req.get("LambdaConfig")),
    }
    if req.get("AutoVerifiedAttributes"):
        pool["AutoVerifiedAttributes"] = list(dict.fromkeys(req["AutoVerifiedAttributes"]))
    _messages(req, pool)
    if req.get("SmsAuthenticationMessage"):
        pool["SmsAuthenticationMessage"] = req["SmsAuthenticationMessage"]
    pool["UserAttributeUpdateSettings"] = copy.deepcopy(
        req.get("UserAttributeUpdateSettings") or {"AttributesRequireVerificationBeforeUpdate": []})
    pool["MfaConfiguration"] = req.get("MfaConfiguration", "OFF")
    if req.get("DeviceConfiguration"):
        pool["DeviceConfiguration"] = copy.deepcopy(req["DeviceConfiguration"])
    email = {"EmailSendingAccount": "COGNITO_DEFAULT"}
    email.update(copy.deepcopy(req.get("EmailConfiguration") or {}))
    pool["EmailConfiguration"] = email
    if req.get("SmsConfiguration"):
        pool["SmsConfiguration"] = copy.deepcopy(req["SmsConfiguration"])
    pool["AdminCreateUserConfig"] = _admin_create_user_config(
        req.get("AdminCreateUserConfig"), policies["PasswordPolicy"])
    if req.get("UserPoolAddOns"):
        pool["UserPoolAddOns"] = copy.deepcopy(req["UserPoolAddOns"])
    if req.get("AccountRecoverySetting"):
        pool["AccountRecoverySetting"] = copy.deepcopy(req["AccountRecoverySetting"])
    pool["UserPoolTier"] = req.get("UserPoolTier", "ESSENTIALS")
    return pool


def _check_sign_in_attributes(req: dict) -> None:
    if req.get("AliasAttributes") and req.get("UsernameAttributes"):
        raise InvalidParameterException(
            "Only one of the aliasAttributes or usernameAttributes can be set in a User Pool.")
    for member in ("AliasAttributes", "UsernameAttributes"):
        values = req.get(member) or []
        if len(set(values)) != len(values):
            raise InvalidParameterException(f"Duplicate values in {member}.")


# CreateUserPool can only turn on SMS MFA (other factors need SetUserPoolMfaConfig).
NO_SMS_FOR_MFA = ("SMS configuration and Auto verification for phone_number are required when "
                  "MFA is required/optional")


def create_user_pool(ctx: Context, req: dict) -> dict:
    _check_sign_in_attributes(req)
    if req.get("MfaConfiguration", "OFF") != "OFF" and not req.get("SmsConfiguration"):
        raise InvalidParameterException(NO_SMS_FOR_MFA)
    settings = ctx.settings
    now = ctx.now()
    pool_id = ids.pool_id(ctx.rng, settings.region)
    pool = {"Id": pool_id, "Name": req["PoolName"]}
    pool.update(_settings(req))
    pool["SchemaAttributes"] = schema.build_schema(req.get("Schema"))
    for member in ("AliasAttributes", "UsernameAttributes"):
        if req.get(member):
            pool[member] = list(req[member])
    if req.get("UsernameConfiguration"):
        pool["UsernameConfiguration"] = dict(req["UsernameConfiguration"])
    pool["UserPoolTags"] = dict(req.get("UserPoolTags") or {})
    pool["Arn"] = ids.pool_arn(settings.region, settings.account_id, pool_id)
    pool["CreationDate"] = pool["LastModifiedDate"] = now
    ctx.store.pools.insert("", pool_id, pool)
    return {"UserPool": _describe(ctx, pool)}


def _describe(ctx: Context, pool: dict) -> dict:
    """The pool as DescribeUserPool returns it: stored settings plus live figures."""
    out = dict(pool)
    out["EstimatedNumberOfUsers"] = ctx.store.users.count(pool["Id"])
    domains = ctx.store.domains.all(pool["Id"])
    for domain in domains:
        if domain.get("CustomDomainConfig", {}).get("CertificateArn"):
            out["CustomDomain"] = domain["Domain"]
        else:
            out["Domain"] = domain["Domain"]
    return out


def describe_user_pool(ctx: Context, req: dict) -> dict:
    return {"UserPool": _describe(ctx, get_pool(ctx, req["UserPoolId"]))}


def list_user_pools(ctx: Context, req: dict) -> dict:
    after = pagination.decode(req.get("NextToken"))
    pools, next_after = ctx.store.pools.page("", after, req["MaxResults"])
    result = {"UserPools": [
        {key: p[key] for key in ("Id", "Name", "LambdaConfig", "LastModifiedDate", "CreationDate")}
        for p in pools
    ]}
    if next_after is not None:
        result["NextToken"] = pagination.encode(next_after)
    return result


def update_user_pool(ctx: Context, req: dict) -> dict:
    with ctx.store.write():
        pool = get_pool(ctx, req["UserPoolId"])
        updated = {key: pool[key] for key in KEPT_ON_UPDATE if key in pool}
        updated.update(_settings(req))
        if req.get("PoolName"):
            updated["Name"] = req["PoolName"]
        if "UserPoolTags" in req:
            updated["UserPoolTags"] = dict(req["UserPoolTags"] or {})
        updated["LastModifiedDate"] = ctx.now()
        ctx.store.pools.replace("", pool["Id"], _ordered_like(updated, pool))
    return {}


def _ordered_like(doc: dict, template: dict) -> dict:
    """doc with its keys in template's order first (so Describe output keeps a stable order)."""
    out = {k: doc[k] for k in template if k in doc}
    out.update({k: v for k, v in doc.items() if k not in out})
    return out


def delete_user_pool(ctx: Context, req: dict) -> dict:
    with ctx.store.write():
        pool = get_pool(ctx, req["UserPoolId"])
        if pool.get("DeletionProtection") == "ACTIVE":
            raise InvalidParameterException(
                "The user pool cannot be deleted because deletion protection is activated. "
                "Deletion protection must be inactivated first.")
        if ctx.store.domains.count(pool["Id"]):
            raise InvalidParameterException(
                "User pool cannot be deleted. It has a domain configured that should be "
                "deleted first.")
        ctx.store.delete_pool(pool["Id"])
    return {}


def add_custom_attributes(ctx: Context, req: dict) -> dict:
    with ctx.store.write():
        pool = get_pool(ctx, req["UserPoolId"])
        pool["SchemaAttributes"] = schema.add_custom(pool["SchemaAttributes"],
                                                     req["CustomAttributes"])
        pool["LastModifiedDate"] = ctx.now()
        ctx.store.pools.replace("", pool["Id"], pool)
    return {}
