"""The interface a decision rule implements: :class:`Policy` for other actors, :class:`Strategy` for Kazakhstan.

The model calls these; the rules themselves live in the ``agents`` package
(the layer above), which subclasses them and registers the subclasses in
:mod:`world.registry`.

A policy reads the world (a :class:`~world.state.World`, the model) and returns :class:`~world.moves.Action` objects;
a strategy sees only a :class:`~world.situation.Situation` (what Kazakhstan
knows this quarter), so it can be tested on a hand-built one.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from world.moves import Action
from world.situation import Situation
from world.state import Actor, World

if TYPE_CHECKING:  # pragma: no cover
    import numpy as np


class Policy:
    """Decision rule of a non-focal actor. Subclasses set ``name`` and implement :meth:`decide`.

    ``serves`` says which rows may name it: ``"actor"`` (actors.csv) or ``"institution"``
    (institutions.csv); an institution's rule reads its members, an actor's its own state.
    """

    name: ClassVar[str] = ""
    serves: ClassVar[str] = "actor"
    classifier: ClassVar[dict] = {}

    def decide(self, agent: Actor, model: World) -> list[Action]:
        return []

    def act(self, agent: Actor, model: World) -> list[Action]:
        return self.decide(agent, model)


# The keys of a strategy's ``classifier`` (the one list: the CLI lists and filters by them): the vectors it
# favours, whether it learns, whether it draws at random, whether it leaves institutions, and the passage
# it stands for.
CLASSIFIER_KEYS = ("favours", "learns", "stochastic", "leaves_institutions", "source")


class Strategy:
    """Kazakhstan's foreign-policy strategy. Subclasses set ``name``, ``classifier`` and :meth:`decide`.

    ``classifier`` has the keys :data:`CLASSIFIER_KEYS`. Demands the strategy
    does not answer are resisted.
    """

    name: ClassVar[str] = ""
    classifier: ClassVar[dict] = {}
    # How figures, the page and the command line show it: the one home of a strategy's readable name and colour
    # (a colour-blind-safe Okabe-Ito hue for the built-ins; empty: the figures give it a fallback colour).
    label: ClassVar[str] = ""
    colour: ClassVar[str] = ""

    def decide(self, situation: Situation, rng: "np.random.Generator") -> list[Action]:
        raise NotImplementedError

    @classmethod
    def description(cls) -> str:
        """First line of the class docstring."""
        return (cls.__doc__ or "").strip().splitlines()[0] if cls.__doc__ else ""

    def act(self, agent: Actor, model: World) -> list[Action]:
        situation = model.situation()
        actions = list(self.decide(situation, model.rng))
        answered = {a.target for a in actions if a.kind in ("concede", "resist")}
        for d in situation.demands:
            if d.actor not in answered:
                actions.append(self.act_on_demand(situation, d, concede=False))
                answered.add(d.actor)
        return actions

    @staticmethod
    def act_on_demand(situation: Situation, demand: Action, concede: bool, why: str = "") -> Action:
        """Answer ``demand`` (concede = a capture event; resist = risk retaliation)."""
        kind = "concede" if concede else "resist"
        reason = why or (f"{'yields to' if concede else 'refuses'} {demand.actor}'s demand: {demand.reason}")
        return Action(situation.focal, kind, demand.actor, demand.magnitude, reason, demand.source)
