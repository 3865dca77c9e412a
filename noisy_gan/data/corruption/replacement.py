"""Contamination: corrupted samples are replaced by images from another dataset."""

import torch

from noisy_gan.data.corruption.base import Corruption
from noisy_gan.data.sources import EMNISTSource, TorchvisionSource
from noisy_gan.errors import ConfigError


class Replacement(Corruption):
    """Replaces the selected digits by training images of `source` (EMNIST letters, Fashion-MNIST, ...).

    The dataset size is unchanged. Replacement images are drawn without
    replacement when the source has enough of them, and their label becomes -1.
    """

    def __init__(self, pct: float, name: str, source: TorchvisionSource) -> None:
        super().__init__(pct, name)
        self.source = source

    def corrupt(self, images, labels, indices, generator, data):
        if len(indices) == 0:
            return images, labels
        contaminants = self.source.load(data.root, train=True, download=data.download).images
        if len(contaminants) == 0:
            raise ConfigError(f"noise={self.name} has no source images left to mix in; check noise.split")
        if len(contaminants) >= len(indices):
            picks = torch.randperm(len(contaminants), generator=generator)[: len(indices)]
        else:
            picks = torch.randint(len(contaminants), (len(indices),), generator=generator)
        images[indices] = contaminants[picks].unsqueeze(1).to(torch.float32) / 255.0
        labels[indices] = -1
        return images, labels

    def describe(self) -> dict:
        description = super().describe()
        if isinstance(self.source, EMNISTSource):
            description.update(split=self.source.split, drop_digits=self.source.drop_digits)
        return description


class EMNISTReplacement(Replacement):
    """Replacement by EMNIST images of `split`; `drop_digits` removes the digit classes of mixed splits."""

    def __init__(self, pct: float, split: str = "letters", drop_digits: bool = False, name: str = "emnist") -> None:
        super().__init__(pct, name, EMNISTSource(split=split, drop_digits=drop_digits))
