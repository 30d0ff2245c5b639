"""Mesa agents for states and blocs: the model's actors, each delegating its decisions to a policy object.

The decision rules (policies and strategies) are in the ``agents`` package; an
actor here only asks its rule for actions and hands them to the model.
"""

from __future__ import annotations

import mesa

from world.record import RecordConduct

RECORD = RecordConduct()


class StateAgent(mesa.Agent):
    """A state (Kazakhstan, Russia, China, …) whose moves come from its policy or strategy."""

    def __init__(self, model: mesa.Model, code: str, policy) -> None:
        super().__init__(model)
        self.code = code
        self.policy = policy

    def step(self) -> None:
        for action in self.policy.act(self, self.model):
            self.model.apply(action)

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.code}, {self.policy.name})"


class FocalAgent(StateAgent):
    """Kazakhstan: the record's conduct until its strategy takes over (world/record.py), then the strategy's moves."""

    def step(self) -> None:
        model = self.model
        conduct = self.policy if model.strategy_decides else RECORD
        for action in conduct.act(self, model):
            model.apply(action)


class BlocAgent(StateAgent):
    """A bloc acting as one: the EU, or an institution (EAEU, CSTO, SCO, …) with members and rules."""

    @property
    def members(self) -> list[str]:
        """Codes of the bloc's full members (empty for the EU, which the model treats as one actor)."""
        return self.model.members_of(self.code)
