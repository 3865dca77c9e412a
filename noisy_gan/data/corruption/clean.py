"""The `none` scenario: the training set stays clean MNIST."""

from noisy_gan.data.corruption.base import Corruption
from noisy_gan.errors import ConfigError


class NoCorruption(Corruption):
    """Leaves every image unchanged; `pct` must be 0 so that reports do not mislabel a clean run."""

    name = "none"

    def __init__(self, pct: float = 0, name: str = "none") -> None:
        super().__init__(pct, name)
        if self.pct != 0:
            raise ConfigError(
                f"noise.pct={pct} has no effect with noise=none; set noise.pct=0 "
                "or choose a noise type such as noise=gaussian"
            )

    def corrupt(self, images, labels, indices, generator, data):
        return images, labels
