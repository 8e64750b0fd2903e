"""``sandbox.scenarios``."""
