"""Measure the small-sample bias of FID in the classifier feature space.

FID between two disjoint sets of N clean MNIST digits would be 0 with
infinitely many samples. Its value at finite N is the noise floor that
`MIN_SAMPLES` in noisy_gan/metrics/suite.py is chosen from.

Usage, from the repository root: python -m bench.fid_bias [--data DIR] [--cache-dir DIR]
"""

import argparse
from pathlib import Path

import torch

from bench.common import add_data_arguments, load_classifier
from noisy_gan.data.corruption import DataLocation
from noisy_gan.data.sources import MNISTSource
from noisy_gan.metrics.classifier import features_and_logits
from noisy_gan.metrics.frechet import FrechetKernelDistance
from noisy_gan.metrics.networks import to_float_images

SAMPLE_COUNTS = (250, 500, 1000, 2000, 5000, 10000)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_data_arguments(parser)
    args = parser.parse_args()

    root = Path(args.data)
    classifier = load_classifier(DataLocation(root), args.cache_dir)
    source = MNISTSource()
    test_images = to_float_images(source.load(root, train=False, download=False).images)
    train_images = to_float_images(source.load(root, train=True, download=False).images)
    test_features, _ = features_and_logits(classifier, test_images, 500)
    train_features, _ = features_and_logits(classifier, train_images, 500)

    print("| N | FID, test vs train digits (mean of 3 draws) |")
    print("| ---: | ---: |")
    generator = torch.Generator().manual_seed(0)
    for count in SAMPLE_COUNTS:
        values = []
        for _ in range(3):
            real = test_features[torch.randperm(len(test_features), generator=generator)[:count]]
            fake = train_features[torch.randperm(len(train_features), generator=generator)[:count]]
            values.append(FrechetKernelDistance(real, kid_subsets=1, kid_subset_size=count // 2, seed=0)(fake)["fid"])
        print(f"| {count} | {sum(values) / len(values):.3f} |")


if __name__ == "__main__":
    main()
