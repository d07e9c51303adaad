"""A service under test as a process group: spawn, wait for its first answer, measure, stop."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
from dataclasses import dataclass, field

from bench.client import Api, ServiceError

FIRST_ANSWER_TIMEOUT = 60.0
POLL_INTERVAL = 0.005


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Running:
    """A started service: its port, its process group and the log it writes."""

    name: str
    port: int
    process: subprocess.Popen
    log_path: str
    first_answer_s: float = 0.0
    _apis: list = field(default_factory=list)

    def api(self) -> Api:
        """A new keep-alive client (one per thread); closed when the service stops."""
        api = Api(self.port)
        self._apis.append(api)
        return api

    def rss_bytes(self) -> int:
        """Resident memory of every process in the service's process group, summed."""
        return sum(_rss(pid) for pid in _group_pids(self.process.pid))

    def pss_bytes(self) -> int:
        """Proportional memory of the process group, summed: pages that forked worker
        processes share count once in all, where the RSS sum counts them in every process."""
        return sum(_pss(pid) for pid in _group_pids(self.process.pid))

    def log(self, since: int = 0) -> str:
        """What the service has logged (from byte offset `since`)."""
        try:
            with open(self.log_path, "rb") as f:
                f.seek(since)
                return f.read().decode("utf-8", "replace")
        except OSError:
            return ""

    def log_size(self) -> int:
        try:
            return os.path.getsize(self.log_path)
        except OSError:
            return 0

    def stop(self) -> None:
        for api in self._apis:
            api.close()
        stop_group(self.process)


def spawn(name: str, argv: list[str], *, env: dict, cwd: str, log_path: str,
          port: int) -> Running:
    """Start `argv` in its own process group and return once it answers ListUserPools.

    `first_answer_s` is the wall-clock time from just before the spawn to that first
    successful answer: what a test suite waits for before its first call.
    """
    log = open(log_path, "ab")
    started = time.perf_counter()
    process = subprocess.Popen(argv, env=env, cwd=cwd, stdout=log, stderr=subprocess.STDOUT,
                               stdin=subprocess.DEVNULL, start_new_session=True)
    log.close()
    running = Running(name, port, process, log_path)
    try:
        running.first_answer_s = _wait_first_answer(running, started)
    except BaseException:
        running.stop()
        raise
    return running


def _wait_first_answer(running: Running, started: float) -> float:
    deadline = started + FIRST_ANSWER_TIMEOUT
    while time.perf_counter() < deadline:
        if running.process.poll() is not None:
            raise RuntimeError(f"{running.name} exited with {running.process.returncode} "
                               f"before answering:\n{running.log()[-2000:]}")
        api = Api(running.port, timeout=5.0)
        try:
            api.call("ListUserPools", {"MaxResults": 1})
            return time.perf_counter() - started
        except (OSError, ServiceError):
            # Not listening yet, or listening but not ready to serve: ask again.
            time.sleep(POLL_INTERVAL)
        finally:
            api.close()
    raise RuntimeError(f"{running.name} did not answer within {FIRST_ANSWER_TIMEOUT:.0f} s:\n"
                       f"{running.log()[-2000:]}")


def stop_group(process: subprocess.Popen, grace: float = 5.0) -> None:
    """SIGTERM the whole process group (some peers run several processes), then SIGKILL."""
    _signal_group(process.pid, signal.SIGTERM)
    deadline = time.monotonic() + grace
    while time.monotonic() < deadline and (process.poll() is None or _group_pids(process.pid)):
        time.sleep(0.05)
    if process.poll() is None or _group_pids(process.pid):
        _signal_group(process.pid, signal.SIGKILL)
        process.wait()


def _signal_group(pgid: int, sig: int) -> None:
    try:
        os.killpg(pgid, sig)
    except ProcessLookupError:
        pass


def _group_pids(pgid: int) -> list[int]:
    pids = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="ascii", errors="replace") as f:
                fields = f.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        # fields[0] is the state, fields[2] the process group; zombies hold no memory.
        if int(fields[2]) == pgid and fields[0] != "Z":
            pids.append(int(entry))
    return pids


def _pss(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as f:
            for line in f:
                if line.startswith("Pss:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def _rss(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0
