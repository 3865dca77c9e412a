"""A real small sweep through both command lines: train with Hydra multirun, then report."""

import csv
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
PCTS = [0, 30]
SEEDS = [0, 1]
# metrics=off skips the metric networks (minutes to train on CPU before they are cached); five
# batches per job keep the four jobs to about 40 s on 2 CPU cores.
FAST = ["metrics=off", "trainer.limit_train_batches=5"]


def run_module(module: str, *arguments: str, timeout: int) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", module, *arguments]
    environment = {**os.environ, "PYTHONPATH": str(REPO_ROOT)}
    return subprocess.run(command, cwd=REPO_ROOT, env=environment, capture_output=True, text=True, timeout=timeout)


@pytest.mark.slow
def test_real_sweep_results_csv(tmp_path):
    sweep = tmp_path / "sweep"
    overrides = [f"noise.pct={','.join(map(str, PCTS))}", f"seed={','.join(map(str, SEEDS))}", *FAST]
    sweep_dir = f"hydra.sweep.dir={sweep}"
    trained = run_module("noisy_gan.train", "-m", "experiment=smoke", *overrides, sweep_dir, timeout=600)
    assert trained.returncode == 0, trained.stderr[-3000:]

    reported = run_module("noisy_gan.report", str(sweep), timeout=300)
    assert reported.returncode == 0, reported.stderr[-3000:]
    with open(sweep / "results.csv", newline="") as file:
        rows = list(csv.DictReader(file))

    assert len(rows) == len(PCTS) * len(SEEDS)
    # BasicSweeper numbers jobs in the order of the cartesian product of the overrides.
    expected = [(pct, seed) for pct in PCTS for seed in SEEDS]
    for num, (row, (pct, seed)) in enumerate(zip(rows, expected)):
        assert row["job_num"] == str(num)
        assert row["status"] == "finished", row["reason"]
        assert row["job_dir"] == f"metrics=off,noise.pct={pct},seed={seed},trainer.limit_train_batches=5"
        assert row["noise"] == "gaussian"
        assert float(row["pct"]) == pct
        assert row["seed"] == str(seed)
        assert row["model"] == "fc_gan"
        assert row["strength"] == "sigma=0.5"
        summary = json.loads((sweep / row["job_dir"] / "metrics.json").read_text())
        assert float(row["loss_d"]) == summary["metrics"]["loss_d"]
        assert int(row["training_steps"]) == summary["training"]["steps"]

    report = (sweep / "report.md").read_text()
    assert "Jobs: 4 planned, 4 finished, 0 failed, 0 unfinished, 0 invalid, 0 missing." in report
    assert (sweep / "report" / "montage.png").is_file()
