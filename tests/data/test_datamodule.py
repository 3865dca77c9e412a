"""The data module: one corrupted training set per seed, clean test set, batches in [-1, 1]."""

import os

import pytest
import torch

from noisy_gan.data.corruption import GaussianNoise, Replacement
from noisy_gan.data.datamodule import NoisyMNISTDataModule
from noisy_gan.data.sources import FashionMNISTSource, MNISTSource


def build(data_root, num_workers=0, seed=0, noise=None):
    module = NoisyMNISTDataModule(
        root=data_root,
        noise=noise or GaussianNoise(30),
        seed=seed,
        download=False,
        batch_size=256,
        num_workers=num_workers,
        train_subset=4000,
    )
    module.setup("fit")
    return module


def first_batches(module, count=3):
    batches = []
    for index, batch in enumerate(module.train_dataloader()):
        if index == count:
            break
        batches.append(batch)
    return batches


def test_training_set_is_identical_for_any_num_workers(data_root):
    serial = build(data_root, num_workers=0)
    parallel = build(data_root, num_workers=2)
    assert torch.equal(serial.train_set.images, parallel.train_set.images)
    for (images_a, flags_a), (images_b, flags_b) in zip(first_batches(serial), first_batches(parallel)):
        assert torch.equal(images_a, images_b)
        assert torch.equal(flags_a, flags_b)


def test_data_order_follows_the_seed(data_root):
    noise = Replacement(20, "fashion", FashionMNISTSource())
    first = first_batches(build(data_root, seed=5, noise=noise), count=1)[0][0]
    again = first_batches(build(data_root, seed=5, noise=noise), count=1)[0][0]
    other = first_batches(build(data_root, seed=6, noise=noise), count=1)[0][0]
    assert torch.equal(first, again)
    assert not torch.equal(first, other)


def test_batches_lie_in_minus_one_to_one(data_root):
    module = build(data_root, noise=GaussianNoise(100))
    images, corrupted = next(iter(module.train_dataloader()))
    assert images.shape == (256, 1, 28, 28)
    assert float(images.min()) >= -1.0
    assert float(images.max()) <= 1.0
    assert float(images.min()) < -0.99
    assert corrupted.dtype == torch.bool


def test_validation_set_is_the_clean_mnist_test_set(data_root):
    module = build(data_root, noise=GaussianNoise(100))
    clean = MNISTSource().load(data_root, train=False, download=False)
    images = torch.cat([batch[0] for batch in module.val_dataloader()])
    assert images.shape == (10000, 1, 28, 28)
    assert torch.equal(((images + 1) * 127.5).round().to(torch.uint8).squeeze(1), clean.images)


def test_exact_fraction_of_the_subset_is_corrupted(data_root):
    module = build(data_root, noise=GaussianNoise(12.5))
    assert len(module.train_set.corrupted) == 4000
    assert int(module.train_set.corrupted.sum()) == 500


def test_data_root_is_not_written(data_root):
    before = sorted((path.relative_to(data_root), path.stat().st_mtime) for path in data_root.rglob("*"))
    module = NoisyMNISTDataModule(root=data_root, noise=GaussianNoise(10), seed=0, download=True, train_subset=100)
    module.prepare_data()
    module.setup("fit")
    after = sorted((path.relative_to(data_root), path.stat().st_mtime) for path in data_root.rglob("*"))
    assert before == after


@pytest.mark.parametrize("batch_size", [0, -5, 2.5])
def test_invalid_batch_size_is_rejected(data_root, batch_size):
    with pytest.raises(Exception, match="data.batch_size"):
        NoisyMNISTDataModule(root=data_root, noise=GaussianNoise(0), seed=0, batch_size=batch_size)


def test_relative_root_is_relative_to_launch_directory(data_root, tmp_path, monkeypatch):
    monkeypatch.chdir(data_root.parent)
    module = NoisyMNISTDataModule(root=os.path.join(".", data_root.name), noise=GaussianNoise(0), seed=0, download=False)
    assert module.location.root == data_root
