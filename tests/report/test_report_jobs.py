"""Failed, unfinished, invalid and missing jobs are listed; bad directories end in one line."""

import csv
import os
import time

import pytest

from noisy_gan.report.__main__ import main
from noisy_gan.report.collect import Status, collect_sweep
from noisy_gan.report.sweep_dir import SweepDirError

TASK = ["noise=gaussian", "noise.pct=0,10,30,50"]


def overrides(pct: int) -> list[str]:
    return ["noise=gaussian", f"noise.pct={pct}"]


@pytest.fixture()
def broken_sweep(sweep_builder):
    """A 4-job sweep: job 0 finished, 1 failed, 2 unfinished, 3 never started; plus one unreadable job."""
    builder = sweep_builder(TASK)
    builder.job(0, overrides(0), "gaussian", 0, fid=10.0)
    builder.job(1, overrides(10), "gaussian", 10, error="noise.sigma=-1 is invalid; use a positive standard deviation")
    builder.job(2, overrides(30), "gaussian", 30)
    stray = builder.path / "stray"
    (stray / ".hydra").mkdir(parents=True)
    (stray / ".hydra" / "hydra.yaml").write_text("hydra: {job: {num: 7}}\n")
    return builder.path


def read_rows(path) -> dict[str, dict]:
    with open(path / "results.csv", newline="") as file:
        return {row["job_num"] + ":" + row["job_dir"]: row for row in csv.DictReader(file)}


def test_collect_statuses_and_reasons(broken_sweep):
    jobs = {job.num: job for job in collect_sweep(broken_sweep).jobs if job.num is not None}
    assert jobs[0].status is Status.FINISHED
    assert jobs[1].status is Status.FAILED
    assert jobs[1].reason == "noise.sigma=-1 is invalid; use a positive standard deviation"
    assert jobs[2].status is Status.UNFINISHED
    assert "crashed without a message or still running" in jobs[2].reason
    assert jobs[3].status is Status.MISSING
    assert jobs[3].directory == "noise.pct=50,noise=gaussian"
    assert jobs[3].overrides == ("noise=gaussian", "noise.pct=50")


def test_collect_invalid_job(broken_sweep):
    invalid = [job for job in collect_sweep(broken_sweep).jobs if job.status is Status.INVALID]
    assert len(invalid) == 1
    assert invalid[0].directory == "stray"
    assert invalid[0].reason == ".hydra/config.yaml not found"


def test_report_lists_every_problem_job(broken_sweep, capsys):
    assert main([str(broken_sweep)]) == 0
    report = (broken_sweep / "report.md").read_text()
    assert "Jobs: 4 planned, 1 finished, 1 failed, 1 unfinished, 1 invalid, 1 missing." in report
    assert "| 1 | `noise.pct=10,noise=gaussian` | failed | noise.sigma=-1 is invalid" in report
    assert "| 2 | `noise.pct=30,noise=gaussian` | unfinished | no metrics.json or error.txt" in report
    assert "| 3 | `noise.pct=50,noise=gaussian` | missing | never started: no job directory |" in report
    assert "| 7 | `stray` | invalid | .hydra/config.yaml not found |" in report


def test_results_csv_has_all_jobs(broken_sweep):
    main([str(broken_sweep)])
    rows = read_rows(broken_sweep)
    assert len(rows) == 5
    assert rows["0:noise.pct=0,noise=gaussian"]["status"] == "finished"
    assert rows["0:noise.pct=0,noise=gaussian"]["fid"] == "10.0"
    assert rows["1:noise.pct=10,noise=gaussian"]["status"] == "failed"
    assert rows["1:noise.pct=10,noise=gaussian"]["fid"] == ""
    assert rows["1:noise.pct=10,noise=gaussian"]["pct"] == "10.0"
    assert rows["3:noise.pct=50,noise=gaussian"]["status"] == "missing"
    assert rows["7:stray"]["status"] == "invalid"


def test_corrupt_metrics_json_is_invalid(sweep_builder):
    builder = sweep_builder(["noise.pct=0"])
    job_dir = builder.job(0, ["noise.pct=0"], "gaussian", 0, fid=10.0)
    (job_dir / "metrics.json").write_text('{"metrics": {"fid": 1')
    job = collect_sweep(builder.path).jobs[0]
    assert job.status is Status.INVALID
    assert job.reason.startswith("metrics.json could not be read")


def test_without_multirun_yaml_notes_gap(sweep_builder):
    builder = sweep_builder(["noise.pct=0,10"])
    builder.job(0, ["noise.pct=0"], "gaussian", 0, fid=10.0)
    (builder.path / "multirun.yaml").unlink()
    sweep = collect_sweep(builder.path)
    assert len(sweep.jobs) == 1
    assert sweep.notes() == ["multirun.yaml not found, so jobs that never started cannot be listed."]


def test_sweeper_params_expand_first(sweep_builder):
    builder = sweep_builder(["noise.pct=0,10"])
    multirun = builder.path / "multirun.yaml"
    multirun.write_text(multirun.read_text().replace("params: null", "params: {seed: '0,1'}"))
    planned = collect_sweep(builder.path).plan.jobs
    assert [job.overrides for job in planned] == [
        ("seed=0", "noise.pct=0"),
        ("seed=0", "noise.pct=10"),
        ("seed=1", "noise.pct=0"),
        ("seed=1", "noise.pct=10"),
    ]
    assert planned[1].directory == "noise.pct=10,seed=0"


def test_empty_directory_error(tmp_path, capsys):
    assert main([str(tmp_path)]) == 1
    error = capsys.readouterr().err
    assert error.count("\n") == 1
    assert error.startswith(f"error: {tmp_path} is not a sweep directory")


def test_missing_directory_error(tmp_path, capsys):
    assert main([str(tmp_path / "absent")]) == 1
    example = "outputs/multirun/<date>/<time>"
    expected = f"{tmp_path / 'absent'} not found; pass an existing sweep directory such as {example}"
    assert capsys.readouterr().err == f"error: {expected}\n"


def test_foreign_directory_error(tmp_path, capsys):
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "readme.txt").write_text("not a sweep")
    assert main([str(tmp_path)]) == 1
    assert "is not a sweep directory" in capsys.readouterr().err


def test_job_directory_error(broken_sweep, capsys):
    job_dir = broken_sweep / "noise.pct=0,noise=gaussian"
    assert main([str(job_dir)]) == 1
    expected = f"{job_dir} is inside the sweep directory {broken_sweep}; pass {broken_sweep} instead"
    assert capsys.readouterr().err == f"error: {expected}\n"


def test_folder_of_sweeps_error(sweep_builder, capsys):
    first = sweep_builder(["noise.pct=0"], name="day/10-00-00")
    first.job(0, ["noise.pct=0"], "gaussian", 0, fid=10.0)
    sweep_builder(["noise.pct=0"], name="day/11-00-00")
    assert main([str(first.path.parent)]) == 1
    error = capsys.readouterr().err
    assert "contains 2 sweep directories" in error
    assert "--latest" in error


def test_latest_picks_newest_multirun(sweep_builder, capsys):
    older = sweep_builder(["noise.pct=0"], name="multirun/day/11-00-00")
    newer = sweep_builder(["noise.pct=0"], name="multirun/day/10-00-00")
    now = time.time()
    os.utime(older.path / "multirun.yaml", (now - 60, now - 60))
    newer.job(0, ["noise.pct=0"], "gaussian", 0, fid=10.0)
    assert main(["--latest", str(newer.path.parent.parent)]) == 0
    assert (newer.path / "report.md").is_file()
    assert not (older.path / "report.md").exists()


def test_latest_without_sweeps_error(tmp_path, capsys):
    assert main(["--latest", str(tmp_path)]) == 1
    expected = f"error: no sweep directory (a folder with multirun.yaml) found under {tmp_path}"
    assert capsys.readouterr().err.startswith(expected)


def test_finished_job_without_pct_is_invalid(sweep_builder):
    builder = sweep_builder(["noise.pct=0"])
    job_dir = builder.job(0, ["noise.pct=0"], "gaussian", 0, fid=10.0)
    config = job_dir / ".hydra" / "config.yaml"
    config.write_text(config.read_text().replace("pct: 0", "pct: ${oc.env:PCT}"))
    job = collect_sweep(builder.path).jobs[0]
    assert job.status is Status.INVALID
    assert job.reason == ".hydra/config.yaml has no noise.name or no numeric noise.pct"
    assert job.metrics["fid"] == 10.0


def test_folder_of_one_sweep_error(sweep_builder, capsys):
    sweep = sweep_builder(["noise.pct=0"], name="day/10-00-00")
    sweep.job(0, ["noise.pct=0"], "gaussian", 0, fid=10.0)
    assert main([str(sweep.path.parent)]) == 1
    expected = f"{sweep.path.parent} has no multirun.yaml but contains the sweep directory {sweep.path}; pass that"
    assert capsys.readouterr().err == f"error: {expected}\n"
