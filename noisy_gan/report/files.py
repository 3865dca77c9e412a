"""Byte-stable output: PNG rendering without timestamps and atomic file writes."""

import io
import os
import tempfile
from pathlib import Path

from matplotlib.figure import Figure

DPI = 100


def figure_png(figure: Figure) -> bytes:
    """Render `figure` as PNG at `DPI`; the same figure always gives the same bytes.

    Matplotlib's PNG writer stores no date, and the 'Software' text chunk
    (which names the matplotlib version) is left out as well.
    """
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=DPI, metadata={"Software": None})
    return buffer.getvalue()


def write_atomically(path: Path, data: bytes) -> None:
    """Write `data` to `path` through a temporary file in the same folder, so readers never see half a file.

    The temporary name does not contain the target name, so TensorBoard never
    takes a half-written copy of the event file for a second event file.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=".partial-")
    try:
        with os.fdopen(descriptor, "wb") as file:
            file.write(data)
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        os.unlink(temporary)
        raise
