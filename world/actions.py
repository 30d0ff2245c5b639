"""Actions agents take, and the one function per action type that applies it to the world.

Policies and strategies return :class:`Action` objects; the model applies
them here and logs each one as an event. The five families follow
MODEL-BRIEF · Actions: trade, investment, security, pressure, diplomacy.
"""

from __future__ import annotations

from typing import Callable

import numpy as np

from world.contracts import RouteContract
from world.fast import clamp
from world.moves import Action
from world.state import World

MAX_RESTRICTION = 0.9
SMALL_WORLD = 64  # actors: up to here whole-matrix array ops are cheaper than fancy indexing
PREFERENCE_BOUND = 1.5
# Output lost per unit of secondary sanctions: dollar clearing and correspondent banks withdrawn
# (assumption, range 0.005-0.03 of GDP at magnitude 1).
SECONDARY_FINANCE_COST = 0.01


# An applier changes the world; it returns the magnitude it carried out when that can fall short of the
# action's (None: all of it).
Applier = Callable[[World, Action], "float | None"]
ACTION_TYPES: dict[str, tuple[str, Applier]] = {}


def action_type(category: str):
    """Register an applier under the function's name, in one of the five families."""

    def register(func: Applier) -> Applier:
        ACTION_TYPES[func.__name__] = (category, func)
        return func

    return register


# Kinds whose appliers change nothing :func:`world.metrics.dependence` reads (trade, restrictions, corridor
# volumes, memberships, security ties, investment): the model keeps its cached dependence after them.
# Any kind not listed invalidates the cache (the safe default); tests/test_dependence_cache.py checks the list.
DEPENDENCE_NEUTRAL = frozenset(
    {
        "shift_exports",
        "police_reexports",
        "shift_route",
        "stay",
        "transit_disruption",
        "information_pressure",
        "conditionality",
        "demand",
        "concede",
        "resist",
        "mediation",
        "summit",
        "route_contract",
    }
)


# --- trade -------------------------------------------------------------------


@action_type("trade")
def shift_exports(model: World, a: Action) -> float:
    """Sell ``magnitude`` of Kazakhstan's exports to ``partner`` instead of ``target`` (or every buyer, ``*``).

    Diversification is built, not declared (002 · Looking West: exports
    follow the routes and partners a state builds; economics wins over time):
    - at most ``adjustment_speed`` of exports a quarter;
    - against the destination's demand: a buyer takes on at most
      ``market_redirect`` of what it already buys from Kazakhstan within a
      year (the adjustment the vulnerability measure allows: world/leverage.py),
      shifts already under way counted;
    - with time to build: the sales move ``export_build_quarters`` later;
    - at a price: ``switching_cost`` of a year's value of the sales moved, paid
      now (sunk costs of entering export markets: Roberts & Tybout 1997; Das,
      Roberts & Tybout 2007), less the goodwill of recent summits with the
      buyer (:func:`deal_discount`).
    Only the focal state's export destinations are modelled; another actor's shift changes nothing.
    Returns the share of exports it set moving.
    """
    if a.actor != model.focal or a.partner not in model.relations.index_with_row:
        return 0.0
    economy, p = model.economy, model.params
    weights = economy.export_weights
    to = model.relations.index_with_row[a.partner]
    headroom = p["market_redirect"] * float(weights[to]) - economy.pending_to(to)
    amount = min(abs(float(a.magnitude)), p["adjustment_speed"], max(headroom, 0.0))
    if a.target != "*":
        amount = min(amount, float(weights[model.relations.index_with_row[a.target]]))
    if amount <= 0.0:
        return 0.0
    source = -1 if a.target == "*" else model.relations.index_with_row[a.target]
    economy.queue_shift(model.steps + int(p["export_build_quarters"]), source, to, amount)
    value = amount * economy.total_exports
    economy.charge(p["switching_cost"] * value * (1.0 - deal_discount(model, a.partner)))
    return amount


@action_type("trade")
def shift_route(model: World, a: Action) -> None:
    """Raise (or lower) Kazakhstan's preference for a corridor, bounded per quarter.

    002 · In the Wake of the War: the 2022 instruction to prioritise the
    trans-Caspian route.
    """
    c = model.corridors.index[a.target]
    speed = model.params["route_preference_speed"]
    step = clamp(float(a.magnitude), -speed, speed)
    model.corridors.preference[c] = clamp(
        float(model.corridors.preference[c]) + step, -PREFERENCE_BOUND, PREFERENCE_BOUND
    )


@action_type("trade")
def route_priority(model: World, a: Action) -> None:
    """A state instruction to prioritise a corridor: the preference jumps by ``magnitude`` at once.

    002 · In the Wake of the War: in July 2022 Tokayev instructed KazMunayGas
    to prioritise the trans-Caspian route. Unlike :func:`shift_route` it is not
    bounded per quarter (an order, not a drift), only by ``PREFERENCE_BOUND``.
    """
    c = model.corridors.index[a.target]
    model.corridors.preference[c] = clamp(
        float(model.corridors.preference[c]) + float(a.magnitude), -PREFERENCE_BOUND, PREFERENCE_BOUND
    )


@action_type("trade")
def route_contract(model: World, a: Action) -> None:
    """Sign a route contract: ``magnitude`` Mt a year on corridor ``target`` for ``duration`` quarters.

    The contract carries from the corridor's ``contract_lag_q`` quarters after signing, whatever the spot
    route choice says, up to the corridor's capacity, and pays the corridor's ``contract_fee_usd_t`` on its
    whole volume, take-or-pay (world/contracts.py). A zero ``duration`` takes the parameter
    ``route_contract_quarters``. 002 · In the Wake of the War: the KazMunayGas-SOCAR agreement to ship 1.5 Mt
    a year of Tengiz crude via Aktau, Baku and the BTC pipeline, signed after the July 2022 instruction.
    """
    cor = model.corridors
    c = cor.index[a.target]
    step = model.steps
    start = step + cor.contract_lag[c]
    quarters = a.duration if a.duration > 0 else int(model.params["route_contract_quarters"])
    model.contracts.sign(
        RouteContract(
            c,
            max(float(a.magnitude), 0.0),
            step,
            start,
            start + quarters,
            float(cor.contract_fee[c]),
            a.actor,
            a.partner,
            a.reason,
            a.source,
        ),
        step,
    )


@action_type("trade")
def police_reexports(model: World, a: Action) -> None:
    """Kazakhstan checks what it sells on to Russia: ``magnitude`` more of the re-export channel closes.

    The price is the margin it forgoes (world/reexports.py) and Russia's displeasure (a step away from it:
    world/alignment.py). In the record: the 2023 tracking of goods bound for Russia and the ban on
    re-exporting 106 dual-use goods (press reports of the trade ministry, 2023).
    """
    model.reexports.police(a.magnitude)


@action_type("trade")
def tariff(model: World, a: Action) -> None:
    """The actor restricts imports from ``target`` (003 · Eurasian Economic Community: external tariff)."""
    _restrict(model, a.target, a.actor, a.magnitude)


@action_type("trade")
def trade_agreement(model: World, a: Action) -> None:
    """Both sides lower barriers: potential trade and mutual affinity rise (000 · Integration efforts)."""
    r = model.relations
    i, j = r.index_with_row[a.actor], r.index_with_row[a.target]
    r.trade[i, j] *= 1.0 + a.magnitude
    r.trade[j, i] *= 1.0 + a.magnitude
    _raise_affinity(model, a.actor, a.target, a.magnitude)


# --- investment ----------------------------------------------------------------


@action_type("investment")
def fdi(model: World, a: Action) -> None:
    """Foreign direct investment ($bn) into ``target``'s economy (calibration.md · FDI stock)."""
    r = model.relations
    investor = r.index_with_row[a.actor]
    r.investment[investor, r.index_with_row[a.target]] += a.magnitude
    if a.target == model.focal:
        model.economy.add_fdi(investor, a.magnitude, model.steps)  # output and income: world/economy.py


@action_type("investment")
def court_investment(model: World, a: Action) -> float:
    """Kazakhstan offers ``target`` investment incentives worth ``magnitude`` $bn (tax holidays, production-
    sharing terms, special zones): the investor brings ``fdi_per_incentive`` times as much FDI, into energy and
    industry or, when ``partner`` names a corridor, into that corridor.

    Investment hedging — whose money, in which sector — has a fiscal price:
    the incentive is paid (forgone revenue), less the goodwill of recent
    summits with the investor; much incentivised investment would have come
    anyway, so a dollar of incentives buys a few dollars of FDI at most
    (IMF, OECD, UN & World Bank 2015, *Options for Low Income Countries'
    Effective and Efficient Use of Tax Incentives for Investment*).
    """
    if a.actor != model.focal or a.target not in model.relations.index or a.target == model.focal:
        return 0.0
    p = model.params
    money = float(a.magnitude) * p["fdi_per_incentive"]
    model.economy.charge(float(a.magnitude) * (1.0 - deal_discount(model, a.target)))
    if a.partner in model.corridors.index:
        corridor_investment(model, Action(a.target, "corridor_investment", a.partner, money, a.reason, a.source))
    else:
        fdi(model, Action(a.target, "fdi", model.focal, money, a.reason, a.source))
    return float(a.magnitude)


@action_type("investment")
def energy_discount(model: World, a: Action) -> None:
    """Fuel sold below the market price: the target's output gains ``magnitude`` $bn/yr (a reward for loyalty).

    Axelrod 1995 (tribute model: compliance rewarded); Baldwin 1985 (positive sanctions).
    """
    if a.target == model.focal:
        model.economy.core_gdp += a.magnitude


@action_type("investment")
def corridor_investment(model: World, a: Action) -> None:
    """Money (€bn) into a corridor: capacity and reliability up, transit time down after ``investment_lag``.

    002 · In the Wake of the War (EU Global Gateway, roadmaps to 2027);
    calibration.md · Corridors (capacity per €bn, 53 → 23 days).
    """
    c = model.corridors.index[a.target]
    p = model.params
    # The floor counts the cuts already queued: each quarter's money would otherwise be measured against
    # today's transit time while earlier cuts are still in the pipeline, and the time would fall through the floor.
    days_cut = min(
        a.magnitude * p["days_per_bn"], max(0.0, model.corridors.days_after_pending(c) - p["min_transit_days"])
    )
    model.corridors.schedule_upgrade(
        model.steps + int(p["investment_lag"]),
        c,
        a.magnitude * p["capacity_per_bn"],
        -days_cut,
        a.magnitude * p["reliability_per_bn"],
    )
    model.corridors.invested_bn[c] += a.magnitude
    if model.focal in model.corridors.paths[c] and a.actor in model.relations.index_with_row:
        r = model.relations
        r.investment[r.index_with_row[a.actor], r.index[model.focal]] += 0.5 * a.magnitude


# --- security ------------------------------------------------------------------


@action_type("security")
def join(model: World, a: Action) -> None:
    """Become a member of an institution (calibration.md · Memberships); the focal state's step down is remembered."""
    inst, actor, k = model.institutions, model.relations.index[a.actor], model.institutions.index[a.target]
    status = a.partner or "member"
    if a.actor == model.focal and (status == "member" or inst.is_member(actor, k)):
        model.memory.record_membership(a.target, status)
    inst.set(actor, k, status)


@action_type("security")
def leave(model: World, a: Action) -> None:
    """Leave an institution (Uzbekistan left the CSTO in 2012: calibration.md · Memberships)."""
    if a.actor == model.focal:
        model.memory.record_membership(a.target, None)
    model.institutions.set(model.relations.index[a.actor], model.institutions.index[a.target], None)


@action_type("security")
def stay(model: World, a: Action) -> None:
    """Stay in an institution under strain: changes nothing, but the decision is logged.

    000 · Kazakhstan's balanced policy strategy: in 2014 Nazarbayev asserted
    the right to leave the EAEU and stayed.
    """


@action_type("security")
def exercise(model: World, a: Action) -> None:
    """A joint exercise strengthens the bilateral security tie (003 · Kazakhstan and Russia; 000 · PfP).

    Kazakhstan pays for its own exercises (:func:`_raise_security`)."""
    _raise_security(model, a.actor, a.target, a.magnitude, payer=a.actor)


@action_type("security")
def arms_deal(model: World, a: Action) -> None:
    """Arms sale or co-production: security tie and affinity rise (002 · Changing Balance of Power: Anka drones).

    The buyer — the target of a sale, or Kazakhstan when it signs — pays for the tie (:func:`_raise_security`)."""
    _raise_security(model, a.actor, a.target, a.magnitude, payer=model.focal)
    _raise_affinity(model, a.actor, a.target, 0.5 * a.magnitude)


@action_type("security")
def defence_purchase(model: World, a: Action) -> float:
    """Kazakhstan spends ``magnitude`` $bn on arms, co-production and training from ``target``: a bilateral tie.

    Security hedging through bilateral ties (002 · Changing Balance of Power:
    the Anka drones and intelligence sharing with Turkey; 000 · Kazakhstan's
    balanced policy strategy: ties with the US and China beside the CSTO). The
    tie bought is ``magnitude`` / ``security_cost_per_tie`` and counts in
    security exposure at ``bilateral_reliability`` (world/security.py); goodwill
    from recent summits with the seller lowers the price (:func:`deal_discount`).
    """
    if a.actor != model.focal or a.target not in model.relations.index or a.target == model.focal:
        return 0.0
    discount = deal_discount(model, a.target)
    tie = float(a.magnitude) / model.params["security_cost_per_tie"]  # the table's range keeps it above 0
    _raise_security(model, a.actor, a.target, tie)
    model.economy.charge(float(a.magnitude) * (1.0 - discount))
    return float(a.magnitude)


# --- pressure ------------------------------------------------------------------


@action_type("pressure")
def transit_disruption(model: World, a: Action) -> None:
    """Cut a share of a corridor's capacity for ``duration`` quarters; shippers remember.

    002 · In the Wake of the War: CPC disrupted four times in 2022.
    """
    cor = model.corridors
    c = cor.index[a.target]
    cor.disruption[c] = max(cor.disruption[c], float(np.clip(a.magnitude, 0.0, 1.0)))
    cor.disrupted_until[c] = max(cor.disrupted_until[c], model.steps + max(a.duration, 1) - 1)
    cor.reliability[c] = max(0.0, cor.reliability[c] - 0.05 * a.magnitude)
    if a.actor in model.relations.index and model.focal in model.relations.index:
        _add_pressure(model, a.actor, model.focal, a.magnitude * model.route_share_of(c))


@action_type("pressure")
def trade_restriction(model: World, a: Action) -> None:
    """The actor bans or slows imports from ``target``; lifts over time (calibration.md · Events)."""
    r = model.relations
    i, j = r.index_with_row[a.target], r.index_with_row[a.actor]
    bans = r.pressure_restriction
    bans[i, j] = min(MAX_RESTRICTION, bans[i, j] + a.magnitude)
    _add_pressure(model, a.actor, a.target, a.magnitude)


@action_type("pressure")
def sanctions(model: World, a: Action) -> None:
    """Sanctions cut trade both ways and the target's growth (calibration.md · Events 2014, 2022)."""
    _restrict(model, a.target, a.actor, a.magnitude)
    _restrict(model, a.actor, a.target, a.magnitude)
    model.relations.growth_shift[model.relations.index[a.target]] -= 0.04 * a.magnitude
    _add_pressure(model, a.actor, a.target, a.magnitude)


@action_type("pressure")
def secondary_sanctions(model: World, a: Action) -> None:
    """Designate the target's banks and traders for dealing with a sanctioned state (Early 2015).

    Trade between the target and the sender is held up both ways by
    ``magnitude`` (lifting as bans do), and Kazakhstan's welfare loses
    ``SECONDARY_FINANCE_COST`` × magnitude of GDP a year for the finance it can no longer clear in dollars,
    lifting as the designation does (world/economy.py).
    """
    r = model.relations
    bans = r.pressure_restriction
    i, j = r.index_with_row[a.target], r.index_with_row[a.actor]
    for x, y in ((i, j), (j, i)):
        bans[x, y] = min(MAX_RESTRICTION, bans[x, y] + a.magnitude)
    if a.target == model.focal:
        model.economy.designation_cost += SECONDARY_FINANCE_COST * a.magnitude * model.economy.gdp
        model.reexports.police(a.magnitude)  # the designated traders stop selling on
    _add_pressure(model, a.actor, a.target, a.magnitude)


@action_type("pressure")
def reexport_controls(model: World, a: Action) -> None:
    """A sender polices re-exports through the target: ``magnitude`` of the channel closes, the target is pressed.

    The EU's anti-circumvention tool (its eleventh sanctions package, June 2023) and the checks behind it;
    Early 2015: third countries that trade with a sanctioned state draw the sender's enforcement.
    """
    if a.target == model.focal:
        model.reexports.police(a.magnitude)
    _add_pressure(model, a.actor, a.target, a.magnitude)


@action_type("pressure")
def suspend_cooperation(model: World, a: Action) -> None:
    """Withdraw a programme (exercises, arms co-production): the security tie and affinity fall.

    Baldwin 1985: withdrawing a positive sanction is a negative one; Leeds
    2003: allies honour commitments less when their interests drift apart.
    """
    r = model.relations
    i, j = r.index[a.actor], r.index[a.target]
    for x, y in ((i, j), (j, i)):
        r.security[x, y] = max(0.0, r.security[x, y] - a.magnitude)
        r.affinity[x, y] = clamp(float(r.affinity[x, y]) - a.magnitude, -1.0, 1.0)
    _add_pressure(model, a.actor, a.target, a.magnitude)


@action_type("pressure")
def information_pressure(model: World, a: Action) -> None:
    """Media and identity pressure on the target (003 · Kazakhstan and Russia: northern provinces).

    Raises pressure received and costs a little output (uncertainty); the
    public's backlash lowers affinity toward the actor.
    """
    _add_pressure(model, a.actor, a.target, a.magnitude)
    r = model.relations
    i, j = r.index[a.target], r.index[a.actor]
    r.affinity[i, j] = max(-1.0, r.affinity[i, j] - 0.05 * a.magnitude)
    if a.target == model.focal:
        model.economy.core_gdp *= 1.0 - 0.002 * a.magnitude


@action_type("pressure")
def conditionality(model: World, a: Action) -> None:
    """Money tied to governance reform: withheld share of the actor's FDI.

    003 · Reform to the PCA recommends it and notes it was absent in practice; the EU applies it only from
    ``levers_from`` (agents/policies/great_powers.py: EuropeanUnion).
    """
    model.relations.conditionality[a.actor] = clamp(float(a.magnitude), 0.0, 1.0)
    _add_pressure(model, a.actor, a.target, 0.2 * a.magnitude)


@action_type("pressure")
def demand(model: World, a: Action) -> None:
    """Demand alignment, with retaliation implied if refused (Axelrod 1995 tribute model; MODEL-BRIEF)."""
    model.memory.record_demand(a)
    _add_pressure(model, a.actor, a.target, 0.5 * a.magnitude)


# --- diplomacy -----------------------------------------------------------------


@action_type("diplomacy")
def concede(model: World, a: Action) -> None:
    """Yield to a demand: a capture event; exports, routes and affinity move toward the demander.

    003 · Conclusions: the measure of balancing is avoiding capture by any
    one power, so each concession is counted.
    """
    model.memory.capture_events += 1
    leader = model.leader_of(a.target)
    r = model.relations
    w = model.economy.export_weights
    j = r.index_with_row[leader]
    moved = w * (0.5 * a.magnitude * model.params["adjustment_speed"])
    moved[j] = 0.0
    w -= moved
    w[j] += moved.sum()
    controlled = model.corridors.controllers[:, r.index[leader]] > 0
    model.corridors.preference[controlled] = np.minimum(
        PREFERENCE_BOUND, model.corridors.preference[controlled] + 0.2 * a.magnitude
    )
    _raise_affinity(model, a.actor, leader, 0.1 * a.magnitude)
    model.memory.record_concession(leader, a.magnitude)


@action_type("diplomacy")
def resist(model: World, a: Action) -> None:
    """Refuse a demand; the demander remembers and may retaliate (Axelrod 1995 tribute model)."""
    leader = model.leader_of(a.target)
    model.memory.record_refusal(leader, model.steps)
    model.economy.core_gdp *= 1.0 - model.params["concession_cost"] * a.magnitude * 0.1


@action_type("diplomacy")
def reform_dialogue(model: World, a: Action) -> None:
    """Talks tied to reform raise the target's governance score by ``magnitude`` (003 · Reform to the PCA)."""
    r = model.relations
    k = r.index[a.target]
    r.governance[k] = clamp(float(r.governance[k]) + a.magnitude, 0.0, 1.0)


@action_type("diplomacy")
def mediation(model: World, a: Action) -> None:
    """Mediate between ``target`` and ``partner``: prestige with both (000 · balanced policy: EU-Russia, Iran-US).

    Kazakhstan's own talk changes no attitude: it is remembered as goodwill that eases its next deals with
    both sides (world/model.py, :func:`deal_discount`). A costless signal does not move a rival's beliefs
    (Fearon 1995: cheap talk; a move that costs nothing must not pay like one that costs something).
    """
    if a.actor == model.focal:
        return
    _raise_affinity(model, a.actor, a.target, a.magnitude)
    if a.partner:
        _raise_affinity(model, a.actor, a.partner, a.magnitude)


@action_type("diplomacy")
def summit(model: World, a: Action) -> None:
    """A summit: affinity among an institution's members, or between two actors (003 · Conclusions: OSCE summit).

    A summit Kazakhstan calls is talk: no attitude changes, it is remembered as goodwill that eases the next
    deals with the partner (world/model.py, :func:`deal_discount`; Fearon 1995: cheap talk). The forums'
    own summits and the other powers' still pull their members together.
    """
    if a.actor == model.focal:
        return
    r, inst = model.relations, model.institutions
    if a.target in inst.index:
        k = inst.index[a.target]
        # Only the participants' block changes and every writer keeps affinity in [-1, 1], so clipping the
        # block is clipping the matrix. Small worlds: four whole-matrix ops beat fancy indexing; large
        # worlds (O(N²) per summit): index the block.
        if r.n <= SMALL_WORLD:
            raised = r.affinity + a.magnitude
            np.maximum(raised, -1.0, out=raised)
            np.minimum(raised, 1.0, out=raised)
            np.copyto(r.affinity, raised, where=inst.participant_mask(k))
        else:
            block = inst.participant_block(k)
            r.affinity[block] = np.minimum(np.maximum(r.affinity[block] + a.magnitude, -1.0), 1.0)
    elif a.target in r.index:
        _raise_affinity(model, a.actor, a.target, a.magnitude)


@action_type("diplomacy")
def partnership(model: World, a: Action) -> None:
    """A strategic partnership: lasting affinity and a security tie (002 · Changing Balance of Power, 2022).

    The security tie is Kazakhstan's to pay for when it signs (:func:`_raise_security`)."""
    _raise_affinity(model, a.actor, a.target, a.magnitude, lasting=True)
    _raise_security(model, a.actor, a.target, 0.5 * a.magnitude, payer=a.actor)


# --- helpers -------------------------------------------------------------------


def _restrict(model: World, exporter: str, importer: str, magnitude: float) -> None:
    r = model.relations
    i, j = r.index_with_row[exporter], r.index_with_row[importer]
    r.restriction[i, j] = min(MAX_RESTRICTION, max(r.restriction[i, j], magnitude))


def _add_pressure(model: World, actor: str, target: str, magnitude: float) -> None:
    r = model.relations
    if actor in r.index and target in r.index:
        r.pressure[r.index[actor], r.index[target]] += max(0.0, magnitude)


def _raise_security(model: World, a: str, b: str, magnitude: float, payer: str = "") -> None:
    """Raise the tie between ``a`` and ``b``; if ``payer`` is Kazakhstan and a side, it pays for the tie it gains.

    A unit of tie costs ``security_cost_per_tie`` $bn (world/data/parameters.csv): the price of the
    equipment, training and exercises it stands for.
    """
    r = model.relations
    i, j = r.index[a], r.index[b]
    gained = min(1.0, r.security[i, j] + magnitude) - r.security[i, j]
    r.security[i, j] = min(1.0, r.security[i, j] + magnitude)
    r.security[j, i] = min(1.0, r.security[j, i] + magnitude)
    if payer == model.focal and model.focal in (a, b) and gained > 0:
        partner = b if a == model.focal else a
        model.economy.charge(gained * model.params["security_cost_per_tie"] * (1.0 - deal_discount(model, partner)))


def deal_discount(model: World, partner: str) -> float:
    """Share of a deal's cost that recent summits and mediation with ``partner`` save (talk eases deals).

    ``summit_discount`` × the goodwill remembered, at most one unit (Nitsch 2007: state visits go with
    more trade, read here as lower transaction costs of the deals that follow, not as money).
    """
    return model.params["summit_discount"] * min(1.0, model.memory.goodwill_with(partner))


def _raise_affinity(model: World, a: str, b: str, magnitude: float, lasting: bool = False) -> None:
    r = model.relations
    if a not in r.index or b not in r.index:
        return
    i, j = r.index[a], r.index[b]
    for x, y in ((i, j), (j, i)):
        r.affinity[x, y] = clamp(float(r.affinity[x, y]) + magnitude, -1.0, 1.0)
        if lasting:
            r.affinity_anchor[x, y] = clamp(float(r.affinity_anchor[x, y]) + magnitude, -1.0, 1.0)
