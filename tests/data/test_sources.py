"""Dataset sources: real MNIST facts, EMNIST orientation on written IDX files, and bad files."""

import numpy as np
import pytest
import torch

from noisy_gan.data.corruption import DataLocation, Replacement
from noisy_gan.data.sources import EMNISTSource, FashionMNISTSource, MNISTSource
from noisy_gan.errors import ConfigError, DataError
from tests.conftest import write_idx


def upright_pattern(size: int = 28) -> np.ndarray:
    """An asymmetric 'L': a bar down the left side and a foot along the bottom, plus one dot top right."""
    image = np.zeros((size, size), dtype=np.uint8)
    image[2:26, 4] = 255
    image[25, 4:20] = 255
    image[3, 22] = 128
    return image


def write_emnist(root, split: str, labels_train, labels_test) -> None:
    """Write EMNIST IDX files for `split` with NIST's transposed storage of the upright pattern."""
    raw = root / "EMNIST" / "raw"
    for part, labels in (("train", labels_train), ("test", labels_test)):
        images = np.stack([upright_pattern().T for _ in labels])
        write_idx(raw / f"emnist-{split}-{part}-images-idx3-ubyte", images)
        write_idx(raw / f"emnist-{split}-{part}-labels-idx1-ubyte", np.array(labels, dtype=np.uint8))


def test_mnist_facts(data_root):
    train = MNISTSource().load(data_root, train=True, download=False)
    test = MNISTSource().load(data_root, train=False, download=False)
    assert train.images.shape == (60000, 28, 28)
    assert train.images.dtype == torch.uint8
    assert train.labels[:10].tolist() == [5, 0, 4, 1, 9, 2, 1, 3, 1, 4]
    assert test.labels[:10].tolist() == [7, 2, 1, 0, 4, 1, 4, 9, 5, 9]
    assert torch.bincount(train.labels).tolist() == [5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949]


def test_fashion_mnist_has_balanced_classes(data_root):
    fashion = FashionMNISTSource().load(data_root, train=False, download=False)
    assert torch.bincount(fashion.labels).tolist() == [1000] * 10


def test_emnist_images_are_transposed_upright(tmp_path):
    write_emnist(tmp_path, "letters", labels_train=[1, 2, 26], labels_test=[5])
    letters = EMNISTSource("letters").load(tmp_path, train=True, download=False)
    assert letters.images.shape == (3, 28, 28)
    assert np.array_equal(letters.images[0].numpy(), upright_pattern())
    assert letters.labels.tolist() == [1, 2, 26]


def test_emnist_drop_digits_removes_digit_classes(tmp_path):
    write_emnist(tmp_path, "bymerge", labels_train=[0, 9, 10, 35, 46, 3], labels_test=[1])
    without_digits = EMNISTSource("bymerge", drop_digits=True).load(tmp_path, train=True, download=False)
    everything = EMNISTSource("bymerge").load(tmp_path, train=True, download=False)
    assert without_digits.labels.tolist() == [10, 35, 46]
    assert everything.labels.tolist() == [0, 9, 10, 35, 46, 3]


def test_emnist_replacement_puts_upright_letters_into_mnist(tmp_path, mnist_copy):
    write_emnist(mnist_copy, "letters", labels_train=list(range(1, 27)) * 10, labels_test=[1])
    mnist = MNISTSource().load(mnist_copy, train=True, download=False)
    model = Replacement(1, "emnist", EMNISTSource("letters"))
    result = model.apply(mnist.images, mnist.labels, seed=0, data=DataLocation(mnist_copy))
    replaced = (result.images[result.corrupted].squeeze(1) * 255).round().to(torch.uint8)
    assert len(replaced) == 600
    assert all(np.array_equal(image.numpy(), upright_pattern()) for image in replaced)


def test_emnist_rejects_unknown_split():
    with pytest.raises(ConfigError, match="noise.split='lettres'"):
        EMNISTSource("lettres")


def test_emnist_rejects_dropping_all_digits():
    with pytest.raises(ConfigError, match="drop_digits"):
        EMNISTSource("digits", drop_digits=True)


def test_missing_dataset_names_folder_and_files(tmp_path):
    with pytest.raises(DataError) as error:
        EMNISTSource("letters").load(tmp_path, train=True, download=False)
    message = str(error.value)
    assert str(tmp_path / "EMNIST" / "raw") in message
    assert "emnist-letters-train-images-idx3-ubyte" in message
    assert "NOISY_GAN_DATA" in message
    assert "\n" not in message


def test_truncated_file_is_rejected(mnist_copy):
    raw = mnist_copy / "MNIST" / "raw"
    content = (raw / "train-images-idx3-ubyte").read_bytes()
    (raw / "train-images-idx3-ubyte").unlink()
    (raw / "train-images-idx3-ubyte").write_bytes(content[: len(content) // 2])
    with pytest.raises(DataError, match="truncated"):
        MNISTSource().load(mnist_copy, train=True, download=False)


def test_non_idx_file_is_rejected(mnist_copy):
    raw = mnist_copy / "MNIST" / "raw"
    (raw / "t10k-labels-idx1-ubyte").unlink()
    (raw / "t10k-labels-idx1-ubyte").write_text("<html>404 Not Found</html>")
    with pytest.raises(DataError, match="not an IDX file"):
        MNISTSource().load(mnist_copy, train=False, download=False)


def test_download_failure_is_one_line(tmp_path, monkeypatch):
    def fail_download(*args, **kwargs):
        raise OSError("network is unreachable")

    # The network is the one external dependency replaced here: torchvision's downloader.
    monkeypatch.setattr("torchvision.datasets.mnist.download_and_extract_archive", fail_download)
    with pytest.raises(DataError) as error:
        MNISTSource().load(tmp_path, train=True, download=True)
    message = str(error.value)
    assert "downloading MNIST" in message
    assert "train-images-idx3-ubyte" in message
    assert "\n" not in message


def test_missing_test_split_is_named(mnist_copy):
    (mnist_copy / "MNIST" / "raw" / "t10k-images-idx3-ubyte").unlink()
    with pytest.raises(DataError) as error:
        MNISTSource().load(mnist_copy, train=True, download=False)
    message = str(error.value)
    assert "missing t10k-images-idx3-ubyte (it needs" in message
    assert "train-labels-idx1-ubyte" in message
