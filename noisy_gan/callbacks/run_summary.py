"""The end-of-run summary: hparams with final metrics in TensorBoard, and metrics.json."""

import json
import math
import os
import time
from pathlib import Path

import pytorch_lightning as pl

from noisy_gan.callbacks.steps import training_steps

# Epoch means logged by the GAN module, and the names they get in the summary.
LOSS_METRICS = {"loss/d_epoch": "loss_d", "loss/g_epoch": "loss_g", "d/real_epoch": "d_real", "d/fake_epoch": "d_fake"}


def write_json_atomically(path: Path, payload: dict) -> None:
    """Write `payload` to `path` through a temporary file, so readers never see half a file."""
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_text(json.dumps(payload, indent=2, sort_keys=True) + "\n")
    os.replace(temporary, path)


class RunSummary(pl.Callback):
    """Callback that collects the final metrics of a finished run and records them.

    Other callbacks contribute through two optional attributes, filled by the
    time `on_fit_end` runs: `final_metrics` (metrics of generated samples) and
    `reference_metrics` (the same metrics of the corrupted training set).
    The summary logs `hparams` with the final metrics, so TensorBoard's HParams
    dashboard compares the jobs of a sweep, and writes `metrics.json` into the
    run directory. A run that was interrupted or crashed writes no metrics.json.
    """

    def __init__(self, job: dict, hparams: dict, file_name: str = "metrics.json") -> None:
        self.job = job
        self.hparams = hparams
        self.file_name = file_name
        self.started = time.monotonic()

    def on_fit_start(self, trainer: pl.Trainer, pl_module: pl.LightningModule) -> None:
        self.started = time.monotonic()

    def collect(self, trainer: pl.Trainer) -> tuple[dict, dict]:
        """Return the final metrics and the reference metrics as flat dicts of floats."""
        final = {
            name: float(trainer.callback_metrics[key]) for key, name in LOSS_METRICS.items() if key in trainer.callback_metrics
        }
        reference: dict = {}
        for callback in trainer.callbacks:
            final.update(getattr(callback, "final_metrics", None) or {})
            reference.update(getattr(callback, "reference_metrics", None) or {})
        return final, reference

    @pl.utilities.rank_zero_only
    def on_fit_end(self, trainer: pl.Trainer, pl_module: pl.LightningModule) -> None:
        if trainer.interrupted:
            return
        final, reference = self.collect(trainer)
        hparams_metrics = {f"final/{name}": value for name, value in final.items() if math.isfinite(value)}
        if trainer.logger is not None:
            trainer.logger.log_hyperparams(self.hparams, metrics=hparams_metrics, step=training_steps(trainer))
            trainer.logger.save()
        summary = {
            "job": self.job,
            "metrics": final,
            "reference": reference,
            "training": {
                "epochs": trainer.current_epoch,
                "steps": training_steps(trainer),
                "seconds": round(time.monotonic() - self.started, 1),
            },
        }
        write_json_atomically(Path(trainer.default_root_dir) / self.file_name, summary)
