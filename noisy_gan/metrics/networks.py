"""The trained networks behind the metrics: the digit classifier and the contaminant detectors.

Each is loaded from the cache when a file trained with the same config
exists, and otherwise trained on the spot and cached. The config that keys
the cache contains the network version, the training hyperparameters, the noise
description (detectors only) and the sizes of the raw data files, so a change
to any of them trains a new network.
"""

import copy
import logging
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Callable

import torch

from noisy_gan.data.corruption import Corruption, DataLocation, NoCorruption, Replacement
from noisy_gan.data.sources import MNISTSource, TorchvisionSource
from noisy_gan.metrics.cache import cache_path, load_entry, save_entry
from noisy_gan.metrics.classifier import MNISTClassifier
from noisy_gan.metrics.seeds import derive_seed
from noisy_gan.metrics.training import TrainingConfig, accuracy, train_network

log = logging.getLogger(__name__)

# Bump when MNISTClassifier or the training procedure changes, so that old cache files are retrained.
NETWORK_VERSION = 2
MIN_CLASSIFIER_ACCURACY = 0.99
DETECTOR_TRAINING_PCT = 50.0


@dataclass(frozen=True)
class TrainedNetwork:
    """A network in eval mode on the CPU, its accuracy on held-out data and its cache file."""

    network: MNISTClassifier
    test_accuracy: float
    path: Path


def to_float_images(images: torch.Tensor) -> torch.Tensor:
    """uint8 [N, 28, 28] -> float32 [N, 1, 28, 28] in [0, 1]."""
    return images.unsqueeze(1).to(torch.float32) / 255.0


def raw_file_sizes(source: TorchvisionSource, root: Path, splits: tuple[bool, ...]) -> dict:
    """Sizes in bytes of the raw files of `source` (None where missing), to tell data sets apart cheaply."""
    raw = Path(root) / source.folder / "raw"
    sizes = {}
    for train in splits:
        for name in source.file_names(train):
            path = raw / name
            sizes[f"{source.folder}/{name}"] = path.stat().st_size if path.is_file() else None
    return sizes


def load_or_train(
    name: str, config: dict, cache_dir: Path, num_classes: int, train: Callable[[], tuple[MNISTClassifier, float]]
) -> TrainedNetwork:
    """Load network `name` trained with `config` from `cache_dir`, or call `train` and cache its result.

    `train` returns the trained network and its test accuracy.
    """
    path = cache_path(cache_dir, name, config)
    entry = load_entry(path, config)
    if entry is not None:
        network = MNISTClassifier(num_classes=num_classes)
        try:
            network.load_state_dict(entry["state_dict"])
        except (RuntimeError, KeyError, TypeError) as error:
            log.warning("retraining: cached network %s does not fit the current architecture (%s)", path, error)
        else:
            log.info("loaded %s from %s (test accuracy %.4f)", name, path, entry["test_accuracy"])
            return TrainedNetwork(network.eval(), float(entry["test_accuracy"]), path)

    log.info("training %s with %s; it will be cached in %s", name, config["training"], path)
    network, test_accuracy = train()
    save_entry(path, config, network.state_dict(), test_accuracy)
    log.info("trained %s: test accuracy %.4f", name, test_accuracy)
    return TrainedNetwork(network, test_accuracy, path)


def digit_classifier(data: DataLocation, cache_dir: Path, training: TrainingConfig) -> TrainedNetwork:
    """Load or train the 10-class MNIST classifier (trained on the MNIST training set, tested on the test set)."""
    source = MNISTSource()
    config = {
        "network": "digit_classifier",
        "version": NETWORK_VERSION,
        "training": asdict(training),
        "data": raw_file_sizes(source, data.root, splits=(True, False)),
    }

    def train() -> tuple[MNISTClassifier, float]:
        train_set = source.load(data.root, train=True, download=data.download)
        test_set = source.load(data.root, train=False, download=data.download)
        network = train_network(to_float_images(train_set.images), train_set.labels, 10, training)
        return network, accuracy(network, to_float_images(test_set.images), test_set.labels)

    trained = load_or_train("digit_classifier", config, cache_dir, num_classes=10, train=train)
    if trained.test_accuracy < MIN_CLASSIFIER_ACCURACY:
        log.warning(
            "digit classifier %s reaches only %.2f%% MNIST test accuracy (expected at least %.1f%%); "
            "metrics computed in its feature space are less reliable; raise metrics.classifier_training.epochs",
            trained.path,
            100 * trained.test_accuracy,
            100 * MIN_CLASSIFIER_ACCURACY,
        )
    return trained


def at_training_pct(noise: Corruption) -> Corruption:
    """Return a copy of `noise` that corrupts DETECTOR_TRAINING_PCT percent of the images, for a balanced training set."""
    balanced = copy.copy(noise)
    balanced.pct = DETECTOR_TRAINING_PCT
    return balanced


def contaminant_detector(
    noise: Corruption, data: DataLocation, cache_dir: Path, training: TrainingConfig
) -> TrainedNetwork | None:
    """Load or train a 2-class network that separates clean MNIST digits (class 0) from images corrupted by `noise` (class 1).

    Its training set is the MNIST training set with half of the images
    corrupted by `noise`, the same corruption model that the GAN's training
    data goes through. Its test accuracy is measured the same way on the
    MNIST test set. Returns None for `NoCorruption`, which has nothing to detect.
    """
    if isinstance(noise, NoCorruption):
        return None
    description = {key: value for key, value in noise.describe().items() if key != "pct"}
    description["class"] = type(noise).__name__
    if isinstance(noise, Replacement):
        description["source"] = type(noise.source).__name__
    mnist = MNISTSource()
    data_sizes = raw_file_sizes(mnist, data.root, splits=(True, False))
    if isinstance(noise, Replacement):
        data_sizes.update(raw_file_sizes(noise.source, data.root, splits=(True,)))
    config = {
        "network": "contaminant_detector",
        "version": NETWORK_VERSION,
        "noise": description,
        "training_pct": DETECTOR_TRAINING_PCT,
        "training": asdict(training),
        "data": data_sizes,
    }
    balanced = at_training_pct(noise)

    def labelled(train: bool, seed: int, limit: int | None = None) -> tuple[torch.Tensor, torch.Tensor]:
        clean = mnist.load(data.root, train=train, download=data.download)
        corrupted = balanced.apply(clean.images[:limit], clean.labels[:limit], seed, data)
        return corrupted.images, corrupted.corrupted.to(torch.int64)

    def train() -> tuple[MNISTClassifier, float]:
        train_seed = derive_seed(training.seed, "detector training corruption")
        train_images, train_labels = labelled(train=True, seed=train_seed, limit=training.max_train_samples)
        network = train_network(train_images, train_labels, 2, training)
        # NOTE: Replacement always draws its images from the training split of its source, so some
        # contaminants in this test set were also seen in training. The accuracy is optimistic for them.
        test_images, test_labels = labelled(train=False, seed=derive_seed(training.seed, "detector test corruption"))
        return network, accuracy(network, test_images, test_labels)

    return load_or_train(f"detector_{noise.name}", config, cache_dir, num_classes=2, train=train)
