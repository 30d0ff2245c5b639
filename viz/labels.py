"""Names and colours the page uses for actors, strategies and corridors, so every chart speaks the same language.

Colours are the Okabe-Ito palette ("Color Universal Design"),
distinguishable with the common forms of colour blindness; no
chart relies on colour alone (lines are also named, dashed or marked).
Strategy colours have one home, the table the command line's figures use
(``experiments.analysis.figures``); the page reads it from there.
"""

from __future__ import annotations

from experiments.analysis.figures import strategy_colour as _figure_strategy_colour
from world import DiplomacyModel
from world.registry import STRATEGIES
from world.scenario import WORLD_ACTOR

OKABE_ITO = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky blue": "#56B4E9",
    "bluish green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish purple": "#CC79A7",
}
# One colour per great power and for Kazakhstan, shared by every chart and the map.
ACTOR_COLOURS = {
    "KAZ": OKABE_ITO["sky blue"],
    "RUS": OKABE_ITO["vermillion"],
    "CHN": OKABE_ITO["orange"],
    "EU": OKABE_ITO["blue"],
    "USA": OKABE_ITO["reddish purple"],
    "TUR": OKABE_ITO["bluish green"],
}
OTHER_COLOUR = "#7f7f7f"
AUTONOMY_COLOUR = OKABE_ITO["black"]
# Corridors in scenario order take these in turn (yellow is left out: too pale for a line on white).
CORRIDOR_COLOURS = tuple(
    OKABE_ITO[name] for name in ("blue", "bluish green", "reddish purple", "sky blue", "orange", "black", "vermillion")
)


def actor_colour(code: str) -> str:
    return ACTOR_COLOURS.get(code, OTHER_COLOUR)


def strategy_colour(name: str) -> str:
    """A strategy's colour: the command line's figures and the page share one table."""
    return _figure_strategy_colour(name, STRATEGIES.names())


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
