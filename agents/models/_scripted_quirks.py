"""Deliberate, LLM-like mistakes the scripted model can make on request (off by default).

``Quirks`` holds one probability per kind of mistake and a seed. Whether a mistake happens is a stable
function of ``(seed, kind, key)`` (sha256, not Python's ``hash``); the model uses the traveller's
request as the key for every kind, so within a run a kind either strikes or not, and the same seed
gives the same mistakes on every run. The ``noisy`` model sets these on a
``ScriptedChatModel``; the scripted model itself never does.

| kind              | where it strikes                                                            |
|-------------------|-----------------------------------------------------------------------------|
| ``drop_preference`` | reading the request: one stated wish is forgotten                          |
| ``wrong_date``      | reading the request: the first travel day is taken as the day after       |
| ``overspend``       | choosing: the budget is ignored when ranking plans                          |
| ``hallucinate_id``  | the final report cites a booking id that does not exist                     |
| ``false_success``   | the final report claims everything was booked although something failed    |
| ``skip_verify``     | the bookings are never checked with ``list_bookings`` before the report     |
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, fields

from agents.models._scripted_prefs import Prefs

KINDS = ("drop_preference", "wrong_date", "overspend", "hallucinate_id", "false_success", "skip_verify")


@dataclass(frozen=True)
class Quirks:
    """Probabilities (0..1) of each deliberate mistake, and the seed that decides them."""

    drop_preference: float = 0.0
    wrong_date: float = 0.0
    overspend: float = 0.0
    hallucinate_id: float = 0.0
    false_success: float = 0.0
    skip_verify: float = 0.0
    seed: int = 0

    @classmethod
    def all(cls, p: float, seed: int = 0) -> Quirks:
        """Every kind of mistake with the same probability ``p``."""
        return cls(**{k: p for k in KINDS}, seed=seed)

    @property
    def active(self) -> bool:
        return any(getattr(self, f.name) > 0 for f in fields(self) if f.name != "seed")

    def fires(self, kind: str, key: str = "") -> bool:
        """Whether mistake ``kind`` happens at the decision point named ``key`` (stable per seed)."""
        p = float(getattr(self, kind))
        if p <= 0:
            return False
        digest = hashlib.sha256(f"{self.seed}|{kind}|{key}".encode()).digest()
        return int.from_bytes(digest[:8], "big") / 2**64 < p


NO_QUIRKS = Quirks()


def drop_one(prefs: Prefs, key: str) -> str | None:
    """Forget one stated wish (the first, in a fixed order, chosen by ``key``); returns its name."""
    wishes = [
        ("windows", bool(prefs.windows)),
        ("amenities", bool(prefs.amenities)),
        ("stars", prefs.stars is not None),
        ("nonstop", prefs.nonstop > 0),
        ("rating", prefs.rating is not None),
    ]
    present = [name for name, there in wishes if there]
    if not present:
        return None
    pick = present[int(hashlib.sha256(key.encode()).hexdigest(), 16) % len(present)]
    if pick == "windows":
        prefs.windows = prefs.windows[1:]
    elif pick == "amenities":
        prefs.amenities.pop(next(iter(prefs.amenities)))
    elif pick == "stars":
        prefs.stars = None
    elif pick == "nonstop":
        prefs.nonstop = 0.0
    else:
        prefs.rating = None
    return pick
