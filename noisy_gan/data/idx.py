"""Validation of IDX files (the MNIST file format) before torchvision reads them.

An IDX file starts with a 4-byte magic number: two zero bytes, a type code
(0x08 = uint8) and the number of dimensions, then one big-endian uint32 per
dimension, then the data. torchvision's reader trusts the header, so a
truncated download fails deep inside torch. This check raises a `DataError`
that names the file and the fix instead.
"""

import math
import struct
from pathlib import Path

from noisy_gan.errors import DataError

UINT8_TYPE_CODE = 0x08


def check_idx_file(path: Path, expected_ndim: int, fix: str) -> tuple[int, ...]:
    """Check that `path` is a complete uint8 IDX file with `expected_ndim` dimensions.

    Returns the shape stored in the header. Raises `DataError` with `fix` appended
    when the file is not IDX, has the wrong type or dimension count, or is truncated.
    """
    size = path.stat().st_size
    with path.open("rb") as handle:
        header = handle.read(4 + 4 * expected_ndim)
    if len(header) < 4 or header[0] != 0 or header[1] != 0:
        raise DataError(f"{path} is not an IDX file (bad magic number); {fix}")
    type_code, ndim = header[2], header[3]
    if type_code != UINT8_TYPE_CODE or ndim != expected_ndim:
        raise DataError(
            f"{path} is not a uint8 IDX file with {expected_ndim} dimensions "
            f"(type code {type_code:#04x}, {ndim} dimensions); {fix}"
        )
    if len(header) < 4 + 4 * ndim:
        raise DataError(f"{path} is truncated inside its header; {fix}")
    shape = struct.unpack(f">{ndim}I", header[4:])
    expected_size = 4 + 4 * ndim + math.prod(shape)
    if size != expected_size:
        raise DataError(
            f"{path} has {size} bytes but its header {shape} needs {expected_size}; "
            f"the file is truncated or corrupt; {fix}"
        )
    return shape

