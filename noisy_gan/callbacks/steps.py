"""The training-step counter shared by the callbacks."""

import pytorch_lightning as pl


def training_steps(trainer: pl.Trainer) -> int:
    """Return the number of training steps (batches) done so far.

    This is the x axis Lightning uses for logged scalars. `trainer.global_step`
    counts optimizer steps instead, two per training step for the GAN.
    """
    # NOTE: `_batches_that_stepped` is private Lightning API (checked with pytorch-lightning 2.6);
    # it is the counter that Lightning's own logger connector passes as the step.
    return trainer.fit_loop.epoch_loop._batches_that_stepped
