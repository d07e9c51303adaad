"""Run every workload against this service and its peers and print the table of figures and
ratios (also written to bench/results.md).

    .venv/bin/python -m bench [--services ours,moto] [--requests 1000] [--seconds 5]
"""

from __future__ import annotations

import argparse
import datetime
import os
import platform
import shutil
import subprocess
import sys
from pathlib import Path

from bench import peers, report, workloads
from bench.contender import START_TITLE, Contender
from bench.harness import Limits
from bench.peers import SERVICES, Service


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    chosen = _choose(args.services)
    limits = Limits(requests=args.requests, seconds=args.seconds)
    if args.scaling:
        workloads.WORKLOADS[:] = workloads.SCALING
    if args.large:
        workloads.WORKLOADS.extend(workloads.LARGE)
    if args.only:
        words = [w.strip().lower() for w in args.only.split(",") if w.strip()]
        workloads.WORKLOADS[:] = [w for w in workloads.WORKLOADS
                                  if any(word in w.title.lower() for word in words)]
    titles = [START_TITLE] + [w.title for w in workloads.WORKLOADS]
    logs = peers.PEERS_DIR / "logs"
    logs.mkdir(parents=True, exist_ok=True)
    contenders = [Contender(service, logs) for service in chosen]
    load_before = os.getloadavg()[0]
    try:
        run(contenders, limits, args.starts)
    finally:
        for contender in contenders:
            contender.close()

    results: report.Results = {c.name: c.final_results(titles) for c in contenders}
    columns = [(s.name, s.kind) for s in chosen]
    table = report.table(titles, columns, results)
    text = _document(chosen, columns, results, table, limits, args, load_before)
    print("\n" + text)
    out = Path(args.out or peers.ROOT / "bench" / (
        "results-scaling.md" if args.scaling else "results.md"))
    out.write_text(text + "\n", encoding="utf-8")
    print(f"\nbench: written to {out}", file=sys.stderr)
    return 0


def run(contenders: list[Contender], limits: Limits, starts: int) -> None:
    """Measure every contender, interleaved, so that a change in the machine's background
    load during the run falls on all of them alike rather than on one."""
    for contender in contenders:
        contender.install()
    # Round k starts each service once; the last round's instances stay up, idle but for
    # the one being measured.
    for _ in range(starts):
        for contender in contenders:
            contender.start()
    for contender in contenders:
        contender.record_start()
        seconds = " ".join(f"{s * 1000:.0f}" for s in contender.start_seconds)
        _progress(contender.name, START_TITLE,
                  contender.out.reason[:300] if contender.out else f"{seconds} ms")
    for item in workloads.WORKLOADS:
        for contender in contenders:
            _progress(contender.name, item.title, contender.measure(item, limits))


def _document(chosen: list[Service], columns, results, table: str, limits: Limits, args,
              load_before: float) -> str:
    versions = ", ".join(f"{s.name} {s.version}" for s in chosen
                         if s.kind == "peer" or s.name == "ours")
    command = " ".join([".venv/bin/python -m bench", *sys.argv[1:]])
    notes = report.notes(columns, results)
    lines = [
        "## Results",
        "",
        f"`{command}` on {datetime.date.today().isoformat()} — {_machine(load_before)}.",
        f"Versions: {versions}.",
        f"Each timed figure: at most {limits.requests} calls or {limits.seconds:g} s of calls "
        f"after up to {limits.warmup} warm-up calls per client thread; start to first answer "
        f"is the median of {args.starts} starts.",
        "",
        table,
        "",
        "Ratios are ours ÷ peer, as `in-memory / data dir`: below 1 is better on ↓ rows, "
        "above 1 on ↑ rows.",
    ]
    if notes:
        lines += ["", "Not measured:", "", *notes]
    return "\n".join(lines)


def _machine(load_before: float) -> str:
    cpu = ""
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            cpu = next((line.split(":", 1)[1].strip() for line in f
                        if line.startswith("model name")), "")
    except OSError:
        pass
    node = shutil.which("node")
    node_version = subprocess.run([node, "--version"], capture_output=True,
                                  text=True).stdout.strip() if node else "none"
    return (f"{os.cpu_count()} cores ({cpu or platform.machine()}), "
            f"Python {platform.python_version()}, Node {node_version}, {platform.system()}, "
            f"load average {load_before:.2f} before the run, {os.getloadavg()[0]:.2f} after")


def _choose(names: str | None) -> list[Service]:
    if not names:
        return list(SERVICES)
    wanted = [n.strip() for n in names.split(",") if n.strip()]
    known = {s.name: s for s in SERVICES}
    unknown = [n for n in wanted if n not in known]
    if unknown:
        raise SystemExit(f"bench: unknown service {', '.join(unknown)}; "
                         f"choose from {', '.join(known)}")
    return [known[n] for n in wanted]


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n")[0])
    parser.add_argument("--services", help="comma-separated columns to run "
                        f"(default all: {', '.join(s.name for s in SERVICES)})")
    parser.add_argument("--requests", type=int, default=Limits.requests,
                        help="timed calls per measurement (default %(default)s)")
    parser.add_argument("--seconds", type=float, default=Limits.seconds,
                        help="time bound of each measurement (default %(default)s)")
    parser.add_argument("--starts", type=int, default=3,
                        help="starts to take the median of (default %(default)s)")
    parser.add_argument("--large", action="store_true",
                        help="also run the workloads that take minutes (100,000 users)")
    parser.add_argument("--scaling", action="store_true",
                        help="run the scaling workloads instead (GetUser, InitiateAuth, "
                        "AdminCreateUser, ListUsers from 1 to 32 client processes)")
    parser.add_argument("--only", help="comma-separated words: run only the workloads whose "
                        "title contains one of them (e.g. --only InitiateAuth,GetUser)")
    parser.add_argument("--out", default=None,
                        help="where to write the table (default bench/results.md, "
                        "bench/results-scaling.md with --scaling)")
    return parser


def _progress(service: str, what: str, detail: str) -> None:
    print(f"bench: {service}: {what}: {detail}", file=sys.stderr, flush=True)


if __name__ == "__main__":
    sys.exit(main())
