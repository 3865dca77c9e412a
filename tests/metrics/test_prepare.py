"""`python -m noisy_gan.metrics.prepare`: the networks of a config, loaded from the shared cache."""

import pytest
from hydra import compose, initialize_config_dir

from noisy_gan.cli import CONFIG_DIR
from noisy_gan.errors import ConfigError
from noisy_gan.metrics.prepare import prepare

pytestmark = pytest.mark.slow


def compose_config(*overrides: str):
    with initialize_config_dir(config_dir=str(CONFIG_DIR), version_base="1.3"):
        return compose("config", overrides=list(overrides))


def test_prepare_reports_classifier(classifier, metrics_cache, location, capsys):
    cfg = compose_config("noise=none", f"metrics.cache_dir={metrics_cache}", f"data.root={location.root}", "data.download=false")
    prepare(cfg)
    output = capsys.readouterr().out
    assert f"digit classifier: {classifier.path}" in output
    assert "no contaminant detector for noise=none" in output


def test_prepare_rejects_metrics_off():
    with pytest.raises(ConfigError, match="metrics=off"):
        prepare(compose_config("metrics=off"))
