"""Lightning callback that scores generated samples during and after GAN training.

Configured in conf/metrics/default.yaml. What it logs, to every logger of the trainer:

- `reference/<name>` once at the start of fit: the metrics of `num_samples`
  images of the corrupted training set itself, i.e. how bad the input was.
- `val/<name>` after each validation epoch except the sanity check:
  the metrics of `val_num_samples` generated images.

At the end of training it scores `num_samples` generated images and keeps the
result in `final_metrics`, beside `reference_metrics` (dicts of float). The
run summary (noisy_gan/callbacks/run_summary.py) logs the final values as
`final/<name>` hparams metrics and writes both into metrics.json.
"""

import logging
from collections.abc import Mapping

import pytorch_lightning as pl
import torch

from noisy_gan.callbacks.steps import training_steps
from noisy_gan.data.corruption import Corruption, DataLocation
from noisy_gan.errors import ConfigError
from noisy_gan.metrics.cache import resolve_cache_dir
from noisy_gan.metrics.classifier import check_images
from noisy_gan.metrics.networks import TrainedNetwork, contaminant_detector, digit_classifier, to_float_images
from noisy_gan.metrics.seeds import derive_seed
from noisy_gan.metrics.suite import SampleQualityMetrics, check_sample_count
from noisy_gan.metrics.training import TrainingConfig

log = logging.getLogger(__name__)

REQUIRED_DATAMODULE_ATTRIBUTES = ("noise", "location", "train_set", "test_set")


def as_training_config(value: TrainingConfig | Mapping | None, name: str) -> TrainingConfig:
    """Accept a TrainingConfig, a mapping of its fields, or None for the defaults."""
    if value is None:
        return TrainingConfig()
    if isinstance(value, TrainingConfig):
        return value
    if isinstance(value, Mapping):
        try:
            return TrainingConfig(**value)
        except TypeError as error:
            raise ConfigError(f"metrics.{name} is invalid ({error}); see noisy_gan/metrics/training.py") from error
    raise ConfigError(f"metrics.{name} must be a mapping of training settings, got {type(value).__name__}")


class SampleQualityCallback(pl.Callback):
    """Scores samples of the LightningModule's `sample_images(num, seed)` against clean MNIST test digits.

    Expects the trainer's datamodule to provide `noise` (the Corruption),
    `location` (the DataLocation), `train_set` (CorruptedImages) and
    `test_set` (ImageSet of clean MNIST test digits). The classifier and the
    noise type's detector are loaded from `cache_dir` or trained there at
    the start of fit. Samples are drawn with the module in eval mode and
    scored on the CPU with the same `seed` every time, so validation curves
    show changes of the generator, not of the draw.
    """

    def __init__(
        self,
        cache_dir: str,
        num_samples: int = 10000,
        val_num_samples: int | None = 2000,
        seed: int = 0,
        batch_size: int = 500,
        kid_subsets: int = 100,
        kid_subset_size: int = 1000,
        nearest_k: int = 3,
        classifier_training: TrainingConfig | Mapping | None = None,
        detector_training: TrainingConfig | Mapping | None = None,
    ) -> None:
        super().__init__()
        for name, value in (("kid_subsets", kid_subsets), ("kid_subset_size", kid_subset_size),
                            ("nearest_k", nearest_k), ("batch_size", batch_size)):
            if isinstance(value, bool) or not isinstance(value, int) or value < 1:
                raise ConfigError(f"metrics.{name}={value!r} is invalid; use a positive integer")
        check_sample_count(num_samples, kid_subset_size, "metrics.num_samples")
        if val_num_samples is not None:
            check_sample_count(val_num_samples, kid_subset_size, "metrics.val_num_samples")
        self.cache_dir = cache_dir
        self.num_samples = num_samples
        self.val_num_samples = val_num_samples
        self.seed = seed
        self.batch_size = batch_size
        self.kid_subsets = kid_subsets
        self.kid_subset_size = kid_subset_size
        self.nearest_k = nearest_k
        self.classifier_training = as_training_config(classifier_training, "classifier_training")
        self.detector_training = as_training_config(detector_training, "detector_training")
        self.suite: SampleQualityMetrics | None = None
        self.final_metrics: dict[str, float] = {}
        self.reference_metrics: dict[str, float] = {}

    def prepare(self, noise: Corruption, location: DataLocation) -> tuple[TrainedNetwork, TrainedNetwork | None]:
        """Load or train the digit classifier and the contaminant detector for `noise` (None for noise=none)."""
        cache_dir = resolve_cache_dir(self.cache_dir)
        classifier = digit_classifier(location, cache_dir, self.classifier_training)
        detector = contaminant_detector(noise, location, cache_dir, self.detector_training)
        return classifier, detector

    def _datamodule(self, trainer: pl.Trainer):
        datamodule = trainer.datamodule
        missing = [name for name in REQUIRED_DATAMODULE_ATTRIBUTES if not hasattr(datamodule, name)]
        if missing:
            raise TypeError(
                f"SampleQualityCallback needs a datamodule with {', '.join(REQUIRED_DATAMODULE_ATTRIBUTES)} "
                f"(NoisyMNISTDataModule after setup), got {type(datamodule).__name__} without {', '.join(missing)}"
            )
        return datamodule

    def _build_suite(self, trainer: pl.Trainer) -> SampleQualityMetrics:
        if self.suite is None:
            datamodule = self._datamodule(trainer)
            classifier, detector = self.prepare(datamodule.noise, datamodule.location)
            self.suite = SampleQualityMetrics(
                classifier.network,
                to_float_images(datamodule.test_set.images),
                detector=None if detector is None else detector.network,
                kid_subsets=self.kid_subsets,
                kid_subset_size=self.kid_subset_size,
                nearest_k=self.nearest_k,
                batch_size=self.batch_size,
                seed=self.seed,
            )
        return self.suite

    def _sample(self, pl_module: pl.LightningModule, num_samples: int) -> torch.Tensor:
        """Draw `num_samples` images [N, 1, 28, 28] from the generator in eval mode and move them to the CPU."""
        was_training = pl_module.training
        pl_module.eval()
        try:
            with torch.no_grad():
                images = pl_module.sample_images(num_samples, self.seed)
        finally:
            pl_module.train(was_training)
        images = images.detach().to("cpu", torch.float32)
        check_images(images, "images returned by sample_images")
        if len(images) != num_samples:
            raise ValueError(f"sample_images({num_samples}, seed) returned {len(images)} images")
        return images

    def _reference_images(self, train_set) -> torch.Tensor:
        """`num_samples` images of the corrupted training set drawn at random (all of them if fewer)."""
        # The corruption models corrupt the first images of randperm(N) drawn with the run's seed,
        # so the reference draw needs a seed of its own to be a fair sample.
        generator = torch.Generator().manual_seed(derive_seed(self.seed, "reference draw"))
        order = torch.randperm(len(train_set.images), generator=generator)
        return train_set.images[order[: self.num_samples]]

    @staticmethod
    def _log(trainer: pl.Trainer, prefix: str, metrics: dict[str, float]) -> None:
        prefixed = {f"{prefix}/{name}": value for name, value in metrics.items()}
        for logger in trainer.loggers:
            logger.log_metrics(prefixed, step=training_steps(trainer))

    def on_fit_start(self, trainer: pl.Trainer, pl_module: pl.LightningModule) -> None:
        # Training a metric network draws from torch's global CPU generator. Forking it keeps the GAN's
        # random draws (latent vectors) the same whether or not the networks were already cached.
        with torch.random.fork_rng(devices=[]):
            suite = self._build_suite(trainer)
        self.reference_metrics = suite(self._reference_images(self._datamodule(trainer).train_set))
        self._log(trainer, "reference", self.reference_metrics)
        log.info("reference metrics of the corrupted training set: %s", self.reference_metrics)

    def on_validation_epoch_end(self, trainer: pl.Trainer, pl_module: pl.LightningModule) -> None:
        if trainer.sanity_checking or self.val_num_samples is None:
            return
        metrics = self._build_suite(trainer)(self._sample(pl_module, self.val_num_samples))
        pl_module.log_dict({f"val/{name}": value for name, value in metrics.items()}, on_step=False, on_epoch=True)

    def on_train_end(self, trainer: pl.Trainer, pl_module: pl.LightningModule) -> None:
        self.final_metrics = self._build_suite(trainer)(self._sample(pl_module, self.num_samples))
        log.info("final metrics of %d generated samples: %s", self.num_samples, self.final_metrics)
