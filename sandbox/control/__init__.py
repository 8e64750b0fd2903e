"""``sandbox.control``."""
