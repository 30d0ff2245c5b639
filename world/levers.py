"""The lever schedule: what each lever (Russian pressure, EU investment, the oil price, …) is in a quarter.

Before the scenario's ``levers_from`` quarter a lever follows the historical
path, which scheduled events move (a 2014 baseline-pressure change, the 2024
EU pledge); from ``levers_from`` on it takes the user's value from the
parameter table, Russian pressure growing by ``russian_pressure_growth`` a
year (002 · Conclusion). The oil price follows the scenario's yearly series
before ``levers_from``, and so does Kazakhstan's crude export volume (world/data/oil_volumes.csv); after it,
``oil_exports_mt`` is the user's value (its default adds the Tengiz expansion to the 2024 exports).
"""

from __future__ import annotations

# US engagement before the lever period: a little above the 0.5 default, since
# engagement fell after Afghanistan (000 · Kazakhstan's balanced policy strategy).
HISTORICAL_US_ENGAGEMENT = 0.6


class LeverSchedule:
    """Lever values by step: the historical path (moved by scheduled events) before ``levers_from``, the user's after.

    ``params`` is the model's parameter dict itself (not a copy): a warm-start
    fork writes new lever values into it.
    """

    def __init__(
        self,
        params: dict[str, float],
        oil_prices: dict[int, float],
        start_quarter: int,
        levers_from_step: int,
        oil_exports: dict[int, float] | None = None,
    ) -> None:
        self.params = params
        self.oil_prices = oil_prices
        self.export_volumes = oil_exports or {}
        self.start_quarter = start_quarter
        self.levers_from_step = levers_from_step
        self.history = {
            "russian_pressure": params["historical_pressure"],
            "russian_pressure_growth": 0.0,
            "eu_investment": 0.0,
            "china_bri": 0.0,
            "us_engagement": HISTORICAL_US_ENGAGEMENT,
            "turkic_cooperation": 1.0,
            "arctic_capacity": 0.0,
        }

    def active(self, step: int) -> bool:
        """Whether the user's lever values apply at ``step`` (from ``levers_from`` on)."""
        return step >= self.levers_from_step

    def value(self, name: str, step: int) -> float:
        """A lever's value at ``step``: the historical path before ``levers_from``, the user's setting after."""
        if name in self._SERIES:
            return self._SERIES[name](self, step)
        if step < self.levers_from_step:
            return self.history[name]
        value = self.params[name]
        if name == "russian_pressure":
            years = (step - self.levers_from_step) / 4.0
            value = min(1.0, value * (1.0 + self.params["russian_pressure_growth"]) ** years)
        return value

    def oil_price(self, step: int) -> float:
        """$ per barrel: the scenario's yearly series (nearest year) before ``levers_from``, the lever after."""
        if step >= self.levers_from_step:
            return self.params["oil_price"]
        return self._yearly(self.oil_prices, step, "oil_price")

    def oil_exports(self, step: int) -> float:
        """Mt of crude a year offered to the routes: the yearly series (nearest year) before ``levers_from``,
        the lever after."""
        if step >= self.levers_from_step:
            return self.params["oil_exports_mt"]
        return self._yearly(self.export_volumes, step, "oil_exports_mt")

    def _yearly(self, series: dict[int, float], step: int, lever: str) -> float:
        """The value of a yearly series in the year of ``step``, or the nearest year's; the lever if it is empty."""
        year = (self.start_quarter + step) // 4  # unit: quarters to years
        if year in series:
            return series[year]
        return series[min(series, key=lambda y: abs(y - year))] if series else self.params[lever]

    _SERIES = {"oil_price": oil_price, "oil_exports_mt": oil_exports}

    def set_historical(self, name: str, value: float) -> None:
        """A scheduled event puts a lever's historical path at ``value`` (e.g. the 2024 EU pledge)."""
        self.history[name] = value

    def shift_historical(self, name: str, change: float) -> None:
        """A scheduled event moves a lever's historical path by ``change``, never below zero."""
        self.history[name] = max(0.0, self.history[name] + change)
