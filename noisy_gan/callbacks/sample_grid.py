"""Sample grids: generated images every epoch, and the corrupted training set at the start."""

from pathlib import Path

import pytorch_lightning as pl
import torch
from torchvision.utils import make_grid, save_image

from noisy_gan.callbacks.steps import training_steps

CORRUPTED_BORDER_RGB = (1.0, 0.0, 0.0)


class SampleGrid(pl.Callback):
    """Callback that logs an 8x8 grid of samples from the GAN's fixed latent batch after every epoch.

    Samples are mapped from [-1, 1] to [0, 1] with the fixed range, never
    stretched per grid, so a constant output stays constant. The last grid is
    also saved as `final_file` in the run directory.
    """

    def __init__(self, tag: str = "samples", nrow: int = 8, final_file: str = "samples_final.png") -> None:
        self.tag = tag
        self.nrow = nrow
        self.final_file = final_file

    def grid(self, pl_module: pl.LightningModule) -> torch.Tensor:
        """Return the grid [3, H, W] in [0, 1] of the fixed-latent samples."""
        return make_grid(pl_module.sample_fixed().cpu(), nrow=self.nrow, padding=2, pad_value=0.5)

    @pl.utilities.rank_zero_only
    def on_train_epoch_end(self, trainer: pl.Trainer, pl_module: pl.LightningModule) -> None:
        if trainer.logger is not None:
            trainer.logger.experiment.add_image(self.tag, self.grid(pl_module), training_steps(trainer))

    @pl.utilities.rank_zero_only
    def on_train_end(self, trainer: pl.Trainer, pl_module: pl.LightningModule) -> None:
        save_image(self.grid(pl_module), Path(trainer.default_root_dir) / self.final_file)


class CorruptionPreview(pl.Callback):
    """Callback that logs one grid of training images at the start, corrupted ones first and outlined in red."""

    def __init__(self, tag: str = "train/corrupted_first", count: int = 64, nrow: int = 8) -> None:
        self.tag = tag
        self.count = count
        self.nrow = nrow

    def grid(self, images: torch.Tensor, corrupted: torch.Tensor) -> torch.Tensor:
        """Return a grid [3, H, W] of up to `count` images [N, 1, 28, 28] in [0, 1], corrupted ones first."""
        order = torch.cat([torch.nonzero(corrupted).flatten(), torch.nonzero(~corrupted).flatten()])[: self.count]
        chosen = images[order].repeat(1, 3, 1, 1)
        marked = corrupted[order]
        for channel, value in enumerate(CORRUPTED_BORDER_RGB):
            edge = chosen[marked, channel]
            edge[:, 0, :] = edge[:, -1, :] = value
            edge[:, :, 0] = edge[:, :, -1] = value
            chosen[marked, channel] = edge
        return make_grid(chosen, nrow=self.nrow, padding=2, pad_value=0.5)

    @pl.utilities.rank_zero_only
    def on_train_start(self, trainer: pl.Trainer, pl_module: pl.LightningModule) -> None:
        train_set = trainer.datamodule.train_set
        if trainer.logger is not None:
            trainer.logger.experiment.add_image(self.tag, self.grid(train_set.images, train_set.corrupted), 0)
