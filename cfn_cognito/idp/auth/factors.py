"""GetUserAuthFactors and AdminGetUserAuthFactors: a user's MFA settings and the first
factors they can choose in a USER_AUTH sign-in (auth/user_auth.py decides which)."""

from __future__ import annotations

from cfn_cognito.context import Context
from cfn_cognito.idp.accounts import users
from cfn_cognito.idp.accounts.access_token_operations import caller
from cfn_cognito.idp.auth import user_auth
from cfn_cognito.idp.userpools.pools import get_pool

# Challenges of USER_AUTH, by the factor that offers them (PASSWORD offers PASSWORD_SRP too),
# in the order AWS lists factors.
_FACTORS = (user_auth.PASSWORD, user_auth.EMAIL_OTP, user_auth.SMS_OTP, user_auth.WEB_AUTHN)


def _factors(ctx: Context, pool: dict, user) -> dict:
    choices = user_auth.available(ctx, pool, user)
    out = {"Username": user.username}
    out.update({k: user.doc[k] for k in ("PreferredMfaSetting", "UserMFASettingList")
                if user.doc.get(k)})
    out["ConfiguredUserAuthFactors"] = [f for f in _FACTORS if f in choices]
    return out


def get_user_auth_factors(ctx: Context, req: dict) -> dict:
    c = caller(ctx, req["AccessToken"])
    return _factors(ctx, c.pool, c.user)


def admin_get_user_auth_factors(ctx: Context, req: dict) -> dict:
    pool = get_pool(ctx, req["UserPoolId"])
    return _factors(ctx, pool, users.get_user(ctx, pool, req["Username"]))
