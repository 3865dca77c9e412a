"""Class coverage: how evenly the classifier's predictions spread over the ten digits."""

import torch

MIN_CLASS_SHARE = 1 / 20


def class_coverage(logits: torch.Tensor) -> dict[str, float]:
    """Return the predicted-class histogram and two summaries of it, from logits [N, C].

    `class_share_<c>`: share of samples predicted as class c, for each c.
    `classes_covered`: number of classes holding at least MIN_CLASS_SHARE (1/20) of the samples;
    a GAN that has dropped a digit scores below C.
    `class_kl`: KL divergence from the histogram p to the uniform distribution, sum_c p_c log(C p_c),
    in nats; 0 when even, log(C) = 2.30 for C = 10 when all samples fall in one class.
    """
    num_classes = logits.shape[1]
    counts = torch.bincount(logits.argmax(dim=1), minlength=num_classes).to(torch.float64)
    shares = counts / counts.sum()
    nonzero = shares[shares > 0]
    kl = (nonzero * (nonzero * num_classes).log()).sum().item()
    metrics = {f"class_share_{c}": shares[c].item() for c in range(num_classes)}
    metrics["classes_covered"] = float((shares >= MIN_CLASS_SHARE).sum().item())
    # Rounding can make an even histogram come out a hair below 0.
    metrics["class_kl"] = max(kl, 0.0)
    return metrics
