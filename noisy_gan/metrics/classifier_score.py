"""Classifier score: the Inception Score computed with the MNIST classifier's logits.

exp(E_x KL(p(y|x) || p(y))): about 10 when samples are confidently classified
and spread evenly over the ten digits, 1 when every sample gets the same
class distribution. torchmetrics computes it on precomputed logits.
"""

import warnings

import torch
from torchmetrics.image.inception import InceptionScore

from noisy_gan.metrics.frechet import PrecomputedFeatures


def classifier_score(logits: torch.Tensor, splits: int, seed: int) -> dict[str, float]:
    """Return `classifier_score` and `classifier_score_std` of logits [N, C], averaged over `splits` random splits.

    The split assignment is drawn from `seed`.
    """
    with warnings.catch_warnings():
        # InceptionScore warns that it stores all features; the logits are [N, 10].
        warnings.filterwarnings("ignore", message=".*will save all extracted features.*")
        # normalize=False: with True, torchmetrics 1.9 casts the inputs to uint8 even for a custom module.
        metric = InceptionScore(feature=PrecomputedFeatures(logits.shape[1]), splits=splits, normalize=False)
    metric.update(logits)
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(seed)
        mean, std = metric.compute()
    return {"classifier_score": mean.item(), "classifier_score_std": std.item()}
