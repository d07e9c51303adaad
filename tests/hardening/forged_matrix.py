"""Runs the forged-token matrix at one place: every forgery must be refused (and cleanly: no
5xx), then the genuine token must get in (so a place that refuses everything fails too)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import forgery
from token_scene import Scene


@dataclass
class Verdict:
    accepted: bool
    status: int
    detail: str = ""


def run_jwt_place(scene: Scene, place: forgery.Place, call: Callable[[str], Verdict],
                  tally) -> None:
    session = scene.session()
    problems, tried = [], 0
    for forged in forgery.JWT_FORGERIES:
        token = forged.make(scene, session, place)
        if token is None:
            continue
        tried += 1
        verdict = call(token)
        if verdict.accepted or verdict.status >= 500:
            problems.append(f"{forged.name}: {verdict.status} {verdict.detail[:200]}")
    genuine = call(session.token(place.use))
    _count(tally, place, tried)
    assert not problems, f"{place.name} took or choked on forged tokens:\n" + "\n".join(problems)
    assert genuine.accepted, f"{place.name} refused the genuine token: {genuine}"


def run_refresh_place(scene: Scene, place: forgery.Place, call: Callable[[str], Verdict],
                      tally, *, judge_by_victim: bool = False) -> None:
    """Refresh-token places. With `judge_by_victim` (revocation endpoints, which answer 200
    whatever they are given), a forgery is accepted when the session it stands for is dead
    afterwards."""
    problems, tried = [], 0
    session = scene.session()
    for name, make in forgery.REFRESH_FORGERIES:
        token, victim = make(scene, session)
        if judge_by_victim and victim is None:
            continue
        tried += 1
        verdict = call(token)
        if judge_by_victim:
            verdict.accepted = not scene.refresh_works(victim)
        if verdict.accepted or verdict.status >= 500:
            problems.append(f"{name}: {verdict.status} {verdict.detail[:200]}")
    session = scene.session()
    genuine = call(session.refresh)
    if judge_by_victim:
        genuine.accepted = not scene.refresh_works(session)
    _count(tally, place, tried)
    assert not problems, f"{place.name} took or choked on forged tokens:\n" + "\n".join(problems)
    assert genuine.accepted, f"{place.name} refused the genuine token: {genuine}"


def _count(tally, place: forgery.Place, tried: int) -> None:
    tally["forged tokens"]["places"] += 1
    tally["forged tokens"]["forged tokens tried (token x place)"] += tried
