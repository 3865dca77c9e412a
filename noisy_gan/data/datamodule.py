"""The Lightning data module: corrupted MNIST for training, clean MNIST test for validation."""

import os
from pathlib import Path

import pytorch_lightning as pl
import torch
from hydra.utils import to_absolute_path
from torch.utils.data import DataLoader, TensorDataset

from noisy_gan.data.corruption import Corruption, CorruptedImages, DataLocation
from noisy_gan.data.sources import ImageSet, MNISTSource
from noisy_gan.errors import ConfigError


class NoisyMNISTDataModule(pl.LightningDataModule):
    """Builds the corrupted training set once, in memory, and serves batches.

    Training batches are `(images, corrupted)`: float32 [B, 1, 28, 28] in [-1, 1]
    and bool [B]. Validation batches are clean MNIST test images in the same
    range; the test set is never corrupted or subsampled.

    The corruption is a pure function of `seed` and the noise config, computed
    in `setup` by every process (each DDP rank gets the same set), so it does
    not depend on `num_workers`. The shuffle order is drawn from a generator
    seeded with `seed`.
    """

    def __init__(
        self,
        root: str | Path,
        noise: Corruption,
        seed: int,
        download: bool = True,
        batch_size: int = 64,
        num_workers: int = 0,
        train_subset: int | None = None,
    ) -> None:
        super().__init__()
        if not isinstance(batch_size, int) or batch_size < 1:
            raise ConfigError(f"data.batch_size={batch_size!r} is invalid; use a positive integer, e.g. 64")
        if train_subset is not None and (not isinstance(train_subset, int) or train_subset < 1):
            raise ConfigError(f"data.train_subset={train_subset!r} is invalid; use a positive integer or null")
        # Relative roots are relative to the launch directory, also when Hydra changes into the job directory.
        self.location = DataLocation(root=Path(to_absolute_path(os.path.expanduser(str(root)))), download=download)
        self.noise = noise
        self.seed = seed
        self.batch_size = batch_size
        self.num_workers = num_workers
        self.train_subset = train_subset
        self.source = MNISTSource()
        self.train_set: CorruptedImages | None = None
        self.test_set: ImageSet | None = None

    def prepare_data(self) -> None:
        """Download MNIST when allowed and missing (runs on one process only)."""
        if self.location.download and self.train_set is None:
            self.source.load(self.location.root, train=True, download=True)

    def setup(self, stage: str | None = None) -> None:
        if self.train_set is None:
            self.train_set = self.build_train_set()
        if self.test_set is None:
            self.test_set = self.source.load(self.location.root, train=False, download=False)

    def build_train_set(self) -> CorruptedImages:
        """Load MNIST train, keep the first `train_subset` images if set, and corrupt them."""
        clean = self.source.load(self.location.root, train=True, download=self.location.download)
        images, labels = clean.images, clean.labels
        if self.train_subset is not None:
            images, labels = images[: self.train_subset], labels[: self.train_subset]
        return self.noise.apply(images, labels, seed=self.seed, data=self.location)

    def train_dataloader(self) -> DataLoader:
        dataset = TensorDataset(self.train_set.images * 2 - 1, self.train_set.corrupted)
        return DataLoader(
            dataset,
            batch_size=self.batch_size,
            shuffle=True,
            drop_last=True,
            num_workers=self.num_workers,
            persistent_workers=self.num_workers > 0,
            generator=torch.Generator().manual_seed(self.seed),
        )

    def val_dataloader(self) -> DataLoader:
        images = self.test_set.images.unsqueeze(1).to(torch.float32) / 127.5 - 1
        return DataLoader(TensorDataset(images), batch_size=1000, num_workers=0)
