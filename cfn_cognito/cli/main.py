"""The `cfn-cognito` command."""

from __future__ import annotations

import argparse
import os
import sys

from cfn_cognito import __version__, config


def _serve_flags(parser: argparse.ArgumentParser) -> None:
    # Every default is None so that CFN_COGNITO_<NAME> applies when a flag is not given.
    parser.add_argument("--host", default=None, help="address to bind (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=None, help="port (default 4566)")
    parser.add_argument("--data-dir", default=None, help="state directory (default ./.cfn-cognito)")
    parser.add_argument("--database-url", default=None,
                        help="postgresql://user:password@host:port/db: state in that database, "
                             "shared by every instance given it (default: SQLite in the data "
                             "directory)")
    parser.add_argument("--in-memory", action="store_const", const=True, default=None,
                        help="keep state in a throwaway directory, removed on exit")
    parser.add_argument("--region", default=None, help="region in ids and ARNs (default us-east-1)")
    parser.add_argument("--account-id", default=None, help="account in ARNs (default 000000000000)")
    parser.add_argument("--public-url", default=None,
                        help="base of every URL printed or put in tokens "
                             "(default http://localhost:<port>)")
    parser.add_argument("--allowed-hosts", default=None,
                        help="host names requests may be addressed to besides localhost, "
                             "*.localhost, IP addresses and the --public-url host: "
                             "comma-separated, .example.com for a domain and its subdomains")
    parser.add_argument("--https", action="store_const", const=True, default=None,
                        help="also serve HTTPS (on --https-port) with the data directory's local "
                             "CA; the public URL becomes the https one")
    parser.add_argument("--https-port", type=int, default=None,
                        help="HTTPS port with --https (default: --port + 1)")
    parser.add_argument("--log-level", default=None, help="debug, info, warning, error")
    parser.add_argument("--threads", type=int, default=None,
                        help="request threads per worker process (default 8)")
    parser.add_argument("--workers", type=int, default=None,
                        help="worker processes serving the port (default: one per core, at most 2)")
    parser.add_argument("--lambda-endpoint", default=None,
                        help="Lambda endpoint for functions not registered here (default none)")


def build_parser(serve_only: bool = False) -> argparse.ArgumentParser:
    """The command line; `serve_only` leaves out the other commands, whose modules (HTTP
    clients, template tooling) `cfn-cognito serve` would otherwise import before it starts."""
    parser = argparse.ArgumentParser(prog="cfn-cognito", description="A local, AWS-faithful Amazon Cognito.")
    parser.add_argument("--version", action="version", version=f"cfn-cognito {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)
    serve = commands.add_parser("serve", help="run the service")
    _serve_flags(serve)
    if not serve_only:
        from cfn_cognito.cli import ca as ca_cli
        from cfn_cognito.cli import functions as function_cli
        from cfn_cognito.cli import messages as messages_cli
        from cfn_cognito.cli import parameters as parameter_cli
        from cfn_cognito.cli import stacks as stack_cli
        ca_cli.add_parser(commands)
        function_cli.add_parser(commands)
        messages_cli.add_parser(commands)
        parameter_cli.add_parser(commands)
        stack_cli.add_parsers(commands, _serve_flags)
    return parser


def _settings(args: argparse.Namespace) -> config.Settings:
    flags = {name: getattr(args, name, None) for name in
             ("host", "port", "data_dir", "database_url", "in_memory", "region", "account_id",
              "public_url", "allowed_hosts", "https", "https_port", "log_level", "threads",
              "workers", "lambda_endpoint")}
    return config.from_sources(flags)


def main(argv: list[str] | None = None) -> int:
    try:
        return _main(sys.argv[1:] if argv is None else argv)
    except BrokenPipeError:
        # The reader went away (`... | head`): stop quietly, as a shell tool does. Python would
        # flush stdout again at exit and fail once more, so stdout points at nothing first.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141  # 128 + SIGPIPE, what a shell reports for a tool a pipe closed on


def _main(argv: list[str]) -> int:
    args = build_parser(serve_only=argv[:1] == ["serve"]).parse_args(argv)
    if args.command == "ca":
        from cfn_cognito.cli import ca as ca_cli
        return ca_cli.run(args)
    if args.command == "function":
        from cfn_cognito.cli import functions as function_cli
        return function_cli.run(args)
    if args.command == "messages":
        from cfn_cognito.cli import messages as messages_cli
        return messages_cli.run(args)
    if args.command == "parameter":
        from cfn_cognito.cli import parameters as parameter_cli
        return parameter_cli.run(args)
    try:
        settings = _settings(args)
    except ValueError as err:
        print(f"cfn-cognito: {err}", file=sys.stderr)
        return 2
    if args.command == "serve":
        from cfn_cognito.web import server
        server.configure_logging(settings.log_level)
        return server.serve(settings)
    from cfn_cognito.cli import stacks as stack_cli
    if args.command in stack_cli.COMMANDS:
        return stack_cli.run(args, settings)
    return 2


if __name__ == "__main__":
    sys.exit(main())
