"""What a workload measures, and the figures (rows of the table) it turns into."""

from __future__ import annotations

import math
from dataclasses import dataclass


@dataclass(frozen=True)
class Figure:
    """One cell's worth: `label` names the row, `higher_is_better` orients its ratios."""

    label: str
    unit: str
    value: float
    higher_is_better: bool = False


@dataclass(frozen=True)
class Timing:
    """Latencies of the timed calls (seconds) and the wall time they took, across threads."""

    latencies: list[float]
    elapsed: float
    threads: int

    def figures(self, title: str) -> list[Figure]:
        ordered = sorted(self.latencies)
        return [
            Figure(f"{title} p50", "ms", percentile(ordered, 50) * 1000),
            Figure(f"{title} p95", "ms", percentile(ordered, 95) * 1000),
            Figure(f"{title} throughput", "calls/s", len(ordered) / self.elapsed, True),
        ]


@dataclass(frozen=True)
class Scaled(Timing):
    """Calls from `threads` client processes (one kept-alive connection each) at once:
    throughput and the tail latency a parallel test suite feels."""

    def figures(self, title: str) -> list[Figure]:
        ordered = sorted(self.latencies)
        return [
            Figure(f"{title} throughput", "calls/s", len(ordered) / self.elapsed, True),
            Figure(f"{title} p99", "ms", percentile(ordered, 99) * 1000),
        ]


@dataclass(frozen=True)
class Value:
    """A single measured quantity, such as resident memory."""

    value: float
    unit: str
    higher_is_better: bool = False

    def figures(self, title: str) -> list[Figure]:
        return [Figure(title, self.unit, self.value, self.higher_is_better)]


def percentile(ordered: list[float], pct: float) -> float:
    """Nearest-rank percentile of an already sorted, non-empty list."""
    rank = max(1, math.ceil(pct / 100 * len(ordered)))
    return ordered[rank - 1]


def median(values: list[float]) -> float:
    ordered = sorted(values)
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return ordered[middle]
    return (ordered[middle - 1] + ordered[middle]) / 2
