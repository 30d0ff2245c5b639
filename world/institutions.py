"""Institutions' memberships and what they give and cost, as co-membership matrices.

Rules (institutions.csv, each row cited): a customs union removes tariffs
among members and puts a common external tariff on the rest (003 · Eurasian
Economic Community, Customs Union and WTO membership); an alliance gives a
security guarantee discounted by alliance reliability (003 · Kazakhstan and
Russia; Leeds 2003); a forum pulls members' affinity together (003 · Conclusions).
"""

from __future__ import annotations

import numpy as np

from world.calendar import parse_quarter
from world.scenario import Scenario

STATUS_WEIGHT = {"member": 1.0, "observer": 0.3, "partner": 0.3}


class Institutions:
    """Membership matrix (actors × institutions) and the pairwise effects it implies."""

    def __init__(self, scenario: Scenario, actor_index: dict[str, int]):
        rows = scenario.institutions
        self.codes = [r.code for r in rows]
        self.index = {code: k for k, code in enumerate(self.codes)}
        self.tariff_free = np.array([r.tariff_free for r in rows])
        self.guarantee = np.array([r.security_guarantee for r in rows])
        self.forum_weight = np.array([r.forum for r in rows])
        self.external_tariff = np.array([r.external_tariff for r in rows])
        self.alignment_demand = np.array([r.alignment_demand for r in rows])
        self.leader = [actor_index.get(r.leader, -1) for r in rows]
        self.membership = np.zeros((len(actor_index), len(rows)))
        self._blocks: dict[int, tuple[np.ndarray, np.ndarray]] = {}
        self._masks: dict[int, np.ndarray] = {}
        self.status: dict[tuple[int, int], str] = {}
        start = parse_quarter(scenario.spec.start)
        self.scheduled: list[tuple[int, str, str, str, str, str]] = []  # (quarter, actor, inst, change, status, source)
        for m in scenario.memberships:
            joined = parse_quarter(m.joined) if m.joined else None
            left = parse_quarter(m.left) if m.left else None
            if (joined is None or joined <= start) and (left is None or left > start):
                self.set(actor_index[m.actor], self.index[m.institution], m.status)
            if joined is not None and joined > start:
                self.scheduled.append((joined, m.actor, m.institution, "join", m.status, m.source))
            if left is not None and left > start:
                self.scheduled.append((left, m.actor, m.institution, "leave", m.status, m.source))
        self.union_gain = 0.0
        self.tariff_elasticity = 0.0
        self._effects_dirty = True
        self._refresh()

    def set(self, actor: int, institution: int, status: str | None) -> None:
        """Make ``actor`` a member/observer/partner of ``institution``, or drop it (status None)."""
        if status is None:
            self.status.pop((actor, institution), None)
            self.membership[actor, institution] = 0.0
        else:
            self.status[(actor, institution)] = status
            self.membership[actor, institution] = STATUS_WEIGHT[status]
        self._effects_dirty = True
        self._blocks.clear()
        self._masks.clear()

    def is_member(self, actor: int, institution: int) -> bool:
        return self.status.get((actor, institution)) == "member"

    def participant_block(self, institution: int) -> tuple[np.ndarray, np.ndarray]:
        """``np.ix_`` over everyone taking part (any status), cached until memberships change."""
        block = self._blocks.get(institution)
        if block is None:
            members = np.flatnonzero(self.membership[:, institution] > 0)
            block = self._blocks[institution] = np.ix_(members, members)
        return block

    def participant_mask(self, institution: int) -> np.ndarray:
        """Actors × actors, True where both take part (any status); cached until memberships change."""
        mask = self._masks.get(institution)
        if mask is None:
            taking_part = self.membership[:, institution] > 0
            mask = self._masks[institution] = np.outer(taking_part, taking_part)
        return mask

    def full_members(self, institution: int) -> np.ndarray:
        """Indices of the full members, ascending (weight 1.0 is "member": :meth:`set` writes both together)."""
        return np.flatnonzero(self.membership[:, institution] >= 1.0)

    def _refresh(self) -> None:
        full = (self.membership >= 1.0).astype(float)
        m = self.membership
        self.customs_union = (full * self.tariff_free) @ full.T
        self.guarantee_matrix = (full * self.guarantee) @ full.T
        self.forum_matrix = (m * self.forum_weight) @ m.T
        np.fill_diagonal(self.customs_union, 0.0)
        np.fill_diagonal(self.guarantee_matrix, 0.0)
        np.fill_diagonal(self.forum_matrix, 0.0)
        # Common external tariff borne by members toward non-members of the union.
        self.external_barrier = (full * self.external_tariff).sum(axis=1)
        self.trade_access = self._trade_access()
        self._effects_dirty = False

    def configure_trade(self, union_gain: float, tariff_elasticity: float) -> None:
        """Set how strongly a customs union moves trade (parameters ``customs_union_gain``, ``tariff_elasticity``)."""
        self.union_gain = union_gain
        self.tariff_elasticity = tariff_elasticity
        self._effects_dirty = True

    def _trade_access(self) -> np.ndarray:
        """Exporter × importer multiplier on trade (rest of the world last): what a customs union gives and costs.

        Members trade tariff-free with each other (+``union_gain`` × tariff_free);
        an importer inside a union charges outsiders its common external tariff,
        cutting their sales by ``tariff_elasticity`` × tariff (003 · Eurasian
        Economic Community, Customs Union and WTO membership: Russia became the
        largest import source after the 2010 customs union; the World Bank's
        "Kazakhstan in the Customs Union: Losses or Gains?" in 000's references).
        """
        n = self.membership.shape[0]
        access = np.ones((n + 1, n + 1))
        union = self.customs_union
        access[:n, :n] += self.union_gain * np.minimum(union, 1.0)
        outsider = np.ones((n + 1, n + 1))
        outsider[:n, :n] = union <= 0.0
        access *= 1.0 - np.minimum(
            self.tariff_elasticity * outsider * np.append(self.external_barrier, 0.0)[None, :], 0.9
        )
        return access

    def effects(self) -> "Institutions":
        """Recompute co-membership matrices if memberships changed; return self for chaining."""
        if self._effects_dirty:
            self._refresh()
        return self
