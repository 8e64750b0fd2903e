"""The golden request set (tests/agents/golden) is well formed and its grader grades: entries load and
agree with the world's codes, the calendar and the reading rules of its README; a perfect reading
scores everything, a wrong date fails exactly ``dates``, the empty reader fails what it must."""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
import re
from collections import Counter
from pathlib import Path

import pytest
import yaml
from golden._golden import (
    AIRLINES,
    AMENITIES,
    CITIES,
    FAILURE_CLASSES,
    FIELDS,
    Entry,
    GoldenError,
    accuracy,
    accuracy_by_class,
    empty_reader,
    grade,
    is_developers,
    load_file,
    load_set,
)

from agents.intent import LegIntent, ReadContext, StayIntent, TripIntent, Wish

ROOT = Path(__file__).resolve().parents[2]
ENTRIES = load_set()
BY_ID = {e.id: e for e in ENTRIES}
BY_TEXT = {(e.text, e.context.now): e for e in ENTRIES}
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]


def expected_days(e: Entry) -> list[dt.date]:
    x = e.expect
    days = [d for leg in x.legs for d in (leg.date, leg.earliest, leg.latest, leg.arrive_on)]
    days += [d for s in x.stays for d in (s.check_in, s.check_out)]
    return [d for d in days if d is not None]


def context_days(e: Entry) -> list[dt.date]:
    days = [d for c in e.context.calendar for d in (c.start.date(), c.end.date())]
    days += [d for b in e.context.bookings for d in (b.date, b.check_in, b.check_out)]
    return [d for d in days if d is not None]


# --- the set itself -----------------------------------------------------------------------------


def test_the_set_is_large_with_unique_ids() -> None:
    assert len(ENTRIES) >= 150
    assert len(BY_ID) == len(ENTRIES), [i for i, n in Counter(e.id for e in ENTRIES).items() if n > 1]


def test_every_failure_class_has_eight_entries_and_every_entry_a_class() -> None:
    counts = Counter(c for e in ENTRIES for c in e.classes)
    assert {c: counts[c] for c in FAILURE_CLASSES if counts[c] < 8} == {}
    assert [e.id for e in ENTRIES if not e.classes] == []


def test_clocks_are_aware_2027_and_travel_is_within_ten_months() -> None:
    for e in ENTRIES:
        now = e.context.now
        assert now.utcoffset() is not None and now.year == 2027, e.id
        for day in expected_days(e):
            assert now.date() <= day <= now.date() + dt.timedelta(days=310), (e.id, day)


def test_codes_are_the_worlds() -> None:
    for e in ENTRIES:
        x, c = e.expect, e.context
        cities = [leg.origin for leg in x.legs] + [leg.destination for leg in x.legs]
        cities += [s.city for s in x.stays] + [c.home]
        cities += [v for b in c.bookings for v in (b.origin, b.destination, b.city)]
        assert {v for v in cities if v is not None} <= CITIES, e.id
        airlines = {a for leg in x.legs for a in (*leg.airlines_avoid, *leg.airlines_only)}
        airlines |= {w.value for w in x.wishes if w.kind == "airline"}
        assert airlines <= set(AIRLINES), e.id
        amenities = {a for s in x.stays for a in s.amenities}
        amenities |= {w.value for w in x.wishes if w.kind == "amenity"}
        assert amenities <= AMENITIES, e.id


def test_shapes_follow_the_readme_rules() -> None:
    for e in ENTRIES:
        x, ids = e.expect, {b.id for b in e.context.bookings}
        assert x.shape is not None, e.id
        if x.shape == "one_way":
            assert len(x.legs) == 1, e.id
        if x.shape == "round_trip":
            out, back = x.legs
            assert (back.origin, back.destination) == (out.destination, out.origin), e.id
        if x.shape == "multi_city":
            assert len(x.legs) >= 2, e.id
        if x.shape == "hotel_only":
            assert not x.legs and x.stays, e.id
        if x.shape == "cancel_only":
            assert x.cancel and not x.legs and not x.stays, e.id
        if x.shape in ("change", "cancel_only"):
            assert set(x.keep) | set(x.cancel) <= ids and not set(x.keep) & set(x.cancel), e.id
            assert x.travelers is None and "party" not in e.fields, e.id
        else:
            assert not x.keep and not x.cancel and (x.travelers or "travelers" in x.unknown), e.id
        if "flight-only" in e.tags:
            assert x.legs and not x.stays, e.id
        if "hotel-only" in e.tags or "informal-hotel" in e.tags:
            assert x.stays, e.id
        if "change-keep" in e.tags:
            assert x.shape == "change" and x.keep, e.id


#: The developers' files: dev-only regression entries for the classes they fixed, outside the batches.


def test_unknowns_are_tagged_and_a_minority() -> None:
    for e in ENTRIES:
        assert bool(e.expect.unknown) == ("unknown" in e.tags), e.id
    # the batches' mix (the developers' files add entries for their own classes, most with no unknown)
    batches = [e for e in ENTRIES if not is_developers(e.id)]
    share = sum(bool(e.expect.unknown) for e in batches) / len(batches)
    assert 0.08 <= share <= 0.2


def test_sources_name_fields_that_are_read() -> None:
    x: TripIntent
    for e in ENTRIES:
        x = e.expect
        for key in x.sources:
            kind, _, rest = key.partition(".")
            if key in ("travelers", "rooms"):
                assert getattr(x, key) is not None, (e.id, key)
                continue
            index, _, name = rest.partition(".")
            items = x.legs if kind == "legs" else x.stays
            assert kind in ("legs", "stays") and name in ("date", "check_in", "check_out"), (e.id, key)
            item = items[int(index)]
            if name == "date":
                assert isinstance(item, LegIntent) and (item.date or item.earliest or item.arrive_on), (
                    e.id,
                    key,
                )
            else:
                assert isinstance(item, StayIntent) and any((item.check_in, item.check_out, item.nights)), (
                    e.id,
                    key,
                )


def test_length_styles_match_the_text() -> None:
    for e in ENTRIES:
        words = len(e.text.split())
        if "short" in e.tags:
            assert words <= 15, (e.id, words)
        if "long" in e.tags:
            assert words >= 60, (e.id, words)


_WEEKDAY_DAY = re.compile(
    # (not a numeric date after the weekday: "Thu 4/22" is the 22nd of April)
    r"\b(mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+(?:the\s+)?(\d{1,2})(?:st|nd|rd|th)?\b(?!/)",
    re.I,
)


# pairs that name no travel day: "Anything but Friday the 13th, ha."; a meeting "on Monday the 5th"
NOT_TRAVEL = {
    # the day of the event a trip is for, said beside the travel days (r13-dates)
    "r13-dates-013",
    "r13-dates-015",
    "r13-dates-017",
    "r13-dates-018",
    "r13-dates-039",
    "r13-dates-068",
    "r13-dates-079",
    "dates-weekday-006",
    "dates-weekday-002",
    "policy-event-day-002",
    "r5-place-024",
    "r5-place-025",
}  # the day of an event, not a flight


def test_weekday_names_agree_with_the_dates() -> None:
    """'Friday the 12th', 'Fri 12 Mar', 'Sunday, 3rd': the expected (or context) date on that day of
    the month is that weekday; a withdrawn pair is checked against the months the entry travels in."""
    checked = 0
    for e in ENTRIES:
        for m in _WEEKDAY_DAY.finditer(e.text):
            weekday = next(i for i, w in enumerate(WEEKDAYS) if w.startswith(m.group(1).lower()[:3]))
            day = int(m.group(2))
            known = [d for d in expected_days(e) + context_days(e) if d.day == day]
            if not known and "dates" in e.expect.unknown:
                continue  # a pair that fits no near month is why the entry asks
            if not known:
                # a pair withdrawn or not about travel: it must still hold in a month of the trip
                assert "mind-change" in e.tags or e.id in NOT_TRAVEL, (e.id, m.group(0))
                months = {(d.year, d.month) for d in expected_days(e)}
                known = [dt.date(y, mo, day) for y, mo in months if day <= 28 or _valid(y, mo, day)]
            assert any(d.weekday() == weekday for d in known), (e.id, m.group(0), known)
            checked += 1
    assert checked >= 15


def _valid(year: int, month: int, day: int) -> bool:
    try:
        dt.date(year, month, day)
    except ValueError:
        return False
    return True


# --- the loader ----------------------------------------------------------------------------------

_ONE = """
- id: probe-entry-001
  tags: [hard-time, short]
  context: {now: "2027-02-01T09:00:00-08:00", home: SFO}
  text: Denver on the 9th, not before 9:30.
  expect:
    shape: one_way
    legs: [{origin: SFO, destination: DEN, date: 2027-02-09, depart_after: 9:30}]
    travelers: 1
"""


def test_base_60_times_fail_loudly_and_bad_entries_name_file_entry_and_field(tmp_path: Path) -> None:
    fixed = _ONE.replace("9:30", '"09:30"')
    good = tmp_path / "probe.yaml"
    good.write_text(fixed, encoding="utf-8")
    (entry,) = load_file(good)
    assert entry.expect.legs[0].depart_after == dt.time(9, 30)
    # plain YAML 1.1 reads 9:30 as 570, which pydantic would take as 00:09:30 without a word
    assert yaml.safe_load("t: 9:30") == {"t": 570}
    sexagesimal = tmp_path / "sexagesimal.yaml"
    sexagesimal.write_text(_ONE, encoding="utf-8")
    with pytest.raises(GoldenError, match=r"entry probe-entry-001: expect\.legs\.0\.depart_after: .*time"):
        load_file(sexagesimal)

    bad = tmp_path / "bad.yaml"
    bad.write_text(fixed.replace("travelers: 1", "travellers: 1"), encoding="utf-8")
    with pytest.raises(GoldenError, match=r"bad\.yaml: entry probe-entry-001: expect\.travellers"):
        load_file(bad)
    naive = tmp_path / "naive.yaml"
    naive.write_text(fixed.replace("-08:00", ""), encoding="utf-8")
    with pytest.raises(GoldenError, match=r"naive\.yaml: entry probe-entry-001: context: .*UTC offset"):
        load_file(naive)
    untagged = tmp_path / "untagged.yaml"
    untagged.write_text(fixed.replace("[hard-time, short]", "[hard-times]"), encoding="utf-8")
    with pytest.raises(GoldenError, match=r"entry probe-entry-001: tags\.0"):
        load_file(untagged)


# --- the grader ----------------------------------------------------------------------------------


def test_a_perfect_reading_scores_every_field() -> None:
    table = accuracy(ENTRIES, lambda text, ctx: BY_TEXT[(text, ctx.now)].expect)
    assert {f: row["accuracy"] for f, row in table.items() if row["graded"]} == dict.fromkeys(
        [f for f, row in table.items() if row["graded"]], 1.0
    )
    assert table["exact"]["graded"] == len(ENTRIES)


def test_a_wrong_date_fails_exactly_dates() -> None:
    moved = 0
    for e in ENTRIES:
        x = e.expect
        dated = [i for i, leg in enumerate(x.legs) if leg.date is not None]
        if not dated:
            continue
        legs = list(x.legs)
        legs[dated[-1]] = legs[dated[-1]].model_copy(
            update={"date": legs[dated[-1]].date + dt.timedelta(days=1)}  # type: ignore[operator]
        )
        marks = grade(x, x.model_copy(update={"legs": legs}), e.fields)
        assert [f for f, ok in marks.items() if not ok] == ["dates"], e.id
        moved += 1
    assert moved >= 100


def test_the_empty_reader_fails_exactly_the_fields_the_entry_fills() -> None:
    for e in ENTRIES:
        x = e.expect
        filled = {
            "shape": x.shape is not None,
            "route": bool(x.legs or x.stays),
            "dates": bool(x.legs or x.stays),
            "times": bool(x.legs),
            "party": x.travelers is not None,
            "rooms": x.rooms is not None,
            "budget": x.budget is not None,
            "flight_limits": bool(x.legs),
            "stay_limits": bool(x.stays),
            "wishes": bool(x.wishes),
            "keep_cancel": bool(x.keep or x.cancel),
            "unknown": bool(x.unknown),
            "sources": bool(x.sources),
        }
        marks = grade(x, empty_reader(e.text, e.context), e.fields)
        assert {f: not ok for f, ok in marks.items()} == {f: filled[f] for f in marks}, e.id
    floor = accuracy(ENTRIES, empty_reader)
    assert floor["shape"]["accuracy"] == 0.0 and floor["exact"]["passed"] == 0
    assert all(row["passed"] == 0 for row in accuracy_by_class(ENTRIES, empty_reader).values())


def _trip(**kw: object) -> TripIntent:
    base: dict[str, object] = {
        "shape": "round_trip",
        "legs": [
            LegIntent(origin="SFO", destination="ORD", date=dt.date(2027, 3, 11), nonstop=True),
            LegIntent(origin="ORD", destination="SFO", date=dt.date(2027, 3, 14)),
        ],
        "stays": [StayIntent(city="ORD", check_in=dt.date(2027, 3, 11), check_out=dt.date(2027, 3, 14))],
        "travelers": 2,
        "budget": 1500.0,
        "wishes": [Wish(kind="airline", value="AX")],
    }
    return TripIntent.model_validate(base | kw)


def wrong(expect: TripIntent, got: TripIntent) -> list[str]:
    return [f for f, ok in grade(expect, got).items() if not ok]


def test_equivalent_readings_grade_equal_and_near_misses_do_not() -> None:
    expect = _trip()
    legs, stays = expect.legs, expect.stays
    same = [
        _trip(stays=[StayIntent(city="ORD", check_in=dt.date(2027, 3, 11), nights=3)]),
        _trip(legs=[legs[0].model_copy(update={"nonstop": None, "max_stops": 0}), legs[1]]),
        _trip(
            wishes=[Wish(kind="airline", value="Aurora Air", leg=0), Wish(kind="airline", value="ax", leg=1)]
        ),
        _trip(budget=1500.8),
        _trip(legs=[legs[0].model_copy(update={"refundable": False}), legs[1]]),
    ]
    for got in same:
        assert wrong(expect, got) == [], got
    assert wrong(expect, _trip(budget=1502.0)) == ["budget"]
    assert wrong(expect, _trip(wishes=[Wish(kind="airline", value="AX", leg=0)])) == ["wishes"]
    assert wrong(expect, _trip(stays=[stays[0].model_copy(update={"check_out": dt.date(2027, 3, 13)})])) == [
        "dates"
    ]
    assert wrong(expect, _trip(legs=[legs[0].model_copy(update={"nonstop": None}), legs[1]])) == [
        "flight_limits"
    ]
    assert wrong(expect, _trip(stays=[stays[0].model_copy(update={"amenities": ["gym"]})])) == ["stay_limits"]
    assert wrong(expect, _trip(travelers=3)) == ["party"]
    assert wrong(expect, _trip(legs=legs[:1])) == ["route", "dates", "times", "flight_limits"]
    assert wrong(expect, _trip(shape="multi_city", unknown=["rooms"])) == ["shape", "unknown"]


def test_sources_grade_only_the_keys_expected_and_bad_field_names_are_refused() -> None:
    expect = _trip(sources={"travelers": "stated"})
    assert grade(expect, _trip(sources={"travelers": "stated", "rooms": "assumed"}))["sources"]
    assert not grade(expect, _trip(sources={"travelers": "inferred"}))["sources"]
    assert "sources" not in grade(_trip(), _trip(sources={"travelers": "stated"}))
    with pytest.raises(ValueError, match="unknown grade field"):
        grade(expect, expect, ["dates", "date"])
    assert set(grade(expect, expect)) == set(FIELDS)


def test_a_reader_that_raises_fails_the_entry_and_the_batch_goes_on() -> None:
    sample = ENTRIES[:10]

    def flaky(text: str, context: ReadContext) -> TripIntent:
        if text == sample[0].text:
            raise RuntimeError("boom")
        return BY_TEXT[(text, context.now)].expect

    table = accuracy(sample, flaky)
    assert table["exact"] == {"graded": 10, "passed": 9, "accuracy": 0.9}


def test_the_benchmark_prints_the_floor_and_loads_a_named_reader(capsys: pytest.CaptureFixture[str]) -> None:
    spec = importlib.util.spec_from_file_location("golden_intent", ROOT / "benchmarks" / "golden_intent.py")
    assert spec and spec.loader
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    floor = bench.main([])
    out = capsys.readouterr().out
    assert f"golden set: {len(ENTRIES)} requests, reader: empty reader (floor)" in out
    assert floor["fields"]["exact"]["passed"] == 0
    named = bench.main(["--reader", "golden._golden:empty_reader"])
    assert named["fields"] == floor["fields"]
    for spec, says in [
        ("golden._golden", "expected 'package.module:function'"),
        ("golden._golden:nope", "nope"),
    ]:
        with pytest.raises(SystemExit) as exit_:
            bench.main(["--reader", spec])
        assert exit_.value.code == 2 and says in capsys.readouterr().err
    held = bench.main(["--split", "held-out", "--json", "-"])  # "-": the JSON on stdout, tables on stderr
    got = capsys.readouterr()
    assert json.loads(got.out)["fields"] == held["fields"] and "golden set (held-out)" in got.err


def test_the_split_is_fixed_by_the_id_and_about_sixty_forty() -> None:
    from golden._golden import select, split_of

    dev, held = select(ENTRIES, "dev"), select(ENTRIES, "held-out")
    # the developers' files (DEVELOPER_PREFIXES) keep dev ids only
    batches = [e for e in ENTRIES if not is_developers(e.id)]
    assert (len(select(batches, "dev")), len(select(batches, "held-out"))) == (379, 232)  # README
    assert {split_of(e.id) for e in ENTRIES if is_developers(e.id)} <= {"dev"}
    assert {e.id for e in dev}.isdisjoint({e.id for e in held})
    assert len(select(ENTRIES, None)) == len(ENTRIES)
    assert split_of("dates-ordinal-001") == split_of("dates-ordinal-001")
    # both parts carry most failure classes, so the held-out figure is about the same kinds of request
    assert len({c for e in held for c in e.classes}) >= len(FAILURE_CLASSES) - 2
