"""Robustness curves: one figure per metric, the metric against pct with one line per series."""

import math

from matplotlib.figure import Figure

from noisy_gan.report.breakdown import METRIC, Breakdown
from noisy_gan.report.files import figure_png
from noisy_gan.report.groups import Grouping, Series

FIGURE_SIZE = (6.4, 4.8)  # inches; at files.DPI = 100 a figure is 640 x 480 pixels
X_LABEL = "corrupted training images (%)"


def metric_figure(grouping: Grouping, metric: str, breakdowns: dict[Series, Breakdown]) -> bytes:
    """Plot `metric` against pct as PNG bytes.

    Error bars are the standard deviation over seeds where a cell has two or
    more. A dashed line of the same colour is the metric of the corrupted
    training set itself (the `reference` block of metrics.json), where present.
    The FID figure also shows each series' breakdown threshold as a dotted line.
    """
    figure = Figure(figsize=FIGURE_SIZE)
    axes = figure.add_subplot()
    colors = [f"C{index % 10}" for index in range(len(grouping.series))]
    for series, color in zip(grouping.series, colors):
        label = grouping.label(series)
        plot_series(axes, grouping, series, metric, "metrics", color, label, "-")
        if metric in grouping.reference_metrics:
            plot_series(axes, grouping, series, metric, "reference", color, f"{label} (training set)", "--")
        threshold = breakdowns[series].threshold if metric == METRIC and series in breakdowns else None
        if threshold is not None and math.isfinite(threshold):
            axes.axhline(threshold, color=color, linestyle=":", linewidth=1, label=f"{label} breakdown threshold")

    axes.set_xlabel(X_LABEL)
    axes.set_ylabel(metric)
    axes.set_title(f"{metric} against corrupted fraction")
    axes.grid(True, alpha=0.3)
    if axes.has_data():
        axes.legend(fontsize="small")
    figure.tight_layout()
    return figure_png(figure)


def plot_series(axes, grouping: Grouping, series: Series, metric: str, block: str, color: str, label: str, style: str):
    """Draw the means of `metric` from metrics.json block `block` over the pcts of `series`, if any cell has it."""
    points = []
    for pct in grouping.pcts(series):
        stat = grouping.cells[(series, pct)].stat(metric, block)
        if stat is not None:
            points.append((pct, stat.mean, stat.std if stat.std is not None else 0.0))
    if not points:
        return
    xs, means, stds = zip(*points)
    axes.errorbar(xs, means, yerr=stds, color=color, linestyle=style, marker="o", capsize=3, label=label)
