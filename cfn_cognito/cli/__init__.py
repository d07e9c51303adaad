"""The `cfn-cognito` command: every subcommand, talking to a running service over HTTP."""

from cfn_cognito.cli.main import main

__all__ = ["main"]
