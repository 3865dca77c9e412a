"""Time all sample-quality metrics for 10,000 images, classifier and detector passes included.

The "generated" images are MNIST training digits, 10% of them corrupted with
Gaussian noise; the real images are the 10,000 MNIST test digits. The
detector has random weights because its cost does not depend on them, which
spares training one here. The digit classifier is loaded from the cache, or
trained first (minutes on a 2-core CPU) if missing.

Usage, from the repository root: python -m bench.metrics_speed [--data DIR] [--cache-dir DIR] [--samples N] [--repeats R]
"""

import argparse
import os
import platform
import time
from pathlib import Path

import torch

from bench.common import add_data_arguments, load_classifier
from noisy_gan.data.corruption import DataLocation, GaussianNoise
from noisy_gan.data.sources import MNISTSource
from noisy_gan.metrics.classifier import MNISTClassifier
from noisy_gan.metrics.networks import to_float_images
from noisy_gan.metrics.suite import SampleQualityMetrics


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_data_arguments(parser)
    parser.add_argument("--samples", type=int, default=10000, help="number of images to score")
    parser.add_argument("--repeats", type=int, default=3, help="number of timed scoring runs")
    args = parser.parse_args()

    root = Path(args.data)
    location = DataLocation(root)
    classifier = load_classifier(location, args.cache_dir)
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(0)
        detector = MNISTClassifier(num_classes=2).eval()
    source = MNISTSource()
    test_set = source.load(root, train=False, download=False)
    train_set = source.load(root, train=True, download=False)
    images = GaussianNoise(pct=10).apply(train_set.images[: args.samples], train_set.labels[: args.samples], 0, location)

    print(f"torch {torch.__version__}, {torch.get_num_threads()} threads, {os.cpu_count()} CPUs, {platform.machine()}")
    start = time.perf_counter()
    metrics = SampleQualityMetrics(classifier, to_float_images(test_set.images), detector=detector)
    print(f"setup (features of {len(test_set)} real images, FID/KID state): {time.perf_counter() - start:.2f} s")
    for repeat in range(args.repeats):
        start = time.perf_counter()
        metrics(images.images)
        print(f"run {repeat + 1}: all metrics for {len(images.images)} images: {time.perf_counter() - start:.2f} s")


if __name__ == "__main__":
    main()
