"""Bad input ends in one line on stderr, a non-zero exit and no output that looks like a finished run."""

from pathlib import Path

import pytest

from tests.conftest import run_train

SMOKE = ("experiment=smoke", "metrics.num_samples=1000")


def assert_one_line_error(result, *fragments: str) -> None:
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    last_line = result.stderr.strip().splitlines()[-1]
    assert last_line.startswith("error: ")
    for fragment in fragments:
        assert fragment in last_line


def assert_no_finished_run(run_dir: Path) -> None:
    assert not (run_dir / "metrics.json").exists()
    assert not list(run_dir.glob("events.out.tfevents.*"))
    assert not (run_dir / "samples_final.png").exists()


@pytest.mark.parametrize(
    "value,fragment",
    [("150", "noise.pct=150"), ("-1", "noise.pct=-1"), ("abc", "noise.pct=abc"), ("0,10,150", "noise.pct=150")],
)
def test_bad_pct_is_rejected_before_any_job(tmp_path, value, fragment):
    result = run_train("-m", *SMOKE, f"noise.pct={value}", f"hydra.sweep.dir={tmp_path / 'sweep'}")
    assert_one_line_error(result, fragment, "0 to 100")
    assert not (tmp_path / "sweep").exists()


def test_unknown_noise_option_lists_the_choices(tmp_path):
    result = run_train(*SMOKE, "noise=salt", f"hydra.run.dir={tmp_path / 'run'}")
    assert_one_line_error(result, "noise=salt", "emnist, fashion, gaussian, none")
    assert not (tmp_path / "run").exists()


def test_none_with_pct_fails_in_job(tmp_path):
    result = run_train(*SMOKE, "noise=none", "noise.pct=5", f"hydra.run.dir={tmp_path / 'run'}")
    assert_one_line_error(result, "noise.pct=5", "noise=none")
    assert (tmp_path / "run" / "error.txt").read_text().strip() in result.stderr
    assert_no_finished_run(tmp_path / "run")


def test_missing_data_folder_names_folder_and_files(tmp_path):
    missing = tmp_path / "no-such-folder"
    result = run_train(*SMOKE, f"data.root={missing}", "data.download=false", f"hydra.run.dir={tmp_path / 'run'}")
    assert_one_line_error(result, str(missing / "MNIST" / "raw"), "train-images-idx3-ubyte", "NOISY_GAN_DATA")
    assert_no_finished_run(tmp_path / "run")


def test_truncated_data_file_is_reported(tmp_path, mnist_copy):
    target = mnist_copy / "MNIST" / "raw" / "train-labels-idx1-ubyte"
    content = target.read_bytes()
    target.unlink()
    target.write_bytes(content[:1000])
    result = run_train(*SMOKE, f"data.root={mnist_copy}", f"hydra.run.dir={tmp_path / 'run'}")
    assert_one_line_error(result, str(target), "truncated")
    assert_no_finished_run(tmp_path / "run")


def test_non_idx_data_file_is_reported(tmp_path, mnist_copy):
    target = mnist_copy / "MNIST" / "raw" / "train-images-idx3-ubyte"
    target.unlink()
    target.write_text("not an idx file, just text\n" * 100)
    result = run_train(*SMOKE, f"data.root={mnist_copy}", f"hydra.run.dir={tmp_path / 'run'}")
    assert_one_line_error(result, str(target), "not an IDX file")
    assert_no_finished_run(tmp_path / "run")
