"""``worlds.travel.catalog``."""
