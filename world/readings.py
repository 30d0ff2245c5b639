"""What the world reads as this quarter: dependence by channel, the route channel, leverage, security exposure.

Plain records of arrays, computed by world/metrics.py, world/leverage.py and world/security.py from the state
and kept by the model for the quarter; they sit here, below the rules that compute them, so that the typed
view of the world (world/state.py) can name them without importing a rule.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass
class Dependence:
    """Kazakhstan's dependence on each actor (arrays over actors; the focal entry is 0)."""

    trade_share: np.ndarray  # over actors + ROW
    export_share: np.ndarray  # over actors + ROW
    route: np.ndarray
    security: np.ndarray
    investment: np.ndarray
    combined: np.ndarray
    route_shares: np.ndarray  # over corridors: share of Kazakhstan's export tonnage
    oil_route_shares: np.ndarray  # over oil corridors only (others 0)


@dataclass
class RouteDependence:
    """The route channel alone: it depends only on this quarter's corridor volumes, set once a step."""

    route_shares: np.ndarray
    oil_route_shares: np.ndarray
    route: np.ndarray


@dataclass
class Leverage:
    """Per-partner channels of Kazakhstan's exposure this quarter (shares of welfare), and the headline numbers."""

    sensitivity: np.ndarray
    vulnerability: np.ndarray
    imposed: np.ndarray
    leverage: np.ndarray
    autonomy: float
    hhi_dependence: float


@dataclass
class SecurityExposure:
    exposure: float
    exposure_without: np.ndarray  # over actors: exposure if that actor's alliances lapsed
    pressure_exposure: np.ndarray  # over actors: the part of exposure each actor's pressure adds
