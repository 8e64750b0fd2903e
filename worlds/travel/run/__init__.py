"""``worlds.travel.run``."""
