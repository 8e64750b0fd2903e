"""``sandbox.store``."""
