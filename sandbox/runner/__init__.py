"""``sandbox.runner``."""
