"""Scenario discovery over a sweep's runs: where in the space of inputs does an outcome cross a threshold?

PRIM, the patient rule induction method (Friedman & Fisher 1999), as scenario
discovery uses it (Bryant & Lempert 2010), in EMA Workbench's implementation
(Kwakkel 2017): the runs whose outcome lies below (or above) the threshold are
the *cases of interest*; PRIM peels the box of all inputs down, a sliver at a
time, towards a box dense in cases, and records the *peeling trajectory*:

- *coverage*: the share of all cases that lie inside the box (how much of the
  problem the box explains);
- *density*: the share of the box's runs that are cases (how pure the box is);
- *mass*: the share of all runs inside the box;
- *restricted*: how many inputs the box limits (fewer is easier to read).

Coverage falls and density rises along the trajectory; the box reported is
the densest whose coverage is at least ``min_coverage`` (ties: higher coverage,
then fewer restricted inputs), or the one asked for. Each limit carries its
quasi-p value (a one-sided binomial test of whether restricting that input
raises the density, Bryant & Lempert 2010). *Feature scores* (extra trees, as
EMA Workbench computes them; Jaxa-Rozen & Kwakkel 2018) rank the inputs by how
much they decide whether a run is a case; they sum to 1.

Rows are runs (every seed a row); inputs are the swept parameters that vary,
and the strategy and the scenario as categories when the runs hold several.
With ``relative_to``, the outcome is the strategy's *advantage* in each run
(its value minus the best alternative's, or a named strategy's, in the same
design point and seed, signed so that positive means better): the region where
the advantage falls below 0 is where the strategy stops paying.
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from world.errors import InputError

DEFAULT_MIN_COVERAGE = 0.8
PEEL_ALPHA = 0.05  # share of runs peeled per step (EMA's default)
MASS_MIN = 0.05  # the smallest box, as a share of all runs (EMA's default)
SHOWN_TRAJECTORY = 12  # trajectory rows printed (all are written to the CSV)
STRATEGY, SETTING = "strategy", "setting"  # categorical inputs; EMA's PRIM drops a column named 'scenario'
ADVANTAGE = "advantage"


@dataclass
class Box:
    """One PRIM box: its trajectory, the entry chosen on it, and the limits of that entry."""

    number: int
    trajectory: pd.DataFrame  # id, coverage, density, mass, res_dim, n, k
    chosen: int
    limits: pd.DataFrame  # input, low, high, kind ("range" or "categories"), categories, qp_low, qp_high
    full: dict[str, tuple]  # each input's full range (or categories) over the runs

    @property
    def stats(self) -> pd.Series:
        return self.trajectory.loc[self.chosen]


@dataclass
class Discovery:
    """What ``multivector discover`` found."""

    outcome: str
    label: str  # what was discovered: 'autonomy_final below 0.91 (multivector)'
    inputs: list[str]
    runs: int
    cases: int
    boxes: list[Box]
    features: pd.Series  # input -> score, descending
    min_coverage: float
    note: str = ""  # when no run, or every run, is a case: there is no box, and this says so


def discovery_rows(
    outcomes: pd.DataFrame,
    levers: list[str],
    outcome: str,
    strategy: str | None = None,
    relative_to: str | None = None,
) -> tuple[pd.DataFrame, np.ndarray, str]:
    """The inputs (one row per run), the outcome (or the strategy's advantage) per row, and what it is."""
    from world.measures import higher_is_better

    if outcome not in outcomes.columns:
        stored = [c for c in outcomes.columns if c not in levers and outcomes[c].dtype.kind == "f"]
        raise InputError(f"--outcome {outcome!r}: not stored in these results; allowed: {', '.join(stored)}")
    strategies = list(dict.fromkeys(outcomes["strategy"]))
    if strategy is not None and strategy not in strategies:
        raise InputError(f"--strategy {strategy!r}: not in these results; they hold: {', '.join(strategies)}")
    varying = [c for c in levers if outcomes[c].nunique() > 1]
    what = outcome
    if relative_to is not None:
        reference = strategy or "multivector"
        if reference not in strategies:
            raise InputError(f"--relative-to needs --strategy (the results hold: {', '.join(strategies)})")
        others = [s for s in strategies if s != reference]
        if relative_to != "best" and relative_to not in others:
            raise InputError(
                f"--relative-to {relative_to!r}: allowed: best, {', '.join(others) or '(no other strategy stored)'}"
            )
        if not others:
            raise InputError(f"--relative-to: these results hold only {reference}; there is nothing to compare with")
        keys = ["scenario", "point", "replicate"]
        table = outcomes.pivot_table(index=keys, columns="strategy", values=outcome)
        sign = 1.0 if higher_is_better(outcome) else -1.0
        rivals = table[others] if relative_to == "best" else table[[relative_to]]
        best = rivals.max(axis=1) if sign > 0 else rivals.min(axis=1)
        advantage = sign * (table[reference] - best)
        rows = outcomes[outcomes["strategy"] == reference].set_index(keys)
        rows = rows.assign(**{ADVANTAGE: advantage.reindex(rows.index)}).reset_index()
        versus = "the best of " + ", ".join(others) if relative_to == "best" else relative_to
        what = f"{reference}'s advantage in {outcome} over {versus}"
        return _inputs(rows, varying, single_strategy=True), rows[ADVANTAGE].to_numpy(dtype=float), what
    if strategy is not None:
        outcomes = outcomes[outcomes["strategy"] == strategy]
        what = f"{outcome} of {strategy}"
    return _inputs(outcomes, varying, single_strategy=strategy is not None), outcomes[outcome].to_numpy(float), what


def _inputs(rows: pd.DataFrame, varying: list[str], single_strategy: bool) -> pd.DataFrame:
    x = rows[varying].astype(float).reset_index(drop=True)
    if not single_strategy and rows["strategy"].nunique() > 1:
        x[STRATEGY] = pd.Categorical(rows["strategy"].to_numpy())
    if rows["scenario"].nunique() > 1:
        x[SETTING] = pd.Categorical(rows["scenario"].to_numpy())
    if x.shape[1] == 0:
        raise InputError("these results vary no input (one setting, one strategy): there is nothing to discover")
    return x


def choose(trajectory: pd.DataFrame, min_coverage: float) -> int:
    """The densest entry with coverage ≥ ``min_coverage`` (ties: more coverage, fewer restricted inputs)."""
    eligible = trajectory[trajectory["coverage"] >= min_coverage - 1e-12]
    if eligible.empty:
        eligible = trajectory
    ordered = eligible.sort_values(["density", "coverage", "res_dim"], ascending=[False, False, True], kind="stable")
    return int(ordered.index[0])


def discover(
    x: pd.DataFrame,
    values: np.ndarray,
    threshold: float,
    below: bool,
    what: str,
    min_coverage: float = DEFAULT_MIN_COVERAGE,
    boxes: int = 1,
    box: int | None = None,
    seed: int = 0,
) -> Discovery:
    """Run PRIM for the cases ``values`` below (or above) ``threshold`` and score the inputs."""
    import warnings

    from experiments.ema import require

    require()
    from ema_workbench.analysis import feature_scoring, prim
    from ema_workbench.analysis.scenario_discovery_util import RuleInductionType

    cases = values < threshold if below else values > threshold
    side = "below" if below else "above"
    result = functools.partial(
        Discovery,
        outcome=what,
        label=f"{what} {side} {threshold:g}",
        inputs=list(x.columns),
        runs=len(values),
        cases=int(cases.sum()),
        min_coverage=min_coverage,
    )
    if not cases.any() or cases.all():  # a finding, not an error: the answer is "nowhere" or "everywhere"
        return result(
            boxes=[],
            features=pd.Series(dtype=float, name="score"),
            note=(
                f"{'no run' if not cases.any() else 'every run'} has {what} {side} {threshold:g} "
                f"(the runs range from {np.min(values):.4g} to {np.max(values):.4g}): no box to find"
            ),
        )
    found = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        algorithm = prim.Prim(x, cases.copy(), peel_alpha=PEEL_ALPHA, mass_min=MASS_MIN)
        for number in range(1, boxes + 1):
            peeled = algorithm.find_box()
            if peeled is None:
                break
            trajectory = peeled.peeling_trajectory[["id", "coverage", "density", "mass", "res_dim", "n", "k"]]
            trajectory = trajectory.astype({"id": int, "res_dim": int, "n": int, "k": int}).reset_index(drop=True)
            chosen = box if box is not None and number == 1 else choose(trajectory, min_coverage)
            if not 0 <= chosen < len(trajectory):
                raise InputError(f"--box {box}: the trajectory has entries 0 to {len(trajectory) - 1}")
            peeled.select(chosen)
            found.append(Box(number, trajectory, chosen, _limits(peeled, chosen, x), _full_ranges(x)))
        scores, _ = feature_scoring.get_ex_feature_scores(
            x, cases.astype(int), mode=RuleInductionType.CLASSIFICATION, random_state=seed
        )
    features = scores.iloc[:, 0].rename("score")
    features.index.name = "input"
    return result(boxes=found, features=features.sort_values(ascending=False))


def _full_ranges(x: pd.DataFrame) -> dict[str, tuple]:
    return {
        c: tuple(x[c].cat.categories) if isinstance(x[c].dtype, pd.CategoricalDtype) else (x[c].min(), x[c].max())
        for c in x.columns
    }


def _limits(result, chosen: int, x: pd.DataFrame) -> pd.DataFrame:
    """The chosen box's restricted inputs: range (or kept categories) and quasi-p values."""
    _, limits = result.inspect(chosen, style="data")[0]
    records = []
    for name, row in limits.iterrows():
        low, high, qp_low, qp_high = row.to_numpy().tolist()
        if isinstance(x[name].dtype, pd.CategoricalDtype):
            kept = sorted(low) if isinstance(low, (set, frozenset, list, tuple)) else [low]
            records.append((name, np.nan, np.nan, "categories", ", ".join(map(str, kept)), qp_low, qp_high))
        else:
            records.append((name, float(low), float(high), "range", "", qp_low, qp_high))
    return pd.DataFrame.from_records(
        records, columns=["input", "low", "high", "kind", "categories", "qp_low", "qp_high"]
    )


def format_discovery(found: Discovery) -> str:
    """The trade-off along each box's trajectory, the boxes' limits, and the feature scores, as text."""
    from experiments.analysis.figures import format_level

    if found.note:
        return f"discover: {found.note}; inputs: {', '.join(found.inputs)}"
    lines = [
        f"discover: {found.label} in {found.cases} of {found.runs} runs ({found.cases / found.runs:.0%}); "
        f"inputs: {', '.join(found.inputs)}",
        f"PRIM (EMA Workbench; peel {PEEL_ALPHA:g}, smallest box {MASS_MIN:.0%} of runs): coverage = share of the "
        "cases inside the box, density = share of the box's runs that are cases",
    ]
    for box in found.boxes:
        trajectory = box.trajectory
        shown = sorted(
            {0, len(trajectory) - 1, box.chosen}
            | set(np.linspace(0, len(trajectory) - 1, min(SHOWN_TRAJECTORY, len(trajectory))).round().astype(int))
        )
        lines.append(f"box {box.number}: peeling trajectory ({len(trajectory)} steps; all in the CSV)")
        lines.append(f"  {'step':>5} {'coverage':>9} {'density':>8} {'mass':>6} {'restricted':>10}")
        for i in shown:
            row = trajectory.loc[i]
            mark = f"   <- chosen (densest with coverage >= {found.min_coverage:g})" if i == box.chosen else ""
            lines.append(
                f"  {i:>5} {row.coverage:>9.2f} {row.density:>8.2f} {row.mass:>6.2f} {int(row.res_dim):>10}{mark}"
            )
        stats = box.stats
        lines.append(
            f"box {box.number}: coverage {stats.coverage:.2f}, density {stats.density:.2f}, mass {stats.mass:.2f} "
            f"({int(stats.n)} runs, {int(stats.k)} of them cases)"
        )
        if box.limits.empty:
            lines.append("  no input restricted: the cases are spread over the whole space")
        for limit in box.limits.itertuples(index=False):
            p_values = [p for p in (limit.qp_low, limit.qp_high) if isinstance(p, float) and math.isfinite(p)]
            quasi_p = f"  (quasi-p {max(p_values):.2g})" if p_values else ""
            if limit.kind == "categories":
                lines.append(f"  {limit.input:<24} in {{{limit.categories}}}{quasi_p}")
            else:
                low, high = box.full[limit.input]
                lines.append(
                    f"  {limit.input:<24} {format_level(limit.low)} – {format_level(limit.high)}"
                    f"   of {format_level(low)} – {format_level(high)}{quasi_p}"
                )
    lines.append("feature scores (extra trees: how much each input decides whether a run is a case; sum 1)")
    for name, score in found.features.items():
        lines.append(f"  {name:<24} {score:.2f}")
    return "\n".join(lines)


def discovery_files(out: Path, outcome: str) -> dict[str, Path]:
    from experiments.analysis.figures import figure_file

    stem = f"discover_{outcome}"
    return {
        "trajectory": out / f"{stem}_trajectory.csv",
        "boxes": out / f"{stem}_boxes.csv",
        "features": out / f"{stem}_features.csv",
        "figure": out / figure_file(stem),
    }


def write_discovery(found: Discovery, out: Path, stem: str) -> dict[str, Path]:
    """The trajectory, the boxes' limits and the feature scores as CSV, and the trade-off figure."""
    from experiments.files import write_csv

    if not found.boxes:
        return {}
    files = discovery_files(out, stem)
    out.mkdir(parents=True, exist_ok=True)
    write_csv(
        files["trajectory"],
        pd.concat([b.trajectory.assign(box=b.number, chosen=b.trajectory.index == b.chosen) for b in found.boxes]),
    )
    write_csv(files["boxes"], pd.concat([b.limits.assign(box=b.number) for b in found.boxes], ignore_index=True))
    write_csv(files["features"], found.features.reset_index())
    files["figure"] = plot_discovery(found, files["figure"])
    return files


def plot_discovery(found: Discovery, path: Path) -> Path:
    """Left: the peeling trajectory (coverage against density, colour = inputs restricted, the chosen box
    ringed). Right: the first box's limits on each restricted input, as a share of its full range."""
    from experiments.analysis.figures import format_level, lever_label, panels, save_figure

    figure, (left, right) = panels(2, width=4.4, height=3.6, columns=2)
    box = found.boxes[0]
    trajectory = box.trajectory
    points = left.scatter(
        trajectory["coverage"], trajectory["density"], c=trajectory["res_dim"], cmap="viridis", s=18, zorder=2
    )
    chosen = trajectory.loc[box.chosen]
    left.scatter([chosen.coverage], [chosen.density], s=90, facecolors="none", edgecolors="black", zorder=3)
    left.annotate("chosen", (chosen.coverage, chosen.density), xytext=(6, -10), textcoords="offset points", fontsize=7)
    left.set_xlabel("Coverage (share of the cases in the box, 0-1)", fontsize=8)
    left.set_ylabel("Density (share of the box's runs that are cases, 0-1)", fontsize=8)
    left.set_title("Peeling trajectory (box 1)", fontsize=9)
    left.tick_params(labelsize=7)
    bar = figure.colorbar(points, ax=left, shrink=0.85, ticks=range(int(trajectory["res_dim"].max()) + 1))
    bar.set_label("inputs restricted", fontsize=7)
    bar.ax.tick_params(labelsize=7)
    ranges = box.limits[box.limits["kind"] == "range"]
    for i, limit in enumerate(ranges.itertuples(index=False)):
        low, high = box.full[limit.input]
        span = (high - low) or 1.0
        start, end = (limit.low - low) / span, (limit.high - low) / span
        right.barh(i, end - start, left=start, height=0.5, color="0.45")
        right.text(start, i + 0.32, format_level(limit.low), fontsize=7, ha="left")
        right.text(end, i + 0.32, format_level(limit.high), fontsize=7, ha="right")
    right.set_yticks(range(len(ranges)), [lever_label(n) for n in ranges["input"]], fontsize=7)
    right.set_xlim(0, 1)
    right.set_ylim(-0.6, max(len(ranges), 1) - 0.4)
    right.set_xlabel("Box limits, as a share of each input's range in the runs (0-1)", fontsize=8)
    stats = box.stats
    right.set_title(f"Box 1: coverage {stats.coverage:.2f}, density {stats.density:.2f}", fontsize=9)
    right.tick_params(axis="x", labelsize=7)
    figure.suptitle(found.label, fontsize=10)
    return save_figure(figure, path)
