"""Fixtures of the CLI tests."""

import subprocess
import sys

import pytest

from tests.conftest import REPO_ROOT


@pytest.fixture(scope="session", autouse=True)
def metric_networks(tmp_path_factory):
    """Train (or load) the metric networks once, so that no CLI run has to train them within its time limit."""
    sweep_dir = tmp_path_factory.mktemp("prepare")
    command = [sys.executable, "-m", "noisy_gan.metrics.prepare", "-m", "noise=gaussian,fashion",
               f"hydra.sweep.dir={sweep_dir}"]
    result = subprocess.run(command, cwd=REPO_ROOT, capture_output=True, text=True, timeout=1800)
    assert result.returncode == 0, result.stderr[-3000:]
