"""Command line of the sweep report: `python -m noisy_gan.report SWEEP_DIR`."""

import argparse
import math
import shlex
import sys
from collections.abc import Sequence
from pathlib import Path

from noisy_gan.errors import UserError
from noisy_gan.report.breakdown import MarginRule
from noisy_gan.report.build import CSV_FILE, MARKDOWN_FILE, write_report
from noisy_gan.report.collect import Status
from noisy_gan.report.sweep_dir import REPORT_DIR, newest_sweep

DEFAULT_RULE = MarginRule()


def non_negative_number(text: str) -> float:
    """argparse type: a finite number >= 0."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number; use e.g. 3 or 0.25") from None
    if not math.isfinite(value) or value < 0:
        raise argparse.ArgumentTypeError(f"{text} is invalid; use a finite number >= 0")
    return value


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m noisy_gan.report",
        description=(
            f"Summarise a Hydra sweep of noisy_gan.train: writes {CSV_FILE}, {MARKDOWN_FILE} and {REPORT_DIR}/ "
            "(PNG figures and a TensorBoard event file) into the sweep directory. Job directories are only read."
        ),
    )
    parser.add_argument(
        "directory",
        type=Path,
        help="sweep directory, e.g. outputs/multirun/2025-01-31/12-00-00-000000; with --latest, a folder of sweeps",
    )
    parser.add_argument(
        "--latest",
        action="store_true",
        help="report on the newest sweep (latest multirun.yaml) found under DIRECTORY, e.g. outputs/multirun",
    )
    parser.add_argument(
        "--std-factor",
        type=non_negative_number,
        default=DEFAULT_RULE.std_factor,
        help="breakdown margin in standard deviations of the pct=0 FID over seeds, "
        "used when pct=0 has two or more finished seeds (default: %(default)g)",
    )
    parser.add_argument(
        "--relative-margin",
        type=non_negative_number,
        default=DEFAULT_RULE.relative,
        help="breakdown margin as a fraction of the pct=0 FID, used with a single seed (default: %(default)g)",
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the report and return the exit status; a `UserError` ends as one line on stderr and status 1."""
    arguments = build_parser().parse_args(argv)
    command = shlex.join(["python", "-m", "noisy_gan.report", *(sys.argv[1:] if argv is None else argv)])
    rule = MarginRule(std_factor=arguments.std_factor, relative=arguments.relative_margin)
    try:
        sweep_path = newest_sweep(arguments.directory) if arguments.latest else arguments.directory
        files = write_report(sweep_path, rule, command)
    except UserError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1

    jobs = files.sweep.jobs
    counts = ", ".join(
        f"{sum(job.status is status for job in jobs)} {status.value}"
        for status in Status
        if any(job.status is status for job in jobs)
    )
    print(f"{sweep_path}: {len(jobs)} jobs ({counts or 'none'})")
    print(f"wrote {files.csv}, {files.markdown}, {len(files.figures)} figures and {files.events}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
