"""Command-line arguments and the digit classifier shared by the benchmark scripts."""

import argparse
import os

from noisy_gan.data.corruption import DataLocation
from noisy_gan.metrics.cache import resolve_cache_dir
from noisy_gan.metrics.classifier import MNISTClassifier
from noisy_gan.metrics.networks import digit_classifier
from noisy_gan.metrics.training import TrainingConfig


def add_data_arguments(parser: argparse.ArgumentParser) -> None:
    """Add --data and --cache-dir, defaulting to NOISY_GAN_DATA and NOISY_GAN_CACHE like the entry points."""
    parser.add_argument("--data", default=os.environ.get("NOISY_GAN_DATA", "data"), help="data root with MNIST/raw")
    parser.add_argument(
        "--cache-dir",
        default=os.environ.get("NOISY_GAN_CACHE", "~/.cache/noisy_gan"),
        help="folder of cached metric networks",
    )


def load_classifier(location: DataLocation, cache_dir: str) -> MNISTClassifier:
    """Load the digit classifier trained with the default config from `cache_dir`, training it first if missing."""
    return digit_classifier(location, resolve_cache_dir(cache_dir), TrainingConfig()).network
