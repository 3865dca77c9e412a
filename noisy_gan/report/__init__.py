"""Sweep report: `python -m noisy_gan.report SWEEP_DIR`.

Reads the saved config and metrics.json of every job in a Hydra multirun
directory and writes, into that directory, results.csv, report.md and a
report/ folder with PNG figures and a TensorBoard event file. Job directories
are only read.
"""
