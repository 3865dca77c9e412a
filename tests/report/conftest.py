"""A builder for hand-written sweep directories, laid out as Hydra 1.3 multirun writes them."""

import json
from pathlib import Path

import numpy as np
import pytest
import yaml
from PIL import Image

EXCLUDE_KEYS = ["experiment"]
SAMPLE_GRID_PIXELS = 242  # an 8x8 make_grid of 28x28 images with padding 2


class SweepBuilder:
    """Writes multirun.yaml and job directories with .hydra/, metrics.json, error.txt and samples_final.png."""

    def __init__(self, path: Path, task: list[str]) -> None:
        self.path = path
        path.mkdir(parents=True, exist_ok=True)
        multirun = {
            "hydra": {
                "sweep": {"dir": str(path), "subdir": "${hydra.job.override_dirname}"},
                "sweeper": {
                    "_target_": "hydra._internal.core_plugins.basic_sweeper.BasicSweeper",
                    "max_batch_size": None,
                    "params": None,
                },
                "overrides": {"hydra": ["hydra.mode=MULTIRUN"], "task": task},
                "job": {"config": {"override_dirname": {"kv_sep": "=", "item_sep": ",", "exclude_keys": EXCLUDE_KEYS}}},
            },
            "seed": 0,
        }
        (path / "multirun.yaml").write_text(yaml.safe_dump(multirun, sort_keys=False))

    def job(
        self,
        num: int,
        overrides: list[str],
        noise: str,
        pct: float,
        seed: int = 0,
        model: str = "fc_gan",
        fid: float | None = None,
        metrics: dict | None = None,
        reference: dict | None = None,
        error: str | None = None,
        samples: bool = True,
    ) -> Path:
        """Write job `num`.

        With `fid` or `metrics` the job finished (`fid` adds the contract's other
        metrics with fixed values), with `error` it failed, with neither it is unfinished.
        """
        if fid is not None:
            metrics = {**contract_metrics(fid), **(metrics or {})}
        name = ",".join(sorted(line for line in overrides if line.split("=")[0] not in EXCLUDE_KEYS))
        directory = self.path / name
        (directory / ".hydra").mkdir(parents=True)
        noise_config = {"_target_": "noisy_gan.data.corruption.GaussianNoise", "name": noise, "pct": pct}
        if noise == "gaussian":
            noise_config["sigma"] = 0.5
        config = {"noise": noise_config, "model": {"name": model, "lr_g": 0.0002}, "seed": seed}
        hydra = {"hydra": {"job": {"num": num, "override_dirname": name}, "overrides": {"task": overrides}}}
        (directory / ".hydra" / "config.yaml").write_text(yaml.safe_dump(config))
        (directory / ".hydra" / "hydra.yaml").write_text(yaml.safe_dump(hydra))
        (directory / ".hydra" / "overrides.yaml").write_text(yaml.safe_dump(overrides))
        (directory / "events.out.tfevents.1.host.1.0").write_bytes(b"job events")
        if samples:
            pixels = np.add.outer(np.arange(SAMPLE_GRID_PIXELS), np.arange(SAMPLE_GRID_PIXELS) * num).astype(np.uint8)
            Image.fromarray(pixels).save(directory / "samples_final.png")
        if metrics is not None:
            strength = "sigma=0.5" if noise == "gaussian" else ""
            job = {"name": name, "noise": noise, "pct": float(pct), "strength": strength, "model": model, "seed": seed}
            summary = {
                "job": job,
                "metrics": metrics,
                "reference": reference if reference is not None else {},
                "training": {"epochs": 1, "steps": 30, "seconds": 4.5},
            }
            (directory / "metrics.json").write_text(json.dumps(summary, indent=2, sort_keys=True))
        if error is not None:
            (directory / "error.txt").write_text(error + "\n")
        return directory


@pytest.fixture()
def sweep_builder(tmp_path):
    """Return a function that starts a sweep directory under tmp_path with the given sweep overrides."""

    def start(task: list[str], name: str = "sweep") -> SweepBuilder:
        return SweepBuilder(tmp_path / name, task)

    return start


@pytest.fixture(scope="module")
def module_sweep_builder(tmp_path_factory):
    """Like `sweep_builder`, for module-scoped fixtures whose report several tests only read."""

    def start(task: list[str], name: str = "sweep") -> SweepBuilder:
        return SweepBuilder(tmp_path_factory.mktemp("module") / name, task)

    return start


def contract_metrics(fid: float) -> dict:
    """Return a metrics block with `fid` and fixed values for the other metrics that training writes."""
    metrics = {"fid": fid, "kid_mean": 0.01, "kid_std": 0.001, "classifier_score": 8.0, "precision": 0.7}
    metrics.update(recall=0.5, classes_covered=10, class_kl=0.02, contamination_pct=0.0, loss_d=1.1, loss_g=0.9)
    return metrics
