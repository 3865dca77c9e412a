"""Corruption models on real MNIST: exact fractions, determinism, ranges and noise statistics."""

import pytest
import torch

from noisy_gan.data.corruption import DataLocation, GaussianNoise, NoCorruption, Replacement
from noisy_gan.data.sources import FashionMNISTSource, MNISTSource
from noisy_gan.errors import ConfigError


@pytest.fixture(scope="module")
def mnist_train(data_root):
    return MNISTSource().load(data_root, train=True, download=False)


@pytest.fixture(scope="module")
def location(data_root):
    return DataLocation(root=data_root)


def noise_models(pct):
    return [GaussianNoise(pct, sigma=0.5), Replacement(pct, "fashion", FashionMNISTSource())]


@pytest.mark.parametrize("pct", [0, 0.5, 10, 33.3, 50, 100])
def test_corrupted_fraction_is_exact(mnist_train, location, pct):
    for model in noise_models(pct):
        result = model.apply(mnist_train.images, mnist_train.labels, seed=3, data=location)
        expected = round(len(mnist_train) * pct / 100)
        assert int(result.corrupted.sum()) == expected, model.name
        assert result.images.shape == (60000, 1, 28, 28)


def test_only_flagged_samples_change(mnist_train, location):
    for model in noise_models(30):
        result = model.apply(mnist_train.images, mnist_train.labels, seed=1, data=location)
        clean = mnist_train.images.unsqueeze(1).float() / 255
        changed = (result.images != clean).flatten(1).any(dim=1)
        assert not changed[~result.corrupted].any(), model.name
        assert changed[result.corrupted].float().mean() > 0.99, model.name


def test_same_seed_gives_same_corruption(mnist_train, location):
    for model in noise_models(30):
        first = model.apply(mnist_train.images, mnist_train.labels, seed=7, data=location)
        second = model.apply(mnist_train.images, mnist_train.labels, seed=7, data=location)
        other = model.apply(mnist_train.images, mnist_train.labels, seed=8, data=location)
        assert torch.equal(first.images, second.images)
        assert torch.equal(first.corrupted, second.corrupted)
        assert not torch.equal(first.corrupted, other.corrupted)


def test_corrupted_images_stay_in_unit_range(mnist_train, location):
    for model in noise_models(50):
        result = model.apply(mnist_train.images, mnist_train.labels, seed=0, data=location)
        assert result.images.dtype == torch.float32
        assert float(result.images.min()) >= 0.0
        assert float(result.images.max()) <= 1.0


@pytest.mark.parametrize("sigma", [0.2, 0.5, 1.0])
def test_gaussian_noise_std_matches_sigma(mnist_train, sigma):
    model = GaussianNoise(50, sigma=sigma)
    clean = mnist_train.images[:5000].unsqueeze(1).float() / 255
    perturbed = model.perturb(clean, torch.Generator().manual_seed(0))
    measured = float((perturbed - clean).std())
    assert measured == pytest.approx(sigma, rel=0.01)


def test_gaussian_noise_is_visible_at_default_sigma(mnist_train, location):
    result = GaussianNoise(100).apply(mnist_train.images[:1000], mnist_train.labels[:1000], seed=0, data=location)
    background = mnist_train.images[:1000].unsqueeze(1) == 0
    assert float(result.images[background].mean()) > 0.15


def test_replacement_uses_fashion_images_and_marks_labels(mnist_train, location):
    fashion = FashionMNISTSource().load(location.root, train=True, download=False)
    result = Replacement(10, "fashion", FashionMNISTSource()).apply(
        mnist_train.images, mnist_train.labels, seed=0, data=location
    )
    replaced = (result.images[result.corrupted] * 255).round().to(torch.uint8).squeeze(1)
    fashion_rows = {bytes(image.flatten().tolist()) for image in fashion.images}
    assert all(bytes(image.flatten().tolist()) in fashion_rows for image in replaced[:200])
    assert bool((result.labels[result.corrupted] == -1).all())
    assert torch.equal(result.labels[~result.corrupted], mnist_train.labels[~result.corrupted])


@pytest.mark.parametrize("pct", [-1, 100.5, 150, float("nan"), "abc", None, True])
def test_invalid_pct_is_rejected(pct):
    with pytest.raises(ConfigError, match="noise.pct"):
        GaussianNoise(pct)


def test_none_rejects_nonzero_pct():
    with pytest.raises(ConfigError, match="noise=none"):
        NoCorruption(pct=10)


@pytest.mark.parametrize("sigma", [0, -0.1, "high"])
def test_invalid_sigma_is_rejected(sigma):
    with pytest.raises(ConfigError, match="noise.sigma"):
        GaussianNoise(10, sigma=sigma)
