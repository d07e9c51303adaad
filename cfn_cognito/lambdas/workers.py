"""Warm workers of this process, per data directory and per function.

Each registered function gets up to MAX_WORKERS_PER_FUNCTION worker processes, started on
first use and kept warm; an invocation takes an idle one (or starts one, or waits for one).
A worker that timed out or crashed is dropped, and the next invocation starts a fresh one.
Workers are keyed by the function's RevisionId, so a redeployed function (even by another
server process sharing the data directory) never runs old code. Every worker is killed when
this process exits.
"""

from __future__ import annotations

import atexit
import logging
import threading
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

from cfn_cognito.config import Settings
from cfn_cognito.lambdas import environment
from cfn_cognito.lambdas.worker_process import WorkerProcess, WorkerSpec

LOG = logging.getLogger(__name__)

MAX_WORKERS_PER_FUNCTION = 4


@dataclass(frozen=True)
class LocalFunction:
    """A registered function as its workers need it."""
    config: dict
    code_dir: Path


class FunctionWorkers:
    """The warm workers of one revision of one function."""

    def __init__(self, function: LocalFunction, settings: Settings):
        self.function = function
        self.settings = settings
        self._idle: list[WorkerProcess] = []
        self._busy: set[WorkerProcess] = set()
        self._count = 0
        self._closed = False
        self._cond = threading.Condition()

    def invoke(self, event, request_id: str, invoked_arn: str, timeout: float):
        worker = self._acquire()
        try:
            started = time.perf_counter()
            result = worker.invoke(event, request_id, invoked_arn, timeout)
            LOG.debug("[%s] REPORT RequestId: %s Duration: %.2f ms", self.function.config["FunctionName"],
                      request_id, (time.perf_counter() - started) * 1000)
            return result
        finally:
            self._release(worker)

    def _acquire(self) -> WorkerProcess:
        with self._cond:
            while True:
                while self._idle:
                    worker = self._idle.pop()
                    if worker.alive:
                        self._busy.add(worker)
                        return worker
                    self._count -= 1
                    worker.kill()
                if self._count < MAX_WORKERS_PER_FUNCTION:
                    self._count += 1
                    break
                self._cond.wait()
        try:
            worker = WorkerProcess(self._spec()).start()
        except BaseException:
            with self._cond:
                self._count -= 1
                self._cond.notify()
            raise
        with self._cond:
            # Closed meanwhile (a redeploy): it still serves this call, then _release drops it.
            self._busy.add(worker)
        return worker

    def _release(self, worker: WorkerProcess) -> None:
        with self._cond:
            self._busy.discard(worker)
            keep = worker.alive and not self._closed
            if keep:
                self._idle.append(worker)
            else:
                self._count -= 1
            self._cond.notify()
        if not keep:
            worker.kill()

    def close(self, busy_too: bool = False) -> None:
        """Kill the idle workers now and the busy ones when they finish (or now, at exit)."""
        with self._cond:
            self._closed = True
            doomed, self._idle = self._idle, []
            self._count -= len(doomed)
            if busy_too:
                doomed += list(self._busy)
        for worker in doomed:
            worker.kill()

    def _spec(self) -> WorkerSpec:
        config = self.function.config
        name = config["FunctionName"]
        log_stream = time.strftime("%Y/%m/%d/[$LATEST]", time.gmtime()) + uuid.uuid4().hex
        return WorkerSpec(
            name=name, arn=config["FunctionArn"], runtime=config["Runtime"],
            code_dir=self.function.code_dir,
            env=environment.worker_env(config, self.function.code_dir, self.settings, log_stream),
            memory=config["MemorySize"], version=config["Version"],
            log_group=environment.log_group(name), log_stream=log_stream)


class Workers:
    """Every function's workers for one data directory."""

    def __init__(self):
        self._sets: dict[tuple[str, str], FunctionWorkers] = {}
        self._lock = threading.Lock()

    def for_function(self, function: LocalFunction, settings: Settings) -> FunctionWorkers:
        name = function.config["FunctionName"]
        key = (name, function.config["RevisionId"])
        with self._lock:
            found = self._sets.get(key)
            if found is not None:
                return found
            stale = self._take(name)
            found = self._sets[key] = FunctionWorkers(function, settings)
        for workers in stale:
            workers.close()
        return found

    def retire(self, name: str) -> None:
        with self._lock:
            stale = self._take(name)
        for workers in stale:
            workers.close()

    def close(self) -> None:
        with self._lock:
            stale, self._sets = list(self._sets.values()), {}
        for workers in stale:
            workers.close(busy_too=True)

    def _take(self, name: str) -> list[FunctionWorkers]:
        keys = [key for key in self._sets if key[0] == name]
        return [self._sets.pop(key) for key in keys]


_BY_DATA_DIR: dict[str, Workers] = {}
_LOCK = threading.Lock()
_AT_EXIT = []


def for_data_dir(data_dir: Path) -> Workers:
    key = str(data_dir)
    with _LOCK:
        workers = _BY_DATA_DIR.get(key)
        if workers is None:
            if not _AT_EXIT:
                _AT_EXIT.append(atexit.register(stop_workers))
            workers = _BY_DATA_DIR[key] = Workers()
        return workers


def retire(data_dir: Path, name: str) -> None:
    """Stop the warm workers of a function that was redeployed or deleted."""
    key = str(data_dir)
    with _LOCK:
        workers = _BY_DATA_DIR.get(key)
    if workers is not None:
        workers.retire(name)


def stop_workers(data_dir: Path | None = None) -> None:
    """Kill the workers of one data directory, or every worker of this process (None: at
    exit). Functions still registered start fresh workers on their next invocation."""
    with _LOCK:
        if data_dir is None:
            doomed = list(_BY_DATA_DIR.values())
            _BY_DATA_DIR.clear()
        else:
            found = _BY_DATA_DIR.pop(str(data_dir), None)
            doomed = [found] if found else []
    for workers in doomed:
        workers.close()
