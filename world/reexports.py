"""Trade diversion under sanctions: goods the West no longer sells to Russia, routed through Kazakhstan.

When the EU and the US restrict their exports to Russia, part of what Russia
no longer buys from them directly reaches it through its neighbours: the
EBRD found western exports to Armenia, Kazakhstan and the Kyrgyz Republic —
members of Russia's customs union, with no customs border to Russia — and
their exports to Russia rising in 2022 in the very products under sanctions,
the new flows amounting to 5-10 % of the fall in direct western exports to
Russia (Chupilkin, Javorcik & Plekhanov 2023; Kazakhstan's exports to Russia
rose 22 % over the first ten months of 2022, by the national statistics). Each quarter

    re-exports = west_exports_to_russia × (the senders' restriction on Russia)
               × diversion_share × kaz_diversion_share × (1 − policing)

$bn a year, sold to Russia on top of Kazakhstan's own exports (its share of
Russia in exports rises); Kazakhstan keeps ``reexport_margin`` of their value
(the trade margin: the goods are bought abroad first). Policing closes part of
the channel and stays closed: the EU's controls (its 2023 anti-circumvention
tool), US designations of Kazakh traders (secondary sanctions), and
Kazakhstan's own checks (its 2023 tracking of goods to Russia and ban on
re-exporting 106 dual-use goods), up to ``MAX_POLICING``: an open customs-union
border is never closed entirely.

The purchases from the EU and the US behind the re-exports are not added to
Kazakhstan's imports (a departure: the EU's share of imports is understated
while the channel flows, docs/ODD.md).
"""

from __future__ import annotations

from world.state import World

# The senders whose sanctions on Russia open the channel (the 2014 and 2022 events of world/data/events.csv).
SENDERS = ("EU", "USA")
RUSSIA = "RUS"
# Share of the channel policing can close: goods still cross an open customs-union border (assumption: western
# estimates of continuing flows after the 2023-2024 controls; range 0.6-0.95).
MAX_POLICING = 0.8


class ReexportChannel:
    """The re-export channel's state: how much of it is policed, and what flowed this quarter."""

    def __init__(self, model: World) -> None:
        r = model.relations
        self.russia = r.index.get(RUSSIA, -1)
        self.senders = [r.index[s] for s in SENDERS if s in r.index]
        self.policing = 0.0  # share of the channel closed, 0 … MAX_POLICING
        self.flow_bn = 0.0  # $bn a year of re-exports this quarter (gross, before Russia's own barriers)
        self.quarters_noticed = 0  # quarters in a row with a flow of at least reexport_notice_bn (the evidence)

    def update(self, model: World) -> float:
        """This quarter's re-exports to Russia, $bn a year (0 without Russia or sanctions on it)."""
        if self.russia < 0 or not self.senders:
            self.flow_bn, self.quarters_noticed = 0.0, 0
            return 0.0
        p, r = model.params, model.relations
        inflow = r.trade[self.senders, self.russia]
        weights = inflow / inflow.sum() if inflow.sum() > 0 else inflow
        restricted = float(weights @ r.restriction[self.senders, self.russia])
        self.flow_bn = (
            p["west_exports_to_russia_bn"]
            * restricted
            * p["diversion_share"]
            * p["kaz_diversion_share"]
            * (1.0 - self.policing)
        )
        noticeable = self.flow_bn >= p["reexport_notice_bn"]
        self.quarters_noticed = self.quarters_noticed + 1 if noticeable else 0
        return self.flow_bn

    def police(self, share: float) -> None:
        """Close ``share`` more of the channel (controls, designations, Kazakhstan's own checks)."""
        self.policing = min(MAX_POLICING, self.policing + max(0.0, float(share)))
