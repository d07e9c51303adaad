"""CustomEmailSender / CustomSMSSender: refused when a message would go to one.

AWS hands these functions the code encrypted with the pool's KMS key (`KMSKeyID`), to be
decrypted with the AWS Encryption SDK and KMS. There is no KMS here, so no function could
read what it is sent. A pool may still name one (it is stored and described as AWS does),
but an operation that would send a code by that medium is refused with the reason, after
whatever it had stored, as a failing trigger would be.
"""

from __future__ import annotations

from cfn_cognito.errors import UnsupportedOperationException

SENDER_OF_MEDIUM = {"EMAIL": "CustomEmailSender", "SMS": "CustomSMSSender"}


def refuse(pool: dict, medium: str) -> None:
    """UnsupportedOperationException if the pool sends `medium` (EMAIL / SMS) messages
    through a custom sender function."""
    trigger = SENDER_OF_MEDIUM[medium]
    if (pool.get("LambdaConfig") or {}).get(trigger):
        raise UnsupportedOperationException(
            f"The {trigger} Lambda trigger is not supported by cfn-cognito: AWS sends it the "
            "code encrypted with a KMS key, and there is no KMS here. Remove it from the "
            "pool's LambdaConfig; codes then go to the inbox (GET /_cfn_cognito/messages), "
            "the server log and SMTP when configured.")
