"""Corruption models: pure functions of clean images, a seed and their config.

Each model is a class chosen in `conf/noise/*.yaml` through Hydra's `_target_`.
Its `apply(images, seed, data)` takes clean uint8 images [N, 28, 28] and returns
a `CorruptedImages` whose float images lie in [0, 1] with shape [N, 1, 28, 28],
plus a per-sample `corrupted` flag. Exactly round(N * pct / 100) samples are
corrupted, and the same seed always gives the same result.
"""

from noisy_gan.data.corruption.base import Corruption, CorruptedImages, DataLocation
from noisy_gan.data.corruption.clean import NoCorruption
from noisy_gan.data.corruption.gaussian import GaussianNoise
from noisy_gan.data.corruption.replacement import EMNISTReplacement, Replacement

__all__ = ["Corruption", "CorruptedImages", "DataLocation", "NoCorruption", "GaussianNoise", "Replacement", "EMNISTReplacement"]
