"""The small CNN whose penultimate layer is the feature space of every sample-quality metric.

The same architecture serves as the 10-class digit classifier and, with
two outputs, as a contaminant detector (0 = clean digit, 1 = corruption).
Inputs are float images [B, 1, 28, 28] in [0, 1], MNIST orientation.
"""

import torch
from torch import nn

IMAGE_SHAPE = (1, 28, 28)


def check_images(images: torch.Tensor, name: str = "images") -> None:
    """Raise ValueError unless `images` is a float tensor [N, 1, 28, 28] with values in [0, 1]; `name` starts the message."""
    if not isinstance(images, torch.Tensor):
        raise ValueError(f"{name} must be a torch.Tensor, got {type(images).__name__}")
    if not images.is_floating_point():
        raise ValueError(f"{name} must be float in [0, 1], got dtype {images.dtype}; divide uint8 images by 255")
    if images.dim() != 4 or tuple(images.shape[1:]) != IMAGE_SHAPE:
        raise ValueError(f"{name} must have shape [N, 1, 28, 28], got {tuple(images.shape)}")
    if images.numel() and not (images.min() >= 0 and images.max() <= 1):
        raise ValueError(
            f"{name} must lie in [0, 1], got values from {images.min().item():.3g} to {images.max().item():.3g} "
            "(NaN counts as out of range)"
        )


def conv_block(in_channels: int, out_channels: int) -> nn.Sequential:
    """3x3 convolution, batch norm, ReLU and 2x2 max pooling: [B, in, H, W] -> [B, out, H/2, W/2]."""
    return nn.Sequential(
        nn.Conv2d(in_channels, out_channels, kernel_size=3, padding=1, bias=False),
        nn.BatchNorm2d(out_channels),
        nn.ReLU(inplace=True),
        nn.MaxPool2d(2),
    )


class MNISTClassifier(nn.Module):
    """Three conv blocks (16, 32, 64 channels) and a 128-unit hidden layer, about 2 M multiply-adds per image.

    `features(x)` returns the hidden layer after ReLU, [B, num_features];
    `forward(x)` returns logits [B, num_classes].
    """

    def __init__(self, num_classes: int = 10, num_features: int = 128) -> None:
        super().__init__()
        self.num_classes = num_classes
        self.num_features = num_features
        self.body = nn.Sequential(
            conv_block(1, 16),
            conv_block(16, 32),
            conv_block(32, 64),
            nn.Flatten(),
            nn.Linear(64 * 3 * 3, num_features),
            nn.ReLU(inplace=True),
        )
        self.head = nn.Linear(num_features, num_classes)

    def features(self, images: torch.Tensor) -> torch.Tensor:
        """Penultimate-layer features [B, num_features] of images [B, 1, 28, 28] in [0, 1]."""
        return self.body(images - 0.5)

    def forward(self, images: torch.Tensor) -> torch.Tensor:
        """Class logits [B, num_classes] of images [B, 1, 28, 28] in [0, 1]."""
        return self.head(self.features(images))


@torch.inference_mode()
def features_and_logits(
    network: MNISTClassifier, images: torch.Tensor, batch_size: int
) -> tuple[torch.Tensor, torch.Tensor]:
    """Run `network` in eval mode over images [N, 1, 28, 28] (N >= 1) in batches.

    Returns features [N, num_features] and logits [N, num_classes], on the
    device of `images`. The network's train/eval mode is restored afterwards.
    """
    was_training = network.training
    network.eval()
    features, logits = [], []
    for batch in images.split(batch_size):
        batch_features = network.features(batch)
        features.append(batch_features)
        logits.append(network.head(batch_features))
    network.train(was_training)
    return torch.cat(features), torch.cat(logits)
