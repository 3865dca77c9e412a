"""Train one GAN on (corrupted) MNIST: `python -m noisy_gan.train [overrides]`.

Add `-m` and comma-separated values to run a Hydra multirun sweep, e.g.
`python -m noisy_gan.train -m noise.pct=0,10,30,50`.
"""

import hydra
import pytorch_lightning as pl
from hydra.utils import instantiate
from omegaconf import DictConfig

from noisy_gan.callbacks.run_summary import RunSummary
from noisy_gan.cli import CONFIG_DIR, check_command_line, user_errors_as_one_line
from noisy_gan.run_info import hparams, job_description


def train(cfg: DictConfig) -> None:
    """Build the data module, model, logger and trainer from `cfg`, then fit."""
    pl.seed_everything(cfg.seed, workers=True)
    noise = instantiate(cfg.noise)
    datamodule = instantiate(cfg.data, noise=noise, seed=cfg.seed)
    datamodule.prepare_data()
    datamodule.setup("fit")

    model = instantiate(cfg.model)
    logger = instantiate(cfg.logger)
    callbacks = [instantiate(callback) for callback in cfg.callbacks.values()]
    if cfg.get("metrics") and "_target_" in cfg.metrics:  # metrics=off leaves no _target_
        callbacks.append(instantiate(cfg.metrics))
    callbacks.append(RunSummary(job=job_description(cfg, noise), hparams=hparams(cfg, noise)))
    trainer = instantiate(cfg.trainer, logger=logger, callbacks=callbacks)

    trainer.fit(model, datamodule=datamodule)


@hydra.main(version_base="1.3", config_path=str(CONFIG_DIR), config_name="config")
def main(cfg: DictConfig) -> None:
    with user_errors_as_one_line():
        train(cfg)


if __name__ == "__main__":
    check_command_line()
    main()
