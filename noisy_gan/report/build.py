"""Build the whole report of one sweep directory: read, group, compute, draw, write."""

import re
from dataclasses import dataclass
from pathlib import Path

from noisy_gan.report.breakdown import MarginRule, find_breakdown
from noisy_gan.report.collect import Sweep, collect_sweep
from noisy_gan.report.figures import metric_figure
from noisy_gan.report.files import write_atomically
from noisy_gan.report.groups import group_jobs
from noisy_gan.report.markdown import ReportContent, render_markdown
from noisy_gan.report.montage import montage_figure
from noisy_gan.report.results_csv import results_csv
from noisy_gan.report.sweep_dir import MULTIRUN_FILE, REPORT_DIR
from noisy_gan.report.tensorboard import write_events

CSV_FILE = "results.csv"
MARKDOWN_FILE = "report.md"
MONTAGE_FILE = "montage.png"
METRIC_FIGURE_PREFIX = "metric_"


@dataclass(frozen=True)
class ReportFiles:
    """The sweep that was read and the files written for it."""

    sweep: Sweep
    csv: Path
    markdown: Path
    figures: tuple[Path, ...]
    events: Path


def figure_name(metric: str) -> str:
    """Return the PNG file name for `metric`, with characters other than letters, digits, '.', '_', '-' as '_'."""
    return METRIC_FIGURE_PREFIX + re.sub(r"[^A-Za-z0-9_.-]", "_", metric) + ".png"


def events_wall_time(sweep: Sweep) -> float:
    """Return when the sweep's last metrics.json was written, else when multirun.yaml was, else 0."""
    finished = [job.finished_at for job in sweep.jobs if job.finished_at is not None]
    if finished:
        return max(finished)
    multirun = sweep.path / MULTIRUN_FILE
    return multirun.stat().st_mtime if multirun.is_file() else 0.0


def remove_stale_figures(directory: Path, keep: set[str]) -> None:
    """Delete figures of an earlier report (e.g. of a metric no job reports any more) that are not in `keep`."""
    if not directory.is_dir():
        return
    for path in directory.glob("*.png"):
        is_report_figure = path.name.startswith(METRIC_FIGURE_PREFIX) or path.name == MONTAGE_FILE
        if is_report_figure and path.name not in keep:
            path.unlink()


def write_report(sweep_path: Path, rule: MarginRule, command: str) -> ReportFiles:
    """Write results.csv, report.md, the figures and the event file of the sweep at `sweep_path`.

    Only the sweep directory itself and its report/ folder are written; job
    directories are only read. `command` is the command line quoted in report.md.
    """
    sweep = collect_sweep(sweep_path)
    grouping = group_jobs(sweep.jobs)
    breakdowns = tuple(find_breakdown(grouping, series, rule) for series in grouping.series)
    breakdown_by_series = {breakdown.series: breakdown for breakdown in breakdowns}

    images = {metric: metric_figure(grouping, metric, breakdown_by_series) for metric in grouping.metrics}
    file_names = {metric: figure_name(metric) for metric in images}
    montage = montage_figure(grouping)
    report_dir = sweep_path / REPORT_DIR
    remove_stale_figures(report_dir, set(file_names.values()) | ({MONTAGE_FILE} if montage else set()))

    figures = []
    for metric, png in images.items():
        figures.append(report_dir / file_names[metric])
        write_atomically(figures[-1], png)
    if montage is not None:
        figures.append(report_dir / MONTAGE_FILE)
        write_atomically(figures[-1], montage)

    content = ReportContent(
        sweep=sweep,
        grouping=grouping,
        breakdowns=breakdowns,
        rule=rule,
        command=command,
        figures={metric: f"{REPORT_DIR}/{name}" for metric, name in file_names.items()},
        montage=f"{REPORT_DIR}/{MONTAGE_FILE}" if montage is not None else None,
    )
    csv_path = sweep_path / CSV_FILE
    markdown_path = sweep_path / MARKDOWN_FILE
    write_atomically(csv_path, results_csv(sweep.jobs).encode())
    write_atomically(markdown_path, render_markdown(content).encode())

    tensorboard_images = {f"metrics/{metric}": png for metric, png in images.items()}
    if montage is not None:
        tensorboard_images["montage"] = montage
    markdown = render_markdown(content, with_figures=False)
    events = write_events(report_dir, tensorboard_images, markdown, events_wall_time(sweep))
    return ReportFiles(sweep, csv_path, markdown_path, tuple(figures), events)
