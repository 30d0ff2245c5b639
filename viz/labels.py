"""Names and colours the page uses for actors, so every chart speaks the same language."""

from __future__ import annotations

from world import DiplomacyModel
from world.scenario import WORLD_ACTOR

# One colour per great power and for Kazakhstan, shared by every chart and the map.
ACTOR_COLOURS = {
    "KAZ": "#00a3a3",
    "RUS": "#c0392b",
    "CHN": "#e6a000",
    "EU": "#2e62c9",
    "USA": "#7d3c98",
    "TUR": "#d35400",
}
OTHER_COLOUR = "#7f8c8d"


def actor_colour(code: str) -> str:
    return ACTOR_COLOURS.get(code, OTHER_COLOUR)


def actor_names(model: DiplomacyModel) -> dict[str, str]:
    """Code → plain name for every actor and institution in the model's scenario, plus the world."""
    data = model.setting
    names = {row.code: row.name for row in (*data.actors, *data.institutions)}
    names[WORLD_ACTOR] = "World markets"
    return names


def great_powers(model: DiplomacyModel) -> list[str]:
    """The partners whose dependence the page plots: every coloured power the model records (dependence.<code>).

    Russia, China, the EU, the US and Turkey: the vectors the guide says Kazakhstan balances between.
    """
    return [code for code in ACTOR_COLOURS if code != model.focal and model.has_series(f"dependence.{code}")]
