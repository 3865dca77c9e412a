"""Class coverage and the classifier score on hand-made logits."""

import math

import pytest
import torch

from noisy_gan.metrics.classifier_score import classifier_score
from noisy_gan.metrics.contamination import contamination_pct
from noisy_gan.metrics.coverage import class_coverage


def one_hot_logits(classes: list[int], num_classes: int = 10) -> torch.Tensor:
    return torch.nn.functional.one_hot(torch.tensor(classes), num_classes).float() * 20


def test_coverage_even_histogram():
    metrics = class_coverage(one_hot_logits(list(range(10)) * 30))
    assert metrics["classes_covered"] == 10
    assert metrics["class_kl"] == pytest.approx(0.0, abs=1e-12)
    assert [metrics[f"class_share_{c}"] for c in range(10)] == pytest.approx([0.1] * 10)


def test_coverage_single_class():
    metrics = class_coverage(one_hot_logits([4] * 100))
    assert metrics["classes_covered"] == 1
    assert metrics["class_kl"] == pytest.approx(math.log(10))
    assert metrics["class_share_4"] == 1.0


def test_coverage_threshold_one_in_twenty():
    # 5 of 100 samples (exactly 1/20) count as covered; 4 of 100 do not.
    classes = [0] * 5 + [1] * 4 + [2] * 91
    metrics = class_coverage(one_hot_logits(classes))
    assert metrics["classes_covered"] == 2


# With one split, torchmetrics' standard deviation over splits has no degrees of freedom and warns.
@pytest.mark.filterwarnings(r"ignore:std\(\)")
def test_classifier_score_extremes():
    confident_even = classifier_score(one_hot_logits(list(range(10)) * 100), splits=1, seed=0)
    assert confident_even["classifier_score"] == pytest.approx(10.0, rel=1e-3)
    uninformative = classifier_score(torch.zeros(1000, 10), splits=10, seed=0)
    assert uninformative["classifier_score"] == pytest.approx(1.0)


def test_contamination_pct_counts_class_one():
    logits = torch.tensor([[0.0, 1.0], [1.0, 0.0], [1.0, 0.0], [0.0, 2.0]])
    assert contamination_pct(logits) == {"contamination_pct": 50.0}


def test_contamination_pct_rejects_shape():
    with pytest.raises(ValueError, match=r"\[N, 2\]"):
        contamination_pct(torch.zeros(4, 10))
