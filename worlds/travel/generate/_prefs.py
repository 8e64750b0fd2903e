"""Soft preferences drawn from what the catalog offers on the trip, each with the words that say it.

A preference is offered only when it can make a difference: a non-stop where some flights stop, a
morning window where some flights leave outside it, an amenity, neighbourhood or star level that some
of the city's hotels have and others lack, an airline that flies one of the legs, a review topic in a
city whose hotels have topic reviews. Each is said as a wish ("ideally", "if possible"), never as a
requirement; ``cheaper`` (weight 0.2, usually unsaid) breaks ties between otherwise equal itineraries.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from worlds.travel.generate._draft import Draft
from worlds.travel.records import Flight, Hotel

_T = dt.time
_WINDOWS = (
    ("morning", _T(6, 0), _T(12, 0)),
    ("afternoon", _T(12, 0), _T(17, 0)),
    ("evening", _T(17, 0), _T(23, 0)),
)
AMENITY_WORDS = {
    "gym": "a gym",
    "pool": "a pool",
    "spa": "a spa",
    "breakfast": "breakfast included",
    "parking": "parking",
    "airport-shuttle": "an airport shuttle",
    "kitchen": "a kitchenette",
    "pet-friendly": "pet-friendly rooms (the dog comes too)",
    "crib": "a cot for the baby",
    "accessible": "step-free access",
    "restaurant": "a restaurant on site",
    "bar": "a bar",
}
_TOPIC_WORDS = {
    "quiet": ("somewhere quiet (I'm a light sleeper)", "a quiet hotel"),
    "breakfast": ("a hotel known for a good breakfast", "great breakfast"),
    "clean": ("somewhere spotless", "a really clean hotel"),
    "location": ("a well-located hotel", "a central, convenient location"),
    "staff": ("friendly staff", "a hotel with helpful staff"),
}
_WISH = ("Ideally {x}.", "I'd prefer {x}.", "{X} if possible.", "{X} would be nice.", "If you can, {x}.")


def _say(draft: Draft, x: str) -> str:
    return draft.d.pick(_WISH).format(x=x, X=x[0].upper() + x[1:])


def _leg_flights(draft: Draft, i: int) -> list[Flight]:
    leg = draft.legs[i]
    return draft.d.flights(leg["origin"], leg["destination"], leg["date"])


def _mixed(values: list[bool]) -> bool:
    return any(values) and not all(values)


def _nonstop(draft: Draft) -> tuple[dict[str, Any], str] | None:
    flights = [f for i in range(len(draft.legs)) for f in _leg_flights(draft, i)]
    if not _mixed([f.stops == 0 for f in flights]):
        return None
    x = draft.d.pick(("non-stop flights", "direct flights", "no layovers"))
    return {"kind": "nonstop"}, x


def _window(draft: Draft) -> tuple[dict[str, Any], str] | None:
    name, start, end = draft.d.pick(_WINDOWS)
    flights = _leg_flights(draft, 0)
    if not _mixed([start <= f.depart.time() <= end for f in flights]):
        return None
    pref: dict[str, Any] = {"kind": "depart_window", "start": f"{start:%H:%M}", "end": f"{end:%H:%M}"}
    art = "an" if name[0] in "aeiou" else "a"
    if len(draft.legs) > 1:
        pref["leg"] = 0
        x = draft.d.pick((f"{art} {name} flight out", f"a departure in the {name} on the way out"))
    else:
        x = draft.d.pick((f"{art} {name} departure", f"a departure in the {name}"))
    return pref, x


def _airline(draft: Draft) -> tuple[dict[str, Any], str] | None:
    codes = sorted({f.airline for i in range(len(draft.legs)) for f in _leg_flights(draft, i)})
    if len(codes) < 2:
        return None
    code = draft.d.pick(codes)
    airline = draft.d.view.airline(code)
    assert airline is not None
    draft.profile.setdefault("loyalty", {})[code] = f"{code}-{draft.d.rng.randint(100000, 999999)}"
    x = draft.d.pick((f"{airline.name} (I collect their miles)", f"{airline.name}, where I have status"))
    return {"kind": "airline", "value": code}, x


def _hotels(draft: Draft) -> list[Hotel]:
    return [h for s in draft.stays for h in draft.d.hotels(s["city"])]


def _stars(draft: Draft) -> tuple[dict[str, Any], str] | None:
    k = draft.d.pick((3, 4, 4, 5))
    if not _mixed([h.stars >= k for h in _hotels(draft)]):
        return None
    x = draft.d.pick((f"a {k}-star hotel", f"at least {k} stars for the hotel"))
    return {"kind": "hotel_stars", "min": k}, x


def _rating(draft: Draft) -> tuple[dict[str, Any], str] | None:
    r = draft.d.pick((7.5, 8.0, 8.5))
    if not _mixed([h.rating >= r for h in _hotels(draft)]):
        return None
    x = draft.d.pick((f"a hotel rated {r:g} or better", f"a well-reviewed hotel ({r:g}/10 or more)"))
    return {"kind": "hotel_rating", "min": r}, x


def _amenity(draft: Draft) -> tuple[dict[str, Any], str] | None:
    hotels = _hotels(draft)
    options = [a for a in AMENITY_WORDS if _mixed([a in h.amenities for h in hotels])]
    if not options:
        return None
    a = draft.d.pick(options)
    return {"kind": "amenity", "value": a}, AMENITY_WORDS[a]


def _hood(draft: Draft) -> tuple[dict[str, Any], str] | None:
    if len(draft.stays) != 1:
        return None
    hotels = _hotels(draft)
    hoods = sorted({h.neighbourhood for h in hotels})
    if len(hoods) < 2:
        return None
    hood = draft.d.pick(hoods)
    x = draft.d.pick((f"a hotel in {hood}", f"somewhere around {hood}"))
    return {"kind": "neighbourhood", "value": hood}, x


def _review(draft: Draft) -> tuple[dict[str, Any], str] | None:
    if not draft.stays or not all(draft.d.extended(s["city"]) for s in draft.stays):
        return None  # only hotels beyond `small`'s cities have topic reviews
    topic = draft.d.pick(sorted(_TOPIC_WORDS))
    return {"kind": "review", "topic": topic}, draft.d.pick(_TOPIC_WORDS[topic])


def _seat(draft: Draft) -> tuple[dict[str, Any], str] | None:
    if not draft.legs:
        return None
    seat = draft.d.pick(("aisle", "window"))
    draft.profile["seat"] = seat
    return {"kind": "seat", "value": seat}, f"an {seat} seat" if seat == "aisle" else "a window seat"


FLIGHT_PREFS: tuple[Callable[[Draft], tuple[dict[str, Any], str] | None], ...] = (
    _nonstop,
    _window,
    _airline,
    _seat,
)
HOTEL_PREFS: tuple[Callable[[Draft], tuple[dict[str, Any], str] | None], ...] = (
    _stars,
    _rating,
    _amenity,
    _hood,
    _review,
)


def add_preferences(draft: Draft, k: tuple[int, int] = (1, 3), *, without: tuple[str, ...] = ()) -> None:
    """Draw between ``k[0]`` and ``k[1]`` preferences the trip can tell apart, say them, add ``cheaper``;
    ``without``: kinds of preference not to draw (``airline``, ``window``, ``amenity``, ...)."""
    pool = list(FLIGHT_PREFS if draft.legs else ()) + list(HOTEL_PREFS if draft.stays else ())
    pool = [make for make in pool if make.__name__.lstrip("_") not in without]
    draft.d.rng.shuffle(pool)
    want = draft.d.rng.randint(*k)
    taken: list[str] = []
    for make in pool:
        if len(taken) >= want:
            break
        got = make(draft)
        if got is None:
            continue
        pref, wish = got
        weight = draft.d.pick((1, 1, 1, 0.5, 2))
        if weight == 2 and any(p.get("weight") == 2 for p in draft.prefs):
            weight = 1  # one thing matters most
        said = _say(draft, wish)
        if weight == 2:
            said = draft.d.pick(("What matters most to me: {x}.", "Above all, I'd like {x}.")).format(x=wish)
        draft.prefs.append(pref | ({"weight": weight} if weight != 1 else {}))
        draft.pieces.append(said)
        taken.append(pref["kind"])
    draft.prefs.append({"kind": "cheaper", "weight": 0.2})
    if draft.d.chance(0.2):
        draft.pieces.append(
            draft.d.pick(("Cheaper is better, all else equal.", "Keep it sensible on price."))
        )
