"""The digit classifier: accuracy, deterministic training and the image input contract."""

import pytest
import torch

from noisy_gan.errors import ConfigError
from noisy_gan.metrics.classifier import check_images
from noisy_gan.metrics.networks import to_float_images
from noisy_gan.metrics.training import TrainingConfig, accuracy, train_network

pytestmark = pytest.mark.slow


def test_classifier_test_accuracy(classifier, test_images, mnist_test):
    assert classifier.test_accuracy >= 0.99
    assert accuracy(classifier.network, test_images, mnist_test.labels) >= 0.99


def test_training_deterministic(mnist_train):
    images = to_float_images(mnist_train.images[:500])
    labels = mnist_train.labels[:500]
    config = TrainingConfig(epochs=1, batch_size=100)
    rng_before = torch.random.get_rng_state()
    first = train_network(images, labels, 10, config).state_dict()
    second = train_network(images, labels, 10, config).state_dict()
    assert torch.equal(torch.random.get_rng_state(), rng_before)
    assert first.keys() == second.keys()
    for key in first:
        assert torch.equal(first[key], second[key]), key


def test_training_seed_changes_weights(mnist_train):
    images = to_float_images(mnist_train.images[:500])
    labels = mnist_train.labels[:500]
    first = train_network(images, labels, 10, TrainingConfig(epochs=1, seed=0)).state_dict()
    second = train_network(images, labels, 10, TrainingConfig(epochs=1, seed=1)).state_dict()
    assert not torch.equal(first["head.weight"], second["head.weight"])


@pytest.mark.parametrize(
    "field, value",
    [("epochs", 0), ("batch_size", -1), ("learning_rate", 0.0), ("weight_decay", -0.1), ("max_train_samples", 0),
     ("seed", 1.5), ("epochs", True)],
)
def test_training_config_rejects(field, value):
    with pytest.raises(ConfigError, match=field):
        TrainingConfig(**{field: value})


@pytest.mark.parametrize(
    "images, message",
    [
        (torch.zeros(4, 1, 28, 28, dtype=torch.uint8), "must be float"),
        (torch.zeros(4, 28, 28), r"shape \[N, 1, 28, 28\]"),
        (torch.zeros(4, 3, 28, 28), r"shape \[N, 1, 28, 28\]"),
        (torch.full((4, 1, 28, 28), -1.0), r"must lie in \[0, 1\]"),
        (torch.full((4, 1, 28, 28), 255.0), r"must lie in \[0, 1\]"),
        (torch.full((4, 1, 28, 28), float("nan")), r"must lie in \[0, 1\]"),
        ([[0.0]], "must be a torch.Tensor"),
    ],
)
def test_check_images_rejects(images, message):
    with pytest.raises(ValueError, match=message):
        check_images(images)


def test_check_images_accepts_unit_range():
    check_images(torch.rand(3, 1, 28, 28))
