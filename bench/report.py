"""The results as a markdown table: absolute figures per service, then ours ÷ each peer."""

from __future__ import annotations

from dataclasses import dataclass

from bench.stats import Figure


@dataclass(frozen=True)
class Missing:
    """A workload a service did not run: "n/a" (not supported) or "error", and why."""

    mark: str
    reason: str


# results[service name][workload title] = its figures, or why there are none.
Results = dict[str, dict[str, "list[Figure] | Missing"]]


def table(titles: list[str], services: list[tuple[str, str]], results: Results) -> str:
    """`titles` in run order; `services` as (name, kind) in column order."""
    ours = [name for name, kind in services if kind == "ours"]
    peers = [name for name, kind in services if kind == "peer"]
    header = ["figure", "unit", *services_names(services), *(f"ours ÷ {p}" for p in peers)]
    lines = [_row(header), _row(["---", "---"] + ["---:"] * (len(header) - 2))]
    for title in titles:
        for label, unit, better in _rows_of(title, services, results):
            cells = {name: _cell(results[name].get(title), label) for name, _ in services}
            values = {name: _value(results[name].get(title), label) for name, _ in services}
            ratios = [_ratio_cell([values[o] for o in ours], values[p]) for p in peers]
            unit_cell = f"{unit} {'↑' if better else '↓'}" if unit else ""
            lines.append(_row([label, unit_cell, *(cells[n] for n, _ in services),
                               *ratios]))
    return "\n".join(lines)


def services_names(services: list[tuple[str, str]]) -> list[str]:
    return [name for name, _ in services]


def notes(services: list[tuple[str, str]], results: Results) -> list[str]:
    """One line per n/a or error cell group: which service, which workload, why."""
    out = []
    for name, _ in services:
        for title, result in results[name].items():
            if isinstance(result, Missing):
                reason = " ".join(result.reason.split())[:300]
                out.append(f"- {name}, {title}: {result.mark} — {reason}")
    return out


def _rows_of(title: str, services, results: Results) -> list[tuple[str, str, bool]]:
    # The rows a workload produced on the first service that ran it; one row if none did.
    for name, _ in services:
        result = results[name].get(title)
        if isinstance(result, list):
            return [(f.label, f.unit, f.higher_is_better) for f in result]
    return [(title, "", False)]


def _figure(result, label: str) -> Figure | None:
    if isinstance(result, list):
        for figure in result:
            if figure.label == label:
                return figure
    return None


def _value(result, label: str) -> float | None:
    figure = _figure(result, label)
    return figure.value if figure else None


def _cell(result, label: str) -> str:
    if isinstance(result, Missing):
        return result.mark
    figure = _figure(result, label)
    return format_number(figure.value) if figure else "n/a"


def _ratio_cell(ours: list[float | None], peer: float | None) -> str:
    # Each of our variants ÷ the peer, joined: "in-memory / data dir".
    if peer is None or peer == 0 or all(v is None for v in ours):
        return "—"
    return " / ".join("—" if v is None else f"{v / peer:.2f}" for v in ours)


def format_number(value: float) -> str:
    if value >= 100:
        return f"{value:,.0f}"
    if value >= 10:
        return f"{value:.1f}"
    return f"{value:.2f}"


def _row(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"
