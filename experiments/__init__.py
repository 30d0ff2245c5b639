"""Experiments: one run as a function, sweeps with their executors and result store, analyses and the CLI.

``experiments.simulate(scenario, strategy, seed, **levers)`` returns one run's
outcomes; ``experiments.sweep.driver.run_sweep(spec, ...)`` runs a whole sweep.
"""

from experiments.sweep.runner import simulate

__all__ = ["simulate"]
