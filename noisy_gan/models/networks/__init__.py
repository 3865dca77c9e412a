"""Generator and discriminator networks, one file per family."""
