"""The table of auth flows, shared by InitiateAuth and AdminInitiateAuth."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from cfn_cognito.idp.auth import custom_auth, user_auth, user_password, user_srp
from cfn_cognito.idp.auth import refresh_flow


@dataclass(frozen=True)
class Flow:
    start: Callable            # (AuthRequest) -> response dict
    client_setting: str        # the ExplicitAuthFlows value that allows it
    public: bool = True        # accepted by InitiateAuth
    admin: bool = True         # accepted by AdminInitiateAuth


FLOWS = {
    "USER_PASSWORD_AUTH": Flow(user_password.sign_in, "ALLOW_USER_PASSWORD_AUTH", admin=False),
    "ADMIN_USER_PASSWORD_AUTH": Flow(user_password.sign_in, "ALLOW_ADMIN_USER_PASSWORD_AUTH",
                                     public=False),
    "ADMIN_NO_SRP_AUTH": Flow(user_password.sign_in, "ALLOW_ADMIN_USER_PASSWORD_AUTH",
                              public=False),
    "USER_SRP_AUTH": Flow(user_srp.start, "ALLOW_USER_SRP_AUTH"),
    "REFRESH_TOKEN_AUTH": Flow(refresh_flow.sign_in, "ALLOW_REFRESH_TOKEN_AUTH"),
    "REFRESH_TOKEN": Flow(refresh_flow.sign_in, "ALLOW_REFRESH_TOKEN_AUTH"),
    "CUSTOM_AUTH": Flow(custom_auth.start, "ALLOW_CUSTOM_AUTH"),
    "USER_AUTH": Flow(user_auth.start, "ALLOW_USER_AUTH"),
}
