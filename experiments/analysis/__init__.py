"""Analyses of runs and sweeps: strategy comparison, global sensitivity, the stress test, tipping maps,
the historical replay, and the figures they draw."""
