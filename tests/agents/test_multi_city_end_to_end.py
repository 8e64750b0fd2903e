"""Multi-city chains and open jaws, read and booked end to end (``agents.intent._chain`` and the
policy's per-leg limits): a leg per city travelled to, each leg's own day, weekday or nights, a hotel
per city asked for and none where refused, and a limit said of one leg kept on that leg only."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from agents.intent import ReadContext, read_request
from agents.models._scripted_times import LAST, leg_of, windows
from sandbox.runner import RunOptions, run
from sandbox.scenarios import load_scenario


def _read(text: str, now: str, home: str) -> tuple[list[tuple[str | None, str | None, dt.date | None]], list]:
    got = read_request(text, ReadContext(now=dt.datetime.fromisoformat(now), home=home))
    legs = [(leg.origin, leg.destination, leg.date) for leg in got.legs]
    stays = [(s.city, s.check_in, s.check_out) for s in got.stays]
    return legs, stays


def test_each_city_travelled_to_is_a_leg_and_nights_said_there_date_the_next() -> None:
    legs, stays = _read(
        "From Toronto I fly to Chicago on 5 October, spend three nights there, then go on to Denver "
        "for two nights and then home again. Hotels in both cities.",
        "2027-09-20T09:00:00-04:00",
        "YYZ",
    )
    d = dt.date
    assert legs == [
        ("YYZ", "ORD", d(2027, 10, 5)),
        ("ORD", "DEN", d(2027, 10, 8)),
        ("DEN", "YYZ", d(2027, 10, 10)),
    ]
    assert stays == [("ORD", d(2027, 10, 5), d(2027, 10, 8)), ("DEN", d(2027, 10, 8), d(2027, 10, 10))]


def test_a_bare_weekday_later_in_a_chain_is_the_one_after_the_leg_before() -> None:
    legs, _ = _read(
        "Atlanta to Boston on Monday 8 November, then on Wednesday on to Chicago, then home to Atlanta "
        "on Friday. Flights only.",
        "2027-10-25T09:00:00-04:00",
        "ATL",
    )
    assert [day for _, _, day in legs] == [dt.date(2027, 11, 8), dt.date(2027, 11, 10), dt.date(2027, 11, 12)]
    assert [(a, b) for a, b, _ in legs] == [("ATL", "BOS"), ("BOS", "ORD"), ("ORD", "ATL")]


def test_home_to_x_from_y_is_an_open_jaw_and_a_train_leg_is_no_flight() -> None:
    legs, stays = _read(
        "Get me into Frankfurt on 4 March and home to London from Amsterdam on the 9th; I'll take the "
        "train in between. No hotels.",
        "2027-02-15T09:00:00+00:00",
        "LHR",
    )
    assert legs == [("LHR", "FRA", dt.date(2027, 3, 4)), ("AMS", "LHR", dt.date(2027, 3, 9))]
    assert stays == []


def test_a_limit_said_of_one_leg_by_its_cities_stays_on_that_leg() -> None:
    got = read_request(
        "New York to Miami on June 1, Miami to Orlando on June 4, Orlando back to New York on June 6. "
        "The Miami to Orlando flight can't leave before 2pm.",
        ReadContext(now=dt.datetime.fromisoformat("2027-05-10T09:00:00-04:00"), home="JFK"),
    )
    assert [leg.depart_after for leg in got.legs] == [None, dt.time(14, 0), None]


def test_no_hotel_in_the_city_nearest_the_refusal_but_one_where_asked() -> None:
    legs, stays = _read(
        "Seattle to Denver on the 3rd of August, Denver to Phoenix on the 6th, then back to Seattle on the "
        "9th. A hotel in Phoenix please, my sister is putting me up in Denver.",
        "2027-07-12T09:00:00-07:00",
        "SEA",
    )
    assert len(legs) == 3
    assert stays == [("PHX", dt.date(2027, 8, 6), dt.date(2027, 8, 9))]


def test_the_policy_puts_a_window_on_the_flight_a_clause_names_and_reads_cant_before_as_a_floor() -> None:
    route = ("DFW", ["MIA", "MCO"])
    sent = "We have a client breakfast in Miami on Thursday so the Orlando flight has to be after noon."
    assert leg_of(sent, 0, route) == 1
    [w] = windows("the Denver to Boston flight can't leave before 11am", 1.0, ("BOS", ["ORD", "DEN"]))
    assert (w.kind, w.start, w.leg, w.hard) == ("depart", 11 * 60, LAST, True)
    assert w.hit(13 * 60) and not w.hit(10 * 60)


_SCENARIO = """\
# yaml-language-server: $schema=schema.json
id: chain-test
title: three legs, a departure floor on the first, non-stop home
tags: [dev, multi-city]
request: >
  SF to LA on Tuesday Feb 9, then on to Chicago Thursday, and home Saturday. Hotels in LA and
  Chicago. The LA flight can't leave before noon, and the flight home has to be non-stop.
world: {seed: 7, size: small, now: 2027-01-25T09:00:00-08:00}
traveler: {name: Kai, home: SFO, budget: 3000}
constraints:
  travelers: 1
  rooms: 1
  legs:
    - {origin: SFO, destination: LAX, date: 2027-02-09, depart_after: "12:00"}
    - {origin: LAX, destination: ORD, date: 2027-02-11}
    - {origin: ORD, destination: SFO, date: 2027-02-13, nonstop: true}
  stays:
    - {city: LAX, after_leg: 0}
    - {city: ORD, after_leg: 1}
preferences:
  - {kind: cheaper, weight: 1}
expect: {outcome: booked}
"""


def test_the_default_agent_books_every_leg_and_stay_of_a_chain(tmp_path: Path) -> None:
    path = tmp_path / "chain-test.yaml"
    path.write_text(_SCENARIO, encoding="utf-8")
    result = run(load_scenario(path), RunOptions(agent="planner", model="scripted"))
    assert result.scores is not None
    failed = [c.detail for c in result.scores.checks if not c.passed]
    assert result.scores.passed, failed + [g.detail for g in result.scores.gates if not g.passed]
