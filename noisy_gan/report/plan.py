"""The jobs a sweep was meant to run, expanded from its multirun.yaml.

Hydra's BasicSweeper numbers jobs in the order of the cartesian product of the
sweep overrides (`hydra.sweeper.params` first, then the command line). The
expansion below calls the same code (`BasicSweeper.split_arguments`, Hydra
1.3), so planned job numbers match `hydra.job.num` in the job directories.
"""

from dataclasses import dataclass
from pathlib import Path

import yaml
from hydra._internal.config_loader_impl import get_overrides_dirname
from hydra._internal.core_plugins.basic_sweeper import BasicSweeper
from hydra.core.override_parser.overrides_parser import OverridesParser
from hydra.errors import HydraException

from noisy_gan.report.sweep_dir import MULTIRUN_FILE

BASIC_SWEEPER = "hydra._internal.core_plugins.basic_sweeper.BasicSweeper"
OVERRIDE_DIRNAME = "${hydra.job.override_dirname}"
JOB_NUM = "${hydra.job.num}"


@dataclass(frozen=True)
class PlannedJob:
    """One job of the sweep: its number, its overrides and, when predictable, its directory name."""

    num: int
    overrides: tuple[str, ...]
    directory: str | None


@dataclass(frozen=True)
class SweepPlan:
    """The sweep's command-line overrides and the jobs they expand to.

    `jobs` is None when the expansion failed. `note` then gives the reason, and
    jobs that never started cannot be listed.
    """

    overrides: tuple[str, ...]
    jobs: tuple[PlannedJob, ...] | None
    note: str = ""


def read_plan(sweep: Path) -> SweepPlan | None:
    """Expand the multirun.yaml of `sweep` into its jobs; return None when the file is absent."""
    path = sweep / MULTIRUN_FILE
    if not path.is_file():
        return None
    try:
        config = yaml.safe_load(path.read_text())
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        return SweepPlan((), None, f"{MULTIRUN_FILE} could not be read ({one_line(error)})")
    hydra = config.get("hydra") if isinstance(config, dict) else None
    if not isinstance(hydra, dict):
        return SweepPlan((), None, f"{MULTIRUN_FILE} has no `hydra` section")

    task = [str(line) for line in (lookup(hydra, "overrides", "task") or [])]
    sweeper = lookup(hydra, "sweeper") or {}
    target = sweeper.get("_target_", BASIC_SWEEPER)
    if target != BASIC_SWEEPER:
        return SweepPlan(tuple(task), None, f"the sweeper {target} is not Hydra's BasicSweeper")
    params = [f"{key}={value}" for key, value in (sweeper.get("params") or {}).items()]

    try:
        parser = OverridesParser.create()
        combinations = BasicSweeper.split_arguments(parser.parse_overrides(params + task), None)[0]
        jobs = tuple(
            PlannedJob(num, tuple(overrides), job_directory(hydra, num, overrides, parser))
            for num, overrides in enumerate(combinations)
        )
    except HydraException as error:
        return SweepPlan(tuple(task), None, f"the sweep overrides could not be expanded ({one_line(error)})")
    return SweepPlan(tuple(task), jobs)


def job_directory(hydra: dict, num: int, overrides: list[str], parser: OverridesParser) -> str | None:
    """Return the job directory name that Hydra gives job `num`, or None for a custom `hydra.sweep.subdir`."""
    subdir = str(lookup(hydra, "sweep", "subdir"))
    if subdir == JOB_NUM:
        return str(num)
    if subdir != OVERRIDE_DIRNAME:
        return None
    settings = lookup(hydra, "job", "config", "override_dirname") or {}
    return get_overrides_dirname(
        overrides=parser.parse_overrides(overrides),
        exclude_keys=list(settings.get("exclude_keys") or []),
        item_sep=str(settings.get("item_sep", ",")),
        kv_sep=str(settings.get("kv_sep", "=")),
    )


def lookup(mapping: dict, *keys: str):
    """Return mapping[k1][k2]..., or None where a level is missing or not a mapping."""
    value = mapping
    for key in keys:
        if not isinstance(value, dict):
            return None
        value = value.get(key)
    return value


def one_line(error: BaseException) -> str:
    return " ".join(str(error).split())
