"""The report's TensorBoard event file: figures and tables next to the runs of the sweep.

The file is written with TensorBoard's own record format and protobufs rather
than a SummaryWriter, because SummaryWriter puts the current time and process
id into the file name and into every event. Here the name is fixed and every
event carries the same wall time (see `write_events`), so a second report
replaces the first instead of adding a file and the bytes do not change.
"""

import io
import struct
from pathlib import Path

from tensorboard.compat.proto.event_pb2 import Event
from tensorboard.compat.proto.summary_pb2 import Summary
from tensorboard.plugins.text.summary_v2 import text_pb
from tensorboard.summary.writer.record_writer import RecordWriter

from noisy_gan.report.files import write_atomically

# TensorBoard reads any file whose name contains "tfevents".
EVENT_FILE = "events.out.tfevents.noisy_gan_report"
TAG_PREFIX = "report/"
RGBA = 4  # Summary.Image colorspace; matplotlib writes RGBA PNGs


def png_size(png: bytes) -> tuple[int, int]:
    """Return (width, height) from the IHDR chunk of a PNG file."""
    return struct.unpack(">II", png[16:24])


def image_summary(tag: str, png: bytes) -> Summary:
    width, height = png_size(png)
    image = Summary.Image(height=height, width=width, colorspace=RGBA, encoded_image_string=png)
    return Summary(value=[Summary.Value(tag=tag, image=image)])


def write_events(directory: Path, images: dict[str, bytes], markdown: str, wall_time: float) -> Path:
    """Write `images` (name -> PNG bytes) and `markdown` as one event file in `directory`; return its path.

    All events get step 0 and `wall_time` (seconds since the epoch). The
    caller passes a time taken from the sweep, such as when its last job
    finished, so that the output depends only on the sweep.
    """
    buffer = io.BytesIO()
    records = RecordWriter(buffer)
    events = [Event(wall_time=wall_time, step=0, file_version="brain.Event:2")]
    for name, png in images.items():
        events.append(Event(wall_time=wall_time, step=0, summary=image_summary(TAG_PREFIX + name, png)))
    events.append(Event(wall_time=wall_time, step=0, summary=text_pb(TAG_PREFIX + "tables", markdown)))
    for event in events:
        records.write(event.SerializeToString())

    path = directory / EVENT_FILE
    write_atomically(path, buffer.getvalue())
    return path
