"""Network shapes, the GAN's sampling contract, and the sample grids."""

import torch
from torch import nn

from noisy_gan.callbacks.sample_grid import CorruptionPreview, SampleGrid
from noisy_gan.models.gan import GAN
from noisy_gan.models.networks.fully_connected import MLPDiscriminator, MLPGenerator


class ConstantGenerator(nn.Module):
    """A generator whose every pixel is `value`, to check that grids are not rescaled."""

    latent_dim = 4

    def __init__(self, value: float) -> None:
        super().__init__()
        self.value = value
        self.scale = nn.Parameter(torch.ones(()))

    def forward(self, z):
        return torch.full((len(z), 1, 28, 28), self.value) * self.scale


def test_generator_maps_latents_to_images_in_range():
    generator = MLPGenerator(latent_dim=100)
    with torch.no_grad():
        images = generator(torch.randn(16, 100) * 10)
    assert images.shape == (16, 1, 28, 28)
    assert float(images.min()) >= -1.0
    assert float(images.max()) <= 1.0


def test_discriminator_returns_one_logit_per_image():
    logits = MLPDiscriminator()(torch.rand(5, 1, 28, 28))
    assert logits.shape == (5,)


def test_samples_are_reproducible_and_in_unit_range():
    torch.manual_seed(0)
    model = GAN(MLPGenerator(), MLPDiscriminator(), name="fc_gan")
    first = model.sample_images(300, seed=1)
    again = model.sample_images(300, seed=1)
    other = model.sample_images(300, seed=2)
    assert first.shape == (300, 1, 28, 28)
    assert torch.equal(first, again)
    assert not torch.equal(first, other)
    assert float(first.min()) >= 0.0
    assert float(first.max()) <= 1.0
    assert model.generator.training


def test_sample_grid_keeps_constant_output_constant():
    model = GAN(ConstantGenerator(-1.0), MLPDiscriminator(), name="constant")
    grid = SampleGrid().grid(model)
    assert grid.shape == (3, 242, 242)
    assert float(grid[:, 2:30, 2:30].max()) == 0.0
    model = GAN(ConstantGenerator(0.0), MLPDiscriminator(), name="constant")
    assert torch.allclose(SampleGrid().grid(model)[:, 2:30, 2:30], torch.full((3, 28, 28), 0.5))


def test_corruption_preview_puts_corrupted_first_in_red():
    images = torch.zeros(100, 1, 28, 28)
    corrupted = torch.zeros(100, dtype=torch.bool)
    corrupted[[5, 50, 99]] = True
    grid = CorruptionPreview().grid(images, corrupted)
    cell = grid[:, 2:30, 2:30]
    assert cell[0, 0, 0] == 1.0
    assert cell[1, 0, 0] == 0.0
    fourth_cell = grid[:, 2:30, 92:120]
    assert float(fourth_cell.max()) == 0.0
