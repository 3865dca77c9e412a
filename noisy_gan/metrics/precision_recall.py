"""Improved precision and recall (Kynkaanniemi et al., 2019, "Improved Precision and Recall Metric
for Assessing Generative Models", NeurIPS).

Each feature set approximates its manifold by the union of balls around its
points, each ball's radius being the distance to the point's k-th nearest
neighbour in the same set. Precision is the share of fake points inside the
real manifold, recall the share of real points inside the fake manifold.

Distances are compared squared (the same order, no square roots) and
computed `chunk_size` rows at a time, so memory stays at chunk_size x M
floats instead of N x M. One pass over the fake-real distances gives both
precision and recall, and the real radii can be computed once and reused.
"""

import torch


def squared_distances(queries: torch.Tensor, points: torch.Tensor, points_sq_norms: torch.Tensor) -> torch.Tensor:
    """Squared Euclidean distances [Q, P] between queries [Q, D] and points [P, D], clamped at 0."""
    distances = torch.addmm(points_sq_norms.unsqueeze(0), queries, points.T, alpha=-2.0)
    distances += queries.square().sum(dim=1, keepdim=True)
    return distances.clamp_(min=0.0)


def squared_radii(features: torch.Tensor, k: int, chunk_size: int = 1000) -> torch.Tensor:
    """Squared distance from each of features [N, D] to its k-th nearest other point: [N]; needs N > k."""
    if len(features) <= k:
        raise ValueError(f"{len(features)} feature vectors are too few for k={k} nearest neighbours; need more than {k}")
    sq_norms = features.square().sum(dim=1)
    radii = []
    for chunk in features.split(chunk_size):
        distances = squared_distances(chunk, features, sq_norms)
        # The k + 1 smallest distances include the point's distance to itself (0).
        radii.append(distances.topk(k + 1, dim=1, largest=False).values[:, k])
    return torch.cat(radii)


def precision_recall(
    real_features: torch.Tensor,
    fake_features: torch.Tensor,
    k: int = 3,
    chunk_size: int = 1000,
    real_squared_radii: torch.Tensor | None = None,
) -> dict[str, float]:
    """Return `precision` and `recall` of fake features [N, D] against real features [M, D].

    Both sets need more than k points. `real_squared_radii` [M] may pass
    `squared_radii(real_features, k)` computed earlier. The values depend
    on N and M through the k-NN radii, so compare runs only at equal sizes.
    """
    if real_squared_radii is None:
        real_squared_radii = squared_radii(real_features, k, chunk_size)
    elif real_squared_radii.shape != (len(real_features),):
        raise ValueError(
            f"real_squared_radii has shape {tuple(real_squared_radii.shape)}, expected ({len(real_features)},)"
        )
    fake_squared_radii = squared_radii(fake_features, k, chunk_size)

    real_sq_norms = real_features.square().sum(dim=1)
    fake_inside_real = []
    real_inside_fake = torch.zeros(len(real_features), dtype=torch.bool, device=real_features.device)
    for fake_chunk, fake_chunk_radii in zip(fake_features.split(chunk_size), fake_squared_radii.split(chunk_size)):
        distances = squared_distances(fake_chunk, real_features, real_sq_norms)
        fake_inside_real.append((distances <= real_squared_radii).any(dim=1))
        real_inside_fake |= (distances <= fake_chunk_radii.unsqueeze(1)).any(dim=0)

    return {
        "precision": torch.cat(fake_inside_real).float().mean().item(),
        "recall": real_inside_fake.float().mean().item(),
    }
