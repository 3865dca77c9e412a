"""The contract shared by all corruption models."""

import math
from dataclasses import dataclass
from pathlib import Path

import torch

from noisy_gan.errors import ConfigError


@dataclass(frozen=True)
class DataLocation:
    """The data root that sources read, and whether they may download missing files into it."""

    root: Path
    download: bool = False


@dataclass(frozen=True)
class CorruptedImages:
    """A training set after corruption.

    images: float32 [N, 1, 28, 28] in [0, 1].
    corrupted: bool [N], True where the sample was changed or replaced.
    labels: int64 [N], the MNIST digit, or -1 where the image was replaced.
    """

    images: torch.Tensor
    corrupted: torch.Tensor
    labels: torch.Tensor


def check_pct(pct) -> float:
    """Return `pct` as a float after checking that it is a number from 0 to 100."""
    if isinstance(pct, bool) or not isinstance(pct, (int, float)):
        raise ConfigError(f"noise.pct={pct} is not a number; use a percentage from 0 to 100, e.g. noise.pct=10")
    if not math.isfinite(pct) or not 0 <= pct <= 100:
        raise ConfigError(f"noise.pct={pct} is out of range; use a percentage from 0 to 100, e.g. noise.pct=10")
    return float(pct)


class Corruption:
    """Base class that chooses which samples to corrupt. Subclasses implement `corrupt`.

    `name` is the noise type as it appears in configs, hparams and reports.
    """

    name = "base"

    def __init__(self, pct: float, name: str | None = None) -> None:
        self.pct = check_pct(pct)
        if name is not None:
            self.name = name

    def num_corrupted(self, num_samples: int) -> int:
        """Number of samples to corrupt: round(num_samples * pct / 100), halves rounded up."""
        return math.floor(num_samples * self.pct / 100 + 0.5)

    def select(self, num_samples: int, generator: torch.Generator) -> torch.Tensor:
        """Return the sorted indices of the samples to corrupt, drawn with `generator`."""
        order = torch.randperm(num_samples, generator=generator)
        return order[: self.num_corrupted(num_samples)].sort().values

    def apply(self, images: torch.Tensor, labels: torch.Tensor, seed: int, data: DataLocation) -> CorruptedImages:
        """Corrupt round(N * pct / 100) of `images` (uint8 [N, 28, 28]); see the module docstring."""
        if images.dtype != torch.uint8 or images.dim() != 3:
            raise ValueError(f"expected uint8 images of shape [N, H, W], got {images.dtype} {tuple(images.shape)}")
        generator = torch.Generator().manual_seed(seed)
        indices = self.select(len(images), generator)
        clean = images.unsqueeze(1).to(torch.float32) / 255.0
        corrupted = torch.zeros(len(images), dtype=torch.bool)
        corrupted[indices] = True
        result_images, result_labels = self.corrupt(clean, labels.clone(), indices, generator, data)
        return CorruptedImages(images=result_images, corrupted=corrupted, labels=result_labels)

    def corrupt(
        self,
        images: torch.Tensor,
        labels: torch.Tensor,
        indices: torch.Tensor,
        generator: torch.Generator,
        data: DataLocation,
    ) -> tuple[torch.Tensor, torch.Tensor]:
        """Change `images[indices]` (float [N, 1, 28, 28] in [0, 1]) in place and return images and labels."""
        raise NotImplementedError

    def describe(self) -> dict:
        """Config values that identify this corruption, for hparams and reports."""
        return {"type": self.name, "pct": self.pct}
