"""``sandbox.cli``."""
