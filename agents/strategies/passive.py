"""The null model: a Kazakhstan that takes no actions at all."""

from __future__ import annotations

from agents.strategies.moves import classify
from world.decisions import Strategy
from world.moves import Action
from world.registry import STRATEGIES
from world.situation import Situation

# Pattern-oriented modelling (Grimm et al. 2005): a replay or a property that a
# do-nothing Kazakhstan also passes says nothing about Kazakhstan's behaviour.
SOURCE = "Grimm et al. 2005 · pattern-oriented modelling (null model)"


@STRATEGIES.register
class Passive(Strategy):
    """Do nothing: no trade or route shifts, no summits, no institution moves, no answer to demands.

    Not a foreign policy anyone pursued: the baseline that tells which facts
    and outcomes come from Kazakhstan's choices and which from the scheduled
    events and starting data alone. Unanswered demands count as refused, as
    for any strategy that does not concede (Grimm et al. 2005 · pattern-oriented
    modelling).
    """

    name = "passive"
    label = "Do nothing (null model)"
    colour = "#7f7f7f"
    classifier = classify([], SOURCE)

    def decide(self, situation: Situation, rng) -> list[Action]:
        return []
