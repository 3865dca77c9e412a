"""results.csv: one row per job, failed and missing jobs included, with every metric as a column."""

import csv
import io

from noisy_gan.report.collect import Job

IDENTITY_COLUMNS = ["job_num", "job_dir", "status", "reason", "noise", "pct", "strength", "model", "seed", "overrides"]
# Prefixes of the columns taken from the `reference` and `training` blocks of metrics.json;
# columns from the `metrics` block have no prefix.
REFERENCE_PREFIX = "reference_"
TRAINING_PREFIX = "training_"


def key_union(jobs: tuple[Job, ...], block: str) -> list[str]:
    """Return the keys of metrics.json block `block` over all jobs, in order of first appearance."""
    keys: dict[str, None] = {}
    for job in jobs:
        keys.update(dict.fromkeys(getattr(job, block)))
    return list(keys)


def cell_text(value) -> str:
    """Format a CSV cell: empty for None, repr() for floats so that values read back exactly."""
    if value is None:
        return ""
    if isinstance(value, float):
        return repr(value)
    return str(value)


def results_csv(jobs: tuple[Job, ...]) -> str:
    """Return the CSV text: identity columns, then the metrics, reference metrics and training values."""
    metrics = key_union(jobs, "metrics")
    reference = key_union(jobs, "reference")
    training = key_union(jobs, "training")
    header = IDENTITY_COLUMNS + metrics
    header += [REFERENCE_PREFIX + key for key in reference]
    header += [TRAINING_PREFIX + key for key in training]

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    for job in jobs:
        row = [
            job.num,
            job.directory,
            job.status.value,
            job.reason,
            job.noise,
            job.pct,
            job.strength,
            job.model,
            job.seed,
            " ".join(job.overrides),
        ]
        row += [job.metrics.get(key) for key in metrics]
        row += [job.reference.get(key) for key in reference]
        row += [job.training.get(key) for key in training]
        writer.writerow([cell_text(value) for value in row])
    return buffer.getvalue()
