"""An adaptive strategy that learns which vector pays, by multiplicative weights (Exp3)."""

from __future__ import annotations

import math

from agents.strategies.moves import classify, lean_toward
from world.decisions import Strategy
from world.moves import Action
from world.registry import STRATEGIES
from world.situation import Situation

VECTORS = ("RUS", "CHN", "EU", "TUR")
EXPLORATION = 0.1  # Exp3's gamma: share of choices made uniformly at random
PAYOFF_SCALE = 0.02  # a quarterly payoff of ±2 % counts as full reward ±1 (design choice)
SOURCE = "MODEL-BRIEF · Kazakhstan's strategies (adaptive: learns its vector weights from payoffs)"


@STRATEGIES.register
class Adaptive(Strategy):
    """Learn which vector pays: an Exp3 bandit over Russia, China, the EU and Turkey, rewarded by growth and autonomy.

    Each quarter it draws one vector from its weights with the model's rng,
    leans toward it (exports, routes, a summit: the moves the single-vector
    strategies make) and, the next quarter, credits that vector with what the
    quarter paid: GDP growth plus the change in autonomy, scaled by
    ``PAYOFF_SCALE`` and clipped to [-1, 1]. The update is Exp3's
    importance-weighted multiplicative rule (Auer, Cesa-Bianchi, Freund and
    Schapire 2002), the "adaptive learner" of MODEL-BRIEF · Kazakhstan's
    strategies. Its weights live on the instance: a new model starts afresh.
    """

    name = "adaptive"
    label = "Adaptive learner"
    colour = "#56B4E9"
    classifier = classify(["learned"], SOURCE, learns=True, stochastic=True)

    def __init__(self) -> None:
        self.weights = {v: 1.0 for v in VECTORS}
        self.last_choice: str | None = None
        self.last_probability = 1.0
        self.last_autonomy: float | None = None

    def probabilities(self) -> dict[str, float]:
        """Exp3's choice probabilities: the normalised weights mixed with a uniform share ``EXPLORATION``."""
        total = sum(self.weights.values())
        k = len(self.weights)
        return {v: (1.0 - EXPLORATION) * w / total + EXPLORATION / k for v, w in self.weights.items()}

    def learn(self, s: Situation) -> None:
        """Credit last quarter's vector with the payoff this quarter shows."""
        if self.last_choice is None or self.last_autonomy is None:
            return
        payoff = s.gdp_growth + (s.autonomy - self.last_autonomy)
        reward = max(-1.0, min(1.0, payoff / PAYOFF_SCALE))
        estimate = reward / self.last_probability
        self.weights[self.last_choice] *= math.exp(EXPLORATION * estimate / len(self.weights))
        top = max(self.weights.values())
        self.weights = {v: w / top for v, w in self.weights.items()}  # keep the numbers in range

    def decide(self, situation: Situation, rng) -> list[Action]:
        s = situation
        self.learn(s)
        probabilities = self.probabilities()
        pool = [v for v in VECTORS if v in s.dependence] or list(VECTORS)
        total = sum(probabilities[v] for v in pool)
        choice = pool[int(rng.choice(len(pool), p=[probabilities[v] / total for v in pool]))]
        self.last_choice, self.last_probability, self.last_autonomy = choice, probabilities[choice] / total, s.autonomy
        return lean_toward(s, choice, 1.0, SOURCE)
