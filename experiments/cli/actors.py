"""``multivector actors``: the other actors' action counts by kind under each strategy (docs/actors.md)."""

from __future__ import annotations

from pathlib import Path

import typer

DEFAULT_SEEDS = 2  # the counts are means over seeds; two keep `make docs` and the staleness test quick


def actors(
    seeds: int = typer.Option(DEFAULT_SEEDS, "--seeds", min=1, help="Seeds per strategy (0 … N-1)."),
    scenario: str = typer.Option("eurasia", "--scenario", help="Scenario name or path."),
    out: Path = typer.Option(Path("docs/actors.md"), "--out", help="Markdown file to write."),
) -> None:
    """Count every other actor's actions by kind under each of Kazakhstan's strategies, after the levers start,
    and write them as markdown (default docs/actors.md)."""
    from experiments.analysis.actors import action_counts, actors_markdown, differing_strategies
    from world.errors import InputError
    from world.registry import STRATEGIES
    from world.scenario import MAJOR_PARTNERS

    if out.exists() and out.is_dir():
        raise InputError(f"--out {out}: is a folder; give a markdown file path")
    if not out.parent.is_dir():
        raise InputError(f"--out {out}: folder {out.parent} does not exist")
    table, concessions = action_counts(STRATEGIES.names(), seeds, scenario)
    command = "multivector actors" + ("" if seeds == DEFAULT_SEEDS else f" --seeds {seeds}")
    text = actors_markdown(table, concessions, seeds, scenario, command) + "\n"
    staging = out.with_name(f".{out.name}.tmp")
    staging.write_text(text, encoding="utf-8")
    staging.replace(out)
    for actor in MAJOR_PARTNERS:
        verdict = "differ" if differing_strategies(table, actor) else "do NOT differ"
        print(f"{actor}: counts {verdict} across strategies")
    print("concessions per run: " + ", ".join(f"{s} {v:.1f}" for s, v in concessions.items()))
    print(f"wrote {out}")


def register(app: typer.Typer) -> None:
    app.command("actors")(actors)
