"""`cfn-cognito ca path` and `cfn-cognito ca env`: the local certificate authority that
`serve --https` signs its certificate with, and how to make clients trust it.

Both work on the files of the data directory (--data-dir, $CFN_COGNITO_DATA_DIR, else
./.cfn-cognito) with no service running, and make the CA if it is not there yet, so that
trust can be set up before the first `serve --https`.

    eval "$(cfn-cognito ca env)"     # NODE_EXTRA_CA_CERTS, AWS_CA_BUNDLE, REQUESTS_CA_BUNDLE, SSL_CERT_FILE
"""

from __future__ import annotations

import argparse
import sys

from cfn_cognito import config, tls


def add_parser(commands) -> None:
    ca = commands.add_parser("ca", help="the local certificate authority of `serve --https`")
    actions = ca.add_subparsers(dest="ca_command", required=True)
    for name, text in (("path", "print the CA certificate's file (what clients trust)"),
                       ("env", "print the shell lines that make Node, the AWS CLI, boto3, "
                               "requests and OpenSSL trust the CA")):
        action = actions.add_parser(name, help=text, description=text)
        action.add_argument("--data-dir", default=None,
                            help="state directory (default ./.cfn-cognito)")


def run(args: argparse.Namespace) -> int:
    try:
        settings = config.from_sources({"data_dir": args.data_dir})
    except ValueError as err:
        print(f"cfn-cognito: {err}", file=sys.stderr)
        return 2
    try:
        if args.ca_command == "path":
            print(tls.ensure_authority(settings).path)
        else:
            print("\n".join(tls.trust_env_lines(settings)))
    except OSError as err:
        print(f"cfn-cognito: cannot use the CA in {tls.tls_dir(settings)}: "
              f"{err.strerror or err}", file=sys.stderr)
        return 1
    return 0
