"""Contamination rate: the share of samples that the contaminant detector assigns to the corruption."""

import torch


def contamination_pct(detector_logits: torch.Tensor) -> dict[str, float]:
    """Return `contamination_pct`, the percentage of samples whose detector logits [N, 2] favour class 1.

    This is the raw rate of the detector's decisions, not corrected for
    its error rates, so it is an estimate that is as good as the detector's
    test accuracy.
    """
    if detector_logits.dim() != 2 or detector_logits.shape[1] != 2:
        raise ValueError(f"expected detector logits of shape [N, 2], got {tuple(detector_logits.shape)}")
    flagged = detector_logits.argmax(dim=1) == 1
    return {"contamination_pct": 100.0 * flagged.float().mean().item()}
