"""SampleQualityCallback inside a real Trainer run, with a stand-in generator that returns real digits."""

import pytest
import pytorch_lightning as pl
import torch
from pytorch_lightning.loggers.logger import Logger

from noisy_gan.data.corruption import GaussianNoise
from noisy_gan.data.datamodule import NoisyMNISTDataModule
from noisy_gan.metrics.callback import SampleQualityCallback

pytestmark = pytest.mark.slow


class DigitSampler(pl.LightningModule):
    """A trivial trainable module whose `sample_images` draws MNIST test digits instead of generating them."""

    def __init__(self, digits: torch.Tensor) -> None:
        super().__init__()
        self.weight = torch.nn.Parameter(torch.zeros(1))
        self.digits = digits
        self.sample_modes = []

    def training_step(self, batch, batch_index):
        return (self.weight - 1).square()

    def validation_step(self, batch, batch_index):
        pass

    def configure_optimizers(self):
        return torch.optim.SGD(self.parameters(), lr=0.1)

    def sample_images(self, num: int, seed: int) -> torch.Tensor:
        self.sample_modes.append(self.training)
        order = torch.randperm(len(self.digits), generator=torch.Generator().manual_seed(seed))
        return self.digits[order[:num]]


class RecordingLogger(Logger):
    """Keeps every logged metric as (step, name, value)."""

    def __init__(self) -> None:
        super().__init__()
        self.records = []

    @property
    def name(self):
        return "recording"

    @property
    def version(self):
        return 0

    def log_hyperparams(self, params, *args, **kwargs):
        pass

    def log_metrics(self, metrics, step=None):
        self.records.extend((step, name, float(value)) for name, value in metrics.items())

    def names(self, prefix: str) -> list[str]:
        return [name for _, name, _ in self.records if name.startswith(prefix)]


def test_callback_logs_and_keeps_metrics(location, metrics_cache, detector_training, test_images):
    datamodule = NoisyMNISTDataModule(
        root=location.root, noise=GaussianNoise(pct=30), seed=0, download=False, batch_size=64, train_subset=2000
    )
    callback = SampleQualityCallback(
        cache_dir=str(metrics_cache),
        num_samples=1000,
        val_num_samples=1000,
        kid_subsets=10,
        detector_training=detector_training,
    )
    module = DigitSampler(test_images)
    logger = RecordingLogger()
    trainer = pl.Trainer(
        max_epochs=2,
        limit_train_batches=2,
        limit_val_batches=1,
        num_sanity_val_steps=1,
        logger=logger,
        callbacks=[callback],
        enable_checkpointing=False,
        enable_progress_bar=False,
        enable_model_summary=False,
        log_every_n_steps=1,
        accelerator="cpu",
    )
    trainer.fit(module, datamodule=datamodule)

    expected = {"fid", "kid_mean", "precision", "recall", "classifier_score", "classes_covered", "class_kl",
                "contamination_pct"}
    assert expected <= set(callback.final_metrics)
    assert expected <= set(callback.reference_metrics)
    assert all(isinstance(value, float) for value in callback.final_metrics.values())
    # Real digits as samples: clean; the reference is the training set with 30% noisy digits.
    assert callback.final_metrics["contamination_pct"] < 5
    assert callback.reference_metrics["contamination_pct"] == pytest.approx(30, abs=5)
    assert callback.final_metrics["fid"] < callback.reference_metrics["fid"]

    # Two validation epochs after a sanity check that is not scored.
    assert logger.names("val/fid") == ["val/fid", "val/fid"]
    assert logger.names("reference/fid") == ["reference/fid"]
    # Final values are logged once, as hparams metrics, by the run summary.
    assert logger.names("final/") == []
    assert module.sample_modes == [False, False, False]
    assert module.training
