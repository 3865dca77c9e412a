"""Read every job of a sweep: its identity from the saved config, its outcome from the files it left."""

import datetime
import json
import math
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path

import yaml

from noisy_gan.report.plan import SweepPlan, lookup, one_line, read_plan
from noisy_gan.report.sweep_dir import HYDRA_DIR, MULTIRUN_FILE, check_sweep_dir, find_job_dirs

METRICS_FILE = "metrics.json"
ERROR_FILE = "error.txt"
SAMPLES_FILE = "samples_final.png"


class Status(str, Enum):
    """Outcome of a job, judged from the files in its directory."""

    FINISHED = "finished"  # metrics.json was written
    FAILED = "failed"  # error.txt names the error
    UNFINISHED = "unfinished"  # neither file: crashed without a message, or still running
    INVALID = "invalid"  # a file the report needs is missing, unreadable or incomplete
    MISSING = "missing"  # planned in multirun.yaml, but no job directory exists


@dataclass(frozen=True)
class Job:
    """One job of a sweep. Identity fields are None where the saved config does not give them.

    `directory` is relative to the sweep directory, and '.' for the sweep
    directory itself. For a missing job it is the expected name, or '' when
    unknown. `metrics`, `reference` and `training` contain the numeric values
    of the blocks of metrics.json with those names.
    """

    num: int | None
    directory: str
    status: Status
    reason: str = ""
    overrides: tuple[str, ...] = ()
    noise: str | None = None
    pct: float | None = None
    strength: str = ""
    model: str | None = None
    seed: int | None = None
    metrics: dict[str, float] = field(default_factory=dict)
    reference: dict[str, float] = field(default_factory=dict)
    training: dict[str, float] = field(default_factory=dict)
    samples: Path | None = None
    finished_at: float | None = None  # mtime of metrics.json, seconds since the epoch


@dataclass(frozen=True)
class Sweep:
    """A sweep directory with its plan (None without multirun.yaml) and all its jobs, ordered by job number."""

    path: Path
    plan: SweepPlan | None
    jobs: tuple[Job, ...]

    def notes(self) -> list[str]:
        """Return the reasons why jobs that never started may be absent from `jobs`."""
        if self.plan is None:
            return [f"{MULTIRUN_FILE} not found, so jobs that never started cannot be listed."]
        if self.plan.jobs is None:
            return [f"Jobs that never started cannot be listed: {self.plan.note}."]
        return []


class UnreadableFile(Exception):
    """A job file is missing or cannot be parsed; the message names the file."""


def collect_sweep(path: Path) -> Sweep:
    """Read the plan and every job of the sweep at `path`; raise `SweepDirError` if it is not a sweep."""
    check_sweep_dir(path)
    plan = read_plan(path)
    jobs = [read_job(path, directory) for directory in find_job_dirs(path)]
    present = {job.num for job in jobs}
    if plan is not None and plan.jobs is not None:
        for planned in plan.jobs:
            if planned.num not in present:
                reason = "never started: no job directory"
                jobs.append(Job(planned.num, planned.directory or "", Status.MISSING, reason, planned.overrides))
    jobs.sort(key=lambda job: (job.num is None, job.num or 0, job.directory))
    return Sweep(path, plan, tuple(jobs))


def read_job(sweep: Path, directory: Path) -> Job:
    """Read one job directory; a file that cannot be read gives an INVALID job, never an exception."""
    name = directory.relative_to(sweep).as_posix()
    try:
        hydra = read_yaml(directory / HYDRA_DIR / "hydra.yaml").get("hydra") or {}
    except UnreadableFile as error:
        return Job(None, name, Status.INVALID, str(error))
    num = lookup(hydra, "job", "num")
    num = num if isinstance(num, int) and not isinstance(num, bool) else None
    overrides = tuple(str(line) for line in (lookup(hydra, "overrides", "task") or []))
    try:
        config = read_yaml(directory / HYDRA_DIR / "config.yaml")
    except UnreadableFile as error:
        return Job(num, name, Status.INVALID, str(error), overrides)

    samples = directory / SAMPLES_FILE
    identity = dict(
        num=num,
        directory=name,
        overrides=overrides,
        noise=text_or_none(lookup(config, "noise", "name")),
        pct=number_or_none(lookup(config, "noise", "pct")),
        strength=config_strength(config),
        model=text_or_none(lookup(config, "model", "name")),
        seed=config.get("seed") if isinstance(config.get("seed"), int) else None,
        samples=samples if samples.is_file() else None,
    )

    if (directory / METRICS_FILE).is_file():
        return read_finished_job(directory / METRICS_FILE, identity)
    error_path = directory / ERROR_FILE
    if error_path.is_file():
        lines = error_path.read_text(errors="replace").strip().splitlines()
        reason = lines[0].strip() if lines else f"{ERROR_FILE} is empty"
        return Job(status=Status.FAILED, reason=reason, **identity)
    reason = (
        f"no {METRICS_FILE} or {ERROR_FILE}: crashed without a message or still running "
        f"(last write {last_write(directory)})"
    )
    return Job(status=Status.UNFINISHED, reason=reason, **identity)


def read_finished_job(metrics_path: Path, identity: dict) -> Job:
    """Return the job with the values of metrics.json; `identity` contains the other `Job` fields."""
    try:
        summary = read_json(metrics_path)
    except UnreadableFile as error:
        return Job(status=Status.INVALID, reason=str(error), **identity)
    if not isinstance(summary.get("metrics"), dict):
        return Job(status=Status.INVALID, reason=f"{METRICS_FILE} has no `metrics` object", **identity)
    if isinstance(lookup(summary, "job", "strength"), str):
        identity = {**identity, "strength": summary["job"]["strength"]}

    status, reason = Status.FINISHED, ""
    if identity["noise"] is None or identity["pct"] is None:
        # Without both, the job has no place in the tables and figures, so it is listed instead.
        status, reason = Status.INVALID, ".hydra/config.yaml has no noise.name or no numeric noise.pct"
    return Job(
        status=status,
        reason=reason,
        metrics=numeric_values(summary["metrics"]),
        reference=numeric_values(summary.get("reference")),
        training=numeric_values(summary.get("training")),
        finished_at=metrics_path.stat().st_mtime,
        **identity,
    )


def read_yaml(path: Path) -> dict:
    try:
        content = yaml.safe_load(path.read_text())
    except FileNotFoundError:
        raise UnreadableFile(f"{path.parent.name}/{path.name} not found") from None
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        raise UnreadableFile(f"{path.parent.name}/{path.name} could not be read ({one_line(error)})") from None
    if not isinstance(content, dict):
        raise UnreadableFile(f"{path.parent.name}/{path.name} is not a YAML mapping")
    return content


def read_json(path: Path) -> dict:
    try:
        content = json.loads(path.read_text())
    except (OSError, UnicodeDecodeError, ValueError) as error:
        raise UnreadableFile(f"{path.name} could not be read ({one_line(error)})") from None
    if not isinstance(content, dict):
        raise UnreadableFile(f"{path.name} is not a JSON object")
    return content


def config_strength(config: dict) -> str:
    """Describe the noise strength from the saved config, e.g. 'sigma=0.5' or 'split=letters'.

    Used for jobs without metrics.json; finished jobs take `job.strength` from
    metrics.json, which the training run writes in the same format.
    """
    values = {
        "sigma": lookup(config, "noise", "sigma"),
        "split": lookup(config, "noise", "split"),
    }
    return ",".join(f"{key}={value}" for key, value in values.items() if value is not None)


def numeric_values(block) -> dict[str, float]:
    """Return the int and float entries of a JSON object (bools excluded), in file order."""
    if not isinstance(block, dict):
        return {}
    return {key: value for key, value in block.items() if is_number(value)}


def is_number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def number_or_none(value) -> float | None:
    return float(value) if is_number(value) and math.isfinite(value) else None


def text_or_none(value) -> str | None:
    return None if value is None else str(value)


def last_write(directory: Path) -> str:
    """Return the newest modification time of any file in `directory`, as UTC 'YYYY-MM-DD HH:MM'."""
    newest = max((path.stat().st_mtime for path in directory.rglob("*") if path.is_file()), default=None)
    if newest is None:
        return "never"
    return datetime.datetime.fromtimestamp(newest, datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
