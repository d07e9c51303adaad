"""Run every workload against this service and its peers, one service at a time, and print
the table (also written to bench/results.md).

    .venv/bin/python -m bench [--services ours,moto] [--requests 1000] [--seconds 5]
"""

from __future__ import annotations

import argparse
import datetime
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench import peers, report, workloads
from bench.client import ServiceError
from bench.harness import Harness, Limits
from bench.peers import SERVICES, InstallError, Service
from bench.process import Running, free_port, spawn
from bench.stats import Figure, median

START_TITLE = "start to first answer"
LOG_CATCH_UP_SECONDS = 0.3


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    chosen = _choose(args.services)
    limits = Limits(requests=args.requests, seconds=args.seconds)
    titles = [START_TITLE] + [w.title for w in workloads.WORKLOADS]
    logs = peers.PEERS_DIR / "logs"
    logs.mkdir(parents=True, exist_ok=True)

    load_before = os.getloadavg()[0]
    results: report.Results = {}
    for service in chosen:
        results[service.name] = run_service(service, limits, args.starts, logs)

    columns = [(s.name, s.kind) for s in chosen]
    table = report.table(titles, columns, results)
    text = _document(chosen, columns, results, table, limits, args, load_before)
    print("\n" + text)
    out = Path(args.out)
    out.write_text(text + "\n", encoding="utf-8")
    print(f"\nbench: written to {out}", file=sys.stderr)
    return 0


def run_service(service: Service, limits: Limits, starts: int, logs: Path) -> dict:
    """Every workload's figures (or why not) for one service, started `starts` times."""
    titles = [START_TITLE] + [w.title for w in workloads.WORKLOADS]
    try:
        if service.installer:
            service.installer.ensure()
    except InstallError as err:
        return {title: report.Missing("n/a", f"not installed: {err}") for title in titles}

    log_path = logs / f"{_slug(service.name)}.log"
    log_path.write_bytes(b"")
    workdirs: list[str] = []
    running: Running | None = None
    try:
        seconds = []
        for attempt in range(starts):
            if running:
                running.stop()
            workdirs.append(tempfile.mkdtemp(prefix=f"cfn-bench-{_slug(service.name)}-"))
            running = _start(service, Path(workdirs[-1]), log_path)
            seconds.append(running.first_answer_s)
        _progress(service.name, START_TITLE,
                  " ".join(f"{s * 1000:.0f}" for s in seconds) + " ms")
        results: dict = {START_TITLE: [Figure(START_TITLE, "ms", median(seconds) * 1000)]}
        harness = Harness(running, service.kind, limits)
        for item in workloads.WORKLOADS:
            results[item.title] = _run_workload(item, harness, service)
        return results
    except Exception as err:  # a service that cannot start is reported, not fatal
        _progress(service.name, "start", f"failed: {err}")
        return {title: report.Missing("error", f"did not start: {err}") for title in titles}
    finally:
        if running:
            running.stop()
        for workdir in workdirs:
            shutil.rmtree(workdir, ignore_errors=True)


def _start(service: Service, workdir: Path, log_path: Path) -> Running:
    port = free_port()
    return spawn(service.name, service.command(port, workdir),
                 env=peers.environment(service, port, workdir), cwd=str(workdir),
                 log_path=str(log_path), port=port)


def _run_workload(item: workloads.Workload, harness: Harness, service: Service):
    if not item.applies_to(harness.name, harness.kind):
        return report.Missing("n/a", f"only {', '.join(item.only)} can run it")
    log_offset = harness.running.log_size()
    try:
        figures = item.run(harness).figures(item.title)
    except workloads.NotSupported as err:
        result = report.Missing("n/a", str(err))
    except ServiceError as err:
        logged = _unsupported_in_log(service, harness, err, log_offset)
        if err.unsupported or logged:
            result = report.Missing("n/a", logged or str(err))
        else:
            result = report.Missing("error", str(err))
    except Exception as err:
        result = report.Missing("error", f"{type(err).__name__}: {err}")
    else:
        _progress(harness.name, item.title,
                  ", ".join(f"{report.format_number(f.value)} {f.unit}" for f in figures))
        return figures
    if harness.running.process.poll() is not None:
        result = report.Missing("error", f"the service exited: {result.reason}")
    _progress(harness.name, item.title, f"{result.mark}: {result.reason[:200]}")
    return result


def _unsupported_in_log(service: Service, harness: Harness, err: ServiceError,
                        offset: int) -> str | None:
    """The service's own log line saying it lacks the operation behind a bare 500, if any."""
    if not service.unsupported_in_log or err.status < 500:
        return None
    # Some servers log the traceback only after the 500 has gone out.
    time.sleep(LOG_CATCH_UP_SECONDS)
    found = re.search(service.unsupported_in_log, harness.running.log(offset))
    return f"{err.operation}: {found.group(0)}" if found else None


def _document(chosen, columns, results, table: str, limits: Limits, args,
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
            f"load average {load_before:.2f} before the run")


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
    parser.add_argument("--out", default=str(peers.ROOT / "bench" / "results.md"),
                        help="where to write the table (default bench/results.md)")
    return parser


def _progress(service: str, what: str, detail: str) -> None:
    print(f"bench: {service}: {what}: {detail}", file=sys.stderr, flush=True)


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


if __name__ == "__main__":
    sys.exit(main())
