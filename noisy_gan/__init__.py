"""noisy-gan: measure how GANs degrade when their MNIST training data is corrupted."""

__version__ = "0.1.0"
