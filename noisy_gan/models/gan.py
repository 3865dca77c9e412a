"""The Lightning module that trains a generator against a discriminator."""

import pytorch_lightning as pl
import torch
import torch.nn.functional as F
from torch import nn


class GAN(pl.LightningModule):
    """An unconditional GAN with the non-saturating loss (BCE with logits) and Adam.

    One training step is one batch: one discriminator update on real and
    generated images, then one generator update on a fresh pass of the same
    generated images through the updated discriminator. Lightning counts each
    optimizer step, so `trainer.global_step` and `trainer.max_steps` advance
    by 2 per training step, while `log_every_n_steps`, `val_check_interval`
    and the x axis of the logged scalars count training steps.

    The networks are plain modules built from config: `generator` maps latent
    vectors [B, latent_dim] to images [B, 1, 28, 28] in [-1, 1], and
    `discriminator` maps images to logits [B].
    """

    def __init__(
        self,
        generator: nn.Module,
        discriminator: nn.Module,
        name: str,
        lr_g: float = 2e-4,
        lr_d: float = 2e-4,
        betas: tuple[float, float] = (0.5, 0.999),
        fixed_latent_seed: int = 1234,
        fixed_latent_count: int = 64,
    ) -> None:
        super().__init__()
        self.automatic_optimization = False
        self.generator = generator
        self.discriminator = discriminator
        self.name = name
        self.lr_g = lr_g
        self.lr_d = lr_d
        self.betas = tuple(betas)
        self.latent_dim = generator.latent_dim
        fixed = torch.randn(fixed_latent_count, self.latent_dim, generator=torch.Generator().manual_seed(fixed_latent_seed))
        self.register_buffer("fixed_latent", fixed)

    def forward(self, z: torch.Tensor) -> torch.Tensor:
        """Generate images [B, 1, 28, 28] in [-1, 1] from latent vectors [B, latent_dim]."""
        return self.generator(z)

    def configure_optimizers(self):
        opt_d = torch.optim.Adam(self.discriminator.parameters(), lr=self.lr_d, betas=self.betas)
        opt_g = torch.optim.Adam(self.generator.parameters(), lr=self.lr_g, betas=self.betas)
        return [opt_d, opt_g]

    def training_step(self, batch, batch_idx: int) -> None:
        real, _corrupted = batch
        opt_d, opt_g = self.optimizers()
        z = torch.randn(len(real), self.latent_dim, device=self.device)
        fake = self.generator(z)

        logits_real = self.discriminator(real)
        logits_fake = self.discriminator(fake.detach())
        loss_d = 0.5 * (
            F.binary_cross_entropy_with_logits(logits_real, torch.ones_like(logits_real))
            + F.binary_cross_entropy_with_logits(logits_fake, torch.zeros_like(logits_fake))
        )
        opt_d.zero_grad(set_to_none=True)
        self.manual_backward(loss_d)
        opt_d.step()

        logits_g = self.discriminator(fake)
        loss_g = F.binary_cross_entropy_with_logits(logits_g, torch.ones_like(logits_g))
        opt_g.zero_grad(set_to_none=True)
        self.manual_backward(loss_g)
        opt_g.step()

        self.log_dict(
            {
                "loss/d": loss_d.detach(),
                "loss/g": loss_g.detach(),
                "d/real": torch.sigmoid(logits_real).mean().detach(),
                "d/fake": torch.sigmoid(logits_fake).mean().detach(),
            },
            on_step=True,
            on_epoch=True,
            prog_bar=False,
        )

    def validation_step(self, batch, batch_idx: int) -> None:
        (real,) = batch
        self.log("val/d_real", torch.sigmoid(self.discriminator(real)).mean(), on_epoch=True)

    @torch.no_grad()
    def sample_images(self, num: int, seed: int) -> torch.Tensor:
        """Generate `num` images [num, 1, 28, 28] in [0, 1] in eval mode, from latents drawn with `seed`."""
        z = torch.randn(num, self.latent_dim, generator=torch.Generator().manual_seed(seed)).to(self.device)
        return self._generate_eval(z)

    @torch.no_grad()
    def sample_fixed(self) -> torch.Tensor:
        """Generate images [K, 1, 28, 28] in [0, 1] from the fixed latent batch used for sample grids."""
        return self._generate_eval(self.fixed_latent)

    def _generate_eval(self, z: torch.Tensor) -> torch.Tensor:
        was_training = self.generator.training
        self.generator.eval()
        try:
            images = torch.cat([self.generator(chunk) for chunk in z.split(1000)])
        finally:
            self.generator.train(was_training)
        return (images + 1) / 2
