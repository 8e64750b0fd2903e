"""Deliberate, LLM-like mistakes the scripted model can make on request (off by default).

``Quirks`` holds one probability per kind of mistake and a seed. Whether a mistake happens is a stable
function of ``(seed, kind, key)`` (sha256, not Python's ``hash``); the model uses the traveller's
request as the key for every kind, so within a run a kind either strikes or not, and the same seed
gives the same mistakes on every run. The ``noisy`` model sets these on a
``ScriptedChatModel``; the scripted model itself never does. The kinds are named as in
``sandbox.spi.MISTAKES`` (the one list); old names (``hallucinate_id``, ``skip_verify``) still work.

Most quirks perturb the intent: ``perturb_intent`` misreads the ``TripIntent`` at the one place the
model reads it (``Context.intent``), from which every trip is planned. The others strike in a reply.

| kind                   | perturbs | where it strikes                                                  |
|------------------------|----------|-------------------------------------------------------------------|
| ``wrong_date``         | intent   | the first travel day (or check-in) read as the day after          |
| ``drop_preference``    | intent   | one stated wish forgotten                                         |
| ``limit_as_wish``      | intent   | one hard limit (non-stop, stars, an amenity, a time) read as a wish |
| ``wrong_party``        | intent   | the travellers (or the rooms) read one off                        |
| ``wrong_city``         | intent   | the destination read as the city with the nearest name            |
| ``overspend``          | intent   | the budget dropped: ignored when ranking plans                    |
| ``hallucinated_id``    | reply    | the final report cites a booking id that does not exist           |
| ``false_success``      | reply    | the final report claims everything was booked although something failed |
| ``skipped_verification`` | reply  | the bookings are never checked with ``list_bookings`` before the report |
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, fields

from agents.intent import TripIntent, Wish
from agents.intent._gazetteer import CITY_NAMES
from agents.intent._shape import describe
from agents.models._scripted_prefs import Prefs
from sandbox.spi import canonical

KINDS = (
    "drop_preference",
    "wrong_date",
    "overspend",
    "hallucinated_id",
    "false_success",
    "skipped_verification",
    "limit_as_wish",
    "wrong_party",
    "wrong_city",
)


@dataclass(frozen=True)
class Quirks:
    """Probabilities (0..1) of each deliberate mistake, and the seed that decides them."""

    drop_preference: float = 0.0
    wrong_date: float = 0.0
    overspend: float = 0.0
    hallucinated_id: float = 0.0
    false_success: float = 0.0
    skipped_verification: float = 0.0
    limit_as_wish: float = 0.0
    wrong_party: float = 0.0
    wrong_city: float = 0.0
    seed: int = 0

    @classmethod
    def all(cls, p: float, seed: int = 0) -> Quirks:
        """Every kind of mistake with the same probability ``p``."""
        return cls(**{k: p for k in KINDS}, seed=seed)

    @classmethod
    def of(cls, raw: dict[str, float]) -> Quirks:
        """From a mapping of kind -> probability (and ``seed``); old kind names are read as today's."""
        return cls(**{canonical(k): v for k, v in raw.items()})  # type: ignore[arg-type]

    @property
    def active(self) -> bool:
        return any(getattr(self, f.name) > 0 for f in fields(self) if f.name != "seed")

    def fires(self, kind: str, key: str = "") -> bool:
        """Whether mistake ``kind`` happens at the decision point named ``key`` (stable per seed)."""
        kind = canonical(kind)
        p = float(getattr(self, kind))
        if p <= 0:
            return False
        digest = hashlib.sha256(f"{self.seed}|{kind}|{key}".encode()).digest()
        return int.from_bytes(digest[:8], "big") / 2**64 < p


NO_QUIRKS = Quirks()


def _pick(key: str, n: int) -> int:
    return int(hashlib.sha256(key.encode()).hexdigest(), 16) % n


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
    pick = present[_pick(key, len(present))]
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


def near_city(code: str) -> str | None:
    """The city whose name is nearest to ``code``'s (rapidfuzz), the one a hurried reader confuses."""
    from rapidfuzz import fuzz, process

    name = CITY_NAMES.get(code)
    if name is None:
        return None
    others = {c: n for c, n in CITY_NAMES.items() if c != code}
    best = process.extractOne(name, others, scorer=fuzz.ratio)
    return str(best[2]) if best else None


def off_by_one(value: int, key: str) -> int:
    """``value`` one up or one down (chosen by ``key``), staying within 1..9."""
    up = value <= 1 or (value < 9 and _pick(key + "|up", 2) == 0)
    return value + 1 if up else value - 1


def perturb_intent(intent: TripIntent, quirks: Quirks, key: str) -> TripIntent:
    """The intent as the quirks that fire for ``key`` misread it (the same intent when none fire);
    the assumptions it states are worded again, so a human at the checkpoint can catch the misreading."""
    if not quirks.active:
        return intent
    fired = [k for k in KINDS if quirks.fires(k, key)]
    changed = False
    for kind in fired:
        step = _INTENT_STEPS.get(kind)
        changed = bool(step and step(intent, f"{key}|{kind}")) or changed
    return describe(intent) if changed else intent


def _wrong_date(intent: TripIntent, key: str) -> bool:
    if intent.legs and intent.legs[0].date is not None:
        intent.legs[0].date += dt.timedelta(days=1)
        return True
    if intent.stays and intent.stays[0].check_in is not None:
        intent.stays[0].check_in += dt.timedelta(days=1)
        return True
    return False


def _drop_wish(intent: TripIntent, key: str) -> bool:
    if not intent.wishes:
        return False
    intent.wishes.pop(_pick(key, len(intent.wishes)))
    return True


def _no_budget(intent: TripIntent, key: str) -> bool:
    was = intent.budget
    intent.budget = None
    return was is not None


def _limit_as_wish(intent: TripIntent, key: str) -> bool:
    """One hard limit of a leg or a stay removed and added to the wishes instead."""
    found: list[tuple[object, str, Wish]] = []
    for i, leg in enumerate(intent.legs):
        if leg.nonstop:
            found.append((leg, "nonstop", Wish(kind="nonstop", leg=i)))
        if leg.cabin:
            found.append((leg, "cabin", Wish(kind="cabin", value=leg.cabin, leg=i)))
        if leg.depart_after or leg.depart_before:
            win = Wish(kind="depart_window", start=leg.depart_after, end=leg.depart_before, leg=i)
            found.append((leg, "depart", win))
        if leg.arrive_after or leg.arrive_before:
            win = Wish(kind="arrive_window", start=leg.arrive_after, end=leg.arrive_before, leg=i)
            found.append((leg, "arrive", win))
    for s in intent.stays:
        if s.min_stars:
            found.append((s, "min_stars", Wish(kind="hotel_stars", min=s.min_stars)))
        if s.min_rating:
            found.append((s, "min_rating", Wish(kind="hotel_rating", min=s.min_rating)))
        found += [(s, f"amenity:{a}", Wish(kind="amenity", value=a)) for a in s.amenities]
        if s.neighbourhood:
            found.append((s, "neighbourhood", Wish(kind="neighbourhood", value=s.neighbourhood)))
    if not found:
        return False
    owner, field, wish = found[_pick(key, len(found))]
    if field.startswith("amenity:"):
        owner.amenities.remove(field.partition(":")[2])  # type: ignore[attr-defined]
    elif field in ("depart", "arrive"):
        setattr(owner, f"{field}_after", None)
        setattr(owner, f"{field}_before", None)
    else:
        setattr(owner, field, None)
    intent.wishes.append(wish)
    return True


def _wrong_party(intent: TripIntent, key: str) -> bool:
    present = [f for f in ("travelers", "rooms") if getattr(intent, f)]
    if not present:
        return False
    which = present[_pick(key, len(present))]
    setattr(intent, which, off_by_one(int(getattr(intent, which)), key))
    return True


def _wrong_city(intent: TripIntent, key: str) -> bool:
    city = next((leg.destination for leg in intent.legs if leg.destination), None)
    city = city or next((s.city for s in intent.stays if s.city), None)
    other = near_city(city) if city else None
    if not other:
        return False
    for leg in intent.legs:
        leg.origin = other if leg.origin == city else leg.origin
        leg.destination = other if leg.destination == city else leg.destination
    for s in intent.stays:
        s.city = other if s.city == city else s.city
    return True


_INTENT_STEPS = {
    "wrong_date": _wrong_date,
    "drop_preference": _drop_wish,
    "overspend": _no_budget,
    "limit_as_wish": _limit_as_wish,
    "wrong_party": _wrong_party,
    "wrong_city": _wrong_city,
}
