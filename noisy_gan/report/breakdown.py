"""Breakdown level: the smallest pct at which FID rises clearly above the clean baseline.

For each series, the baseline is the cell at pct = 0 of the same series. The
margin is `std_factor` standard deviations of the baseline FID over seeds when
the baseline has two or more finished seeds, otherwise `relative` times the
baseline FID. The breakdown level is the smallest swept pct > 0 whose mean FID
over seeds exceeds baseline mean + margin.
"""

import math
from dataclasses import dataclass

from noisy_gan.report.groups import FID as METRIC
from noisy_gan.report.groups import Grouping, Series, Stat


@dataclass(frozen=True)
class MarginRule:
    """How far above the baseline FID a series must rise to count as broken down."""

    std_factor: float = 3.0
    relative: float = 0.25

    def describe(self) -> str:
        return (
            f"The breakdown level of a noise type is the smallest swept pct whose mean {METRIC.upper()} over seeds "
            f"exceeds the mean {METRIC.upper()} at pct = 0 of the same noise type by more than a margin. "
            f"The margin is {self.std_factor:g} standard deviations of the pct = 0 {METRIC.upper()} over seeds "
            f"when pct = 0 has two or more finished seeds, otherwise {self.relative:.0%} of that "
            f"{METRIC.upper()} (set with --std-factor and --relative-margin)."
        )


@dataclass(frozen=True)
class Breakdown:
    """The breakdown level of one series, with None as `pct` when it was not reached or cannot be computed.

    `outcome` is the text of the report's level column. `margin_text` describes
    how the margin was derived.
    """

    series: Series
    pct: float | None
    outcome: str
    baseline: Stat | None = None
    margin: float | None = None
    margin_text: str = ""

    @property
    def threshold(self) -> float | None:
        if self.baseline is None or self.margin is None:
            return None
        return self.baseline.mean + self.margin


def find_breakdown(grouping: Grouping, series: Series, rule: MarginRule) -> Breakdown:
    """Apply `rule` to the FID of `series`; see the module docstring."""
    baseline_cell = grouping.cells.get((series, 0.0))
    if baseline_cell is None:
        return Breakdown(series, None, "no baseline: no finished job at pct = 0")
    baseline = baseline_cell.stat(METRIC)
    if baseline is None or not math.isfinite(baseline.mean):
        return Breakdown(series, None, f"no baseline: no finite {METRIC} at pct = 0")

    if baseline.count >= 2:
        margin = rule.std_factor * baseline.std
        margin_text = f"{rule.std_factor:g} × std over {baseline.count} seeds"
    else:
        margin = rule.relative * baseline.mean
        margin_text = f"{rule.relative:.0%} of baseline, one seed"
    if not math.isfinite(margin):
        return Breakdown(series, None, f"no baseline: the {METRIC} spread at pct = 0 is not finite", baseline)

    threshold = baseline.mean + margin
    higher = [pct for pct in grouping.pcts(series) if pct > 0]
    for pct in higher:
        stat = grouping.cells[(series, pct)].stat(METRIC)
        if stat is not None and stat.mean > threshold:
            return Breakdown(series, pct, f"{pct:g}%", baseline, margin, margin_text)
    if not higher:
        return Breakdown(series, None, "not reached: no finished job above pct = 0", baseline, margin, margin_text)
    return Breakdown(series, None, f"not reached up to {higher[-1]:g}%", baseline, margin, margin_text)
