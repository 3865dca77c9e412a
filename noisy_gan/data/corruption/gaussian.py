"""Additive Gaussian pixel noise."""

import math

import torch

from noisy_gan.data.corruption.base import Corruption
from noisy_gan.errors import ConfigError


class GaussianNoise(Corruption):
    """Adds N(0, sigma^2) noise to each pixel in [0, 1] space, then clamps to [0, 1].

    With sigma = 0.5 (the default in conf/noise/gaussian.yaml) about a third of
    the background pixels turn visibly grey, so a corrupted digit is easy to
    tell from a clean one while its strokes stay readable.
    """

    name = "gaussian"

    def __init__(self, pct: float, sigma: float = 0.5, name: str = "gaussian") -> None:
        super().__init__(pct, name)
        if isinstance(sigma, bool) or not isinstance(sigma, (int, float)) or not math.isfinite(sigma) or sigma <= 0:
            raise ConfigError(f"noise.sigma={sigma!r} is invalid; use a positive standard deviation, e.g. noise.sigma=0.5")
        self.sigma = float(sigma)

    def perturb(self, images: torch.Tensor, generator: torch.Generator) -> torch.Tensor:
        """Return `images` plus Gaussian noise, before clamping; the noise is drawn from `generator`."""
        return images + torch.randn(images.shape, generator=generator) * self.sigma

    def corrupt(self, images, labels, indices, generator, data):
        images[indices] = self.perturb(images[indices], generator).clamp_(0.0, 1.0)
        return images, labels

    def describe(self) -> dict:
        return {**super().describe(), "sigma": self.sigma}
