"""What every flow and challenge receives: the pool, the client, the parameters, and whether
the call came through the Admin* (IAM-authenticated) entry point."""

from __future__ import annotations

from dataclasses import dataclass, field

from cfn_cognito.context import Context
from cfn_cognito.idp.errors import InvalidParameterException


@dataclass
class AuthRequest:
    ctx: Context
    pool: dict
    client: dict
    params: dict                      # AuthParameters or ChallengeResponses
    admin: bool
    client_metadata: dict = field(default_factory=dict)
    session: str | None = None
    # An InitiateAuth / AdminInitiateAuth: its ClientMetadata reaches only PreAuthentication
    # and UserMigration; a later call's (RespondToAuthChallenge, ...) reaches every trigger.
    initiating: bool = False

    def require(self, name: str) -> str:
        """A parameter the flow cannot do without, as AWS words its absence."""
        value = self.params.get(name)
        if not value:
            raise InvalidParameterException(f"Missing required parameter {name}")
        return value
