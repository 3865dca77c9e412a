"""Sample montage: rows are series, columns pct values, each cell the final samples of the first seed."""

import matplotlib.image
from matplotlib.figure import Figure

from noisy_gan.report.collect import Job
from noisy_gan.report.files import figure_png
from noisy_gan.report.groups import Grouping

CELL_SIZE = 2.6  # inches per cell; 260 pixels at files.DPI = 100, near the 242-pixel sample grids
MARGIN = 0.8  # inches of room for the row labels and the titles


def montage_size(rows: int, columns: int) -> tuple[float, float]:
    """Return the montage's (width, height) in inches."""
    return (MARGIN + CELL_SIZE * columns, MARGIN + CELL_SIZE * rows)


def first_seed_job(jobs: tuple[Job, ...]) -> Job | None:
    """Return the job with samples and the lowest seed (jobs without a seed come last), or None."""
    with_samples = [job for job in jobs if job.samples is not None]
    if not with_samples:
        return None
    return min(with_samples, key=lambda job: (job.seed is None, job.seed or 0, job.num or 0))


def montage_figure(grouping: Grouping) -> bytes | None:
    """Draw the montage as PNG bytes, or return None when no finished job has samples_final.png."""
    pcts = grouping.pcts()
    picks = {key: first_seed_job(cell.jobs) for key, cell in grouping.cells.items()}
    if not any(picks.values()):
        return None

    figure = Figure(figsize=montage_size(len(grouping.series), len(pcts)))
    grid = figure.subplots(len(grouping.series), len(pcts), squeeze=False)
    for row, series in enumerate(grouping.series):
        for column, pct in enumerate(pcts):
            axes = grid[row][column]
            axes.set_xticks([])
            axes.set_yticks([])
            axes.set_box_aspect(1)
            job = picks.get((series, pct))
            title = f"{pct:g}%"
            if job is None:
                axes.set_facecolor("0.9")
                axes.text(0.5, 0.5, "no samples", ha="center", va="center", transform=axes.transAxes)
            else:
                try:
                    # imread returns floats in [0, 1]. Fixed limits keep a uniform grey grid from turning black.
                    pixels = matplotlib.image.imread(job.samples)
                    axes.imshow(pixels, cmap="gray", vmin=0.0, vmax=1.0, interpolation="nearest")
                    title += f", seed {job.seed}"
                except (OSError, SyntaxError, ValueError):
                    axes.text(0.5, 0.5, "unreadable samples", ha="center", va="center", transform=axes.transAxes)
            axes.set_title(title, fontsize="small")
            if column == 0:
                axes.set_ylabel(grouping.label(series))
    figure.tight_layout()
    return figure_png(figure)
