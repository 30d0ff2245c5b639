"""The glossary tab: the abbreviations and measures the page uses, each in a sentence or two.

The institutions' full names come from the scenario's ``institutions.csv``
(the same names the event log uses); the explanations are written for a
first-year student. Terms are listed alphabetically.
"""

from __future__ import annotations

from html import escape

import solara

from viz.html import Heading, Prose
from world import DiplomacyModel

# Term → what a student needs to know. Abbreviations of institutions get their full name from the data.
GLOSSARY = {
    "autonomy": "how free Kazakhstan is from any single power: 1 minus the grip of the partner with the "
    "strongest grip on it. The model's headline measure and the thick black line of the key "
    "chart; the “Why did this change?” panel says what moved it each quarter.",
    "CPC": "Caspian Pipeline Consortium: the oil pipeline from western Kazakhstan to the Russian port of "
    "Novorossiysk on the Black Sea. It carries about four-fifths of Kazakhstan's crude, so whoever "
    "controls Novorossiysk can squeeze Kazakhstan's main export.",
    "CSTO": "a Russian-led military alliance of former Soviet states; Kazakhstan is a member.",
    "EAEU": "a customs union and single market led by Russia; Kazakhstan is a member, so it shares Russia's "
    "external tariff.",
    "HHI": "Herfindahl-Hirschman index: the sum of squared shares (of trade, or of export routes). 1 means "
    "everything goes to one partner or route; close to 0 means it is spread over many.",
    "Middle Corridor": "the Trans-Caspian route from China through Kazakhstan, across the Caspian Sea by ship, "
    "then through Azerbaijan, Georgia and Turkey to Europe, avoiding Russia.",
    "OTS": "a forum of Turkic-speaking states (Turkey, Azerbaijan, Kazakhstan, Uzbekistan, Kyrgyzstan).",
    "SCO": "a security and economic forum led by China and Russia; Kazakhstan is a founding member.",
    "security exposure": "how much of Kazakhstan's security rests on one partner's guarantees and ties, so "
    "how exposed it would be if that partner withdrew or turned hostile.",
    "sensitivity": "how much Kazakhstan loses in the first moment when a partner cuts ties, before it can "
    "adjust (Keohane & Nye 1977).",
    "vulnerability": "how much Kazakhstan still loses after it has adjusted to a partner cutting ties, by "
    "rerouting exports and finding other buyers (Keohane & Nye 1977). What remains is what "
    "a partner could really use as leverage.",
    "welfare": "how well off Kazakhstan is: its GDP after the costs its choices bring (lost exports, tariffs, "
    "sanctions), in billions of US dollars.",
}


def measure_note(term: str) -> str:
    """ " Measured in share of welfare; lower is better for Kazakhstan." from the measures table, if the term is one."""
    try:
        from world.measures import MEASURES
    except ImportError:  # a model without the table of measures: the sentence alone
        return ""
    measure = MEASURES.get(term.replace(" ", "_"))
    if measure is None:
        return ""
    better = "higher" if measure.higher_is_better else "lower"
    return f" Measured in {measure.unit}; {better} is better for Kazakhstan."


def glossary_entries(model: DiplomacyModel) -> list[tuple[str, str]]:
    """(term, explanation) in alphabetical order; institutions start with their full name from the data,
    measures end with their unit and direction from the table every analysis reads."""
    full_names = {row.code: row.name for row in model.setting.institutions}
    entries = []
    for term, text in GLOSSARY.items():
        if term in full_names:
            text = f"{full_names[term]}: {text}"
        entries.append((term, text + measure_note(term)))
    return sorted(entries, key=lambda entry: entry[0].lower())


@solara.component
def Glossary(model: DiplomacyModel):
    with solara.Div(classes=["mv-glossary"]):
        Heading("Glossary")
        Prose(
            "<dl>"
            + "".join(
                f"<dt><b>{escape(term)}</b></dt><dd style='margin:0 0 8px 1.5em'>{escape(text)}</dd>"
                for term, text in glossary_entries(model)
            )
            + "</dl>"
        )
