"""Economic statecraft: how much of a power's money reaches Kazakhstan, given what Kazakhstan chose.

Positive sanctions — investment, loans, corridor money — flow to a partner
that moves toward the investor and are withheld from one that turns away
(Baldwin 1985, Economic Statecraft: the carrot withdrawn is itself a stick;
Hirschman 1945: a power grants trade and capital to draw a small state's
alignment). Money is forgone outright for a while after Kazakhstan refuses
the investor's demand or leaves an institution it leads, and for as long as
Kazakhstan stays out; otherwise the flow scales with Kazakhstan's alignment
with the investor: its recent costly moves toward it minus those away,
relative to the other powers (world/alignment.py, world/memory.py). Talk
moves no money: a summit eases a deal, it does not create one.
"""

from __future__ import annotations

from world.state import World

CLIMATE_FLOOR = 0.25  # a partner drifting away still gets a quarter: projects under way go on (assumption, 0-0.5)
CLIMATE_CEILING = 1.5  # a loyal partner gets at most half as much again (assumption, 1.2-2)
FORGONE_QUARTERS = 4  # after a refused demand the investor holds back for a year (assumption, 2-8)
FORGONE = 0.0


def investment_climate(model: World, investor: str) -> float:
    """Share of ``investor``'s baseline flow that reaches Kazakhstan this quarter (0 … ``CLIMATE_CEILING``)."""
    memory = model.memory
    if memory.refused_since(investor, model.steps - FORGONE_QUARTERS):
        return FORGONE
    if left_institution_of(model, investor):
        return FORGONE
    # climate_per_unit (parameters.csv): the share of the baseline flow a unit of alignment adds.
    factor = 1.0 + model.params["climate_per_unit"] * memory.alignment_with(investor)
    return min(CLIMATE_CEILING, max(CLIMATE_FLOOR, factor))


def left_institution_of(model: World, power: str) -> bool:
    """Whether Kazakhstan has left (or stepped down in) an institution ``power`` leads and not come back."""
    return any(model.leader_of(code) == power for code in model.memory.exited)
