"""Why an operation of the cognito-idp model is refused (UnsupportedOperationException).

The protocol puts the reason in the error message, and scripts/coverage.py puts it in the
README's coverage table. An operation implemented in idp/operations.py is never refused,
whatever this table says.
"""

from __future__ import annotations

_REPLICAS = ("Multi-Region replication has no meaning for one local service: there is one "
             "region and one store.")
_RECOVERY = ("Point-in-time recovery has no local meaning beyond copying the data directory; "
             "it would take a snapshot of the store per pool kept for 35 days and a restore "
             "job.")
_CIMD = ("Client ID metadata documents (CIMD) would take fetching and caching client metadata "
         "from HTTPS URLs at authorization time, and policies over those URLs; not built yet.")
_LIMITS = ("Provisioned API limits (quotas) have no local meaning: a local service does not "
           "throttle, so there is no limit to read or raise.")

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
}

DEFAULT_REASON = "It is not built yet."


def reason(operation: str) -> str:
    """Why `operation` (its AWS name) is refused."""
    return REASONS.get(operation, DEFAULT_REASON)


def message(operation: str) -> str:
    """The UnsupportedOperationException message for `operation`."""
    return f"The operation {operation} is not supported by cfn-cognito. {reason(operation)}"
