"""The request reader (``agents.intent.read_request``): its own date rules, places, party words and
calendar rules on sentences written for these tests, and its accuracy on the golden set's two parts
against the empty reader."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from golden._golden import accuracy, empty_reader, load_set, select

from agents.intent import CalendarEntry, ReadContext, read_request

ROOT = Path(__file__).resolve().parents[2]
NOW = dt.datetime(2027, 1, 5, 9, tzinfo=dt.timezone(dt.timedelta(hours=-8)))  # a Tuesday


def ctx(**kw: object) -> ReadContext:
    return ReadContext(now=NOW, home="SFO", **kw)  # type: ignore[arg-type]


def test_an_ordinal_weekday_of_a_month_and_a_weekday_relative_to_it() -> None:
    got = read_request("Fly me to Denver on the third Tuesday of March, back that Friday.", ctx())
    assert [leg.date for leg in got.legs] == [dt.date(2027, 3, 16), dt.date(2027, 3, 19)]
    assert got.shape == "round_trip" and got.legs[0].destination == "DEN"


def test_a_day_range_without_a_month_wraps_into_the_next_month() -> None:
    got = read_request("Hotel in Boston the 29th to the 2nd please.", ctx())
    assert got.shape == "hotel_only" and not got.legs
    assert (got.stays[0].check_in, got.stays[0].check_out) == (dt.date(2027, 1, 29), dt.date(2027, 2, 2))


def test_a_weekday_with_a_day_finds_its_month_or_asks_when_it_is_far() -> None:
    near = read_request("Flights to Miami Monday the 15th, back Friday the 19th.", ctx())
    assert [leg.date for leg in near.legs] == [dt.date(2027, 2, 15), dt.date(2027, 2, 19)]
    far = read_request("Fly me to Miami Sunday the 31st.", ctx())  # January 31 is a Sunday: near
    assert far.legs[0].date == dt.date(2027, 1, 31)
    odd = read_request("One way to Miami Wednesday the 30th.", ctx())  # next: June 2027
    assert "dates" in odd.unknown and odd.legs[0].date is None


def test_misspelt_cities_and_aliases_are_found() -> None:
    got = read_request("one way from Filadelphia to Minneapolis March 3", ctx())
    assert (got.legs[0].origin, got.legs[0].destination) == ("PHL", "MSP")
    assert read_request("Vegas March 3, one way", ctx()).legs[0].destination == "LAS"


def test_party_in_words_and_a_traveller_who_changes_their_mind() -> None:
    assert read_request("Me, my sister and her 3 kids to Austin March 3, one way.", ctx()).travelers == 5
    got = read_request("Tickets for four to Austin March 3... actually just the three of us.", ctx())
    assert got.travelers == 3
    assert (
        read_request("Flights to Austin March 3 for my grandparents, I am not travelling.", ctx()).travelers
        == 2
    )


def test_a_day_from_the_calendar_is_inferred() -> None:
    cal = [
        CalendarEntry(
            title="Team offsite", start=dt.datetime(2027, 2, 8, 9), end=dt.datetime(2027, 2, 10, 17)
        )
    ]
    got = read_request(
        "Fly me to Austin the day before the offsite, home the day after it ends.", ctx(calendar=cal)
    )
    assert [leg.date for leg in got.legs] == [dt.date(2027, 2, 7), dt.date(2027, 2, 11)]
    assert got.sources["legs.0.date"] == "inferred"


def test_hard_limits_and_wishes_are_told_apart() -> None:
    hard = read_request("Hotel in Denver March 3-6, it must have a pool, under $200 a night.", ctx())
    assert hard.stays[0].amenities == ["pool"] and hard.stays[0].max_nightly == 200 and not hard.wishes
    soft = read_request("Hotel in Denver March 3-6, a pool would be nice.", ctx())
    assert soft.stays[0].amenities == [] and [(w.kind, w.value) for w in soft.wishes] == [("amenity", "pool")]


def test_every_reading_states_its_assumptions() -> None:
    got = read_request("Chicago March 3, back March 6.", ctx())
    assert any("1 traveller (assumed)" in a for a in got.assumptions)
    assert any("ORD" in a and "Wed 03 Mar" in a for a in got.assumptions)


def test_the_reader_reads_both_parts_of_the_golden_set_well_above_the_empty_reader() -> None:
    entries = load_set()
    # Floors are regression guards a little under the measured level. With the agent's developers'
    # entries (ag-*, p2-*), 895 in all: dev 93.5% (663 entries, fitted) and held-out 70.7% (232) exact.
    for part, floor in (("dev", 0.90), ("held-out", 0.67)):
        chosen = select(entries, part)  # type: ignore[arg-type]
        new, empty = accuracy(chosen, read_request), accuracy(chosen, empty_reader)
        assert new["exact"]["accuracy"] >= floor, part
        for field in ("shape", "route", "dates", "party"):
            assert new[field]["accuracy"] >= empty[field]["accuracy"] + 0.5, (part, field)


def test_the_travellers_answer_settles_days_the_request_read_in_conflict() -> None:
    from agents.models._scripted_belief import Belief
    from agents.models._scripted_intent import read_intent

    request = "Fly me SFO to Denver and back. Home on 10 February, out on 12 February, no hotel."
    b = Belief(system="Today is 2027-01-05.", request=request)
    first = read_intent(b, {"home": "SFO"}, [], [])
    assert [leg.date for leg in first.legs] == [dt.date(2027, 2, 12), dt.date(2027, 2, 10)]  # in conflict
    b.answers.append("Sorry: out on 10 February and back on 12 February.")
    got = read_intent(b, {"home": "SFO"}, [], [])
    assert [leg.date for leg in got.legs] == [dt.date(2027, 2, 10), dt.date(2027, 2, 12)]
    assert "dates" not in got.unknown
