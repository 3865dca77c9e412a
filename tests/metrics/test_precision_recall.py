"""k-NN precision and recall on small synthetic feature sets, checked against a direct computation."""

import pytest
import torch

from noisy_gan.metrics.precision_recall import precision_recall, squared_radii


def direct_precision_recall(real: torch.Tensor, fake: torch.Tensor, k: int) -> tuple[float, float]:
    """The definition, with full distance matrices and no chunking."""
    real_radii = torch.cdist(real, real).sort(dim=1).values[:, k]
    fake_radii = torch.cdist(fake, fake).sort(dim=1).values[:, k]
    fake_to_real = torch.cdist(fake, real)
    precision = (fake_to_real <= real_radii.unsqueeze(0)).any(dim=1).float().mean().item()
    recall = (fake_to_real.T <= fake_radii.unsqueeze(0)).any(dim=1).float().mean().item()
    return precision, recall


@pytest.mark.parametrize("chunk_size", [7, 64, 1000])
def test_precision_recall_matches_definition(chunk_size):
    generator = torch.Generator().manual_seed(0)
    real = torch.randn(300, 8, generator=generator)
    fake = torch.randn(200, 8, generator=generator) * 1.5 + 0.5
    expected_precision, expected_recall = direct_precision_recall(real, fake, k=3)
    result = precision_recall(real, fake, k=3, chunk_size=chunk_size)
    assert result["precision"] == pytest.approx(expected_precision, abs=1 / 200)
    assert result["recall"] == pytest.approx(expected_recall, abs=1 / 300)
    assert 0 < result["precision"] < 1
    assert 0 < result["recall"] < 1


def test_precision_recall_identical_sets():
    features = torch.randn(100, 4, generator=torch.Generator().manual_seed(1))
    assert precision_recall(features, features.clone(), k=3) == {"precision": 1.0, "recall": 1.0}


def test_precision_recall_disjoint_sets():
    features = torch.randn(100, 4, generator=torch.Generator().manual_seed(2))
    assert precision_recall(features, features + 100.0, k=3) == {"precision": 0.0, "recall": 0.0}


def test_precision_recall_fake_subset_of_real():
    # Fakes covering one mode of the real data: all of them are realistic, half of the real data is missed.
    generator = torch.Generator().manual_seed(3)
    real = torch.cat([torch.randn(200, 2, generator=generator), torch.randn(200, 2, generator=generator) + 50])
    fake = torch.randn(400, 2, generator=generator)
    result = precision_recall(real, fake, k=3)
    assert result["precision"] > 0.9
    assert result["recall"] < 0.55


def test_squared_radii_kth_neighbour():
    points = torch.tensor([[0.0], [1.0], [3.0], [7.0]])
    assert squared_radii(points, k=1).tolist() == [1.0, 1.0, 4.0, 16.0]
    assert squared_radii(points, k=2, chunk_size=1).tolist() == [9.0, 4.0, 9.0, 36.0]


def test_precision_recall_rejects_too_few_points():
    with pytest.raises(ValueError, match="need more than 3"):
        precision_recall(torch.zeros(3, 2), torch.zeros(10, 2), k=3)


def test_precision_recall_rejects_wrong_radii():
    with pytest.raises(ValueError, match="real_squared_radii has shape"):
        precision_recall(torch.zeros(10, 2), torch.zeros(10, 2), k=3, real_squared_radii=torch.zeros(9))
