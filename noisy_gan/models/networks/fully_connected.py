"""Fully connected generator and discriminator, as in the classic MNIST GAN."""

import math

import torch
from torch import nn


class MLPGenerator(nn.Module):
    """Maps latent vectors [B, latent_dim] to images [B, 1, 28, 28] in [-1, 1] (tanh output).

    Hidden layers are Linear + BatchNorm + LeakyReLU(0.2); the first hidden
    layer has no BatchNorm.
    """

    def __init__(self, latent_dim: int = 100, hidden: tuple[int, ...] = (256, 512, 1024), image_shape=(1, 28, 28)) -> None:
        super().__init__()
        self.latent_dim = latent_dim
        self.image_shape = tuple(image_shape)
        layers: list[nn.Module] = []
        width = latent_dim
        for index, size in enumerate(hidden):
            layers.append(nn.Linear(width, size))
            if index > 0:
                layers.append(nn.BatchNorm1d(size))
            layers.append(nn.LeakyReLU(0.2))
            width = size
        layers += [nn.Linear(width, math.prod(self.image_shape)), nn.Tanh()]
        self.net = nn.Sequential(*layers)

    def forward(self, z: torch.Tensor) -> torch.Tensor:
        return self.net(z).view(len(z), *self.image_shape)


class MLPDiscriminator(nn.Module):
    """Maps images [B, 1, 28, 28] to one real/fake logit each, shape [B]."""

    def __init__(self, hidden: tuple[int, ...] = (512, 256), image_shape=(1, 28, 28)) -> None:
        super().__init__()
        layers: list[nn.Module] = []
        width = math.prod(image_shape)
        for size in hidden:
            layers += [nn.Linear(width, size), nn.LeakyReLU(0.2)]
            width = size
        layers.append(nn.Linear(width, 1))
        self.net = nn.Sequential(*layers)

    def forward(self, images: torch.Tensor) -> torch.Tensor:
        return self.net(images.flatten(1)).squeeze(1)
