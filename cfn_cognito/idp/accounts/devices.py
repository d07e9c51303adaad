"""Device tracking: the devices a user signs in from, when the pool's DeviceConfiguration
asks for it. ConfirmDevice, GetDevice / AdminGetDevice, ListDevices / AdminListDevices,
UpdateDeviceStatus / AdminUpdateDeviceStatus, ForgetDevice / AdminForgetDevice.

A sign-in that did not authenticate a device gets a new device (NewDeviceMetadata in the
AuthenticationResult, `device_key` in the access token); the client confirms it with its
SRP verifier (ConfirmDevice) and from then on may sign in with DEVICE_SRP_AUTH
(auth/device_srp.py). A remembered device skips MFA when the pool's
ChallengeRequiredOnNewDevice is on.
"""

from __future__ import annotations

import string

from cfn_cognito.context import Context
from cfn_cognito.idp import pagination
from cfn_cognito.idp.auth import srp
from cfn_cognito.idp.accounts import users
from cfn_cognito.idp.accounts.access_token_operations import caller
from cfn_cognito.idp.errors import InvalidParameterException, ResourceNotFoundException
from cfn_cognito.idp.userpools.pools import get_pool
from cfn_cognito.idp.issuer.tokens import new_uuid

REMEMBERED, NOT_REMEMBERED = "remembered", "not_remembered"
NOT_FOUND = "Device does not exist."
_GROUP_CHARS = string.ascii_letters + string.digits


def tracking(pool: dict) -> dict | None:
    """The pool's DeviceConfiguration when it tracks devices, else None."""
    return pool.get("DeviceConfiguration") or None


def new_device(ctx: Context, pool: dict, user) -> dict:
    """A new, unconfirmed device of `user`: its NewDeviceMetadata."""
    key = f"{ctx.settings.region}_{new_uuid(ctx)}"
    group = "-" + "".join(ctx.rng.choice(_GROUP_CHARS) for _ in range(9))
    now = ctx.now()
    ctx.store.devices.add(pool["Id"], user.sub, key, {
        "DeviceKey": key, "DeviceGroupKey": group, "Created": now, "Modified": now,
        "LastAuthenticated": now})
    return {"DeviceKey": key, "DeviceGroupKey": group}


def for_tokens(ctx: Context, pool: dict, user, device: dict | None):
    """(the access token's device_key, NewDeviceMetadata) of a sign-in: the device that
    authenticated, or a new one when the pool tracks devices; (None, None) otherwise."""
    if device is not None:
        return device["DeviceKey"], None
    if not tracking(pool):
        return None, None
    metadata = new_device(ctx, pool, user)
    return metadata["DeviceKey"], metadata


def find(ctx: Context, pool: dict, user, device_key: str) -> dict:
    """The user's device; ResourceNotFoundException if there is none with that key."""
    found = ctx.store.devices.get(pool["Id"], device_key or "")
    if found is None or found[0] != user.sub:
        raise ResourceNotFoundException(NOT_FOUND)
    return found[1]


def skips_mfa(pool: dict, device: dict | None) -> bool:
    """Whether a sign-in that authenticated `device` goes without MFA."""
    config = tracking(pool) or {}
    return bool(device and config.get("ChallengeRequiredOnNewDevice")
                and device.get("Status") == REMEMBERED)


def authenticated(ctx: Context, pool: dict, device: dict) -> None:
    device = {**device, "LastAuthenticated": ctx.now()}
    ctx.store.devices.save(pool["Id"], device["DeviceKey"], device)


def to_device_type(pool: dict, user, device: dict) -> dict:
    owner = f"{user.username}.{pool['Id']}"
    attrs = [("device_status", "valid")]
    if device.get("Name"):
        attrs.append(("device_name", device["Name"]))
    attrs += [("dev:device_arn", f"{pool['Arn'].rsplit(':', 1)[0]}:owner/{owner}/device/"
                                 f"{device['DeviceKey']}" if pool.get("Arn") else ""),
              ("dev:device_owner", owner)]
    if device.get("Status"):
        attrs.append(("dev:device_remembered_status", device["Status"]))
    return {"DeviceKey": device["DeviceKey"],
            "DeviceAttributes": [{"Name": n, "Value": v} for n, v in attrs if v],
            "DeviceCreateDate": device["Created"],
            "DeviceLastModifiedDate": device["Modified"],
            "DeviceLastAuthenticatedDate": device["LastAuthenticated"]}


# -- operations ---------------------------------------------------------------------------

def confirm_device(ctx: Context, req: dict) -> dict:
    c = caller(ctx, req["AccessToken"])
    device = find(ctx, c.pool, c.user, req["DeviceKey"])
    config = req.get("DeviceSecretVerifierConfig")
    if not config:
        raise InvalidParameterException("Missing required parameter DeviceSecretVerifierConfig")
    salt, verifier = srp.device_verifier(config)
    on_prompt = bool((tracking(c.pool) or {}).get("DeviceOnlyRememberedOnUserPrompt"))
    device.update(Salt=salt, Verifier=verifier, Modified=ctx.now(),
                  Status=NOT_REMEMBERED if on_prompt else REMEMBERED)
    if req.get("DeviceName"):
        device["Name"] = req["DeviceName"]
    ctx.store.devices.save(c.pool["Id"], device["DeviceKey"], device)
    return {"UserConfirmationNecessary": on_prompt}


def _update_status(ctx: Context, pool: dict, user, req: dict) -> dict:
    device = find(ctx, pool, user, req["DeviceKey"])
    device.update(Status=req.get("DeviceRememberedStatus") or NOT_REMEMBERED, Modified=ctx.now())
    ctx.store.devices.save(pool["Id"], device["DeviceKey"], device)
    return {}


def _list(ctx: Context, pool: dict, user, req: dict) -> dict:
    after = pagination.decode(req.get("PaginationToken"))
    found, next_after = ctx.store.devices.page(pool["Id"], user.sub, after, req.get("Limit") or 60)
    out = {"Devices": [to_device_type(pool, user, d) for d in found]}
    if next_after is not None:
        out["PaginationToken"] = pagination.encode(next_after)
    return out


def _admin(ctx: Context, req: dict):
    pool = get_pool(ctx, req["UserPoolId"])
    return pool, users.get_user(ctx, pool, req["Username"])


def _own(ctx: Context, req: dict):
    if not req.get("AccessToken"):
        raise InvalidParameterException("Missing required parameter AccessToken")  # [U]
    c = caller(ctx, req["AccessToken"])
    return c.pool, c.user


def get_device(ctx: Context, req: dict) -> dict:
    pool, user = _own(ctx, req)
    return {"Device": to_device_type(pool, user, find(ctx, pool, user, req["DeviceKey"]))}


def admin_get_device(ctx: Context, req: dict) -> dict:
    pool, user = _admin(ctx, req)
    return {"Device": to_device_type(pool, user, find(ctx, pool, user, req["DeviceKey"]))}


def list_devices(ctx: Context, req: dict) -> dict:
    return _list(ctx, *_own(ctx, req), req)


def admin_list_devices(ctx: Context, req: dict) -> dict:
    return _list(ctx, *_admin(ctx, req), req)


def update_device_status(ctx: Context, req: dict) -> dict:
    return _update_status(ctx, *_own(ctx, req), req)


def admin_update_device_status(ctx: Context, req: dict) -> dict:
    return _update_status(ctx, *_admin(ctx, req), req)


def _forget(ctx: Context, pool: dict, user, req: dict) -> dict:
    find(ctx, pool, user, req["DeviceKey"])
    ctx.store.devices.delete(pool["Id"], req["DeviceKey"])
    return {}


def forget_device(ctx: Context, req: dict) -> dict:
    return _forget(ctx, *_own(ctx, req), req)


def admin_forget_device(ctx: Context, req: dict) -> dict:
    return _forget(ctx, *_admin(ctx, req), req)
