"""The golden request set: entries (request text + context + the expected ``TripIntent``), their
loader, and a field-by-field grader. ``README.md`` beside this file defines the format, the tag
vocabulary and exactly what each graded field compares.

    entries = load_set()
    table = accuracy(entries, my_reader)   # my_reader(text, ReadContext) -> TripIntent
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any, Literal, get_args

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from agents.intent import LegIntent, ReadContext, StayIntent, TripIntent, Wish

GOLDEN_DIR = Path(__file__).resolve().parent

FailureClass = Literal[
    "ordinal-date",
    "day-range",
    "checkout-date",
    "weekday-day",
    "relative-date",
    "calendar-date",
    "hotel-only",
    "informal-hotel",
    "flight-only",
    "one-way",
    "round-trip",
    "multi-city",
    "change-keep",
    "cancel-only",
    "hard-time",
    "hard-amenity",
    "hard-nightly",
    "hard-refundable",
    "hard-stops",
    "hard-airline",
    "hard-cabin",
    "soft-contrast",
    "budget",
    "misspelt-city",
    "party-words",
    "mind-change",
    "unknown",
]
Style = Literal[
    "short", "long", "casual", "terse", "corporate", "anxious", "chatty", "typos", "reordered", "british"
]
GradeField = Literal[
    "shape",
    "route",
    "dates",
    "times",
    "party",
    "rooms",
    "budget",
    "flight_limits",
    "stay_limits",
    "wishes",
    "keep_cancel",
    "unknown",
    "sources",
]
FAILURE_CLASSES: tuple[str, ...] = get_args(FailureClass)
STYLES: tuple[str, ...] = get_args(Style)
FIELDS: tuple[str, ...] = get_args(GradeField)

CITIES = frozenset(
    "SFO JFK LAX ORD YYZ LHR CDG FRA AMS NRT SIN SYD BOS SEA MEX GRU MAD FCO DXB HKG BCN ICN MIA DEN YVR "
    "EZE DUB IST BKK AKL ATL DFW PHX AUS PDX IAD LAS MCO PHL SAN MSP HNL YUL LIS MUC BER EDI MEL".split()
)
AIRLINES = {
    "AX": "aurora air",
    "BQ": "boreal airways",
    "KV": "kestrel airlines",
    "NP": "nimbus pacific",
    "SO": "solstice",
    "MV": "meridian vale",
}
AMENITIES = frozenset(
    "wifi gym pool spa breakfast parking airport-shuttle business-centre restaurant bar pet-friendly "
    "kitchen crib accessible".split()
)


class GoldenError(ValueError):
    """A golden file that does not load: names the file, the entry and the field."""


class Entry(BaseModel):
    """One request of the set: what the agent knows, what the traveller wrote, what they meant."""

    model_config = ConfigDict(extra="forbid")

    id: str = Field(pattern=r"^[a-z][a-z0-9]*(-[a-z0-9]+)*-\d{3}$")
    tags: list[FailureClass | Style] = Field(min_length=1)
    context: ReadContext
    text: str = Field(min_length=1)
    expect: TripIntent
    grade: list[GradeField] | None = Field(None, min_length=1)

    @field_validator("context")
    @classmethod
    def _aware_now(cls, context: ReadContext) -> ReadContext:
        if context.now.utcoffset() is None:
            raise ValueError("context.now needs a UTC offset (e.g. 2027-01-05T09:00:00-08:00)")
        return context

    @property
    def classes(self) -> list[str]:
        return [t for t in self.tags if t in FAILURE_CLASSES]

    @property
    def fields(self) -> tuple[str, ...]:
        return tuple(self.grade) if self.grade else FIELDS


class _Loader(yaml.SafeLoader):
    """Safe YAML without the 1.1 base-60 numbers, so that ``9:30`` stays a time and never becomes 570."""


_INT, _FLOAT = "tag:yaml.org,2002:int", "tag:yaml.org,2002:float"
_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag not in (_INT, _FLOAT)]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver(_INT, re.compile(r"^[-+]?(0|[1-9][0-9_]*)$"), list("-+0123456789"))
_Loader.add_implicit_resolver(
    _FLOAT, re.compile(r"^[-+]?([0-9][0-9_]*)?\.[0-9_]+([eE][-+]?[0-9]+)?$"), list("-+0123456789.")
)


def load_file(path: Path) -> list[Entry]:
    try:
        raw = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)
    except yaml.YAMLError as exc:
        raise GoldenError(f"{path.name}: not valid YAML: {exc}") from exc
    if not isinstance(raw, list):
        raise GoldenError(f"{path.name}: expected a list of entries, got {type(raw).__name__}")
    entries = []
    for i, item in enumerate(raw):
        name = item.get("id", f"#{i}") if isinstance(item, dict) else f"#{i}"
        try:
            entries.append(Entry.model_validate(item))
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(p) for p in first["loc"])
            raise GoldenError(f"{path.name}: entry {name}: {where}: {first['msg']}") from exc
    return entries


def load_set(folder: Path = GOLDEN_DIR) -> list[Entry]:
    """Every entry of every ``*.yaml`` file in ``folder``, in file then entry order."""
    return [e for path in sorted(folder.glob("*.yaml")) for e in load_file(path)]


Split = Literal["dev", "held-out"]
SPLITS: tuple[Split, ...] = ("dev", "held-out")


#: The id prefixes of the developers' files (``rd-<area>-NNN``, ``r7-<branch>-NNN``, ...): written by the
#: reader's and the agent's developers, dev entries only, never counted as one of the blind batches.
#: A new round of developers adds its prefix here, and only here.
DEVELOPER_PREFIXES = ("rd-", "policy-", "ag-", "p2-", "r5-", "r6-", "r7-", "r8-", "r9-", "r10-", "r11-", "r13-")


def is_developers(entry_id: str) -> bool:
    """Whether the entry ``entry_id`` comes from a developers' file (``DEVELOPER_PREFIXES``)."""
    return entry_id.startswith(DEVELOPER_PREFIXES)


def split_of(entry_id: str) -> Split:
    """``dev`` (about 60%) or ``held-out`` (about 40%), fixed by the SHA-256 of the entry's id: a
    reader is developed against ``dev`` only, and ``held-out`` is read only to report (README)."""
    bucket = int(hashlib.sha256(entry_id.encode("utf-8")).hexdigest()[:8], 16) % 100
    return "dev" if bucket < 60 else "held-out"


def select(entries: Iterable[Entry], split: Split | None) -> list[Entry]:
    """The entries of one split (``None``: all of them)."""
    return [e for e in entries if split is None or split_of(e.id) == split]


# --- normalising readings so that equivalent intents compare equal ---------------------------------


def _airline(name: str) -> str:
    key = name.strip().casefold()
    for code, full in AIRLINES.items():
        if key in (code.casefold(), full, full.split()[0]):
            return code
    return name.strip().upper()


def _amenity(name: str) -> str:
    return name.strip().casefold().replace(" ", "-").replace("_", "-").replace("center", "centre")


def _leg_days(leg: LegIntent) -> tuple[Any, ...]:
    day, first, last = leg.date, leg.earliest, leg.latest
    if day is None and first is not None and first == last:
        day, first, last = first, None, None
    return (day, first, last, leg.arrive_on)


def _stay_days(stay: StayIntent) -> tuple[Any, ...]:
    check_in, check_out, nights = stay.check_in, stay.check_out, stay.nights
    if check_in is None and check_out is not None and nights is not None:
        check_in = check_out - dt.timedelta(days=nights)
    if check_out is None and check_in is not None and nights is not None:
        check_out = check_in + dt.timedelta(days=nights)
    if check_in is not None and check_out is not None:
        nights = (check_out - check_in).days
    return (check_in, check_out, nights)


def _flight_limits(leg: LegIntent) -> tuple[Any, ...]:
    stops = 0 if leg.nonstop else leg.max_stops
    return (
        stops,
        leg.cabin,
        frozenset(map(_airline, leg.airlines_avoid)),
        frozenset(map(_airline, leg.airlines_only)),
        leg.refundable or None,
    )


def _stay_limits(stay: StayIntent) -> tuple[Any, ...]:
    hood = stay.neighbourhood.strip().casefold() if stay.neighbourhood else None
    return (
        stay.min_stars,
        stay.min_rating,
        frozenset(map(_amenity, stay.amenities)),
        hood,
        stay.max_nightly,
        stay.refundable or None,
    )


def _wish_value(wish: Wish) -> Any:
    if wish.kind == "airline":
        return _airline(wish.value or "")
    if wish.kind == "amenity":
        return _amenity(wish.value or "")
    if wish.kind in ("neighbourhood", "review", "cabin"):
        return (wish.value or "").strip().casefold()
    if wish.kind in ("hotel_stars", "hotel_rating"):
        return wish.min
    if wish.kind in ("depart_window", "arrive_window"):
        return (wish.start, wish.end)
    return None  # nonstop, refundable, cheaper, quiet: the kind is the whole wish


def _wishes(intent: TripIntent, n_legs: int) -> frozenset[tuple[Any, ...]]:
    """(kind, value, leg); a wish on every leg is the same as a wish with no leg."""
    legs: dict[tuple[Any, Any], set[int | None]] = {}
    for wish in intent.wishes:
        leg = None if n_legs <= 1 else wish.leg
        legs.setdefault((wish.kind, _wish_value(wish)), set()).add(leg)
    out = set()
    for (kind, value), on in legs.items():
        if n_legs > 1 and set(range(n_legs)) <= on:
            on = {None} | (on - set(range(n_legs)))
        out |= {(kind, value, leg) for leg in on}
    return frozenset(out)


def _money(a: float | None, b: float | None) -> bool:
    return (a is None) == (b is None) and (a is None or b is None or abs(a - b) <= 1.0)


def _same_limits(a: Sequence[tuple[Any, ...]], b: Sequence[tuple[Any, ...]], money_at: int | None) -> bool:
    if len(a) != len(b):
        return False
    for x, y in zip(a, b, strict=True):
        if money_at is None:
            if x != y:
                return False
        elif x[:money_at] + x[money_at + 1 :] != y[:money_at] + y[money_at + 1 :]:
            return False
        elif not _money(x[money_at], y[money_at]):
            return False
    return True


def grade(expect: TripIntent, got: TripIntent, fields: Iterable[str] = FIELDS) -> dict[str, bool]:
    """Each requested field -> whether ``got`` reads it as ``expect`` does (README: "Graded fields").
    ``sources`` is skipped when the expectation lists none."""
    n_legs = len(expect.legs)
    checks: dict[str, Callable[[], bool]] = {
        "shape": lambda: expect.shape == got.shape,
        "route": lambda: (
            [(leg.origin, leg.destination) for leg in expect.legs]
            == [(g.origin, g.destination) for g in got.legs]
            and [s.city for s in expect.stays] == [s.city for s in got.stays]
        ),
        "dates": lambda: (
            list(map(_leg_days, expect.legs)) == list(map(_leg_days, got.legs))
            and list(map(_stay_days, expect.stays)) == list(map(_stay_days, got.stays))
        ),
        "times": lambda: (
            [(x.depart_after, x.depart_before, x.arrive_after, x.arrive_before) for x in expect.legs]
            == [(x.depart_after, x.depart_before, x.arrive_after, x.arrive_before) for x in got.legs]
        ),
        "party": lambda: expect.travelers == got.travelers,
        "rooms": lambda: expect.rooms == got.rooms,
        "budget": lambda: _money(expect.budget, got.budget),
        "flight_limits": lambda: _same_limits(
            list(map(_flight_limits, expect.legs)), list(map(_flight_limits, got.legs)), None
        ),
        "stay_limits": lambda: _same_limits(
            list(map(_stay_limits, expect.stays)), list(map(_stay_limits, got.stays)), 4
        ),
        "wishes": lambda: _wishes(expect, n_legs) == _wishes(got, n_legs),
        "keep_cancel": lambda: set(expect.keep) == set(got.keep) and set(expect.cancel) == set(got.cancel),
        "unknown": lambda: set(expect.unknown) == set(got.unknown),
        "sources": lambda: all(got.sources.get(k) == v for k, v in expect.sources.items()),
    }
    unknown = [f for f in fields if f not in checks]
    if unknown:
        raise ValueError(f"unknown grade field(s) {unknown}; known: {', '.join(FIELDS)}")
    return {f: checks[f]() for f in fields if f != "sources" or expect.sources}


Reader = Callable[[str, ReadContext], TripIntent]


def empty_reader(text: str, context: ReadContext) -> TripIntent:
    """Reads nothing: the floor every real reader must beat."""
    return TripIntent()


def read_all(entries: Iterable[Entry], reader: Reader) -> list[tuple[Entry, dict[str, bool]]]:
    """Each entry with its marks (graded field -> right?, plus ``exact``: every graded field right).
    A reader that raises fails every graded field of that entry."""
    out = []
    for entry in entries:
        try:
            marks = grade(entry.expect, reader(entry.text, entry.context), entry.fields)
        except Exception:  # a reader's crash is a wrong reading, not a grader error
            marks = {f: False for f in grade(entry.expect, entry.expect, entry.fields)}
        marks["exact"] = all(marks.values())
        out.append((entry, marks))
    return out


def _table(rows: Iterable[tuple[str, bool]], keys: Iterable[str]) -> dict[str, dict[str, float]]:
    table: dict[str, dict[str, float]] = {k: {"graded": 0, "passed": 0} for k in keys}
    for key, ok in rows:
        table[key]["graded"] += 1
        table[key]["passed"] += ok
    for row in table.values():
        row["accuracy"] = row["passed"] / row["graded"] if row["graded"] else float("nan")
    return table


def field_table(marks: list[tuple[Entry, dict[str, bool]]]) -> dict[str, dict[str, float]]:
    """Per graded field (and ``exact``): entries graded on it, entries read right, the share."""
    return _table(((f, ok) for _, m in marks for f, ok in m.items()), (*FIELDS, "exact"))


def class_table(marks: list[tuple[Entry, dict[str, bool]]]) -> dict[str, dict[str, float]]:
    """Per failure class: entries that carry it, entries read exactly right, the share."""
    return _table(((c, m["exact"]) for e, m in marks for c in e.classes), FAILURE_CLASSES)


def accuracy(entries: Iterable[Entry], reader: Reader) -> dict[str, dict[str, float]]:
    """The per-field table of ``reader`` on ``entries``."""
    return field_table(read_all(entries, reader))


def accuracy_by_class(entries: Iterable[Entry], reader: Reader) -> dict[str, dict[str, float]]:
    """The per-failure-class table of ``reader`` on ``entries``."""
    return class_table(read_all(entries, reader))
