"""Real training runs through the CLI: TensorBoard event files, multirun job folders, a live server."""

import json
import math
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from tensorboard.backend.event_processing.event_accumulator import EventAccumulator
from tensorboard.plugins.hparams import plugin_data_pb2

from tests.conftest import run_train

SMOKE = ("experiment=smoke",)
STEP_SCALARS = {"loss/d_step", "loss/g_step", "d/real_step", "d/fake_step"}


def event_files(folder: Path) -> list[Path]:
    return sorted(folder.rglob("events.out.tfevents.*"))


def load_events(folder: Path) -> EventAccumulator:
    files = event_files(folder)
    assert len(files) == 1, files
    accumulator = EventAccumulator(str(files[0]), size_guidance={"images": 0, "scalars": 0, "tensors": 0})
    accumulator.Reload()
    return accumulator


def hparams_session(accumulator: EventAccumulator):
    content = accumulator.PluginTagToContent("hparams")
    start = plugin_data_pb2.HParamsPluginData.FromString(content["_hparams_/session_start_info"])
    experiment = plugin_data_pb2.HParamsPluginData.FromString(content["_hparams_/experiment"])
    return start.session_start_info, experiment.experiment


@pytest.fixture(scope="module")
def single_run(tmp_path_factory):
    run_dir = tmp_path_factory.mktemp("single") / "run"
    result = run_train(*SMOKE, "noise=fashion", "noise.pct=25", f"hydra.run.dir={run_dir}")
    assert result.returncode == 0, result.stderr[-3000:]
    return run_dir


def test_run_logs_step_scalars(single_run):
    accumulator = load_events(single_run)
    assert STEP_SCALARS <= set(accumulator.Tags()["scalars"])
    assert {"val/fid", "val/d_real", "reference/fid", "reference/contamination_pct"} <= set(accumulator.Tags()["scalars"])
    steps = [event.step for event in accumulator.Scalars("loss/d_step")]
    assert steps == sorted(steps)
    assert max(steps) < 30


def test_run_logs_sample_and_corruption_grids(single_run):
    accumulator = load_events(single_run)
    assert {"samples", "train/corrupted_first"} <= set(accumulator.Tags()["images"])
    grid = accumulator.Images("samples")[-1]
    assert (grid.width, grid.height) == (242, 242)
    assert (single_run / "samples_final.png").is_file()


def test_run_logs_hparams_with_real_metrics(single_run):
    accumulator = load_events(single_run)
    session, experiment = hparams_session(accumulator)
    hparams = session.hparams
    assert hparams["noise/type"].string_value == "fashion"
    assert hparams["noise/pct"].number_value == 25
    assert hparams["model"].string_value == "fc_gan"
    assert hparams["seed"].number_value == 0
    assert {"lr_g", "lr_d", "batch_size"} <= set(hparams)
    metric_tags = {info.name.tag for info in experiment.metric_infos}
    assert {"final/fid", "final/contamination_pct", "final/precision", "final/loss_g"} <= metric_tags
    for tag in metric_tags:
        values = [event.value for event in accumulator.Scalars(tag)]
        assert values and all(math.isfinite(value) for value in values), tag


def test_run_writes_metrics_json(single_run):
    summary = json.loads((single_run / "metrics.json").read_text())
    assert summary["job"]["noise"] == "fashion"
    assert summary["job"]["pct"] == 25
    assert summary["training"]["steps"] == 30
    assert math.isfinite(summary["metrics"]["loss_g"])
    assert math.isfinite(summary["metrics"]["fid"])
    assert 0 <= summary["reference"]["contamination_pct"] <= 100
    assert summary["reference"]["fid"] < summary["metrics"]["fid"]


def test_max_steps_counts_two_optimizer_steps_per_batch(tmp_path):
    run_dir = tmp_path / "run"
    result = run_train(*SMOKE, "trainer.max_steps=20", "trainer.log_every_n_steps=1", f"hydra.run.dir={run_dir}")
    assert result.returncode == 0, result.stderr[-3000:]
    summary = json.loads((run_dir / "metrics.json").read_text())
    assert summary["training"]["steps"] == 10
    steps = [event.step for event in load_events(run_dir).Scalars("loss/g_step")]
    assert max(steps) == 9


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for_runs(port: int, expected: int, timeout: float = 60) -> list[str]:
    deadline = time.monotonic() + timeout
    runs: list[str] = []
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/data/runs", timeout=5) as response:
                runs = json.loads(response.read())
        except OSError:
            runs = []
        if len(runs) >= expected:
            return runs
        time.sleep(1)
    return runs


@pytest.fixture(scope="module")
def sweep(tmp_path_factory):
    launch_dir = tmp_path_factory.mktemp("launch")
    result = run_train("-m", *SMOKE, "noise.pct=0,10", cwd=launch_dir)
    assert result.returncode == 0, result.stderr[-3000:]
    sweep_dirs = [path.parent for path in (launch_dir / "outputs" / "multirun").glob("*/*/multirun.yaml")]
    assert len(sweep_dirs) == 1
    return sweep_dirs[0]


def test_multirun_makes_one_folder_and_run_per_job(sweep):
    jobs = sorted(path.name for path in sweep.iterdir() if path.is_dir())
    assert jobs == ["noise.pct=0", "noise.pct=10"]
    for job in jobs:
        assert len(event_files(sweep / job)) == 1
        assert (sweep / job / "metrics.json").is_file()


def test_same_config_gives_same_metrics(sweep, tmp_path):
    run_dir = tmp_path / "run"
    result = run_train(*SMOKE, "noise.pct=10", f"hydra.run.dir={run_dir}")
    assert result.returncode == 0, result.stderr[-3000:]
    again = json.loads((run_dir / "metrics.json").read_text())["metrics"]
    swept = json.loads((sweep / "noise.pct=10" / "metrics.json").read_text())["metrics"]
    assert again == swept


def test_tensorboard_server_lists_every_job(sweep):
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "tensorboard.main", "--logdir", str(sweep), "--host", "127.0.0.1",
         "--port", str(port), "--reload_interval", "1"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        runs = wait_for_runs(port, expected=2)
    finally:
        server.terminate()
        server.wait(timeout=30)
    assert sorted(runs) == ["noise.pct=0", "noise.pct=10"]


def test_sweeps_started_together_get_separate_folders(tmp_path):
    command = [sys.executable, "-m", "noisy_gan.train", "-m", *SMOKE, "trainer.limit_train_batches=2", "metrics=off"]
    processes = [subprocess.Popen(command, cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE) for _ in range(2)]
    for process in processes:
        assert process.wait(timeout=900) == 0, process.stderr.read()[-3000:]
    sweep_dirs = list((tmp_path / "outputs" / "multirun").glob("*/*"))
    assert len(sweep_dirs) == 2
