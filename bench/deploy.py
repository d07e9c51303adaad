"""Deploy time of templates/quickstart.yaml: create, unchanged redeploy, update, delete.

    .venv/bin/python -m bench.deploy [--rounds 5] [--template templates/quickstart.yaml]

Starts `cfn-cognito serve --in-memory` on a free loopback port and times each operation
through the stack API the CLI uses (PUT/DELETE /_cfn_cognito/stacks/<name>, then following
the events until the stack's operation ends), so the figures leave out the CLI's own
process start. Each round uses a fresh stack; the first round includes loading cfn-lint's
rules and is reported apart.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from cfn_cognito.cli import stacks as cli
from cfn_cognito.testing import LocalCognito

ROOT = Path(__file__).resolve().parents[1]


def _deploy(url: str, name: str, body: str, parameters: dict) -> float:
    start = time.perf_counter()
    answer = cli.request(url, "PUT", cli.stack_path(name),
                         {"TemplateBody": body, "Parameters": parameters})
    if answer.get("Changes"):
        _wait(url, name, answer.get("EventsAfter", 0))
    return time.perf_counter() - start


def _delete(url: str, name: str) -> float:
    start = time.perf_counter()
    answer = cli.request(url, "DELETE", cli.stack_path(name))
    _wait(url, name, answer.get("EventsAfter", 0))
    return time.perf_counter() - start


def _wait(url: str, name: str, after: int) -> None:
    while True:
        answer = cli.request(url, "GET", cli.stack_path(name, f"/events?after={after}"))
        for event in answer["StackEvents"]:
            if (event["ResourceType"] == cli.STACK_TYPE
                    and event["ResourceStatus"] in cli.TERMINAL):
                if event["ResourceStatus"] not in ("CREATE_COMPLETE", "UPDATE_COMPLETE",
                                                   "DELETE_COMPLETE"):
                    raise SystemExit(f"{name}: {event['ResourceStatus']}")
                return
        after = answer["Next"]
        time.sleep(0.005)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.deploy")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--template", default=str(ROOT / "templates" / "quickstart.yaml"))
    args = parser.parse_args(argv)
    body = Path(args.template).read_text()
    times: dict[str, list[float]] = {"create": [], "unchanged": [], "update": [], "delete": []}
    with LocalCognito("--in-memory") as server:
        for i in range(args.rounds + 1):
            name = f"bench{i}"
            params = {"DomainPrefix": f"bench-{i}"} if "DomainPrefix" in body else {}
            row = {"create": _deploy(server.url, name, body, params),
                   "unchanged": _deploy(server.url, name, body, params)}
            changed = {**params, "CallbackUrl": "http://localhost:3001/cb"} \
                if "CallbackUrl" in body else params
            row["update"] = _deploy(server.url, name, body, changed)
            row["delete"] = _delete(server.url, name)
            if i == 0:
                first = row
                continue
            for key, value in row.items():
                times[key].append(value)
    print(f"{Path(args.template).name}, {args.rounds} rounds (ms; median, min-max; "
          f"first round apart)\n")
    print("| operation | median | min | max | first round |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for key, values in times.items():
        print(f"| {key} | {statistics.median(values) * 1000:.0f} | {min(values) * 1000:.0f} | "
              f"{max(values) * 1000:.0f} | {first[key] * 1000:.0f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
