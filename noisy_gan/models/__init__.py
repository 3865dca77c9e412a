"""Networks (plain nn.Modules) and the Lightning GAN modules that train them."""
