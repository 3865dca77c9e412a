"""Dataset sources: real image datasets read with torchvision from a data root.

Every source returns uint8 images of shape [N, 28, 28] in MNIST orientation
(upright, row-major, 0 = background) and int64 labels of shape [N]. Sources
never corrupt images, because noisy_gan/data/corruption/ does that. Nothing is
written into the data root unless `download=True` and files are missing.
"""

from dataclasses import dataclass
from pathlib import Path
from urllib.error import URLError

import torch
from torchvision import datasets

from noisy_gan.data.idx import check_idx_file
from noisy_gan.errors import ConfigError, DataError

ROOT_HINT = (
    "point data.root (or the NOISY_GAN_DATA environment variable) at the folder "
    "that contains {folder}/raw, or set data.download=true on a machine with internet access"
)


@dataclass(frozen=True)
class ImageSet:
    """Images in MNIST orientation, uint8 [N, 28, 28], with int64 labels [N]."""

    images: torch.Tensor
    labels: torch.Tensor

    def __len__(self) -> int:
        return len(self.labels)


class TorchvisionSource:
    """A torchvision dataset stored in torchvision's raw layout `<root>/<folder>/raw/`."""

    folder: str
    dataset_class: type

    def file_names(self, train: bool) -> list[str]:
        """Names of the uncompressed IDX files that torchvision needs, images first."""
        raise NotImplementedError

    def required_files(self, train: bool) -> list[str]:
        """Names of all files that torchvision checks before it reads a split: both splits for MNIST layouts."""
        return self.file_names(True) + self.file_names(False)

    def load(self, root: Path, train: bool, download: bool) -> ImageSet:
        """Read the train or test split, downloading it first if allowed and missing."""
        raw = Path(root) / self.folder / "raw"
        names = self.file_names(train)
        required = self.required_files(train)
        hint = ROOT_HINT.format(folder=self.folder)
        missing = [name for name in required if not (raw / name).is_file()]
        if missing and download:
            self._download(root, raw, required, hint)
            missing = [name for name in required if not (raw / name).is_file()]
        if missing:
            listed = ", ".join(missing)
            if len(missing) < len(required):
                listed += f" (it needs {', '.join(required)})"
            raise DataError(f"{self.folder} files not found in {raw}: missing {listed}; {hint}")
        fix = f"delete it and rerun with data.download=true, or restore it from the original {self.folder} release"
        image_shape = check_idx_file(raw / names[0], expected_ndim=3, fix=fix)
        label_shape = check_idx_file(raw / names[1], expected_ndim=1, fix=fix)
        if image_shape[0] != label_shape[0] or image_shape[1:] != (28, 28):
            raise DataError(
                f"{raw / names[0]} contains images of shape {image_shape} but {raw / names[1]} contains "
                f"{label_shape[0]} labels; expected one label per 28x28 image; {fix}"
            )
        dataset = self._dataset(root, train)
        return self._to_image_set(dataset.data, dataset.targets)

    def _dataset(self, root: Path, train: bool):
        return self.dataset_class(str(root), train=train, download=False)

    def _to_image_set(self, images: torch.Tensor, labels: torch.Tensor) -> ImageSet:
        return ImageSet(images=images.to(torch.uint8), labels=labels.to(torch.int64))

    def _download(self, root: Path, raw: Path, names: list[str], hint: str) -> None:
        try:
            for train in (True, False):
                self._download_dataset(root, train)
        except (RuntimeError, URLError, OSError) as error:
            reason = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
            raise DataError(
                f"downloading {self.folder} into {raw} failed ({reason}); "
                f"expected files {', '.join(names)}; {hint}"
            ) from error

    def _download_dataset(self, root: Path, train: bool) -> None:
        self.dataset_class(str(root), train=train, download=True)


class MNISTSource(TorchvisionSource):
    """The MNIST handwritten digits: 60,000 train and 10,000 test images, labels 0..9."""

    folder = "MNIST"
    dataset_class = datasets.MNIST

    def file_names(self, train: bool) -> list[str]:
        prefix = "train" if train else "t10k"
        return [f"{prefix}-images-idx3-ubyte", f"{prefix}-labels-idx1-ubyte"]


class FashionMNISTSource(MNISTSource):
    """Fashion-MNIST clothing items, same layout and file names as MNIST."""

    folder = "FashionMNIST"
    dataset_class = datasets.FashionMNIST


class EMNISTSource(TorchvisionSource):
    """EMNIST handwritten letters and digits, transposed into MNIST orientation.

    NIST stores EMNIST images transposed relative to MNIST; `load` transposes
    them so that they are upright. `drop_digits` removes the classes 0..9 of
    the byclass, bymerge and balanced splits, which are digits and so not
    contamination of a digit dataset.
    """

    folder = "EMNIST"
    dataset_class = datasets.EMNIST
    splits_with_digits_and_letters = ("byclass", "bymerge", "balanced")
    digit_only_splits = ("digits", "mnist")

    def __init__(self, split: str = "letters", drop_digits: bool = False) -> None:
        if split not in datasets.EMNIST.splits:
            raise ConfigError(
                f"noise.split={split!r} is not an EMNIST split; use one of {', '.join(datasets.EMNIST.splits)}"
            )
        if drop_digits and split in self.digit_only_splits:
            raise ConfigError(
                f"noise.drop_digits=true leaves no images in EMNIST split {split!r}; "
                "use noise.split=letters, or drop_digits=false"
            )
        self.split = split
        self.drop_digits = drop_digits

    def file_names(self, train: bool) -> list[str]:
        prefix = f"emnist-{self.split}-{'train' if train else 'test'}"
        return [f"{prefix}-images-idx3-ubyte", f"{prefix}-labels-idx1-ubyte"]

    def required_files(self, train: bool) -> list[str]:
        return self.file_names(train)

    def _dataset(self, root: Path, train: bool):
        return datasets.EMNIST(str(root), split=self.split, train=train, download=False)

    def _download_dataset(self, root: Path, train: bool) -> None:
        datasets.EMNIST(str(root), split=self.split, train=train, download=True)

    def _to_image_set(self, images: torch.Tensor, labels: torch.Tensor) -> ImageSet:
        images = images.transpose(1, 2).contiguous()
        if self.drop_digits and self.split in self.splits_with_digits_and_letters:
            keep = labels >= 10
            images, labels = images[keep], labels[keep]
        return super()._to_image_set(images, labels)
