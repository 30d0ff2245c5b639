"""How the great powers read Kazakhstan's moves: each move is a signal toward or away from some power.

The powers answer alignment, not intentions (Baldwin 1985: positive and
negative sanctions answer what the target does; Axelrod 1995: the tribute
model's demander remembers who paid and who refused). A move by Kazakhstan
toward a partner — selling more to it, shipping along its routes, a summit,
an agreement, an exercise, joining or staying in its institution, conceding
its demand — is a step toward that partner (or the institution's leader); a
move away — selling less, leaving or stepping down in its institution,
refusing its demand — is a step away. The signals accumulate in
:class:`world.memory.DiplomaticMemory` and fade there; the powers' policies
(agents/policies/) read the balance.

A diplomatic move (summit, agreement, exercise, mediation) counts one
unit; a trade or route shift counts its size relative to the largest shift
allowed in a quarter (``adjustment_speed``, ``route_preference_speed``), at
most one unit, so a token shift is a token signal (assumption). A statement
that Kazakhstan stays in an institution counts ``STATEMENT_WEIGHT``: it
reassures the leader while asserting the right to leave. Leaving an institution
counts ``EXIT_WEIGHT`` units and conceding ``CONCESSION_WEIGHT``: the exits
are the rare, public ruptures the sources single out (000 · Kazakhstan's
balanced policy strategy: the 2014 right-to-leave statement; calibration.md ·
Memberships: Uzbekistan's CSTO exit).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from world.actions import Action
    from world.model import DiplomacyModel

MOVE_WEIGHT = 1.0
EXIT_WEIGHT = 3.0  # assumption, range 2-5: a public rupture outweighs a quarter's trade shift
STEP_DOWN_WEIGHT = 1.5  # stepping down from member to observer: half an exit (assumption, range 1-3)
STATEMENT_WEIGHT = 0.5  # assumption, range 0-1 (000: the 2014 statement both reassured and warned Moscow)
CONCESSION_WEIGHT = 2.0  # assumption, range 1-3: yielding is the loudest signal of alignment short of joining

# Moves that bring Kazakhstan closer to the target (an institution stands for its leader).
TOWARD_TARGET = frozenset({"summit", "trade_agreement", "partnership", "exercise", "arms_deal"})


def alignment_signals(model: "DiplomacyModel", a: "Action") -> list[tuple[str, float]]:
    """The (power, units) signals Kazakhstan's move ``a`` sends, read before it is applied."""
    kind = a.kind
    if kind in TOWARD_TARGET:
        return [(model.leader_of(a.target), MOVE_WEIGHT)]
    if kind == "stay":
        return [(model.leader_of(a.target), STATEMENT_WEIGHT)]
    if kind == "mediation":
        return [(code, MOVE_WEIGHT) for code in (a.target, a.partner) if code]
    if kind == "shift_exports":
        units = _relative(a.magnitude, model.params["adjustment_speed"])
        signals = [(a.partner, units)]
        if a.target != "*":
            signals.append((a.target, -units))
        return signals
    if kind == "shift_route" and a.target in model.corridors.index:
        units = _relative(a.magnitude, model.params["route_preference_speed"])
        controllers = model.corridors.controllers[model.corridors.index[a.target]]
        return [(model.relations.codes[j], units) for j, on in enumerate(controllers) if on]
    if kind == "leave":
        return [(model.leader_of(a.target), -EXIT_WEIGHT)]
    if kind == "join":
        held = _status(model, a.actor, a.target)
        wanted = a.partner or "member"
        if held == "member" and wanted != "member":  # stepping down to observer
            return [(model.leader_of(a.target), -STEP_DOWN_WEIGHT)]
        return [(model.leader_of(a.target), MOVE_WEIGHT)] if held != wanted else []
    if kind == "concede":
        return [(model.leader_of(a.target), CONCESSION_WEIGHT)]
    if kind == "resist":
        return [(model.leader_of(a.target), -MOVE_WEIGHT)]
    return []


def _relative(magnitude: float, largest: float) -> float:
    """A shift's size as a share of the largest allowed in a quarter, in [-1, 1] units."""
    if largest <= 0:
        return 0.0
    return max(-MOVE_WEIGHT, min(MOVE_WEIGHT, float(magnitude) / largest))


def _status(model: "DiplomacyModel", actor: str, institution: str) -> str | None:
    inst = model.institutions
    if actor not in model.relations.index or institution not in inst.index:
        return None
    return inst.status.get((model.relations.index[actor], inst.index[institution]))
