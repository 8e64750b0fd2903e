"""``sandbox.scoring``."""
