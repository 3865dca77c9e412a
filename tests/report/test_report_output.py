"""Report files: deterministic bytes, untouched job directories, valid PNGs and a readable event file."""

import hashlib
import itertools

import pytest
from PIL import Image
from tensorboard.backend.event_processing.event_accumulator import EventAccumulator

from noisy_gan.report.__main__ import main
from noisy_gan.report.build import CSV_FILE, MARKDOWN_FILE
from noisy_gan.report.files import DPI
from noisy_gan.report.figures import FIGURE_SIZE
from noisy_gan.report.montage import montage_size
from noisy_gan.report.tensorboard import EVENT_FILE

NOISES = ["gaussian", "fashion"]
PCTS = [0, 10, 30]
SEEDS = [0, 1]


def write_finished_sweep(start):
    """Write two noise types x three pcts x two seeds, all finished, with reference metrics and sample grids."""
    task = [f"noise={','.join(NOISES)}", "noise.pct=0,10,30", "seed=0,1"]
    builder = start(task)
    for num, (noise, pct, seed) in enumerate(itertools.product(NOISES, PCTS, SEEDS)):
        overrides = [f"noise={noise}", f"noise.pct={pct}", f"seed={seed}"]
        builder.job(num, overrides, noise, pct, seed, fid=10.0 + pct / 5 + seed, reference={"fid": pct / 10})
    return builder.path


@pytest.fixture()
def finished_sweep(sweep_builder):
    return write_finished_sweep(sweep_builder)


@pytest.fixture(scope="module")
def reported_sweep(module_sweep_builder):
    """A finished sweep with its report written once; tests using it must only read."""
    path = write_finished_sweep(module_sweep_builder)
    assert main([str(path)]) == 0
    return path


def snapshot(directory) -> dict[str, tuple[str, int]]:
    """Return relative path -> (SHA-256, mtime in ns) for every file under `directory`."""
    return {
        path.relative_to(directory).as_posix(): (hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns)
        for path in sorted(directory.rglob("*"))
        if path.is_file()
    }


def report_files(sweep) -> dict[str, bytes]:
    paths = [sweep / CSV_FILE, sweep / MARKDOWN_FILE, *sorted((sweep / "report").iterdir())]
    return {path.relative_to(sweep).as_posix(): path.read_bytes() for path in paths}


def test_report_twice_is_byte_identical(finished_sweep):
    assert main([str(finished_sweep)]) == 0
    first = report_files(finished_sweep)
    assert main([str(finished_sweep)]) == 0
    second = report_files(finished_sweep)
    assert list(first) == list(second)
    for name in first:
        assert first[name] == second[name], name
    assert sum(EVENT_FILE in name for name in second) == 1


def test_report_leaves_job_dirs_unchanged(finished_sweep):
    job_dirs = [path for path in finished_sweep.iterdir() if (path / ".hydra").is_dir()]
    before = {path.name: snapshot(path) for path in job_dirs}
    main([str(finished_sweep)])
    after = {path.name: snapshot(path) for path in job_dirs}
    assert before == after


def test_report_writes_expected_files(reported_sweep):
    names = sorted(path.name for path in (reported_sweep / "report").iterdir())
    assert "metric_fid.png" in names
    assert "metric_classes_covered.png" in names
    assert "montage.png" in names
    assert EVENT_FILE in names
    report = (reported_sweep / MARKDOWN_FILE).read_text()
    assert "![fid against pct](report/metric_fid.png)" in report
    assert "![final samples](report/montage.png)" in report


def test_metric_png_size(reported_sweep):
    with Image.open(reported_sweep / "report" / "metric_fid.png") as image:
        image.verify()
    with Image.open(reported_sweep / "report" / "metric_fid.png") as image:
        assert image.format == "PNG"
        assert image.size == (round(FIGURE_SIZE[0] * DPI), round(FIGURE_SIZE[1] * DPI))
        assert "Software" not in image.info


def test_montage_png_size(reported_sweep):
    width, height = montage_size(rows=len(NOISES), columns=len(PCTS))
    with Image.open(reported_sweep / "report" / "montage.png") as image:
        assert image.size == (round(width * DPI), round(height * DPI))


def test_event_file_has_figures_and_tables(reported_sweep):
    events = EventAccumulator(str(reported_sweep / "report"), size_guidance={"images": 0, "tensors": 0})
    events.Reload()
    tags = events.Tags()
    assert "report/metrics/fid" in tags["images"]
    assert "report/montage" in tags["images"]
    assert tags["tensors"] == ["report/tables"]
    fid = events.Images("report/metrics/fid")
    assert len(fid) == 1
    assert fid[0].encoded_image_string == (reported_sweep / "report" / "metric_fid.png").read_bytes()


def test_stale_figure_removed(finished_sweep):
    main([str(finished_sweep)])
    stale = finished_sweep / "report" / "metric_old_metric.png"
    stale.write_bytes(b"from an earlier report")
    user_file = finished_sweep / "report" / "notes.png"
    user_file.write_bytes(b"not written by the report")
    main([str(finished_sweep)])
    assert not stale.exists()
    assert user_file.exists()


def test_markdown_mean_and_std_over_seeds(reported_sweep):
    report = (reported_sweep / MARKDOWN_FILE).read_text()
    # FID at gaussian pct=10 is 12 and 13 for seeds 0 and 1: mean 12.5, sample std 0.71.
    assert "| gaussian | sigma=0.5 | 10 | 0,1 | 12.5 ± 0.71 |" in report
    assert "| gaussian | 10.5 ± 0.71 | 2.121 (3 × std over 2 seeds) | 12.62 | 30% |" in report


def test_models_and_variants_become_series(sweep_builder):
    builder = sweep_builder(["model=fc_gan,dcgan", "noise.pct=0,10", "trainer.max_epochs=1,5"])
    combinations = itertools.product(["fc_gan", "dcgan"], [0, 10], [1, 5])
    for num, (model, pct, epochs) in enumerate(combinations):
        overrides = [f"model={model}", f"noise.pct={pct}", f"trainer.max_epochs={epochs}"]
        builder.job(num, overrides, "gaussian", pct, model=model, fid=10.0 + pct + epochs)
    main([str(builder.path)])
    report = (builder.path / MARKDOWN_FILE).read_text()
    assert "| gaussian / fc_gan / trainer.max_epochs=1 | sigma=0.5 | 10 | 0 | 21 |" in report
    assert "| gaussian / dcgan / trainer.max_epochs=5 | sigma=0.5 | 0 | 0 | 15 |" in report
    assert "| noise type / model / other overrides | strength | pct | seeds | fid |" in report
