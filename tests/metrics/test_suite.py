"""FID, KID, classifier score and precision/recall of known image sets against the MNIST test set."""

import pytest
import torch

from noisy_gan.data.corruption import GaussianNoise
from noisy_gan.errors import ConfigError
from noisy_gan.metrics.callback import SampleQualityCallback
from noisy_gan.metrics.suite import SampleQualityMetrics

pytestmark = pytest.mark.slow

METRIC_NAMES = {
    "fid", "kid_mean", "kid_std", "classifier_score", "classifier_score_std", "precision", "recall",
    "classes_covered", "class_kl", *(f"class_share_{digit}" for digit in range(10)),
}


def test_identical_sets_fid_near_zero(suite, test_images):
    metrics = suite(test_images)
    assert set(metrics) == METRIC_NAMES
    assert abs(metrics["fid"]) < 1e-3
    assert metrics["precision"] == 1.0
    assert metrics["recall"] == 1.0
    assert metrics["classes_covered"] == 10
    assert metrics["classifier_score"] > 9


def test_random_halves_small_fid(classifier, test_images):
    # Random halves: the first and last 5,000 test digits come from different groups of writers.
    order = torch.randperm(len(test_images), generator=torch.Generator().manual_seed(0))
    half_suite = SampleQualityMetrics(classifier.network, test_images[order[:5000]])
    metrics = half_suite(test_images[order[5000:]])
    assert 0 <= metrics["fid"] < 3
    assert metrics["precision"] > 0.85
    assert metrics["recall"] > 0.85


def test_pure_noise_large_fid(suite):
    noise = torch.rand(2000, 1, 28, 28, generator=torch.Generator().manual_seed(0))
    metrics = suite(noise)
    assert metrics["fid"] > 500
    assert metrics["kid_mean"] > 100
    assert metrics["precision"] < 0.01


def test_gaussian_noise_orders_metrics(suite, mnist_train, location):
    images, labels = mnist_train.images[:5000], mnist_train.labels[:5000]
    results = {}
    for pct in (0, 10, 30, 50):
        corrupted = GaussianNoise(pct=pct, sigma=0.5).apply(images, labels, seed=0, data=location)
        results[pct] = suite(corrupted.images)
    fids = [results[pct]["fid"] for pct in (0, 10, 30, 50)]
    precisions = [results[pct]["precision"] for pct in (0, 10, 30, 50)]
    assert all(low < high for low, high in zip(fids, fids[1:])), fids
    assert all(high > low for high, low in zip(precisions, precisions[1:])), precisions


def test_repeated_scoring_identical(suite, test_images):
    images = test_images[:1000]
    assert suite(images) == suite(images)


def test_too_few_samples_rejected(suite, test_images):
    with pytest.raises(ConfigError, match="use at least 1000"):
        suite(test_images[:999])


@pytest.mark.parametrize(
    "settings, key",
    [
        ({"num_samples": 999}, "metrics.num_samples=999"),
        ({"val_num_samples": 500}, "metrics.val_num_samples=500"),
        ({"num_samples": 1500, "kid_subset_size": 2000}, "metrics.num_samples=1500"),
        ({"kid_subsets": 0}, "metrics.kid_subsets=0"),
    ],
)
def test_callback_rejects_settings(tmp_path, settings, key):
    with pytest.raises(ConfigError, match=key):
        SampleQualityCallback(cache_dir=str(tmp_path), **settings)


def test_too_few_real_images_rejected(classifier, test_images):
    with pytest.raises(ConfigError, match="number of real images=500"):
        SampleQualityMetrics(classifier.network, test_images[:500])


def test_uint8_images_rejected(suite, mnist_test):
    with pytest.raises(ValueError, match="must be float"):
        suite(mnist_test.images.unsqueeze(1))
