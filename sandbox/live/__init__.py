"""``sandbox.live``."""
