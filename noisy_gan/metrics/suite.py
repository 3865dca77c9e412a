"""All sample-quality metrics of one image set against a fixed set of clean real images."""

import logging
import time

import torch

from noisy_gan.errors import ConfigError
from noisy_gan.metrics.classifier import MNISTClassifier, check_images, features_and_logits
from noisy_gan.metrics.classifier_score import classifier_score
from noisy_gan.metrics.contamination import contamination_pct
from noisy_gan.metrics.coverage import class_coverage
from noisy_gan.metrics.frechet import FrechetKernelDistance
from noisy_gan.metrics.precision_recall import precision_recall, squared_radii
from noisy_gan.metrics.seeds import derive_seed

log = logging.getLogger(__name__)

# Below this many samples, sample noise swamps the differences that matter. Between two disjoint sets of
# N clean MNIST digits (test vs training digits), FID in the 128-dimensional feature space is about 4.2 at
# N = 1,000, 9.2 at N = 500 and 0.6 at N = 10,000, while corrupting 10% of 5,000 training digits with
# Gaussian noise (sigma 0.5) gives about 10 (docs/benchmarks.md).
MIN_SAMPLES = 1000


def minimum_samples(kid_subset_size: int) -> int:
    """Smallest image count the metrics accept: MIN_SAMPLES, and at least one full KID subset."""
    return max(MIN_SAMPLES, kid_subset_size)


def check_sample_count(num_samples: int, kid_subset_size: int, name: str) -> None:
    """Raise ConfigError if `num_samples` (the value of config key `name`) is too small for stable metrics."""
    needed = minimum_samples(kid_subset_size)
    if isinstance(num_samples, bool) or not isinstance(num_samples, int) or num_samples < needed:
        raise ConfigError(
            f"{name}={num_samples!r} is too small for stable sample-quality metrics; use at least {needed} "
            f"(FID needs about {MIN_SAMPLES} samples in the 128-dimensional feature space and "
            f"KID draws subsets of kid_subset_size={kid_subset_size})"
        )


class SampleQualityMetrics:
    """Scores image sets [N, 1, 28, 28] in [0, 1] against real images fixed at construction.

    Metrics, all in the feature space or with the predictions of `classifier`:
    `fid`, `kid_mean`, `kid_std`, `classifier_score`, `classifier_score_std`,
    `precision`, `recall`, `classes_covered`, `class_kl`, `class_share_<c>`,
    and `contamination_pct` when a `detector` is given. Precision and recall
    compare equally large sets: the first min(N, M) of a fixed random order of
    each set. Every random draw comes from `seed`, so the same inputs give the
    same numbers.
    """

    def __init__(
        self,
        classifier: MNISTClassifier,
        real_images: torch.Tensor,
        detector: MNISTClassifier | None = None,
        kid_subsets: int = 100,
        kid_subset_size: int = 1000,
        nearest_k: int = 3,
        score_splits: int = 10,
        batch_size: int = 500,
        seed: int = 0,
    ) -> None:
        check_images(real_images, "real images")
        check_sample_count(len(real_images), kid_subset_size, "number of real images")
        self.classifier = classifier
        self.detector = detector
        self.kid_subset_size = kid_subset_size
        self.nearest_k = nearest_k
        self.score_splits = score_splits
        self.batch_size = batch_size
        self.seed = seed
        self.real_features, _ = features_and_logits(classifier, real_images, batch_size)
        self._real_subsets: dict[int, tuple[torch.Tensor, torch.Tensor]] = {}
        self.distance = FrechetKernelDistance(
            self.real_features, kid_subsets, kid_subset_size, derive_seed(seed, "kid subsets")
        )

    @property
    def min_samples(self) -> int:
        """Smallest number of images that `__call__` accepts."""
        return minimum_samples(self.kid_subset_size)

    def _random_subset(self, features: torch.Tensor, size: int, purpose: str) -> torch.Tensor:
        generator = torch.Generator().manual_seed(derive_seed(self.seed, purpose))
        return features[torch.randperm(len(features), generator=generator)[:size]]

    def _real_subset(self, size: int) -> tuple[torch.Tensor, torch.Tensor]:
        """Real features [size, D] for precision and recall and their squared k-NN radii [size], cached per size."""
        if size not in self._real_subsets:
            subset = self._random_subset(self.real_features, size, "real subset")
            self._real_subsets[size] = (subset, squared_radii(subset, self.nearest_k))
        return self._real_subsets[size]

    def __call__(self, images: torch.Tensor) -> dict[str, float]:
        """Return the metrics of images [N, 1, 28, 28] in [0, 1], N >= `min_samples`, as a flat dict."""
        check_images(images)
        check_sample_count(len(images), self.kid_subset_size, "number of images to score")
        start = time.perf_counter()
        features, logits = features_and_logits(self.classifier, images, self.batch_size)
        metrics = self.distance(features)
        metrics.update(classifier_score(logits, self.score_splits, derive_seed(self.seed, "classifier score splits")))

        size = min(len(features), len(self.real_features))
        real_subset, real_squared_radii = self._real_subset(size)
        fake_subset = self._random_subset(features, size, "fake subset")
        metrics.update(
            precision_recall(real_subset, fake_subset, self.nearest_k, real_squared_radii=real_squared_radii)
        )
        metrics.update(class_coverage(logits))
        if self.detector is not None:
            _, detector_logits = features_and_logits(self.detector, images, self.batch_size)
            metrics.update(contamination_pct(detector_logits))
        log.debug("scored %d images in %.2f s", len(images), time.perf_counter() - start)
        return metrics
