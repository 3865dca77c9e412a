"""Train and cache the metric networks before training GANs: `python -m noisy_gan.metrics.prepare [overrides]`.

Takes the same config and overrides as `python -m noisy_gan.train`, and
prepares the digit classifier and the contaminant detector for the chosen
noise type, e.g. `python -m noisy_gan.metrics.prepare noise=fashion`, or all
of them with `-m noise=gaussian,fashion,emnist`. Networks already in
`metrics.cache_dir` are loaded, not retrained. Training a GAN prepares the
same networks on first use, so this command is optional. Running it before a
sweep keeps parallel jobs from all training the same network at once.
"""

import hydra
from hydra.utils import instantiate
from omegaconf import DictConfig

from noisy_gan.cli import CONFIG_DIR, check_command_line, user_errors_as_one_line
from noisy_gan.errors import ConfigError


def prepare(cfg: DictConfig) -> None:
    """Load or train the networks of `cfg.metrics` for `cfg.noise` and print where they are cached."""
    if not cfg.get("metrics") or "_target_" not in cfg.metrics:
        raise ConfigError("metrics=off has no networks to prepare; drop the metrics=off override")
    noise = instantiate(cfg.noise)
    datamodule = instantiate(cfg.data, noise=noise, seed=cfg.seed)
    callback = instantiate(cfg.metrics)
    classifier, detector = callback.prepare(noise, datamodule.location)
    print(f"digit classifier: {classifier.path} (MNIST test accuracy {100 * classifier.test_accuracy:.2f}%)")
    if detector is None:
        print(f"no contaminant detector for noise={noise.name}")
    else:
        print(f"detector for noise={noise.name}: {detector.path} (test accuracy {100 * detector.test_accuracy:.2f}%)")


@hydra.main(version_base="1.3", config_path=str(CONFIG_DIR), config_name="config")
def main(cfg: DictConfig) -> None:
    with user_errors_as_one_line():
        prepare(cfg)


if __name__ == "__main__":
    check_command_line()
    main()
