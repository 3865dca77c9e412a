"""Locate a sweep directory and the job directories inside it."""

import os
from pathlib import Path

from noisy_gan.errors import UserError

MULTIRUN_FILE = "multirun.yaml"
HYDRA_DIR = ".hydra"
# Folder in the sweep directory that belongs to the report: figures and the TensorBoard events.
REPORT_DIR = "report"
EXAMPLE_SWEEP = "outputs/multirun/<date>/<time>"


class SweepDirError(UserError):
    """The directory given is missing or is not a Hydra sweep directory."""


def find_sweeps(root: Path) -> list[Path]:
    """Return every folder under `root` (itself included) that contains a multirun.yaml, sorted by path."""
    sweeps = []
    for dirpath, dirnames, filenames in os.walk(root):
        if MULTIRUN_FILE in filenames:
            sweeps.append(Path(dirpath))
            dirnames.clear()
            continue
        dirnames[:] = [name for name in dirnames if not name.startswith(".")]
    return sorted(sweeps)


def newest_sweep(root: Path) -> Path:
    """Return the sweep under `root` whose multirun.yaml was written last, i.e. the sweep started last."""
    check_is_directory(root)
    sweeps = find_sweeps(root)
    if not sweeps:
        raise SweepDirError(
            f"no sweep directory (a folder with {MULTIRUN_FILE}) found under {root}; "
            "start a sweep with `python -m noisy_gan.train -m ...` or pass another folder"
        )
    return max(sweeps, key=lambda sweep: ((sweep / MULTIRUN_FILE).stat().st_mtime_ns, str(sweep)))


def check_is_directory(path: Path) -> None:
    if not path.exists():
        raise SweepDirError(f"{path} not found; pass an existing sweep directory such as {EXAMPLE_SWEEP}")
    if not path.is_dir():
        raise SweepDirError(f"{path} is not a directory; pass a sweep directory such as {EXAMPLE_SWEEP}")


def find_job_dirs(sweep: Path) -> list[Path]:
    """Return the job directories (folders with a .hydra subfolder) under `sweep`, sorted by path.

    Job directories can be nested, because Hydra turns a '/' in an override
    value into a subfolder of the job name. The search does not descend into a
    job directory, hidden folders or the report folder.
    """
    jobs = []
    for dirpath, dirnames, _ in os.walk(sweep):
        directory = Path(dirpath)
        if HYDRA_DIR in dirnames:
            jobs.append(directory)
            if directory != sweep:
                dirnames.clear()
        if directory == sweep and REPORT_DIR in dirnames:
            dirnames.remove(REPORT_DIR)
        dirnames[:] = [name for name in dirnames if not name.startswith(".")]
    return sorted(jobs)


def check_sweep_dir(path: Path) -> None:
    """Raise `SweepDirError` unless `path` has a multirun.yaml or job directories.

    The message names the likely mistake: a job directory, a folder of several
    sweeps, or an unrelated folder.
    """
    check_is_directory(path)
    if (path / MULTIRUN_FILE).is_file():
        return
    resolved = path.resolve()
    for parent in resolved.parents:
        if (parent / MULTIRUN_FILE).is_file():
            raise SweepDirError(f"{path} is inside the sweep directory {parent}; pass {parent} instead")
    sweeps = find_sweeps(path)
    if len(sweeps) == 1:
        raise SweepDirError(f"{path} has no {MULTIRUN_FILE} but contains the sweep directory {sweeps[0]}; pass that")
    if sweeps:
        raise SweepDirError(
            f"{path} contains {len(sweeps)} sweep directories, not one; pass one of them, "
            f"e.g. {sweeps[-1]}, or add --latest to report on the newest"
        )
    if find_job_dirs(path):
        return
    raise SweepDirError(
        f"{path} is not a sweep directory: it has no {MULTIRUN_FILE} and no job directories with {HYDRA_DIR}/; "
        f"pass a folder written by `python -m noisy_gan.train -m ...`, such as {EXAMPLE_SWEEP}"
    )
