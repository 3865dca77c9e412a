"""On-disk cache of trained metric networks, keyed by their training config.

A cache file `<cache_dir>/<name>-<key>.pt` stores a dict with the training
config it was made from, the network's state dict and its test accuracy. It
is read with `torch.load(..., weights_only=True)`, so a cache file cannot run
code. Files are written to a temporary file in the same folder and renamed
into place, so parallel jobs that train the same network at once never see a
half-written file. The last writer wins.
"""

import hashlib
import json
import logging
import os
import tempfile
from pathlib import Path

import torch

from noisy_gan.errors import ConfigError

log = logging.getLogger(__name__)

CACHE_FORMAT = 1


def resolve_cache_dir(cache_dir: str | os.PathLike) -> Path:
    """Return `cache_dir` with `~` expanded, created if missing; raise ConfigError if it cannot be created."""
    path = Path(cache_dir).expanduser()
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise ConfigError(
            f"metrics.cache_dir={str(cache_dir)!r} cannot be created ({error.strerror}); "
            "point metrics.cache_dir or the NOISY_GAN_CACHE environment variable at a writable folder"
        ) from error
    return path


def cache_key(config: dict) -> str:
    """First 16 hex digits of the SHA-256 of `config` as canonical JSON."""
    canonical = json.dumps(config, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()[:16]


def cache_path(cache_dir: Path, name: str, config: dict) -> Path:
    """Path of the cache file for network `name` trained with `config`."""
    return cache_dir / f"{name}-{cache_key(config)}.pt"


def load_entry(path: Path, config: dict) -> dict | None:
    """Return the cached entry at `path` if it was trained with `config`, else None.

    The entry is a dict with keys `config`, `state_dict` and `test_accuracy`.
    A missing file returns None silently. A file that cannot be read or was
    made from another config returns None and logs the reason as a warning,
    so that the caller retrains.
    """
    if not path.is_file():
        return None
    try:
        entry = torch.load(path, map_location="cpu", weights_only=True)
    except Exception as error:  # noqa: BLE001 - any unreadable file is retrained, not fatal
        log.warning("retraining: cached network %s cannot be read (%s: %s)", path, type(error).__name__, error)
        return None
    if not isinstance(entry, dict) or entry.get("format") != CACHE_FORMAT:
        log.warning("retraining: cached network %s is not in cache format %d", path, CACHE_FORMAT)
        return None
    if entry.get("config") != config:
        log.warning(
            "retraining: cached network %s was trained with config %s, expected %s",
            path,
            json.dumps(entry.get("config"), sort_keys=True),
            json.dumps(config, sort_keys=True),
        )
        return None
    return entry


def save_entry(path: Path, config: dict, state_dict: dict, test_accuracy: float) -> None:
    """Write a cache entry to `path` atomically (temporary file in the same folder, then os.replace)."""
    entry = {
        "format": CACHE_FORMAT,
        "config": config,
        "state_dict": {key: value.detach().cpu() for key, value in state_dict.items()},
        "test_accuracy": float(test_accuracy),
    }
    handle = tempfile.NamedTemporaryFile(dir=path.parent, prefix=path.stem + "-", suffix=".tmp", delete=False)
    try:
        with handle:
            torch.save(entry, handle)
        # NamedTemporaryFile creates the file readable by its owner only; cache files are shared.
        os.chmod(handle.name, 0o644)
        os.replace(handle.name, path)
    except BaseException:
        Path(handle.name).unlink(missing_ok=True)
        raise
    log.info("saved trained network to %s", path)
