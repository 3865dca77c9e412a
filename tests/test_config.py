"""Every config group option and experiment preset composes, and the noise options instantiate."""

import pytest
from hydra import compose, initialize_config_dir
from hydra.core.global_hydra import GlobalHydra
from hydra.utils import instantiate
from omegaconf import OmegaConf

from noisy_gan.cli import CONFIG_DIR, group_options

GROUPS = sorted(path.name for path in CONFIG_DIR.iterdir() if path.is_dir())


def compose_config(*overrides: str, return_hydra_config: bool = False):
    GlobalHydra.instance().clear()
    with initialize_config_dir(config_dir=str(CONFIG_DIR), version_base="1.3"):
        return compose("config", overrides=list(overrides), return_hydra_config=return_hydra_config)


def test_expected_groups_exist():
    assert {"data", "noise", "model", "trainer", "logger", "callbacks", "metrics", "experiment"} <= set(GROUPS)
    assert {"none", "gaussian", "emnist", "fashion"} <= set(group_options("noise"))
    assert {"smoke", "study", "study_offline"} <= set(group_options("experiment"))
    assert {"cpu", "gpu"} <= set(group_options("trainer"))


@pytest.mark.parametrize(
    "override", [f"{group}={option}" for group in GROUPS for option in group_options(group)]
)
def test_every_option_composes(override):
    cfg = compose_config(override)
    assert cfg.seed == 0
    assert "_target_" in cfg.model
    assert "pct" in cfg.noise


@pytest.mark.parametrize("option", ["none", "gaussian", "fashion", "emnist"])
def test_noise_options_instantiate(option):
    cfg = compose_config(f"noise={option}")
    noise = instantiate(cfg.noise)
    assert noise.name == option
    assert noise.describe()["pct"] == cfg.noise.pct


def test_default_noise_is_clean_gaussian():
    cfg = compose_config()
    assert cfg.noise.name == "gaussian"
    assert cfg.noise.pct == 0


@pytest.mark.parametrize(
    "preset,noises", [("study", ["gaussian", "emnist"]), ("study_offline", ["gaussian", "fashion"])]
)
def test_study_presets_define_the_sweep(preset, noises):
    cfg = compose_config(f"experiment={preset}", return_hydra_config=True)
    params = cfg.hydra.sweeper.params
    assert params["noise"].split(",") == noises
    assert params["noise.pct"].split(",") == ["0", "10", "30", "50"]


def test_job_directory_names_show_swept_values():
    cfg = compose_config(return_hydra_config=True)
    sweep = OmegaConf.to_container(cfg.hydra.sweep, resolve=False)
    assert sweep["subdir"] == "${hydra.job.override_dirname}"
    assert "experiment" in cfg.hydra.job.config.override_dirname.exclude_keys
    assert cfg.hydra.job.config.override_dirname.item_sep == ","
