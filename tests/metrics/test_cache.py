"""The cache of trained metric networks: reuse, retraining on mismatch, atomic writes and its location."""

import logging
import shutil
from pathlib import Path

import pytest
import torch
from hydra import compose, initialize_config_dir

from noisy_gan.cli import CONFIG_DIR
from noisy_gan.errors import ConfigError
from noisy_gan.metrics import networks
from noisy_gan.metrics.cache import CACHE_FORMAT, resolve_cache_dir
from noisy_gan.metrics.networks import digit_classifier
from noisy_gan.metrics.training import TrainingConfig

pytestmark = pytest.mark.slow

# A classifier that trains in seconds; its accuracy does not matter here.
TINY = TrainingConfig(epochs=1, max_train_samples=1000)


@pytest.fixture(scope="module")
def tiny_cache_file(tmp_path_factory, location) -> Path:
    """A cache file of the TINY classifier, trained once for this module."""
    return digit_classifier(location, tmp_path_factory.mktemp("tiny-cache"), TINY).path


@pytest.fixture()
def cache_dir(tmp_path, tiny_cache_file) -> Path:
    """A fresh cache folder with a copy of the TINY classifier's file."""
    shutil.copy(tiny_cache_file, tmp_path / tiny_cache_file.name)
    return tmp_path


@pytest.fixture()
def training_calls(monkeypatch) -> list:
    """Record each call of train_network made while loading networks."""
    calls = []
    original = networks.train_network

    def counting_train_network(*args, **kwargs):
        calls.append(args[-1])
        return original(*args, **kwargs)

    monkeypatch.setattr(networks, "train_network", counting_train_network)
    return calls


def test_cache_reuses_trained_network(cache_dir, tiny_cache_file, location, training_calls):
    loaded = digit_classifier(location, cache_dir, TINY)
    assert training_calls == []
    assert loaded.path == cache_dir / tiny_cache_file.name
    entry = torch.load(tiny_cache_file, weights_only=True)
    assert loaded.test_accuracy == entry["test_accuracy"]
    for key, value in entry["state_dict"].items():
        assert torch.equal(loaded.network.state_dict()[key], value), key


def test_cache_key_follows_config(cache_dir, location, training_calls):
    other = digit_classifier(location, cache_dir, TrainingConfig(epochs=1, max_train_samples=500))
    assert training_calls == [TrainingConfig(epochs=1, max_train_samples=500)]
    assert len(list(cache_dir.glob("digit_classifier-*.pt"))) == 2
    assert other.path.is_file()


def test_cache_retrains_on_config_mismatch(cache_dir, tiny_cache_file, location, training_calls, caplog):
    path = cache_dir / tiny_cache_file.name
    entry = torch.load(path, weights_only=True)
    entry["config"]["training"]["epochs"] = 99
    torch.save(entry, path)

    with caplog.at_level(logging.WARNING, logger="noisy_gan.metrics"):
        retrained = digit_classifier(location, cache_dir, TINY)
    assert training_calls == [TINY]
    assert "retraining" in caplog.text
    assert "was trained with config" in caplog.text
    assert str(path) in caplog.text
    assert torch.load(retrained.path, weights_only=True)["config"]["training"]["epochs"] == 1


def test_cache_retrains_unreadable_file(cache_dir, tiny_cache_file, location, training_calls, caplog):
    path = cache_dir / tiny_cache_file.name
    path.write_bytes(b"not a torch file")
    with caplog.at_level(logging.WARNING, logger="noisy_gan.metrics"):
        digit_classifier(location, cache_dir, TINY)
    assert training_calls == [TINY]
    assert "cannot be read" in caplog.text
    assert torch.load(path, weights_only=True)["format"] == CACHE_FORMAT


def test_cache_retrains_other_architecture(cache_dir, tiny_cache_file, location, training_calls, caplog):
    path = cache_dir / tiny_cache_file.name
    entry = torch.load(path, weights_only=True)
    entry["state_dict"]["head.weight"] = torch.zeros(3, 3)
    torch.save(entry, path)
    with caplog.at_level(logging.WARNING, logger="noisy_gan.metrics"):
        digit_classifier(location, cache_dir, TINY)
    assert training_calls == [TINY]
    assert "does not fit the current architecture" in caplog.text


def test_cache_write_leaves_no_temporary_files(tiny_cache_file):
    names = [path.name for path in tiny_cache_file.parent.iterdir()]
    assert names == [tiny_cache_file.name]
    assert tiny_cache_file.name.startswith("digit_classifier-")
    assert tiny_cache_file.suffix == ".pt"


def test_cache_dir_expands_home(tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path))
    resolved = resolve_cache_dir("~/metric-networks")
    assert resolved == tmp_path / "metric-networks"
    assert resolved.is_dir()


def test_cache_dir_not_creatable(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("")
    with pytest.raises(ConfigError, match="metrics.cache_dir"):
        resolve_cache_dir(blocker / "cache")


@pytest.mark.parametrize("environment, expected", [("/somewhere/cache", "/somewhere/cache"), (None, "~/.cache/noisy_gan")])
def test_cache_dir_config(monkeypatch, environment, expected):
    if environment is None:
        monkeypatch.delenv("NOISY_GAN_CACHE", raising=False)
    else:
        monkeypatch.setenv("NOISY_GAN_CACHE", environment)
    with initialize_config_dir(config_dir=str(CONFIG_DIR), version_base="1.3"):
        cfg = compose("config")
    assert cfg.metrics.cache_dir == expected
