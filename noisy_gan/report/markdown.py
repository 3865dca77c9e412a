"""report.md: job counts, breakdown levels, result tables, figures and the jobs without results."""

from dataclasses import dataclass

import hydra
import matplotlib

import noisy_gan
from noisy_gan.report.breakdown import Breakdown, MarginRule
from noisy_gan.report.collect import Status, Sweep
from noisy_gan.report.groups import Grouping, Stat

# Metric columns per table; training writes over 20 metrics, too many for one readable table.
METRICS_PER_TABLE = 8
# A clean baseline whose samples cover fewer digit classes than this did not learn MNIST.
CLASSES_COVERED = "classes_covered"
MIN_CLASSES_COVERED = 8


@dataclass(frozen=True)
class ReportContent:
    """Everything report.md shows; figure paths are relative to the sweep directory."""

    sweep: Sweep
    grouping: Grouping
    breakdowns: tuple[Breakdown, ...]
    rule: MarginRule
    command: str
    figures: dict[str, str]
    montage: str | None


def format_stat(stat: Stat | None) -> str:
    """Format as 'mean ± std' with a std over seeds, as 'mean' for a single seed and '–' when absent."""
    if stat is None:
        return "–"
    if stat.std is None:
        return f"{stat.mean:.4g}"
    return f"{stat.mean:.4g} ± {stat.std:.2g}"


def table(header: list[str], rows: list[list[str]]) -> list[str]:
    """Return the lines of a Markdown table; '|' inside cells is escaped."""
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for row in rows:
        lines.append("| " + " | ".join(cell.replace("|", "\\|") for cell in row) + " |")
    return lines


def summary_section(content: ReportContent) -> list[str]:
    sweep = content.sweep
    counts = {status: sum(job.status is status for job in sweep.jobs) for status in Status}
    planned = len(sweep.plan.jobs) if sweep.plan is not None and sweep.plan.jobs is not None else None
    parts = [f"{planned} planned" if planned is not None else f"{len(sweep.jobs)} found"]
    parts += [f"{count} {status.value}" for status, count in counts.items()]
    lines = [f"# Sweep report: {sweep.path.parent.name}/{sweep.path.name}", "", f"Sweep directory: `{sweep.path}`"]
    if sweep.plan is not None:
        lines.append(f"Sweep overrides: `{' '.join(sweep.plan.overrides)}`")
    lines += [f"Jobs: {', '.join(parts)}.", ""]
    lines += [f"NOTE: {note}" for note in sweep.notes()]
    return lines


def breakdown_section(content: ReportContent) -> list[str]:
    lines = ["## Breakdown level", "", content.rule.describe(), ""]
    if not content.breakdowns:
        return lines + ["No finished jobs, so no breakdown level.", ""]
    rows = []
    for breakdown in content.breakdowns:
        threshold = breakdown.threshold
        rows.append([
            content.grouping.label(breakdown.series),
            format_stat(breakdown.baseline),
            f"{breakdown.margin:.4g} ({breakdown.margin_text})" if breakdown.margin is not None else "–",
            f"{threshold:.4g}" if threshold is not None else "–",
            breakdown.outcome,
        ])
    header = [content.grouping.label_header(), "FID at pct = 0", "margin", "threshold", "breakdown level"]
    return lines + table(header, rows) + [""] + untrained_baseline_warnings(content)


def untrained_baseline_warnings(content: ReportContent) -> list[str]:
    """Warn about series whose pct = 0 samples cover fewer than MIN_CLASSES_COVERED digit classes."""
    lines = []
    for breakdown in content.breakdowns:
        cell = content.grouping.cells.get((breakdown.series, 0.0))
        covered = cell.stat(CLASSES_COVERED) if cell is not None else None
        if covered is None or covered.mean >= MIN_CLASSES_COVERED:
            continue
        lines.append(
            f"WARNING: at pct = 0, {content.grouping.label(breakdown.series)} covers only {covered.mean:.3g} of 10 "
            "digit classes, so the GAN did not learn clean digits even without corruption. Its breakdown level, "
            "precision and contamination rate say little; train longer (trainer.max_epochs) before reading them."
        )
    return lines + ([""] if lines else [])


def metrics_table(grouping: Grouping, metrics: tuple[str, ...], block: str) -> list[str]:
    """Return one table row per cell with the statistics of `metrics` from metrics.json block `block`."""
    header = [grouping.label_header(), "strength", "pct", "seeds"] + list(metrics)
    rows = []
    for series in grouping.series:
        for pct in grouping.pcts(series):
            cell = grouping.cells[(series, pct)]
            seeds = ",".join(str(seed) for seed in cell.seeds()) or "–"
            row = [grouping.label(series), cell.jobs[0].strength or "–", f"{pct:g}", seeds]
            rows.append(row + [format_stat(cell.stat(metric, block)) for metric in metrics])
    return table(header, rows)


def results_section(content: ReportContent, title: str, metrics: tuple[str, ...], block: str) -> list[str]:
    if not metrics:
        return []
    intro = "Mean ± sample standard deviation over seeds; a value without ± comes from a single seed."
    lines = [f"## {title}", "", intro, ""]
    for start in range(0, len(metrics), METRICS_PER_TABLE):
        lines += metrics_table(content.grouping, metrics[start : start + METRICS_PER_TABLE], block) + [""]
    return lines


def figures_section(content: ReportContent) -> list[str]:
    lines = ["## Figures", ""]
    if not content.figures:
        lines += ["No finished jobs, so no figures.", ""]
    for metric, path in content.figures.items():
        lines += [f"![{metric} against pct]({path})", ""]
    lines += ["## Sample montage", ""]
    if content.montage is None:
        lines += ["No finished job has samples_final.png.", ""]
    else:
        lines += ["Rows are noise types, columns pct values; each cell shows the final samples of the lowest seed.", ""]
        lines += [f"![final samples]({content.montage})", ""]
    return lines


def problems_section(content: ReportContent) -> list[str]:
    lines = ["## Jobs without results", ""]
    problems = [job for job in content.sweep.jobs if job.status is not Status.FINISHED]
    if not problems:
        return lines + ["None: every job finished.", ""]
    rows = []
    for job in problems:
        num = str(job.num) if job.num is not None else "–"
        directory = f"`{job.directory}`" if job.directory else "–"
        rows.append([num, directory, job.status.value, job.reason])
    return lines + table(["job", "job directory", "status", "reason"], rows) + [""]


def generation_section(content: ReportContent) -> list[str]:
    versions = f"noisy-gan {noisy_gan.__version__}, matplotlib {matplotlib.__version__}, hydra-core {hydra.__version__}"
    return [
        "## Generation",
        "",
        f"Command: `{content.command}`",
        f"Versions: {versions}.",
        "The report contains no date, so the same sweep always gives the same files.",
        "",
    ]


def render_markdown(content: ReportContent, with_figures: bool = True) -> str:
    """Return report.md; without figures the text suits TensorBoard's text dashboard."""
    lines = summary_section(content) + breakdown_section(content)
    lines += results_section(content, "Results", content.grouping.metrics, "metrics")
    lines += results_section(
        content, "Reference: the corrupted training sets", content.grouping.reference_metrics, "reference"
    )
    if with_figures:
        lines += figures_section(content)
    lines += problems_section(content) + generation_section(content)
    return "\n".join(lines).rstrip("\n") + "\n"
