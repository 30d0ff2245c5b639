"""``multivector strategies``: Kazakhstan's strategies with their classifiers and one-line descriptions."""

from __future__ import annotations

import json

import typer

from world.decisions import CLASSIFIER_KEYS
from world.errors import InputError
from world.registry import STRATEGIES


def strategy_table() -> list[dict]:
    """One dict per registered strategy: name, readable label, description and its classifier."""
    rows = []
    for name, cls in STRATEGIES.classes().items():
        classifier = dict(cls.classifier)
        rows.append(
            {
                "name": name,
                "label": getattr(cls, "label", "") or name,
                "description": cls.description(),
                **{key: classifier.get(key) for key in CLASSIFIER_KEYS},
            }
        )
    return rows


def _matches(row: dict, criterion: str) -> bool:
    key, sep, wanted = criterion.partition("=")
    if not sep or key not in CLASSIFIER_KEYS:
        raise InputError(f"--where {criterion!r}: expected key=value with key one of {', '.join(CLASSIFIER_KEYS)}")
    value = row[key]
    if isinstance(value, list):
        return wanted in value
    return str(value).lower() == wanted.lower()


def strategies(
    where: list[str] = typer.Option(
        [],
        "--where",
        help="Keep strategies whose classifier matches key=value (e.g. learns=true, favours=RUS); repeatable.",
    ),
    as_json: bool = typer.Option(False, "--json", help="Print the list as JSON for tools."),
) -> None:
    """List Kazakhstan's strategies: name, what it favours, whether it learns or draws at random, whether it
    leaves institutions, and what it does. Use one with `multivector run --strategy NAME`, or your own class
    with `--strategy package.module:ClassName` (docs/strategies.md)."""
    rows = [row for row in strategy_table() if all(_matches(row, c) for c in where)]
    if as_json:
        print(json.dumps(rows, indent=2, ensure_ascii=False, allow_nan=False))
        return
    width = max((len(row["name"]) for row in rows), default=4)
    for row in rows:
        flags = ", ".join(key for key in ("learns", "stochastic", "leaves_institutions") if row[key])
        print(
            f"{row['name']:<{width}}  favours {', '.join(row['favours'] or ['nobody'])}"
            f"{'  [' + flags + ']' if flags else ''}"
        )
        print(f"{'':<{width}}  {row['description']}")
        print(f"{'':<{width}}  source: {row['source']}")


def register(app: typer.Typer) -> None:
    app.command("strategies")(strategies)
