"""Why did autonomy and welfare change this quarter? Their change split into channels and partners.

The split reads the model's recorded series (``model.recorder``), never
the live state, so it explains exactly the numbers the timeseries holds:

- autonomy = 1 − the largest combined dependence (world/metrics.py), and
  combined dependence is the weighted sum of four recorded channels per
  partner (trade share, export-route share, security reliance, investment
  share; weights ``weight_*`` in parameters.csv). A quarter's change in
  autonomy is therefore minus the weighted change of each channel of the
  partner Kazakhstan depends on most, plus, when that partner changed, the
  step from the old leader's level to the new one's ("the largest
  dependence moved from … to …").
- welfare is measured here by GDP, recorded as the core economy plus export
  revenue plus transit fees; export revenue is split by buyer with the
  recorded export shares (they sum to 1 with the rest of the world).

Each explanation carries its ``remainder``: the recorded change minus the
sum of the parts. It is zero up to rounding while the measures are defined
as above; a test checks that on every quarter of a run, so redefining a
measure without updating this split fails loudly instead of explaining
wrongly.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from world.scenario import REST_OF_WORLD
from world.state import World

# Channel of combined dependence → (recorded column block, weight parameter, words before the partner).
AUTONOMY_CHANNELS = {
    "trade": ("trade_share", "weight_trade", "trade with"),
    "routes": ("route_dependence", "weight_route", "export routes through"),
    "security": ("security_reliance", "weight_security", "security ties with"),
    "investment": ("investment_share", "weight_investment", "investment from"),
}
SWITCH = "switch"  # the channel name of "the largest dependence moved to another partner"


@dataclass(frozen=True)
class Contribution:
    """One part of a measure's change this quarter: a channel, the partner it runs through, and how much."""

    measure: str  # "autonomy" or "welfare"
    channel: str  # a key of AUTONOMY_CHANNELS, SWITCH, or "exports" / "transit" / "domestic" for welfare
    partner: str  # actor code, REST_OF_WORLD, or "" when the channel has no partner
    change: float  # in the measure's units (autonomy 0 … 1, welfare $bn)
    words: str  # the channel in words, e.g. "export routes through RUS"


@dataclass(frozen=True)
class Explanation:
    """A measure's change from the previous quarter to this one, and its parts, largest first."""

    measure: str
    before: float
    after: float
    parts: tuple[Contribution, ...]

    @property
    def change(self) -> float:
        return self.after - self.before

    @property
    def remainder(self) -> float:
        """What the parts leave unexplained (zero up to rounding while the measure is defined as above)."""
        return self.change - sum(part.change for part in self.parts)


def _row(model: World, step: int) -> np.ndarray:
    return model.recorder.data[step]


def _partners(model: World) -> list[str]:
    return model.layout.partners


def _weight(model: World, name: str) -> float:
    """A channel's weight relative to the four (combined dependence divides by their sum; the defaults sum to 1)."""
    return model.params[name] / sum(model.params[weight] for _, weight, _ in AUTONOMY_CHANNELS.values())


def _combined(model: World, row: np.ndarray, partner: str) -> float:
    index = model.layout.index
    return sum(
        _weight(model, weight) * row[index[f"{block}.{partner}"]] for block, weight, _ in AUTONOMY_CHANNELS.values()
    )


def explain_autonomy(model: World, step: int) -> Explanation:
    """Autonomy's change from ``step - 1`` to ``step``, split for the partner it is measured against.

    With leverage recorded per partner (``leverage.<P>``, autonomy = 1 − the
    largest leverage) the split is what that partner could still cost
    (``vulnerability.<P>``) and what it already imposes (the rest of its
    leverage); with combined dependence (autonomy = 1 − the largest), it is
    the four weighted channels.
    """
    if model.has_series(f"leverage.{_partners(model)[0]}"):
        return _explain_by_leverage(model, step)
    return _explain_by_dependence(model, step)


def _leader(model: World, row: np.ndarray, block: str) -> str:
    index = model.layout.index
    return max(_partners(model), key=lambda p: row[index[f"{block}.{p}"]])


def _explain_by_dependence(model: World, step: int) -> Explanation:
    index = model.layout.index
    before, after = _row(model, step - 1), _row(model, step)
    lead_before, lead = _leader(model, before, "dependence"), _leader(model, after, "dependence")
    parts = []
    for channel, (block, weight, words) in AUTONOMY_CHANNELS.items():
        column = index[f"{block}.{lead}"]
        change = -_weight(model, weight) * (after[column] - before[column])
        parts.append(Contribution("autonomy", channel, lead, float(change), f"{words} {lead}"))
    if lead != lead_before:
        gap = _combined(model, before, lead) - _combined(model, before, lead_before)
        parts.append(
            Contribution(
                "autonomy", SWITCH, lead, float(-gap), f"the largest dependence moving from {lead_before} to {lead}"
            )
        )
    parts.sort(key=lambda part: -abs(part.change))
    return Explanation("autonomy", float(before[index["autonomy"]]), float(after[index["autonomy"]]), tuple(parts))


def _explain_by_leverage(model: World, step: int) -> Explanation:
    index = model.layout.index
    before, after = _row(model, step - 1), _row(model, step)
    lead_before, lead = _leader(model, before, "leverage"), _leader(model, after, "leverage")

    def part(row: np.ndarray, name: str, partner: str) -> float:
        leverage, vulnerability = row[index[f"leverage.{partner}"]], row[index[f"vulnerability.{partner}"]]
        return vulnerability if name == "vulnerability" else leverage - vulnerability

    parts = [
        Contribution(
            "autonomy",
            "vulnerability",
            lead,
            float(-(part(after, "vulnerability", lead) - part(before, "vulnerability", lead))),
            f"what {lead} could still cost Kazakhstan by cutting ties (vulnerability)",
        ),
        Contribution(
            "autonomy",
            "imposed",
            lead,
            float(-(part(after, "imposed", lead) - part(before, "imposed", lead))),
            f"what {lead} already imposes (bans, disruptions, pressure)",
        ),
    ]
    if lead != lead_before:
        gap = before[index[f"leverage.{lead}"]] - before[index[f"leverage.{lead_before}"]]
        parts.append(
            Contribution(
                "autonomy", SWITCH, lead, float(-gap), f"the largest leverage moving from {lead_before} to {lead}"
            )
        )
    parts.sort(key=lambda p: -abs(p.change))
    return Explanation("autonomy", float(before[index["autonomy"]]), float(after[index["autonomy"]]), tuple(parts))


def channel_moves(model: World, step: int, partner: str) -> list[tuple[str, float]]:
    """How each dependence channel with ``partner`` moved this quarter (words, change in share), largest first.

    Context for a leverage-based split, which is recorded per partner, not per channel.
    """
    index = model.layout.index
    before, after = _row(model, step - 1), _row(model, step)
    moves = [
        (f"{words} {partner}", float(after[index[f"{block}.{partner}"]] - before[index[f"{block}.{partner}"]]))
        for block, _, words in AUTONOMY_CHANNELS.values()
    ]
    return sorted(moves, key=lambda move: -abs(move[1]))


def explain_welfare(model: World, step: int) -> Explanation:
    """Welfare's change from ``step - 1`` to ``step``: export revenue by buyer, transit fees, the rest of the
    economy and, where welfare is recorded apart from GDP, the costs between them (welfare = GDP − costs)."""
    index = model.layout.index
    before, after = _row(model, step - 1), _row(model, step)
    parts = []
    for partner in [*_partners(model), REST_OF_WORLD]:
        column = index[f"export_share.{partner}"]
        change = after[index["export_revenue"]] * after[column] - before[index["export_revenue"]] * before[column]
        parts.append(Contribution("welfare", "exports", partner, float(change), f"exports to {partner}"))
    transit = after[index["transit_revenue"]] - before[index["transit_revenue"]]
    parts.append(Contribution("welfare", "transit", "", float(transit), "transit fees"))

    def domestic(row: np.ndarray) -> float:
        return row[index["gdp"]] - row[index["export_revenue"]] - row[index["transit_revenue"]]

    parts.append(
        Contribution(
            "welfare", "domestic", "", float(domestic(after) - domestic(before)), "growth of the rest of the economy"
        )
    )
    measure = "welfare" if "welfare" in index else "gdp"
    if measure == "welfare":

        def costs(row: np.ndarray) -> float:
            return row[index["gdp"]] - row[index["welfare"]]

        parts.append(
            Contribution(
                "welfare",
                "costs",
                "",
                float(-(costs(after) - costs(before))),
                "costs (oil freight and risk, tariffs, trade restrictions, security premium)",
            )
        )
    parts.sort(key=lambda part: -abs(part.change))
    return Explanation("welfare", float(before[index[measure]]), float(after[index[measure]]), tuple(parts))


def explain_quarter(model: World, step: int | None = None) -> tuple[Explanation, Explanation] | None:
    """Autonomy's and welfare's explanations for ``step`` (default: the last recorded); None at the start."""
    step = model.recorder.rows - 1 if step is None else step
    if step < 1 or step >= model.recorder.rows:
        return None
    return explain_autonomy(model, step), explain_welfare(model, step)


def related_events(model: World, step: int, parts: list[Contribution]) -> list:
    """This quarter's logged events behind ``parts``: by or aimed at their partners, or at a corridor the
    partners transit or control; when export routes are among the parts, also Kazakhstan's own routing moves.

    Scheduled events (the scenario's history) first, then the agents' decisions, each in logged order.
    """
    cor = model.corridors
    actor_index = model.relations.index
    partners = {p.partner for p in parts if p.partner in actor_index}
    touched = set(partners)
    for c, name in enumerate(cor.names):
        if any(cor.controllers[c, actor_index[p]] > 0 for p in partners):
            touched.add(name)
    routing = any(p.channel == "routes" for p in parts)
    events = [
        r
        for r in model.log.records
        if r.step == step
        and (
            r.actor in touched or r.target in touched or (routing and r.actor == model.focal and r.target in cor.index)
        )
    ]
    return sorted(events, key=lambda r: r.origin != "scheduled")
