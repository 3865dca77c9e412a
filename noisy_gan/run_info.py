"""Run identity: the job description for metrics.json and the hparams for TensorBoard."""

from hydra.core.hydra_config import HydraConfig
from omegaconf import DictConfig

from noisy_gan.data.corruption import Corruption


def strength(noise: Corruption) -> str:
    """Describe the noise strength in one token, e.g. 'sigma=0.5' or 'split=letters'."""
    description = noise.describe()
    parts = [f"{key}={description[key]}" for key in ("sigma", "split") if key in description]
    return ",".join(parts)


def job_description(cfg: DictConfig, noise: Corruption) -> dict:
    """Return the config values that identify a job, as stored in metrics.json."""
    name = HydraConfig.get().job.override_dirname if HydraConfig.initialized() else ""
    return {
        "name": name,
        "noise": noise.name,
        "pct": noise.pct,
        "strength": strength(noise),
        "model": cfg.model.name,
        "seed": cfg.seed,
    }


def hparams(cfg: DictConfig, noise: Corruption) -> dict:
    """Return the flat hyperparameters shown in TensorBoard's HParams dashboard."""
    description = noise.describe()
    values = {
        "noise/type": noise.name,
        "noise/pct": noise.pct,
        "model": cfg.model.name,
        "seed": cfg.seed,
        "lr_g": cfg.model.lr_g,
        "lr_d": cfg.model.lr_d,
        "batch_size": cfg.data.batch_size,
        "max_epochs": cfg.trainer.max_epochs,
    }
    for key in ("sigma", "split", "drop_digits"):
        if key in description:
            values[f"noise/{key}"] = description[key]
    return values
