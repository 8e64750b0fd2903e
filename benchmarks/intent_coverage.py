"""How well the request reader's intent covers each shipped scenario's hidden constraints.

    .venv/bin/python benchmarks/intent_coverage.py [scenarios/] [--json FILE]
    (``--json -``: the JSON report on stdout, the tables on stderr)

For every scenario the reader (``agents.intent.read_request``) reads the request with the context the
agent would have after its first calls (the world's clock; ``get_traveler_profile``: home and party;
``get_calendar``: the traveller's own events; ``list_bookings``: the bookings held), and its intent is
compared field by field with what the scenario hides (``constraints`` and ``expect``): route, dates,
nights, time windows, non-stop, cabins, airlines, party, rooms, budget, stars, amenities, keep and
cancel. Each field of each scenario is:

- ``agree`` — the reading matches the hidden value;
- ``disagree`` — it reads something else (or a limit the scenario does not have);
- ``not stated`` — the scenario has a value and the reading has none (the agent would ask or assume);
- ``n/a`` — neither has one (or the hidden value is the harness's default: one room, economy).

Prints one table per field and one per scenario tag; ``--json`` writes both and every scenario's
fields. A measuring tool: the model never reads a scenario, only this benchmark (and its test) does.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any, Literal

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from agents.intent import CalendarEntry, HeldBooking, ReadContext, TripIntent, read_request  # noqa: E402
from sandbox.errors import ConfigError  # noqa: E402
from sandbox.report import check_outputs, is_stdout, write_json_to  # noqa: E402
from sandbox.scenarios import load_scenarios  # noqa: E402
from sandbox.spi import worlds  # noqa: E402

Status = Literal["agree", "disagree", "not stated", "n/a"]
STATUSES: tuple[Status, ...] = ("agree", "disagree", "not stated", "n/a")
FIELDS = ("route", "dates", "nights", "times", "nonstop", "cabins", "airlines", "party", "rooms", "budget",
          "stars", "amenities", "keep", "cancel")  # fmt: skip


def context(scenario: Any) -> ReadContext:
    """What the agent knows besides the words: the clock and what its first read-only calls return."""
    env = worlds.get("travel").new_env(scenario)
    profile = env.call("get_traveler_profile", {}).data or {}
    events = (env.call("get_calendar", {}).data or {}).get("events", [])
    calendar = [
        CalendarEntry(title=str(e.get("title", "")), start=e["start"], end=e["end"])
        for e in events
        if e.get("source", "traveler") == "traveler"
    ]
    held = [held_booking(b) for b in (env.call("list_bookings", {}).data or {}).get("bookings", [])]
    return ReadContext(
        now=scenario.world.now,
        home=profile.get("home"),
        party=[str(p) for p in profile.get("party") or []],
        calendar=calendar,
        bookings=[b for b in held if b is not None],
    )


def held_booking(d: dict[str, Any]) -> HeldBooking | None:
    """One ``list_bookings`` entry as the reader's ``HeldBooking``."""
    if d.get("status") == "cancelled":
        return None
    if d.get("kind") == "flight":
        origin, _, dest = str(d.get("route", "")).partition("-")
        day = dt.date.fromisoformat(str(d["depart"])[:10]) if d.get("depart") else None
        return HeldBooking(id=str(d["booking_id"]), kind="flight", origin=origin or None,
                           destination=dest or None, date=day)  # fmt: skip
    return HeldBooking(id=str(d["booking_id"]), kind="hotel", city=d.get("city"),
                       check_in=d.get("check_in"), check_out=d.get("check_out"))  # fmt: skip


def compare(hidden: Any, read: Any, default: Any = None) -> Status:
    """One field: ``None`` (or an empty list) is "no value"; a hidden value equal to ``default`` and no
    reading is ``n/a`` (nothing the words need to say)."""
    h = None if hidden in (None, [], (), default) and read in (None, [], ()) else hidden
    h = None if h in ([], ()) else h
    r = None if read in ([], ()) else read
    if h is None and r is None:
        return "n/a"
    if r is None:
        return "not stated"
    return "agree" if h == r else "disagree"


def _days(d: dt.date | None) -> str | None:
    return d.isoformat() if d else None


def fields_of(scenario: Any, intent: TripIntent) -> dict[str, Status]:
    """Every field of one scenario: the reader's ``intent`` against the scenario's hidden sections."""
    c, expect = scenario.constraints, scenario.expect
    legs, read_legs = c.legs, intent.legs
    pad = max(len(legs), len(read_legs))

    def per_leg(hid: Any, got: Any) -> tuple[list[Any], list[Any]]:
        h = [hid(x) for x in legs] + [None] * (pad - len(legs))
        r = [got(x) for x in read_legs] + [None] * (pad - len(read_legs))
        return h, r

    def joined(h: list[Any], r: list[Any]) -> Status:
        """Legs (or stays) together: any disagreement disagrees; all agree (or n/a) agrees."""
        each = [compare(a, b) for a, b in zip(h, r, strict=True)]
        if "disagree" in each:
            return "disagree"
        if "not stated" in each:
            return "not stated"
        return "agree" if "agree" in each else "n/a"

    route = per_leg(lambda x: (x.origin, x.destination), lambda x: (x.origin, x.destination))
    route_r = [None if v is None or None in v else v for v in route[1]]
    dates = per_leg(lambda x: (_days(x.date or x.earliest), _days(x.date or x.latest)) if x.date or x.earliest
                    else None, lambda x: (_days(x.date or x.earliest), _days(x.date or x.latest))
                    if x.date or x.earliest else None)  # fmt: skip
    times = per_leg(_times, _times)
    stays = list(c.stays)
    read_stays: list[Any] = intent.stays[: len(stays)] + [None] * max(0, len(stays) - len(intent.stays))
    # a stay after a leg takes its nights from the flights (compared as the legs' dates): only a
    # free-standing stay's dates, and the nights a stay states, are its own
    own = [k for k, st in enumerate(stays) if st.dates()]
    stay_dates = [tuple(_days(d) for d in stays[k].dates() or ()) for k in own]
    read_dates = [_read_dates(read_stays[k]) for k in own]
    counted = [k for k, st in enumerate(stays) if st.dates() or st.nights]
    budget = round(c.max_total) if c.max_total else None
    return {
        "route": joined(route[0], route_r),
        "dates": joined(dates[0] + stay_dates, dates[1] + read_dates),
        "nights": joined(
            [_nights(stays[k]) for k in counted], [_read_nights(read_stays[k]) for k in counted]
        ),
        "times": joined(*times),
        "nonstop": joined(
            *per_leg(
                lambda x: True if x.nonstop or c.max_stops == 0 else None,
                lambda x: True if x.nonstop else None,
            )
        ),  # fmt: skip
        "cabins": compare(sorted(c.cabins), sorted({x.cabin for x in read_legs if x.cabin}), ["economy"]),
        "airlines": joined(*per_leg(lambda x: _airlines(x) or None, lambda x: _airlines(x) or None)),
        "party": compare(c.travelers, intent.travelers),
        "rooms": compare(c.rooms, intent.rooms, 1),
        "budget": compare(budget, round(intent.budget) if intent.budget else None),
        "stars": joined(
            [s.min_stars for s in stays], [s.min_stars if s else None for s in read_stays[: len(stays)]]
        ),
        "amenities": joined(
            [sorted(s.amenities) or None for s in stays],
            [sorted(s.amenities) or None if s else None for s in read_stays[: len(stays)]],
        ),  # fmt: skip
        "keep": compare(sorted(expect.keep), sorted(intent.keep)),
        "cancel": compare(sorted(expect.change.cancel) if expect.change else [], sorted(intent.cancel)),
    }


def _times(leg: Any) -> tuple[Any, ...] | None:
    got = (leg.depart_after, leg.depart_before, leg.arrive_after, leg.arrive_before)
    return None if all(t is None for t in got) else tuple(t.strftime("%H:%M") if t else None for t in got)


def _airlines(leg: Any) -> tuple[tuple[str, ...], tuple[str, ...]] | None:
    avoid, only = tuple(sorted(leg.airlines_avoid)), tuple(sorted(leg.airlines_only))
    return (avoid, only) if avoid or only else None


def _read_dates(stay: Any) -> tuple[str | None, ...] | None:
    return (
        (_days(stay.check_in), _days(stay.check_out)) if stay and stay.check_in and stay.check_out else None
    )


def _nights(stay: Any) -> int | None:
    dates = stay.dates()
    return (dates[1] - dates[0]).days if dates else stay.nights


def _read_nights(stay: Any) -> int | None:
    if stay is None:
        return None
    if stay.check_in and stay.check_out:
        return (stay.check_out - stay.check_in).days
    return stay.nights


def coverage(scenarios: Iterable[Any]) -> dict[str, Any]:
    """Every scenario's fields, and the counts per field and per tag."""
    rows = []
    for s in scenarios:
        intent = read_request(s.request, context(s))
        rows.append({"scenario": s.id, "tags": list(s.tags), "fields": fields_of(s, intent)})
    by_field = {f: dict.fromkeys(STATUSES, 0) for f in FIELDS}
    by_tag: dict[str, dict[str, int]] = {}
    for row in rows:
        for f, status in row["fields"].items():
            by_field[f][status] += 1
            for tag in row["tags"]:
                by_tag.setdefault(tag, dict.fromkeys(STATUSES, 0))[status] += 1
    return {"scenarios": rows, "by_field": by_field, "by_tag": dict(sorted(by_tag.items()))}


def _agreement(counts: dict[str, int]) -> str:
    judged = counts["agree"] + counts["disagree"] + counts["not stated"]
    return f"{counts['agree'] / judged:.2f}" if judged else "-"


def table(title: str, counts: dict[str, dict[str, int]]) -> str:
    lines = [f"{title:<24} {'agree':>6} {'disagree':>9} {'not stated':>11} {'n/a':>5} {'agree share':>12}"]
    for name, c in counts.items():
        lines.append(f"{name:<24} {c['agree']:>6} {c['disagree']:>9} {c['not stated']:>11} {c['n/a']:>5} "
                     f"{_agreement(c):>12}")  # fmt: skip
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", default=str(ROOT / "scenarios"))
    parser.add_argument(
        "--json", dest="json_path", type=Path, help="write the tables and every scenario's fields (-: stdout)"
    )
    args = parser.parse_args(argv)
    try:
        check_outputs(args.json_path, None)
    except ConfigError as exc:
        parser.error(str(exc))  # exits 2, before any reading
    scenarios = [
        s for s in load_scenarios(Path(args.folder)) if getattr(s.world, "name", "travel") == "travel"
    ]
    if not scenarios:
        parser.error(f"no travel scenarios in {args.folder}")
    result = coverage(scenarios)
    out = sys.stderr if is_stdout(args.json_path) else sys.stdout  # the JSON report takes stdout
    print(f"{len(scenarios)} scenarios; the reader's intent against their hidden constraints\n", file=out)
    print(table("field", result["by_field"]), file=out)
    print(file=out)
    print(table("tag", result["by_tag"]), file=out)
    if args.json_path:
        write_json_to(args.json_path, result)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
