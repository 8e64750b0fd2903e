"""Time rules reconciled after the helper branches were merged (issue 12): once the intent's per-leg
limits rule and the words' clock windows only weigh (``ag-times``), and a chain's limits go to the
leg their clause names (``ag-multi``), a wrong kind or direction in either reading picks the wrong
flight. Each test fails on the merged code before the fix (integ5)."""

from __future__ import annotations

import datetime as dt

from agents.intent import ReadContext, read_request
from agents.models._scripted_limits import NEAR, near_limit
from agents.models._scripted_options import FlightOpt
from agents.models._scripted_prefs import parse_prefs

NOW = dt.datetime(2027, 1, 5, 9, tzinfo=dt.timezone(dt.timedelta(hours=-8)))
TRIP = "Round trip San Francisco to Chicago, out Wednesday Jan 20, back Friday Jan 22, just me, no hotel. "
CHAIN = (
    "Flying from San Francisco to Chicago on January 25, then Chicago to New York on the 27th, "
    "and home to San Francisco on the 29th. "
)


def _legs(text: str) -> list[dict[str, str]]:
    intent = read_request(text, ReadContext(now=NOW, home="SFO"))
    keys = ("depart_after", "depart_before", "arrive_after", "arrive_before")
    return [{k: getattr(leg, k).strftime("%H:%M") for k in keys if getattr(leg, k)} for leg in intent.legs]


def test_a_negated_after_is_a_deadline_on_the_landing_it_is_said_of() -> None:
    """ "be home Sunday night, not after midnight" was a departure floor of 00:00 (no limit at all),
    so a flight landing past midnight was booked; it is a landing that day."""
    assert _legs(TRIP + "I want to be home Friday night, not after midnight.") == [
        {},
        {"arrive_before": "23:59"},
    ]
    assert _legs(TRIP + "The flight out should leave in the morning, not after 11am.") == [
        {"depart_before": "11:00"},
        {},
    ]


def test_the_words_window_of_a_negated_after_or_no_later_than_is_a_deadline() -> None:
    """The policy's word-level windows read "no later than 7pm" and "not after midnight" as floors
    ("arrive 19:00-23:59"), which then weigh toward the latest flights."""
    wins = parse_prefs(TRIP + "I have to land back home no later than 7pm.", ("SFO", ["ORD"])).windows
    assert [(w.kind, w.start, w.end) for w in wins] == [("arrive", 5 * 60, 19 * 60)]
    wins = parse_prefs(TRIP + "We need to be home Friday, not after midnight.", ("SFO", ["ORD"])).windows
    assert [(w.kind, w.start, w.end) for w in wins] == [("arrive", 5 * 60, 0)]


def test_a_part_of_the_day_said_of_the_landing_is_an_arrival_wish() -> None:
    """ "an afternoon arrival", "arriving by mid-afternoon" were departure wishes; on the leg the
    words' window also names, the two readings tied an early flight landing in the afternoon with
    an afternoon departure landing at night, and the cheaper (wrong) one won."""
    for words in ("I'd like an afternoon arrival in Chicago.", "Ideally I'd be arriving by mid-afternoon."):
        intent = read_request(CHAIN + words, ReadContext(now=NOW, home="SFO"))
        assert [(w.kind, w.start, w.end) for w in intent.wishes if w.kind.endswith("window")] == [
            ("arrive_window", dt.time(12), dt.time(18))
        ]


def _flight(day: int, dep: str, arr: str) -> FlightOpt:
    d = dt.datetime(2027, 1, day)
    h1, m1 = map(int, dep.split(":"))
    h2, m2 = map(int, arr.split(":"))
    return FlightOpt(
        "X", "KV", "Kestrel", "KV1", "SFO", "ORD", d.replace(hour=h1, minute=m1), d.replace(hour=h2, minute=m2),
        0, False, 100.0, "economy", 1, True,
    )  # fmt: skip


def test_a_limit_on_a_short_trip_pulls_towards_it_out_soon_and_home_late() -> None:
    """ "can't leave before 10" (school run): once the intent's limits rule, the words' floor only
    weighs and every flight after 10 scored alike, so the cheapest (a 22:05) won; a careful agent
    leaves soon after the floor and comes home as late as the deadline allows. A day's edge ("not
    after midnight") pulls nowhere, and the pull stays below any wish (1.0)."""
    read = read_request(
        TRIP + "We can't leave before 10am on the way out and have to be home by 6pm.",
        ReadContext(now=NOW, home="SFO"),
    )
    out, back = read.legs
    soon, late = _flight(20, "16:00", "17:15"), _flight(20, "22:05", "23:20")
    assert near_limit(out, soon, True, False) > near_limit(out, late, True, False) >= 0.0
    early, deadline = _flight(22, "08:00", "09:15"), _flight(22, "13:35", "14:50")
    assert near_limit(back, deadline, False, True) > near_limit(back, early, False, True)
    assert near_limit(back, _flight(22, "19:00", "20:15"), False, True) == 0.0  # past the deadline
    assert max(near_limit(out, soon, True, False), near_limit(back, deadline, False, True)) <= NEAR < 1.0
    edge = read_request(
        TRIP + "We want to be home Friday night, not after midnight.", ReadContext(now=NOW, home="SFO")
    )
    assert near_limit(edge.legs[1], deadline, False, True) == 0.0
