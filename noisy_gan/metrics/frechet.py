"""FID and KID in the classifier's feature space, computed by torchmetrics.

The suite runs the classifier once per image set and passes the resulting
features to torchmetrics through `PrecomputedFeatures`, an identity
`feature` module. Handing torchmetrics the classifier itself would run it
once more per metric (about 1 s per 10,000 images on a 2-core CPU), and
torchmetrics 1.9 feeds a custom module's input to it unchanged, so both
ways give the same numbers.
"""

import warnings

import torch
from torch import nn
from torchmetrics.image.fid import FrechetInceptionDistance
from torchmetrics.image.kid import KernelInceptionDistance


class PrecomputedFeatures(nn.Module):
    """Identity `feature` module for torchmetrics: features [B, D] in, the same features out.

    torchmetrics reads `num_features` instead of calling the module on a
    dummy image to find the feature dimension.
    """

    def __init__(self, num_features: int) -> None:
        super().__init__()
        self.num_features = num_features

    def forward(self, features: torch.Tensor) -> torch.Tensor:
        if features.dim() != 2 or features.shape[1] != self.num_features:
            raise ValueError(f"expected features of shape [B, {self.num_features}], got {tuple(features.shape)}")
        return features


class FrechetKernelDistance:
    """FID and KID of feature sets against one fixed real feature set [M, D].

    KID averages `kid_subsets` polynomial-kernel MMD estimates, each on
    `kid_subset_size` samples drawn from both sets. The draws come from
    `seed`, so the same inputs give the same KID.
    """

    def __init__(self, real_features: torch.Tensor, kid_subsets: int, kid_subset_size: int, seed: int) -> None:
        num_features = real_features.shape[1]
        self.seed = seed
        self.fid = FrechetInceptionDistance(
            feature=PrecomputedFeatures(num_features), reset_real_features=False
        )
        with warnings.catch_warnings():
            # KID warns that it stores all features; 10,000 x 128 floats are 5 MB.
            warnings.filterwarnings("ignore", message=".*will save all extracted features.*")
            self.kid = KernelInceptionDistance(
                feature=PrecomputedFeatures(num_features),
                subsets=kid_subsets,
                subset_size=kid_subset_size,
                reset_real_features=False,
            )
        self.fid.update(real_features, real=True)
        self.kid.update(real_features, real=True)

    def __call__(self, fake_features: torch.Tensor) -> dict[str, float]:
        """Return `fid`, `kid_mean` and `kid_std` of fake features [N, D] against the real ones."""
        self.fid.reset()
        self.kid.reset()
        self.fid.update(fake_features, real=False)
        self.kid.update(fake_features, real=False)
        fid = self.fid.compute()
        with torch.random.fork_rng(devices=[]):
            torch.manual_seed(self.seed)
            kid_mean, kid_std = self.kid.compute()
        return {"fid": fid.item(), "kid_mean": kid_mean.item(), "kid_std": kid_std.item()}
