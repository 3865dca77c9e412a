"""Shared fixtures: the real dataset root, a metrics cache, tiny IDX files and a CLI runner."""

import gzip
import os
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA_ROOT = REPO_ROOT.parent / "shared" / "datasets"
MNIST_FILES = ("train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte")


def pytest_configure(config):
    """Point every test and every subprocess at the real data and one shared metrics cache."""
    root = Path(os.environ.get("NOISY_GAN_DATA", DEFAULT_DATA_ROOT)).resolve()
    if not (root / "MNIST" / "raw" / MNIST_FILES[0]).is_file():
        raise pytest.UsageError(
            f"real MNIST not found under {root}/MNIST/raw; set NOISY_GAN_DATA to the folder that contains MNIST/raw"
        )
    os.environ["NOISY_GAN_DATA"] = str(root)
    os.environ.setdefault("NOISY_GAN_CACHE", str(REPO_ROOT / "outputs" / "test-cache"))


@pytest.fixture(scope="session")
def data_root() -> Path:
    return Path(os.environ["NOISY_GAN_DATA"])


def write_idx(path: Path, array: np.ndarray, compress: bool = False) -> None:
    """Write a uint8 array as an IDX file (big-endian header), optionally gzip-compressed."""
    header = bytes([0, 0, 0x08, array.ndim]) + b"".join(int(dim).to_bytes(4, "big") for dim in array.shape)
    payload = header + np.ascontiguousarray(array, dtype=np.uint8).tobytes()
    path.parent.mkdir(parents=True, exist_ok=True)
    if compress:
        path = path.with_name(path.name + ".gz")
        path.write_bytes(gzip.compress(payload))
    else:
        path.write_bytes(payload)


@pytest.fixture()
def mnist_copy(tmp_path, data_root) -> Path:
    """A writable data root with symbolic links to the real MNIST files, for breaking one of them."""
    raw = tmp_path / "data" / "MNIST" / "raw"
    raw.mkdir(parents=True)
    for name in MNIST_FILES:
        (raw / name).symlink_to(data_root / "MNIST" / "raw" / name)
    return tmp_path / "data"


def run_train(*overrides: str, cwd: Path = REPO_ROOT, env: dict | None = None, timeout: int = 900):
    """Run `python -m noisy_gan.train` with `overrides` in a subprocess and return the completed process."""
    command = [sys.executable, "-m", "noisy_gan.train", *overrides]
    environment = {**os.environ, "PYTHONPATH": str(REPO_ROOT), **(env or {})}
    return subprocess.run(command, cwd=cwd, env=environment, capture_output=True, text=True, timeout=timeout)


def copy_file(source: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, target)
