"""The sweep engine: the spec, the run plan and its samplers, the executors, one run as a function, the store.

``driver.run_sweep`` ties them together; ``store.SweepResults`` reads a finished
sweep folder back (``pd.read_parquet(folder / "outcomes")`` does too).
"""
