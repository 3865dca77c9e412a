"""Dataset sources, corruption models and the Lightning data module."""
