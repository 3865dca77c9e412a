"""Contaminant detectors: the estimated share of contaminants in known mixtures, and EMNIST from IDX files."""

import numpy as np
import pytest
import torch

from noisy_gan.data.corruption import DataLocation, EMNISTReplacement, NoCorruption, Replacement
from noisy_gan.data.sources import EMNISTSource, FashionMNISTSource
from noisy_gan.metrics.classifier import features_and_logits
from noisy_gan.metrics.contamination import contamination_pct
from noisy_gan.metrics.networks import contaminant_detector, to_float_images
from noisy_gan.metrics.suite import SampleQualityMetrics
from noisy_gan.metrics.training import TrainingConfig

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def fashion_detector(location, metrics_cache, detector_training):
    noise = Replacement(0, "fashion", FashionMNISTSource())
    return contaminant_detector(noise, location, metrics_cache, detector_training)


@pytest.mark.parametrize("contaminant_pct", [0, 10, 30, 50])
def test_fashion_mixture_rate(fashion_detector, test_images, location, contaminant_pct):
    fashion = to_float_images(FashionMNISTSource().load(location.root, train=False, download=False).images)
    num_fashion = 5000 * contaminant_pct // 100
    mixture = torch.cat([test_images[: 5000 - num_fashion], fashion[:num_fashion]])
    _, logits = features_and_logits(fashion_detector.network, mixture, batch_size=500)
    assert contamination_pct(logits)["contamination_pct"] == pytest.approx(contaminant_pct, abs=3)


def test_suite_reports_contamination(classifier, fashion_detector, test_images):
    metrics = SampleQualityMetrics(classifier.network, test_images[:2000], detector=fashion_detector.network)
    assert metrics(test_images[5000:6000])["contamination_pct"] < 3


def test_no_detector_for_clean_noise(location, metrics_cache, detector_training, suite, test_images):
    assert contaminant_detector(NoCorruption(), location, metrics_cache, detector_training) is None
    assert "contamination_pct" not in suite(test_images[:1000])


def synthetic_letters(count: int, seed: int) -> np.ndarray:
    """Stand-ins for letters, uint8 [count, 28, 28]: a long vertical bar beside a filled square, unlike any digit."""
    generator = np.random.default_rng(seed)
    images = np.zeros((count, 28, 28), dtype=np.uint8)
    for image in images:
        top, column = generator.integers(2, 8, size=2)
        row, left = generator.integers(4, 18, size=2)
        image[top : top + 20, column : column + 3] = 255
        image[row : row + 7, left + 4 : left + 11] = 255
    return images


def write_emnist_letters(root, write_idx, train_count: int, test_count: int) -> dict[bool, np.ndarray]:
    """Write EMNIST letters IDX files as NIST stores them (each image transposed); return the upright images."""
    raw = root / "EMNIST" / "raw"
    upright = {True: synthetic_letters(train_count, seed=0), False: synthetic_letters(test_count, seed=1)}
    for train, images in upright.items():
        prefix = f"emnist-letters-{'train' if train else 'test'}"
        write_idx(raw / f"{prefix}-images-idx3-ubyte", images.transpose(0, 2, 1))
        write_idx(raw / f"{prefix}-labels-idx1-ubyte", np.arange(len(images), dtype=np.uint8) % 26 + 1)
    return upright


def test_emnist_detector_from_idx_files(mnist_copy, tmp_path, test_images, write_idx):
    upright = write_emnist_letters(mnist_copy, write_idx, train_count=3000, test_count=500)
    location = DataLocation(mnist_copy, download=False)
    letters = EMNISTSource("letters").load(mnist_copy, train=False, download=False)
    assert np.array_equal(letters.images.numpy(), upright[False])

    cache_dir = tmp_path / "cache"
    cache_dir.mkdir()
    noise = EMNISTReplacement(pct=20, split="letters")
    detector = contaminant_detector(noise, location, cache_dir, TrainingConfig(epochs=1, max_train_samples=4000))
    assert detector.path.parent == cache_dir
    assert detector.path.name.startswith("detector_emnist-")
    assert detector.test_accuracy >= 0.95

    mixture = torch.cat([test_images[:700], to_float_images(letters.images[:300])])
    _, logits = features_and_logits(detector.network, mixture, batch_size=500)
    assert contamination_pct(logits)["contamination_pct"] == pytest.approx(30, abs=5)
