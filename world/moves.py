"""An action: one move by one actor, as policies and strategies return it and the world applies it.

The plain record at the bottom of the world: the rules that apply a move are in world/actions.py, the
decision rules that choose one in the ``agents`` package; both read this type, neither is needed to hold one.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(slots=True)
class Action:
    """One move: ``actor`` does ``kind`` to ``target`` (and ``partner`` where two sides are involved)."""

    actor: str
    kind: str
    target: str
    magnitude: float
    reason: str
    source: str
    partner: str = ""
    duration: int = 0
