"""AWS::Cognito::UserPool → CreateUserPool / UpdateUserPool / AddCustomAttributes /
SetUserPoolMfaConfig / DeleteUserPool."""

from __future__ import annotations

from cfn_cognito.cfn.providers import service
from cfn_cognito.cfn.providers.base import Call, Provider, Resource, ResourceFailure
from cfn_cognito.idp.userpools import pools
from cfn_cognito.idp.userpools import schema
from cfn_cognito.idp.issuer import tokens

# Template property -> API member, where CloudFormation names it differently.
_RENAMED = {"UserPoolName": "PoolName"}
# Properties that CloudFormation applies with SetUserPoolMfaConfig rather than the pool calls.
_MFA = ("EnabledMfas", "EmailAuthenticationMessage", "EmailAuthenticationSubject",
        "WebAuthnRelyingPartyID", "WebAuthnUserVerification", "WebAuthnFactorConfiguration")


def _request(props: dict) -> dict:
    return {_RENAMED.get(k, k): v for k, v in props.items() if k not in _MFA}


def _attributes(call: Call, pool_id: str) -> dict:
    return {
        "UserPoolId": pool_id,
        "Arn": f"arn:aws:cognito-idp:{call.region}:{call.account_id}:userpool/{pool_id}",
        "ProviderName": f"cognito-idp.{call.region}.amazonaws.com/{pool_id}",
        # The issuer of this pool's tokens here, so an API authorizer built from it accepts them.
        "ProviderURL": tokens.issuer(call.ctx.settings, pool_id),
    }


def _added_custom_attributes(old: list, new: list) -> list | None:
    """The custom attributes `new` adds to `old`, or None when it changes anything else
    (which only a new pool can do)."""
    old_by_name = {a.get("Name"): a for a in old or []}
    added = []
    for attribute in new or []:
        name = attribute.get("Name")
        if name in old_by_name:
            if old_by_name.pop(name) != attribute:
                return None
        elif name in schema.STANDARD_NAMES:
            return None
        else:
            added.append(attribute)
    return None if old_by_name else added


class UserPool(Provider):
    TYPE = "AWS::Cognito::UserPool"
    # Cognito cannot change these on an existing pool ("Settings you can't change" in its
    # developer guide); CloudFormation replaces the pool.
    REPLACES_ON = frozenset({"AliasAttributes", "UsernameAttributes", "UsernameConfiguration"})
    UNSUPPORTED = frozenset({"IssuerConfiguration", "KeyConfiguration"})

    def unsupported(self, props: dict) -> list[str]:
        refused = super().unsupported(props)
        if service.operation("set_user_pool_mfa_config") is None:
            refused += [name for name in _MFA if name in props]
        return refused

    def replaces(self, old: dict, new: dict) -> bool:
        if super().replaces(old, new):
            return True
        return (old.get("Schema") != new.get("Schema")
                and _added_custom_attributes(old.get("Schema"), new.get("Schema")) is None)

    def create(self, call: Call, props: dict) -> Resource:
        req = service.members(pools.create_user_pool, _request(props))
        if any(name in props for name in _MFA):
            # The MFA mode comes with its factors in SetUserPoolMfaConfig: CreateUserPool
            # alone would refuse ON without an SMS configuration.
            req.pop("MfaConfiguration", None)
        req.setdefault("PoolName", call.physical_name(128))
        pool = service.call(call, pools.create_user_pool, req)["UserPool"]
        try:
            self._mfa(call, pool["Id"], props)
        except ResourceFailure:
            service.call_ignoring_missing(call, pools.delete_user_pool, {"UserPoolId": pool["Id"]})
            raise
        return Resource(pool["Id"], _attributes(call, pool["Id"]))

    def update(self, call: Call, props: dict, current: Resource) -> Resource:
        pool_id = current.physical_id
        added = _added_custom_attributes(current.properties.get("Schema"), props.get("Schema"))
        if added:
            service.call(call, pools.add_custom_attributes,
                         {"UserPoolId": pool_id, "CustomAttributes": added})
        req = service.members(pools.update_user_pool, _request(props))
        req["UserPoolId"] = pool_id
        service.call(call, pools.update_user_pool, req)
        self._mfa(call, pool_id, props)
        return Resource(pool_id, _attributes(call, pool_id))

    def delete(self, call: Call, current: Resource) -> None:
        service.call_ignoring_missing(call, pools.delete_user_pool,
                                      {"UserPoolId": current.physical_id})

    @staticmethod
    def _mfa(call: Call, pool_id: str, props: dict) -> None:
        if not any(name in props for name in _MFA):
            return
        mode = props.get("MfaConfiguration", "OFF")
        # Cognito refuses factors beside OFF, so with MFA off only passkeys are configured.
        enabled = (props.get("EnabledMfas") or []) if mode != "OFF" else []
        req = {"UserPoolId": pool_id, "MfaConfiguration": mode}
        if mode != "OFF":
            req["SoftwareTokenMfaConfiguration"] = {"Enabled": "SOFTWARE_TOKEN_MFA" in enabled}
        if "SMS_MFA" in enabled:
            sms = {k: props[k] for k in ("SmsAuthenticationMessage",) if k in props}
            if "SmsConfiguration" in props:
                sms["SmsConfiguration"] = props["SmsConfiguration"]
            req["SmsMfaConfiguration"] = sms
        if "EMAIL_OTP" in enabled:
            req["EmailMfaConfiguration"] = {
                k: props[p] for k, p in (("Message", "EmailAuthenticationMessage"),
                                         ("Subject", "EmailAuthenticationSubject")) if p in props}
        webauthn = {k: props[p] for k, p in (("RelyingPartyId", "WebAuthnRelyingPartyID"),
                                             ("UserVerification", "WebAuthnUserVerification"))
                    if p in props}
        if webauthn:
            req["WebAuthnConfiguration"] = webauthn
        service.call(call, service.operation("set_user_pool_mfa_config"), req)


PROVIDER = UserPool()
