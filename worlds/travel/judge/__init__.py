"""``worlds.travel.judge``."""
