"""Pairwise relations between actors held as numpy arrays.

Index ``i`` is an actor in scenario order; trade and investment have one more
row and column, the rest of the world (ROW), so that shares of Kazakhstan's
trade sum to one. All pairwise updates are array operations: no Python loop
over pairs (MODEL-BRIEF · World).
"""

from __future__ import annotations

import numpy as np

from world.scenario import REST_OF_WORLD, Scenario

# Central Asia Barometer / Gallup favourability mapped to [-1, 1] affinity of
# Kazakhstan toward each partner (calibration.md · Public opinion): Russia 80 %
# favourable, China 46 %, US 30 %; Turkey 31 % *very* favourable in 2022.
# Not monotone in the polls, on purpose: China (46 %) starts at 0.1, below the
# US (30 %) at 0.15. The Gallup figures are Central Asia's, not Kazakhstan's;
# 003 · Kazakhstan's Relationship with China describes Kazakh views of China as
# "a mix of optimism and trepidation" (the border, the population disparity),
# and Kazakhstan's PfP ties and US oil investment (000 · Kazakhstan's balanced
# policy strategy) make it warmer to the US than the region. Both values are
# assumptions within ±0.15 of a poll-monotone mapping (docs/ODD.md 7.9).
KAZ_OPINION_2010 = {
    "RUS": 0.6,
    "CHN": 0.1,
    "USA": 0.15,
    "EU": 0.3,
    "TUR": 0.45,
    "AZE": 0.35,
    "UZB": 0.3,
    "KGZ": 0.35,
    "TJK": 0.2,
    "TKM": 0.2,
    "BLR": 0.35,
    "GEO": 0.2,
    "IRN": 0.05,
}


class Relations:
    """Trade, investment, security, affinity and pressure between every pair of actors."""

    def __init__(self, scenario: Scenario):
        codes = scenario.actor_codes
        self.codes = codes
        self.index = {code: i for i, code in enumerate(codes)}
        n = len(codes)
        self.n = n
        row = n  # the rest of the world's index in trade and investment
        self.index_with_row = {**self.index, REST_OF_WORLD: row}
        self.gdp = np.array([a.gdp_bn for a in scenario.actors], dtype=float)
        self.military = np.array([a.military_bn for a in scenario.actors], dtype=float)
        self.growth = np.array([a.growth for a in scenario.actors], dtype=float)
        self.long_run_growth = np.array([a.long_run_growth for a in scenario.actors], dtype=float)
        self.turkic = np.array([a.turkic for a in scenario.actors], dtype=float)
        self.governance = np.array([a.governance for a in scenario.actors], dtype=float)

        self.trade = self._gravity_trade(scenario)
        for t in scenario.trade:
            self.trade[self.index_with_row[t.exporter], self.index_with_row[t.importer]] = t.value_bn
        self.investment = np.zeros((n + 1, n + 1))
        for inv in scenario.investment:
            self.investment[self.index_with_row[inv.investor], self.index_with_row[inv.host]] = inv.stock_bn
        # Lasting trade-restriction share between pairs (sanctions); realised trade is
        # DiplomacyModel.realised_trade() (it also counts bans and customs unions).
        self.restriction = np.zeros((n + 1, n + 1))
        # Bans imposed under pressure (trade_restriction, secondary sanctions), decaying each quarter; counted with
        # ``restriction`` in DiplomacyModel.trade_openness (002 · Conclusion: bans as a lever of pressure).
        self.pressure_restriction = np.zeros((n + 1, n + 1))
        # Growth lost to sanctions and shocks (a yearly rate per actor), added to ``growth`` each quarter.
        self.growth_shift = np.zeros(n)
        # The share of its carrots each actor withholds under conditionality (0-1; the EU's rule of law clause).
        self.conditionality: dict[str, float] = {}
        self.security = np.zeros((n, n))  # bilateral ties: exercises, arms deals, partnerships
        self.pressure = np.zeros((n, n))  # pressure applied by row on column this quarter
        self.affinity = self._initial_affinity(scenario)
        self.affinity_anchor = self.affinity.copy()

    def _gravity_trade(self, scenario: Scenario) -> np.ndarray:
        """Trade between pairs the data do not give: a gravity model, GDP_i·GDP_j / distance.

        Tinbergen (1962) gravity equation; distances between capitals
        (actors.csv lon/lat). Scaled so the pair total is ~20 % of world GDP.
        """
        n = self.n
        lon = np.radians([a.lon for a in scenario.actors])
        lat = np.radians([a.lat for a in scenario.actors])
        cos_angle = np.sin(lat)[:, None] * np.sin(lat)[None, :] + np.cos(lat)[:, None] * np.cos(lat)[None, :] * np.cos(
            lon[:, None] - lon[None, :]
        )
        distance = 6371.0 * np.arccos(np.clip(cos_angle, -1.0, 1.0)) + 500.0
        mass = np.outer(self.gdp, self.gdp) / distance
        np.fill_diagonal(mass, 0.0)
        scale = 0.2 * self.gdp.sum() / max(mass.sum(), 1e-9)
        trade = np.zeros((n + 1, n + 1))
        trade[:n, :n] = mass * scale
        trade[:n, n] = 0.05 * self.gdp  # everyone trades with the rest of the world
        trade[n, :n] = 0.05 * self.gdp
        return trade

    def _initial_affinity(self, scenario: Scenario) -> np.ndarray:
        """Affinity in [-1, 1]: shared Turkic identity, then Kazakhstan's measured public opinion."""
        n = self.n
        affinity = 0.1 * np.ones((n, n))
        # 003 · Turkey and the Islamic world; 002 · Changing Balance of Power: Turkic kinship.
        affinity += 0.25 * np.outer(self.turkic, self.turkic)
        np.fill_diagonal(affinity, 1.0)
        focal = self.index.get(scenario.spec.focal)
        if focal is not None:
            for code, value in KAZ_OPINION_2010.items():
                if code in self.index:
                    affinity[focal, self.index[code]] = value
        return np.clip(affinity, -1.0, 1.0)

    def wear(self, depreciation: float, tie_decay: float) -> None:
        """A quarter's wear: the investment stock depreciates, bilateral security ties lapse without upkeep.

        Rates are per quarter (world/data/parameters.csv: fdi_depreciation, security_tie_decay, a year's).
        """
        self.investment *= 1.0 - depreciation
        self.security *= 1.0 - tie_decay

    def step_growth(self, growth_shift: np.ndarray) -> None:
        """One quarter of GDP growth and the gravity drift of potential trade between pairs.

        Growth converges from its 2010s rate to its long-run rate (half-life
        ~10 years); ``growth_shift`` adds sanctions and shocks (yearly rates).
        """
        self.growth += (self.long_run_growth - self.growth) * 0.017
        quarterly = (self.growth + growth_shift) / 4.0
        self.gdp *= 1.0 + quarterly
        pair = np.empty(self.n + 1)
        pair[: self.n] = quarterly
        pair[self.n] = 0.006  # rest of the world ~2.5 %/yr
        factor = np.add.outer(pair, pair)  # in place below: the same 1 + 0.5·(p_i + p_j), no N² temporaries
        factor *= 0.5
        factor += 1.0
        self.trade *= factor

    def drift_affinity(self, speed: float, forum: np.ndarray) -> None:
        """Affinity relaxes toward its anchor plus the pull of shared forums (Axelrod-Bennett landscape)."""
        # In place, the same operations as clip(anchor + 0.1·forum, -1, 1) and affinity += speed·(target − affinity).
        step = forum * 0.1
        step += self.affinity_anchor
        np.maximum(step, -1.0, out=step)
        np.minimum(step, 1.0, out=step)
        step -= self.affinity
        step *= speed
        self.affinity += step
