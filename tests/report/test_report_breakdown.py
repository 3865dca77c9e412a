"""Breakdown rule on hand-written metrics.json files."""

import itertools

import pytest

from noisy_gan.report.breakdown import Breakdown, MarginRule, find_breakdown
from noisy_gan.report.build import write_report
from noisy_gan.report.collect import collect_sweep
from noisy_gan.report.groups import group_jobs


def write_grid(sweep_builder, fids: dict[tuple[str, float, int], float]):
    """Write a finished sweep over the (noise, pct, seed) keys of `fids`, numbered as BasicSweeper numbers them."""
    noises = list(dict.fromkeys(key[0] for key in fids))
    pcts = list(dict.fromkeys(key[1] for key in fids))
    seeds = list(dict.fromkeys(key[2] for key in fids))
    task = [f"noise={','.join(noises)}", f"noise.pct={','.join(map(str, pcts))}", f"seed={','.join(map(str, seeds))}"]
    builder = sweep_builder(task)
    for num, (noise, pct, seed) in enumerate(itertools.product(noises, pcts, seeds)):
        overrides = [f"noise={noise}", f"noise.pct={pct}", f"seed={seed}"]
        builder.job(num, overrides, noise, pct, seed, fid=fids[(noise, pct, seed)])
    return builder.path


def breakdowns_of(path, rule=MarginRule()) -> dict[str, Breakdown]:
    grouping = group_jobs(collect_sweep(path).jobs)
    return {series.noise: find_breakdown(grouping, series, rule) for series in grouping.series}


def test_breakdown_one_seed_uses_relative_margin(sweep_builder):
    path = write_grid(sweep_builder, {("gaussian", 0, 0): 10.0, ("gaussian", 10, 0): 12.4, ("gaussian", 30, 0): 12.6})
    result = breakdowns_of(path)["gaussian"]
    assert result.baseline.mean == 10.0
    assert result.margin == pytest.approx(2.5)
    assert result.threshold == pytest.approx(12.5)
    assert result.pct == 30.0
    assert result.outcome == "30%"
    assert "25%" in result.margin_text


def test_breakdown_not_reached(sweep_builder):
    path = write_grid(sweep_builder, {("gaussian", 0, 0): 10.0, ("gaussian", 10, 0): 11.0, ("gaussian", 50, 0): 12.5})
    result = breakdowns_of(path)["gaussian"]
    assert result.pct is None
    assert result.outcome == "not reached up to 50%"


def test_breakdown_seeds_use_std_margin(sweep_builder):
    # pct=0: FID 10, 11, 12 -> mean 11, sample std 1, threshold 11 + 3 * 1 = 14.
    # pct=10 has mean 14 (not above 14) but would cross the 25% threshold 13.75.
    fids = {
        ("gaussian", 0, 0): 10.0, ("gaussian", 0, 1): 11.0, ("gaussian", 0, 2): 12.0,
        ("gaussian", 10, 0): 13.5, ("gaussian", 10, 1): 14.0, ("gaussian", 10, 2): 14.5,
        ("gaussian", 30, 0): 14.0, ("gaussian", 30, 1): 15.0, ("gaussian", 30, 2): 16.0,
    }
    result = breakdowns_of(write_grid(sweep_builder, fids))["gaussian"]
    assert result.baseline.count == 3
    assert result.baseline.std == pytest.approx(1.0)
    assert result.threshold == pytest.approx(14.0)
    assert result.pct == 30.0
    assert result.margin_text == "3 × std over 3 seeds"


def test_breakdown_std_factor_is_configurable(sweep_builder):
    fids = {
        ("gaussian", 0, 0): 10.0, ("gaussian", 0, 1): 12.0,
        ("gaussian", 10, 0): 12.0, ("gaussian", 10, 1): 13.0,
    }
    path = write_grid(sweep_builder, fids)
    assert breakdowns_of(path)["gaussian"].pct is None
    assert breakdowns_of(path, MarginRule(std_factor=1.0))["gaussian"].pct == 10.0


def test_breakdown_per_noise_type(sweep_builder):
    fids = {
        ("gaussian", 0, 0): 10.0, ("gaussian", 10, 0): 13.0, ("gaussian", 30, 0): 20.0,
        ("fashion", 0, 0): 10.0, ("fashion", 10, 0): 11.0, ("fashion", 30, 0): 14.0,
    }
    results = breakdowns_of(write_grid(sweep_builder, fids))
    assert results["gaussian"].pct == 10.0
    assert results["fashion"].pct == 30.0


def test_breakdown_without_baseline(sweep_builder):
    path = write_grid(sweep_builder, {("gaussian", 10, 0): 12.0, ("gaussian", 30, 0): 20.0})
    result = breakdowns_of(path)["gaussian"]
    assert result.pct is None
    assert result.outcome.startswith("no baseline")
    assert result.threshold is None


def test_breakdown_only_baseline(sweep_builder):
    result = breakdowns_of(write_grid(sweep_builder, {("gaussian", 0, 0): 10.0}))["gaussian"]
    assert result.pct is None
    assert result.outcome == "not reached: no finished job above pct = 0"


def test_untrained_baseline_is_flagged(sweep_builder):
    builder = sweep_builder(["noise=gaussian", "noise.pct=0,30"])
    builder.job(0, ["noise=gaussian", "noise.pct=0"], "gaussian", 0, fid=700.0, metrics={"classes_covered": 1})
    builder.job(1, ["noise=gaussian", "noise.pct=30"], "gaussian", 30, fid=710.0, metrics={"classes_covered": 1})
    files = write_report(builder.path, MarginRule(), "python -m noisy_gan.report sweep")
    text = files.markdown.read_text()
    assert "WARNING: at pct = 0, gaussian covers only 1 of 10 digit classes" in text


def test_trained_baseline_is_not_flagged(sweep_builder):
    path = write_grid(sweep_builder, {("gaussian", 0, 0): 10.0, ("gaussian", 30, 0): 20.0})
    files = write_report(path, MarginRule(), "python -m noisy_gan.report sweep")
    assert "WARNING" not in files.markdown.read_text()
