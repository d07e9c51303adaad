"""What a workload function is handed: one running service, clients for it, and the timer."""

from __future__ import annotations

import itertools
import multiprocessing
import threading
import time
from dataclasses import dataclass
from typing import Callable

from bench.client import Api
from bench.process import Running
from bench.stats import Scaled, Timing, Value

MIB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """Bounds of every timed measurement: at most `requests` calls and `seconds` of calls,
    after up to `warmup` untimed calls (at most `warmup_seconds`) on each thread."""

    requests: int = 1000
    seconds: float = 5.0
    warmup: int = 20
    warmup_seconds: float = 1.0


class Harness:
    """A running service as the workloads see it."""

    def __init__(self, running: Running, kind: str, limits: Limits):
        self.running = running
        self.name = running.name
        self.kind = kind          # "ours" or "peer"
        self.limits = limits
        self._serial = itertools.count(1)
        self._setup_api: Api | None = None
        # What one workload set up for later ones (a pool seeded with 100,000 users...).
        self.shared: dict = {}

    def api(self) -> Api:
        """The keep-alive client for set-up calls (outside the timed loop)."""
        if self._setup_api is None:
            self._setup_api = self.running.api()
        return self._setup_api

    def unique(self, prefix: str) -> str:
        """A name no other call in this run has used (pool names, usernames...)."""
        return f"{prefix}{next(self._serial)}"

    def rss(self) -> Value:
        return Value(self.running.rss_bytes() / MIB, "MiB")

    def pss(self) -> Value:
        return Value(self.running.pss_bytes() / MIB, "MiB")

    def time(self, call: Callable[[Api, int], object], *, threads: int = 1) -> Timing:
        """Time `call(api, i)` on `threads` threads, each with its own kept-alive client.

        `i` is unique across threads and warm-up, for workloads that must not repeat a
        name. The first error raised by a call ends the measurement and is raised here.
        """
        limits = self.limits
        indices = itertools.count()
        budget = itertools.count()
        deadline = [0.0]

        def open_the_clock() -> None:
            # Runs once, when every thread has warmed up, before any is released.
            deadline[0] = time.perf_counter() + limits.seconds

        start = threading.Barrier(threads, action=open_the_clock)
        latencies: list[list[float]] = [[] for _ in range(threads)]
        spans: list[tuple[float, float]] = []
        errors: list[BaseException] = []

        def worker(slot: int) -> None:
            api = self.running.api()
            try:
                warm_until = time.perf_counter() + limits.warmup_seconds
                for _ in range(limits.warmup):
                    if time.perf_counter() > warm_until:
                        break
                    call(api, next(indices))
            except BaseException as err:  # reported after the barrier, by the caller
                errors.append(err)
            start.wait()
            if errors:
                return
            mine = latencies[slot]
            began = time.perf_counter()
            try:
                while next(budget) < limits.requests and time.perf_counter() < deadline[0]:
                    i = next(indices)
                    t0 = time.perf_counter()
                    call(api, i)
                    mine.append(time.perf_counter() - t0)
                    if errors:
                        return
            except BaseException as err:
                errors.append(err)
            spans.append((began, time.perf_counter()))

        workers = [threading.Thread(target=worker, args=(slot,), daemon=True)
                   for slot in range(threads)]
        for thread in workers:
            thread.start()
        for thread in workers:
            thread.join()
        if errors:
            raise errors[0]
        flat = [t for mine in latencies for t in mine]
        if not flat:
            raise RuntimeError("no call completed within the time bound")
        elapsed = max(end for _, end in spans) - min(began for began, _ in spans)
        return Timing(flat, elapsed, threads)

    def time_processes(self, call: Callable[[Api, int], object], connections: int) -> Scaled:
        """Time `call(api, i)` from `connections` client processes at once, each with one
        kept-alive connection: the clients' own GIL caps nothing (threads in one client
        process would). `i` is unique across processes; warm-up as in `time`."""
        limits = self.limits
        context = multiprocessing.get_context("fork")   # the call (a closure) is inherited
        ready = context.Barrier(connections + 1)
        results = context.Queue()

        def client(slot: int) -> None:
            api = self.running.api()
            indices = (slot + connections * n for n in itertools.count())
            try:
                for _ in range(limits.warmup):
                    call(api, next(indices))
                ready.wait()
                deadline = time.perf_counter() + limits.seconds
                mine, began = [], time.perf_counter()
                while time.perf_counter() < deadline and len(mine) < limits.requests:
                    i = next(indices)
                    t0 = time.perf_counter()
                    call(api, i)
                    mine.append(time.perf_counter() - t0)
                results.put((mine, began, time.perf_counter(), None))
            except BaseException as err:
                ready.abort()
                results.put(([], 0.0, 0.0, f"{type(err).__name__}: {err}"))

        procs = [context.Process(target=client, args=(slot,), daemon=True)
                 for slot in range(connections)]
        for proc in procs:
            proc.start()
        try:
            ready.wait(timeout=120)
        except threading.BrokenBarrierError:
            pass
        gathered = [results.get(timeout=limits.seconds + 120) for _ in procs]
        for proc in procs:
            proc.join(timeout=10)
        failures = [err for *_, err in gathered if err]
        if failures:
            raise RuntimeError(failures[0])
        flat = [t for mine, *_ in gathered for t in mine]
        elapsed = max(end for _, _, end, _ in gathered) - min(b for _, b, _, _ in gathered)
        return Scaled(flat, elapsed, connections)
