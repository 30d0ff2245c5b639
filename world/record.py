"""Kazakhstan's conduct in the record: what the focal state does before its strategy takes over.

History is data. Until the scenario's ``strategy_from`` quarter (by default
``levers_from``, 2025Q1) the focal state's own moves are the record's: its
rows in the events table (the OSCE chair, the 2014 statement, the 2015
mediation, the 2022 partnerships and route contracts) and its membership
changes (the 2010 customs union, the 2015 EAEU) are replayed by the calendar,
the same under every strategy, so a replay tests the world — the powers'
responses, trade, corridors, security — and not which strategy takes the
record's moves (pattern-oriented modelling, Grimm et al. 2005: a pattern that
follows from the calendar validates nothing about behaviour).

What the record holds no row for is the answer to each demand the powers
make in the run. It follows the record's pattern: Kazakhstan refused the
alignment demands the sources name — Russia's joint-currency proposal, to
which Nazarbayev answered by asserting the right to leave the EAEU (000 ·
Kazakhstan's balanced policy strategy) — so :class:`RecordConduct` refuses
every demand, as any strategy does with a demand it leaves unanswered.
"""

from __future__ import annotations

from world.moves import Action
from world.state import Actor, World

SOURCE = "000 · Kazakhstan's balanced policy strategy (the joint-currency proposal refused)"


class RecordConduct:
    """The focal state before its strategy takes over: no move of its own beyond the record's; demands refused."""

    name = "record"

    def act(self, agent: Actor, model: World) -> list[Action]:
        answered: set[str] = set()
        actions = []
        for demand in model.memory.open_demands:
            if demand.actor in answered:
                continue
            answered.add(demand.actor)
            actions.append(
                Action(
                    agent.code,
                    "resist",
                    demand.actor,
                    demand.magnitude,
                    f"refuses {demand.actor}'s demand, as it did in the record: {demand.reason}",
                    SOURCE,
                )
            )
        return actions
