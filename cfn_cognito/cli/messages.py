"""`cfn-cognito messages [--follow]`: the dev inbox of a running service, in the terminal.

Reads `GET /_cfn_cognito/messages` at --endpoint (default: $CFN_COGNITO_ENDPOINT, then
http://localhost:4566), one line per message, oldest first; --follow keeps printing new
messages as they arrive until Ctrl-C.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import urllib.parse
from datetime import datetime, timezone

from cfn_cognito.cli.http import CommandError, endpoint_flag, endpoint_of, exchange

INBOX = "/_cfn_cognito/messages"
POLL_SECONDS = 1.0


def add_parser(commands) -> None:
    messages = commands.add_parser("messages", help="print the dev inbox: every code, temporary "
                                   "password and message a user was sent")
    messages.add_argument("--follow", "-f", action="store_true",
                          help="keep printing new messages as they arrive (Ctrl-C stops)")
    messages.add_argument("--pool", help="only this pool's messages (pool id)")
    messages.add_argument("--username", help="only this user's messages")
    messages.add_argument("--json", action="store_true", help="one JSON object per line")
    messages.add_argument("--code", action="store_true",
                          help="print only the newest message's code (for scripts: X=$(...))")
    endpoint_flag(messages)


def run(args: argparse.Namespace, out=sys.stdout) -> int:
    endpoint = endpoint_of(args)
    show = _json_line if args.json else line
    filters = {k: v for k, v in (("pool", args.pool), ("username", args.username)) if v}
    try:
        found = _fetch(endpoint, filters)
        if args.code:
            if not found:
                raise CommandError("no message matches" + "".join(
                    f" --{k} {v}" for k, v in filters.items()))
            print(found[-1]["code"], file=out)
            return 0
        for message in found:
            print(show(message), file=out, flush=True)
        if not args.follow:
            if not found and not args.json:
                print("no messages", file=out)
            return 0
        _follow(endpoint, filters, found, show, out)
    except CommandError as err:
        print(f"cfn-cognito: {err}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        pass
    return 0


def _fetch(endpoint: str, filters: dict) -> list[dict]:
    query = urllib.parse.urlencode(filters)
    _, body = exchange(endpoint, "GET", INBOX + (f"?{query}" if query else ""), timeout=10)
    return body["messages"]


def _follow(endpoint: str, filters: dict, found: list[dict], show, out) -> None:
    # Ask only for what is at least as new as the last message printed; ids tell apart the
    # messages of the same millisecond (ids may start over after the inbox is emptied).
    since = found[-1]["time"] if found else 0.0
    printed = {(m["id"], m["time"]) for m in found if m["time"] >= since}
    while True:
        time.sleep(POLL_SECONDS)
        for message in _fetch(endpoint, {**filters, "since": str(since)}):
            key = (message["id"], message["time"])
            if key in printed:
                continue
            print(show(message), file=out, flush=True)
            printed.add(key)
            since = max(since, message["time"])
        printed = {key for key in printed if key[1] >= since}


def line(message: dict) -> str:
    """One message as a terminal line: when, kind, who, where to, the code and subject."""
    sent = datetime.fromtimestamp(message["time"], timezone.utc).strftime("%Y-%m-%d %H:%M:%S")
    to = message["to"] or "(no address)"
    subject = f'  "{message["subject"]}"' if message["subject"] else ""
    return (f"{sent}  {message['kind']:<19}  {message['username']} ({message['pool']}) -> {to} "
            f"[{message['medium']}]  code {message['code']}{subject}")


def _json_line(message: dict) -> str:
    return json.dumps(message)
