"""Hard time limits, end to end: how they are written, which flight they belong to, and that the
policy rules flights out only by the limits the intent reads (the developers' scenarios
``tests/agents/dev_scenarios/ag-times-*.yaml`` run the whole agent on them)."""

from __future__ import annotations

import datetime as dt

import pytest
from langchain_core.messages import HumanMessage, SystemMessage

from agents.intent import ReadContext, read_request
from agents.models._scripted_belief import Belief
from agents.models._scripted_context import Context
from agents.models._scripted_prefs import parse_prefs
from agents.models._scripted_quirks import Quirks

NOW = dt.datetime(2027, 1, 5, 9, tzinfo=dt.timezone(dt.timedelta(hours=-8)))
TRIP = "Round trip San Francisco to Chicago, out Wednesday Jan 20, back Friday Jan 22, just me, no hotel. "


def _limits(text: str) -> list[dict[str, str]]:
    intent = read_request(TRIP + text, ReadContext(now=NOW, home="SFO"))
    keys = ("depart_after", "depart_before", "arrive_after", "arrive_before")
    return [{k: getattr(leg, k).strftime("%H:%M") for k in keys if getattr(leg, k)} for leg in intent.legs]


@pytest.mark.parametrize(
    ("words", "out", "back"),
    [
        # how a limit is written
        ("Has to get me there by 6 pm.", {"arrive_before": "18:00"}, {}),
        ("I have to be there in time for a 2pm meeting.", {"arrive_before": "14:00"}, {}),
        ("Can't fly out until after 10.", {"depart_after": "10:00"}, {}),
        ("I won't take anything that gets in after 9 pm.", {"arrive_before": "21:00"}, {}),
        ("The outbound can't depart earlier than 7:30.", {"depart_after": "07:30"}, {}),
        ("For the way back, 5:30pm or later.", {}, {"depart_after": "17:30"}),
        ("I must be on the ground by 8:30pm on Wednesday.", {"arrive_before": "20:30"}, {}),
        ("On the way out, nothing earlier than 12:30 PM.", {"depart_after": "12:30"}, {}),
        ("Nothing after 6 PM, it has to be a departure by then.", {"depart_before": "18:00"}, {}),
        ("I have to be in the air by 3pm.", {"depart_before": "15:00"}, {}),
        ("Nobody can leave before 4pm on Friday.", {}, {"depart_after": "16:00"}),
        # which flight it belongs to
        ("Must be back in SF by 8pm Friday.", {}, {"arrive_before": "20:00"}),
        ("Earliest I can leave is noon on Friday.", {}, {"depart_after": "12:00"}),
        ("I want to leave Chicago no earlier than 2pm.", {}, {"depart_after": "14:00"}),
        (
            "Out: depart after 11am. Back: land by 10pm.",
            {"depart_after": "11:00"},
            {"arrive_before": "22:00"},
        ),
        (
            "I have to be in Chicago by 1, and I can't leave Chicago before 3.",
            {"arrive_before": "13:00"},
            {"depart_after": "15:00"},
        ),
        ("I have to be there in time for a 10am talk, back home that night.", {"arrive_before": "10:00"}, {}),
        (
            "We need to land by 1:30 pm on the way out and can't leave before 4 pm coming back.",
            {"arrive_before": "13:30"},
            {"depart_after": "16:00"},
        ),
        (
            "Arrive by 1:30pm on Wednesday and leave after 4pm on Friday.",
            {"arrive_before": "13:30"},
            {"depart_after": "16:00"},
        ),
    ],
)
def test_a_time_limit_is_read_on_the_flight_its_words_name(
    words: str, out: dict[str, str], back: dict[str, str]
) -> None:
    assert _limits(words) == [out, back]


def test_a_bare_hour_is_the_afternoon_except_an_early_morning_start() -> None:
    assert _limits("I need to land by 7.") == [{"arrive_before": "19:00"}, {}]
    assert _limits("Nothing leaving before 7:30 on the way out.") == [{"depart_after": "07:30"}, {}]
    assert _limits("Tonight I can't leave before 7.") == [{"depart_after": "19:00"}, {}]


def test_a_time_of_an_event_or_a_bare_hour_with_an_open_end_is_no_limit() -> None:
    assert _limits("The meeting is 10 at the latest.") == [{}, {}]
    assert _limits("Fly back the same day, landing 10 at the latest.") == [{}, {}]  # 10am or 10pm?
    assert _limits("Wednesday I'm flying out, home after 2 nights.") == [{}, {}]  # a count, not 2pm


def test_each_line_of_a_chain_keeps_its_own_limit() -> None:
    text = (
        "One traveller, flights only:\n"
        "Leg 1: Paris to Frankfurt, Monday 18 January. Must be in Frankfurt by 6.\n"
        "Leg 2: Frankfurt to Amsterdam, Wednesday 20 January. No departures before 10am.\n"
        "Leg 3: Amsterdam back to Paris, Friday 22 January.\n"
    )
    intent = read_request(text, ReadContext(now=NOW, home="CDG"))
    assert [(leg.arrive_before, leg.depart_after) for leg in intent.legs] == [
        (dt.time(18), None),
        (None, dt.time(10)),
        (None, None),
    ]


def test_a_hedged_time_is_a_wish_on_the_flight_it_names() -> None:
    intent = read_request(
        TRIP + "Landing by 6pm on the way out would be nice.", ReadContext(now=NOW, home="SFO")
    )
    assert [(w.kind, w.end, w.leg) for w in intent.wishes] == [("arrive_window", dt.time(18), 0)]
    assert intent.legs[0].arrive_before is None


def test_a_same_day_landing_said_as_a_wish_is_not_required() -> None:
    route = ("JFK", ["LHR"])
    assert parse_prefs("Landing the same day would be nice but isn't a must.", route).same_day == set()
    assert parse_prefs("I need to land the same day.", route).same_day == {0}


def test_only_the_intent_rules_a_flight_out_by_its_time() -> None:
    """The words' clock windows (``_scripted_times``) misread limits the intent reads right ("be
    home by 9 pm" as a departure); the policy weighs them but rules out only by the intent's legs."""
    request = TRIP + "I can't leave before 10 on the way out, and I have to be home by 9 pm."
    assert any(w.hard for w in parse_prefs(request, ("SFO", ["ORD"])).windows)  # the words' reading
    ctx = Context(Belief.read([SystemMessage("Today is 2027-01-05."), HumanMessage(request)]), Quirks())
    assert ctx.prefs.windows and not any(w.hard for w in ctx.prefs.windows)
    assert [(leg.depart_after, leg.arrive_before) for leg in ctx.intent.legs] == [
        (dt.time(10), None),
        (None, dt.time(21)),
    ]


def test_the_words_clock_window_stands_in_where_the_intent_reads_no_time() -> None:
    request = TRIP + "I must depart at 9am on the way out."  # "at 9": no bound the intent reads
    ctx = Context(Belief.read([SystemMessage("Today is 2027-01-05."), HumanMessage(request)]), Quirks())
    assert not any(leg.depart_after for leg in ctx.intent.legs)
    assert any(w.hard for w in ctx.prefs.windows)
