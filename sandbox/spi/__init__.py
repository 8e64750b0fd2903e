"""``sandbox.spi``."""
