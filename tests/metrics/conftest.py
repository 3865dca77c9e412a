"""Fixtures for the metric tests: real MNIST, the default digit classifier and a metric suite.

The classifier is trained with the default config into the cache that
tests/conftest.py sets up through NOISY_GAN_CACHE, so it is trained at most
once per test session (and reused by later sessions and by the training
runs under tests/cli). Tests of the cache itself use their own folders.
"""

import os
from pathlib import Path

import numpy as np
import pytest
import torch

from noisy_gan.data.corruption import DataLocation
from noisy_gan.data.sources import ImageSet, MNISTSource
from noisy_gan.metrics.cache import resolve_cache_dir
from noisy_gan.metrics.networks import TrainedNetwork, digit_classifier, to_float_images
from noisy_gan.metrics.suite import SampleQualityMetrics
from noisy_gan.metrics.training import TrainingConfig

@pytest.fixture(scope="session")
def location() -> DataLocation:
    """The real data root from NOISY_GAN_DATA, read only."""
    return DataLocation(Path(os.environ["NOISY_GAN_DATA"]), download=False)


@pytest.fixture(scope="session")
def metrics_cache() -> Path:
    return resolve_cache_dir(os.environ["NOISY_GAN_CACHE"])


@pytest.fixture(scope="session")
def classifier(location, metrics_cache) -> TrainedNetwork:
    """The digit classifier with the default training config."""
    return digit_classifier(location, metrics_cache, TrainingConfig())


@pytest.fixture(scope="session")
def mnist_test(location) -> ImageSet:
    return MNISTSource().load(location.root, train=False, download=False)


@pytest.fixture(scope="session")
def mnist_train(location) -> ImageSet:
    return MNISTSource().load(location.root, train=True, download=False)


@pytest.fixture(scope="session")
def test_images(mnist_test) -> torch.Tensor:
    """The 10,000 MNIST test digits as float [10000, 1, 28, 28] in [0, 1]."""
    return to_float_images(mnist_test.images)


@pytest.fixture(scope="session")
def suite(classifier, test_images) -> SampleQualityMetrics:
    """Metrics against all 10,000 MNIST test digits, without a detector."""
    return SampleQualityMetrics(classifier.network, test_images)


@pytest.fixture(scope="session")
def detector_training() -> TrainingConfig:
    """Detector training on fewer images than conf/metrics/default.yaml, to save time.

    Telling Fashion-MNIST items or letter-like strokes from clean digits needs no more.
    """
    return TrainingConfig(epochs=1, max_train_samples=10000)


def write_idx_file(path: Path, array: np.ndarray) -> None:
    """Write a uint8 array as an uncompressed IDX file."""
    header = bytes([0, 0, 0x08, array.ndim]) + b"".join(int(size).to_bytes(4, "big") for size in array.shape)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(header + np.ascontiguousarray(array, dtype=np.uint8).tobytes())


@pytest.fixture(scope="session")
def write_idx():
    """The function write_idx_file(path, uint8 array)."""
    return write_idx_file
