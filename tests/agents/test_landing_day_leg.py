"""A flight the request gives only by the day it must land is still searched."""

from __future__ import annotations

import datetime as dt


def test_a_flight_said_only_by_the_day_it_lands_is_searched() -> None:
    """ "I have to land on Sunday the 7th" reads as a leg with only ``arrive_on``. The scripted model
    used to stop its list of flights at such a leg, so a round trip was planned as the hotel alone;
    now it searches the landing day and the day before (an overnight flight)."""
    from agents.intent import LegIntent, StayIntent, TripIntent
    from agents.models._scripted_intent import legs_and_stays

    intent = TripIntent(
        shape="round_trip",
        legs=[
            LegIntent(origin="JFK", destination="LHR", arrive_on=dt.date(2027, 2, 7)),
            LegIntent(origin="LHR", destination="JFK", date=dt.date(2027, 2, 11)),
        ],
        stays=[StayIntent(city="LHR")],
    )
    legs, stays = legs_and_stays(intent, "JFK", [], None)
    assert [(leg.origin, leg.destination) for leg in legs] == [("JFK", "LHR"), ("LHR", "JFK")]
    assert legs[0].days == (dt.date(2027, 2, 6), dt.date(2027, 2, 7))
    assert len(stays) == 1
