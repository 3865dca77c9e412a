"""Group finished jobs into series (one curve each) and cells (one pct of a series, all seeds)."""

import math
import statistics
from dataclasses import dataclass

from noisy_gan.report.collect import Job, Status

# Override keys that the report shows as axes, lines or error bars. Any other
# override that differs between jobs splits a noise type into several series.
AXIS_KEYS = {"noise", "noise.pct", "seed", "model"}
# Metric of the breakdown rule, listed first in tables and figures.
FID = "fid"


@dataclass(frozen=True)
class Series:
    """Jobs drawn as one line: same noise type, model and other swept overrides (`variant`)."""

    noise: str
    model: str
    variant: str


@dataclass(frozen=True)
class Stat:
    """Mean and sample standard deviation (None with one value) of a metric over the seeds of a cell."""

    mean: float
    std: float | None
    count: int


@dataclass(frozen=True)
class Cell:
    """The finished jobs of one series at one pct."""

    series: Series
    pct: float
    jobs: tuple[Job, ...]

    def seeds(self) -> list[int]:
        return sorted(job.seed for job in self.jobs if job.seed is not None)

    def stat(self, metric: str, block: str = "metrics") -> Stat | None:
        """Return the statistics of `metric` from the metrics.json block `block`, or None if no job has it."""
        values = [getattr(job, block)[metric] for job in self.jobs if metric in getattr(job, block)]
        if not values:
            return None
        if len(values) == 1:
            std = None
        elif all(math.isfinite(value) for value in values):
            std = statistics.stdev(values)
        else:
            std = math.nan
        return Stat(statistics.fmean(values), std, len(values))


@dataclass(frozen=True)
class Grouping:
    """Series in order of their first job, their cells, and the metric names in order of first appearance."""

    series: tuple[Series, ...]
    cells: dict[tuple[Series, float], Cell]
    metrics: tuple[str, ...]
    reference_metrics: tuple[str, ...]
    show_model: bool
    show_variant: bool

    def pcts(self, series: Series | None = None) -> list[float]:
        """Return the sorted pct values of `series`, or of all series."""
        return sorted({pct for (owner, pct) in self.cells if series is None or owner == series})

    def label_header(self) -> str:
        """Return the table header for `label` values, e.g. 'noise type / model'."""
        parts = ["noise type"]
        if self.show_model:
            parts.append("model")
        if self.show_variant:
            parts.append("other overrides")
        return " / ".join(parts)

    def label(self, series: Series) -> str:
        """Return the legend label: the noise type, plus model and variant where those differ between jobs."""
        parts = [series.noise]
        if self.show_model:
            parts.append(series.model)
        if self.show_variant and series.variant:
            parts.append(series.variant)
        return " / ".join(parts)


def swept_keys(jobs: tuple[Job, ...]) -> set[str]:
    """Return the override keys that take more than one value across `jobs`."""
    values: dict[str, set[str]] = {}
    for job in jobs:
        for key, value in parse_overrides(job.overrides).items():
            values.setdefault(key, set()).add(value)
    return {key for key, seen in values.items() if len(seen) > 1}


def parse_overrides(overrides: tuple[str, ...]) -> dict[str, str]:
    """Map each override 'key=value' to key -> value; a leading '+', '++' or '~' is dropped from the key."""
    pairs = {}
    for line in overrides:
        key, _, value = line.partition("=")
        pairs[key.lstrip("+~")] = value
    return pairs


def job_series(job: Job, variant_keys: list[str]) -> Series | None:
    """Return the series of `job`, or None when its config does not name a noise type and a pct."""
    if job.noise is None or job.pct is None:
        return None
    overrides = parse_overrides(job.overrides)
    variant = ",".join(f"{key}={overrides[key]}" for key in variant_keys if key in overrides)
    return Series(job.noise, job.model or "", variant)


# Metrics that get a figure and a column in report.md, in this order; results.csv keeps every metric.
HEADLINE_METRICS = (
    FID,
    "kid_mean",
    "classifier_score",
    "precision",
    "recall",
    "classes_covered",
    "class_kl",
    "contamination_pct",
    "loss_d",
    "loss_g",
)


def headline_first(names) -> tuple[str, ...]:
    """Return the headline metrics among `names` in HEADLINE_METRICS order, or all of `names` if none is one."""
    headline = tuple(name for name in HEADLINE_METRICS if name in names)
    return headline or tuple(sorted(names, key=lambda name: name != FID))


def group_jobs(jobs: tuple[Job, ...]) -> Grouping:
    """Group the jobs that have a noise type and pct; only finished jobs enter the cells."""
    variant_keys = sorted(swept_keys(jobs) - AXIS_KEYS)
    series: dict[Series, None] = {}
    members: dict[tuple[Series, float], list[Job]] = {}
    metrics: dict[str, None] = {}
    reference: dict[str, None] = {}
    for job in jobs:
        owner = job_series(job, variant_keys)
        if owner is None or job.status is not Status.FINISHED:
            continue
        series.setdefault(owner)
        members.setdefault((owner, job.pct), []).append(job)
        metrics.update(dict.fromkeys(job.metrics))
        reference.update(dict.fromkeys(job.reference))
    cells = {key: Cell(key[0], key[1], tuple(group)) for key, group in members.items()}
    return Grouping(
        series=tuple(series),
        cells=cells,
        metrics=headline_first(metrics),
        reference_metrics=headline_first(reference),
        show_model=len({owner.model for owner in series}) > 1,
        show_variant=bool(variant_keys),
    )
