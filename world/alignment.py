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

Talk is not alignment. A summit, a mediation or a statement that Kazakhstan
stays in an institution sends no signal: it costs nothing, so it cannot buy
what a costly move buys (a summit may ease a deal: world/memory.py keeps it
as goodwill, which lowers the cost of the next deal with that partner). A
costly move counts its size relative to a reference move, at most one unit:
a trade shift relative to the largest shift allowed in a quarter
(``adjustment_speed``), a route contract relative to ``CONTRACT_UNIT_MT``, a
defence purchase or an investment incentive relative to ``SPENDING_UNIT_BN``;
an agreement, a partnership or an exercise counts one unit (assumption: so a
token shift is a token signal). Leaving an institution counts ``EXIT_WEIGHT``
units and conceding ``CONCESSION_WEIGHT``: the exits are the rare, public
ruptures the sources single out (000 · Kazakhstan's balanced policy strategy:
the 2014 right-to-leave statement; calibration.md · Memberships: Uzbekistan's
CSTO exit). Whether a power reads the balance as loyalty is relative to the
other powers (:meth:`world.memory.DiplomaticMemory.alignment_with`).
"""

from __future__ import annotations

from world.moves import Action
from world.state import World

MOVE_WEIGHT = 1.0
EXIT_WEIGHT = 3.0  # assumption, range 2-5: a public rupture outweighs a quarter's trade shift
STEP_DOWN_WEIGHT = 1.5  # stepping down from member to observer: half an exit (assumption, range 1-3)
CONCESSION_WEIGHT = 2.0  # assumption, range 1-3: yielding is the loudest signal of alignment short of joining
# A route contract of this many Mt/yr is one unit (assumption, 0.5-3: about the 2023 trans-Caspian contracts).
CONTRACT_UNIT_MT = 1.0
# Spending of this many $bn (a defence purchase, an investment incentive) is one unit (assumption, 0.05-0.3:
# about a year of Kazakhstan's arms imports, SIPRI).
SPENDING_UNIT_BN = 0.1

# Closing this share of the re-export channel counts as one unit away from Russia (assumption, 0.1-0.5).
POLICING_UNIT = 0.2
# Talk: goodwill (world/memory.py), never standing; a summit or a mediation is one unit of goodwill.
TALK_UNIT = 1.0
TALK = frozenset({"summit", "mediation", "stay"})
# Deals that bring Kazakhstan closer to the target (an institution stands for its leader): one unit each.
TOWARD_TARGET = frozenset({"trade_agreement", "partnership", "exercise", "arms_deal"})
# Spending toward the target, in units of SPENDING_UNIT_BN.
SPENDING = frozenset({"defence_purchase", "court_investment"})


def alignment_signals(model: World, a: Action) -> list[tuple[str, float]]:
    """The (power, units) signals Kazakhstan's move ``a`` sends, read before it is applied."""
    kind = a.kind
    if kind in TALK:
        return []
    if kind in TOWARD_TARGET:
        return [(model.leader_of(a.target), MOVE_WEIGHT)]
    if kind in SPENDING:
        return [(model.leader_of(a.target), _relative(a.magnitude, SPENDING_UNIT_BN))]
    if kind == "route_contract" and a.target in model.corridors.index:
        units = _relative(a.magnitude, CONTRACT_UNIT_MT)
        controllers = model.corridors.controllers[model.corridors.index[a.target]]
        return [(model.relations.codes[j], units) for j, on in enumerate(controllers) if on and j != _focal(model)]
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
    if kind == "police_reexports":  # checking what is sold on to Russia is a step away from it
        return [(a.target, -_relative(a.magnitude, POLICING_UNIT))]
    return []


def talk_partners(model: World, a: Action) -> list[str]:
    """Whom a summit or a mediation by Kazakhstan gives goodwill with (an institution stands for its members)."""
    if a.kind == "mediation":
        return [code for code in (a.target, a.partner) if code]
    if a.kind == "summit":
        if a.target in model.institutions.index:
            return [code for code in model.members_of(a.target) if code != model.focal]
        return [a.target]
    return []


def _focal(model: World) -> int:
    return model.relations.index[model.focal]


def _relative(magnitude: float, largest: float) -> float:
    """A shift's size as a share of the largest allowed in a quarter, in [-1, 1] units."""
    if largest <= 0:
        return 0.0
    return max(-MOVE_WEIGHT, min(MOVE_WEIGHT, float(magnitude) / largest))


def _status(model: World, actor: str, institution: str) -> str | None:
    inst = model.institutions
    if actor not in model.relations.index or institution not in inst.index:
        return None
    return inst.status.get((model.relations.index[actor], inst.index[institution]))
