"""Independent seeds for the separate random draws made from one configured seed."""

import hashlib

# Many parts of the project draw torch.randperm(N) from a generator seeded with the run's seed. The
# corruption models, for one, corrupt the first images of that permutation. A batch order drawn with the
# same seed would then serve all corrupted images first and all clean ones last, which stalls detector
# training at 50% accuracy. So each draw here gets a seed of its own.


def derive_seed(seed: int, purpose: str) -> int:
    """Return a 63-bit seed for the draw named `purpose`, a deterministic function of `seed` and `purpose`."""
    digest = hashlib.sha256(f"{seed}:{purpose}".encode()).digest()
    return int.from_bytes(digest[:8], "little") >> 1
