"""One column of the table through a run: install, start (repeatedly), measure, stop."""

from __future__ import annotations

import re
import shutil
import tempfile
import time
from pathlib import Path

from bench import peers, report, workloads
from bench.client import ServiceError
from bench.harness import Harness, Limits
from bench.peers import InstallError, Service
from bench.process import Running, free_port, spawn
from bench.stats import Figure, median

START_TITLE = "start to first answer"
LOG_CATCH_UP_SECONDS = 0.3


class Contender:
    """A service and what the run found out about it (`results`, keyed by workload title)."""

    def __init__(self, service: Service, logs: Path):
        self.service = service
        self.name = service.name
        self.log_path = logs / f"{slug(service.name)}.log"
        self.running: Running | None = None
        self.start_seconds: list[float] = []
        self.results: dict = {}
        self.out: report.Missing | None = None   # set when it cannot take part any more
        self._workdirs: list[str] = []

    def install(self) -> None:
        try:
            if self.service.installer:
                self.service.installer.ensure()
        except InstallError as err:
            self.out = report.Missing("n/a", f"not installed: {err}")

    def start(self) -> None:
        """Start a fresh instance (stopping the previous one) and record its start-up time."""
        if self.out:
            return
        self.stop()
        workdir = tempfile.mkdtemp(prefix=f"cfn-bench-{slug(self.name)}-")
        self._workdirs.append(workdir)
        port = free_port()
        if not self.start_seconds:
            self.log_path.write_bytes(b"")
        try:
            self.running = spawn(self.name, self.service.command(port, Path(workdir)),
                                 env=peers.environment(self.service, port, Path(workdir)),
                                 cwd=workdir, log_path=str(self.log_path), port=port)
        except Exception as err:  # reported in its column, not fatal to the run
            self.out = report.Missing("error", f"did not start: {err}")
            return
        self.start_seconds.append(self.running.first_answer_s)

    def record_start(self) -> None:
        if self.start_seconds and not self.out:
            self.results[START_TITLE] = [
                Figure(START_TITLE, "ms", median(self.start_seconds) * 1000)]

    def measure(self, item: workloads.Workload, limits: Limits) -> str:
        """Run one workload on the running instance; a one-line summary of the outcome."""
        if self.out or self.running is None:
            return "skipped"
        harness = Harness(self.running, self.service.kind, limits)
        result = self._run(item, harness)
        self.results[item.title] = result
        if isinstance(result, report.Missing):
            return f"{result.mark}: {result.reason[:200]}"
        return ", ".join(f"{report.format_number(f.value)} {f.unit}" for f in result)

    def _run(self, item: workloads.Workload, harness: Harness):
        if not item.applies_to(self.name, self.service.kind):
            return report.Missing("n/a", f"only {', '.join(item.only)} can run it")
        log_offset = self.running.log_size()
        try:
            return item.run(harness).figures(item.title)
        except workloads.NotSupported as err:
            result = report.Missing("n/a", str(err))
        except ServiceError as err:
            logged = self._unsupported_in_log(err, log_offset)
            if err.unsupported or logged:
                result = report.Missing("n/a", logged or str(err))
            else:
                result = report.Missing("error", str(err))
        except Exception as err:
            result = report.Missing("error", f"{type(err).__name__}: {err}")
        if self.running.process.poll() is not None:
            self.out = report.Missing("error", f"the service exited during {item.title}")
            result = report.Missing("error", f"the service exited: {result.reason}")
        return result

    def _unsupported_in_log(self, err: ServiceError, offset: int) -> str | None:
        """The service's own log line saying it lacks the operation behind a bare 500."""
        pattern = self.service.unsupported_in_log
        if not pattern or err.status < 500:
            return None
        # Some servers log the traceback only after the 500 has gone out.
        time.sleep(LOG_CATCH_UP_SECONDS)
        found = re.search(pattern, self.running.log(offset))
        return f"{err.operation}: {found.group(0)}" if found else None

    def final_results(self, titles: list[str]) -> dict:
        """Every title's figures, or why there are none."""
        return {title: self.results.get(title) or self.out or report.Missing("n/a", "not run")
                for title in titles}

    def stop(self) -> None:
        if self.running:
            self.running.stop()
            self.running = None

    def close(self) -> None:
        self.stop()
        for workdir in self._workdirs:
            shutil.rmtree(workdir, ignore_errors=True)


def slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
