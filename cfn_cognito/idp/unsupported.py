"""Why an operation of the cognito-idp model is refused (UnsupportedOperationException).

The protocol puts the reason in the error message, and scripts/coverage.py puts it in the
README's coverage table. An operation implemented in idp/operations.py is never refused,
whatever this table says.
"""

from __future__ import annotations

_REPLICAS = "Multi-Region replication has no meaning for one local service."
_RECOVERY = "Point-in-time recovery of a user pool is not emulated."
_CIMD = ("Client ID metadata documents (CIMD) would fetch client metadata from HTTPS URLs; "
         "not built yet.")
_LIMITS = "Provisioned API limits (quotas) are not emulated: a local service has no throttling."
_M2M = ("Token issuing outside InitiateAuth and /oauth2/token (GetClientToken, token "
        "exchange) is not built yet.")

REASONS = {
    # AWS infrastructure
    "CreateUserPoolReplica": _REPLICAS,
    "DeleteUserPoolReplica": _REPLICAS,
    "ListUserPoolReplicas": _REPLICAS,
    "UpdateUserPoolReplica": _REPLICAS,
    "CancelPointInTimeRecovery": _RECOVERY,
    "DescribePointInTimeRecovery": _RECOVERY,
    "InitiatePointInTimeRecovery": _RECOVERY,
    "ListPointInTimeRecoveries": _RECOVERY,
    "StartPointInTimeRecovery": _RECOVERY,
    "CreateCIMDPolicy": _CIMD,
    "DeleteCIMDPolicy": _CIMD,
    "DescribeCIMDPolicy": _CIMD,
    "ListCIMDPolicies": _CIMD,
    "ListClientMetadataURLs": _CIMD,
    "UpdateCIMDPolicy": _CIMD,
    "UpdateClientMetadataURLState": _CIMD,
    "GetProvisionedLimit": _LIMITS,
    "UpdateProvisionedLimit": _LIMITS,
    "GetClientToken": _M2M,
    "GetDerivedToken": _M2M,
}

DEFAULT_REASON = "It is not built yet."


def reason(operation: str) -> str:
    """Why `operation` (its AWS name) is refused."""
    return REASONS.get(operation, DEFAULT_REASON)


def message(operation: str) -> str:
    """The UnsupportedOperationException message for `operation`."""
    return f"The operation {operation} is not supported by cfn-cognito. {reason(operation)}"
