"""`python -m noisy_gan.report` as a subprocess: exit status, one-line errors, help text and margin flags."""

import os
import subprocess
import sys
from pathlib import Path

from noisy_gan.report.__main__ import build_parser, main
from noisy_gan.report.breakdown import MarginRule

REPO_ROOT = Path(__file__).resolve().parents[2]


def run_report(*arguments: str) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "noisy_gan.report", *arguments]
    environment = {**os.environ, "PYTHONPATH": str(REPO_ROOT)}
    return subprocess.run(command, cwd=REPO_ROOT, env=environment, capture_output=True, text=True, timeout=120)


def test_cli_reports_sweep(sweep_builder):
    builder = sweep_builder(["noise.pct=0,10"])
    builder.job(0, ["noise.pct=0"], "gaussian", 0, fid=10.0)
    builder.job(1, ["noise.pct=10"], "gaussian", 10, fid=20.0)
    result = run_report(str(builder.path))
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"{builder.path}: 2 jobs (2 finished)")
    assert (builder.path / "results.csv").is_file()


def test_cli_error_is_one_line(tmp_path):
    result = run_report(str(tmp_path))
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith("error: ")


def test_cli_rejects_negative_margin(tmp_path):
    result = run_report("--relative-margin", "-0.5", str(tmp_path))
    assert result.returncode == 2
    assert "argument --relative-margin: -0.5 is invalid; use a finite number >= 0" in result.stderr


def test_help_shows_rule_defaults():
    help_text = " ".join(build_parser().format_help().split())
    assert f"(default: {MarginRule().std_factor:g})" in help_text
    assert f"(default: {MarginRule().relative:g})" in help_text


def test_margin_flags_change_level(sweep_builder):
    builder = sweep_builder(["noise.pct=0,10"])
    builder.job(0, ["noise.pct=0"], "gaussian", 0, fid=10.0)
    builder.job(1, ["noise.pct=10"], "gaussian", 10, fid=11.5)
    report = builder.path / "report.md"
    main([str(builder.path)])
    assert "| gaussian | 10 | 2.5 (25% of baseline, one seed) | 12.5 | not reached up to 10% |" in report.read_text()
    main(["--relative-margin", "0.1", str(builder.path)])
    assert "| gaussian | 10 | 1 (10% of baseline, one seed) | 11 | 10% |" in report.read_text()
    assert "Command: `python -m noisy_gan.report --relative-margin 0.1" in report.read_text()
