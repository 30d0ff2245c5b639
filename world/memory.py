"""Kazakhstan's diplomatic memory: the demands it must answer, the ones it refused, the concessions still counted.

The tribute model (Axelrod 1995; MODEL-BRIEF · Mechanisms) needs a memory on
both sides: a demander presses harder on a target that refused it before and
eases off after a concession, and the target answers demands a quarter after
they were made. This object holds that record for the focal state, and
:meth:`DiplomaticMemory.grievance` reads it together with the world (routes,
affinities, memberships) as the tribute model's trigger. The model owns one
(``model.memory``); the appliers of ``demand``, ``concede`` and ``resist``
write to it and the model turns the quarter over.
"""

from __future__ import annotations

import numpy as np

from world.fast import mean
from world.institutions import Institutions
from world.moves import Action
from world.relations import Relations
from world.scenario import GREAT_POWERS

# Concessions are remembered, fading by a fifth a quarter (Axelrod 1995: commitment remembers).
RELIEF_RETAINED = 0.8
# Grievance of a loyal, unprovoked Kazakhstan (assumption: the tribute model's demander presses
# occasionally even when nothing is amiss; range 0-0.5).
BASE_GRIEVANCE = 0.3
LEFT_INSTITUTION_WEIGHT = 0.5  # each institution the actor leads that Kazakhstan left (assumption, 0.25-1)
REFUSAL_WEIGHT = 0.1  # each demand of the actor's that Kazakhstan refused (assumption, 0.05-0.2)
MAX_GRIEVANCE = 2.0
# Kazakhstan's moves toward or away from a power fade by a tenth a quarter: a power remembers about the last
# two to three years of choices (assumption, retained share 0.8-0.95; Axelrod 1995: the tribute model's memory).
STANDING_RETAINED = 0.9
# The rivals whose warmer ties with Kazakhstan a power resents (002 · Conclusion: Russian pressure grows as
# Kazakhstan turns west).
RIVALS = ("EU", "USA", "TUR")
# A power reads Kazakhstan's standing with it against its standing with the other great powers (alignment is
# relative; Signorino & Ritter 1999: similarity of positions, not the sum of ties).
# Goodwill from talk (summits, mediation) fades by a fifth a quarter: a summit eases the deals of the next
# year or so (assumption, retained share 0.6-0.9).
GOODWILL_RETAINED = 0.8


class DiplomaticMemory:
    """Demands pending and open, demands refused and concessions still remembered, per demander."""

    def __init__(self) -> None:
        self.pending_demands: list[Action] = []  # made this quarter: answered next quarter
        self.open_demands: list[Action] = []  # made last quarter: to answer now
        self.resisted: dict[str, int] = {}  # demander (an institution's leader) → demands refused
        self.grievance_relief: dict[str, float] = {}  # demander → remembered concessions (fading)
        self.standing: dict[str, float] = {}  # power → Kazakhstan's recent costly moves toward (+) or away (−), fading
        self.goodwill: dict[str, float] = {}  # partner → recent talk (summits, mediation), fading: eases deals
        self.last_refusal: dict[str, int] = {}  # demander → step of the latest refusal
        self.exited: set[str] = set()  # institutions Kazakhstan left or stepped down in, and has not rejoined
        self.capture_events = 0  # demands Kazakhstan conceded (003 · Conclusions: balancing means avoiding capture)

    def begin_quarter(self) -> None:
        """Turn the quarter over: concessions fade, last quarter's demands fall due."""
        self.grievance_relief = {actor: relief * RELIEF_RETAINED for actor, relief in self.grievance_relief.items()}
        self.standing = {power: units * STANDING_RETAINED for power, units in self.standing.items()}
        self.goodwill = {partner: units * GOODWILL_RETAINED for partner, units in self.goodwill.items()}
        self.open_demands = self.pending_demands
        self.pending_demands = []

    def record_demand(self, demand: Action) -> None:
        self.pending_demands.append(demand)

    def record_concession(self, leader: str, magnitude: float) -> None:
        self.grievance_relief[leader] = self.grievance_relief.get(leader, 0.0) + magnitude

    def record_refusal(self, leader: str, step: int = -1) -> None:
        self.resisted[leader] = self.resisted.get(leader, 0) + 1
        self.last_refusal[leader] = step

    def record_moves(self, signals: list[tuple[str, float]]) -> None:
        """Add the (power, units) signals of one of Kazakhstan's moves (world/alignment.py)."""
        for power, units in signals:
            self.standing[power] = self.standing.get(power, 0.0) + units

    def record_talk(self, partner: str, units: float) -> None:
        """Remember a summit or a mediation with ``partner``: goodwill that eases its next deals, not standing."""
        self.goodwill[partner] = self.goodwill.get(partner, 0.0) + units

    def goodwill_with(self, partner: str) -> float:
        """Recent talk with ``partner`` (fading units; 0 = none)."""
        return self.goodwill.get(partner, 0.0)

    def record_membership(self, institution: str, status: str | None) -> None:
        """Remember an exit (``status`` None or a step down to observer/partner) until Kazakhstan rejoins."""
        if status == "member":
            self.exited.discard(institution)
        else:
            self.exited.add(institution)

    def standing_with(self, power: str) -> float:
        """Kazakhstan's recent costly moves toward ``power`` minus those away from it (fading units; 0 = none)."""
        return self.standing.get(power, 0.0)

    def alignment_with(self, power: str) -> float:
        """Standing with ``power`` less the mean standing with the other balanced powers: alignment is relative.

        A Kazakhstan that moves toward every power alike is aligned with none
        (000 · Kazakhstan's balanced policy strategy: engaging every vector is
        balancing, not loyalty), so a power's carrots and sticks read this,
        not the raw standing. For a power outside ``GREAT_POWERS`` (Turkey,
        Azerbaijan) the comparison is with all of them.
        """
        others = [self.standing.get(p, 0.0) for p in GREAT_POWERS if p != power]
        return self.standing.get(power, 0.0) - (sum(others) / len(others) if others else 0.0)

    def refused_since(self, actor: str, step: int) -> bool:
        """Whether Kazakhstan refused one of ``actor``'s demands at or after ``step``."""
        return actor in self.last_refusal and self.last_refusal[actor] >= step

    def refusals(self, actor: str) -> int:
        """How many of ``actor``'s demands (its institutions' included) Kazakhstan has refused."""
        return self.resisted.get(actor, 0)

    def relief(self, actor: str) -> float:
        return self.grievance_relief.get(actor, 0.0)

    def grievance(
        self, relations: Relations, institutions: Institutions, focal: str, route: np.ndarray, actor: str
    ) -> float:
        """How far Kazakhstan has drifted from ``actor`` (0 loyal … 2 defiant): the tribute model's trigger.

        Export routes avoiding the actor, warmer ties with its rivals than with
        it, institutions it leads that Kazakhstan left, and refused demands
        all raise it; concessions relieve it (Axelrod 1995; 002 · Conclusion).
        """
        r = relations
        f, a = r.index[focal], r.index[actor]
        avoiding = 1.0 - float(route[a])
        rivals = [r.index[c] for c in RIVALS if c in r.index and c != actor]
        warmth = float(mean(r.affinity[f, rivals]) - r.affinity[f, a]) if rivals else 0.0
        left = sum(
            1 for k, leader in enumerate(institutions.leader) if leader == a and institutions.membership[f, k] < 1.0
        )
        value = (
            BASE_GRIEVANCE
            + avoiding
            + warmth
            + LEFT_INSTITUTION_WEIGHT * left
            + REFUSAL_WEIGHT * self.refusals(actor)
            - self.relief(actor)
        )
        return float(min(MAX_GRIEVANCE, max(0.0, value)))
