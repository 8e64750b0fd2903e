"""Limits a reader used to miss (branch r13-limits), on sentences written for these tests: limits said in
a company policy's language (refundable airfare, hotels with free cancellation, non-refundable fares
refused, carriers not approved or not paid for, a cabin rule for longer flights than the trip's) and
time limits given as reasons (not reaching the airport before an hour; an hour held to less or plus
the travel time to the airport), beside the words that set none."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

import pytest

from agents.intent import ReadContext, TripIntent, read_request
from agents.intent._policy import beyond_trip, refused_carriers
from agents.intent._reason_times import reason_limits
from agents.models._scripted_limits import Limits

TZ = dt.timezone(dt.timedelta(hours=-6))
NOW = dt.datetime(2027, 2, 1, 9, tzinfo=TZ)


def read(text: str, home: str = "ORD") -> TripIntent:
    return read_request(text, ReadContext(now=NOW, home=home))


ROUND = "Chicago to Denver on March 9, back March 11, and a hotel in Denver. "


@pytest.mark.parametrize(
    "policy",
    [
        "Travel rules: refundable airfare and hotels with free cancellation only.",
        "Our guidelines require refundable air fares and lodgings that can be cancelled for free.",
        "Per policy, no non-refundable tickets, and hotels must be refundable.",
    ],
)
def test_policy_refund_rules_bind_flights_and_stays(policy: str) -> None:
    x = read(ROUND + policy)
    assert [leg.refundable for leg in x.legs] == [True, True]
    if "hotels" in policy or "lodgings" in policy:
        assert x.stays and x.stays[0].refundable


@pytest.mark.parametrize(
    ("text", "avoided"),
    [
        ("Solstice and Boreal Airways are not approved carriers.", ["Solstice", "Boreal Airways"]),
        ("Heads up: accounting won't reimburse tickets on Kestrel.", ["Kestrel"]),
        ("Fares on Nimbus Pacific can't be expensed under our rules.", ["Nimbus Pacific"]),
        ("Unapproved airlines: Aurora Air.", ["Aurora Air"]),
        ("Kestrel isn't on our approved carrier list anymore.", ["Kestrel"]),
        ("Not reimbursable under our rules: Solstice, Aurora Air.", ["Solstice", "Aurora Air"]),
        ("Solstice, Boreal and Kestrel are not approved carriers.", ["Solstice", "Boreal", "Kestrel"]),
        # a carrier said fine beside one refused is not refused
        (
            "Aurora Air and Kestrel Airlines are both fine, Boreal Airways is not approved.",
            ["Boreal Airways"],
        ),
        # doubt, approval given, a refusal in the past and a question refuse nothing
        ("Last year Solstice flights weren't reimbursed, but that's been fixed.", []),
        ("I'm not sure Boreal is approved yet.", []),
        ("Kestrel was approved again in January, so it's fine.", []),
        ("Is Solstice reimbursable?", []),
    ],
)
def test_refused_carriers(text: str, avoided: list[str]) -> None:
    assert refused_carriers(text) == avoided


def test_a_refused_carrier_is_avoided_on_every_leg_not_required() -> None:
    x = read(ROUND + "Tickets on Solstice will not be reimbursed.")
    assert [leg.airlines_avoid for leg in x.legs] == [["Solstice"], ["Solstice"]]
    assert not any(leg.airlines_only for leg in x.legs)


def test_a_cabin_rule_for_longer_flights_sets_no_cabin_on_a_short_trip() -> None:
    x = read(ROUND + "Policy: premium economy is allowed on flights of more than 6 hours.")
    assert [leg.cabin for leg in x.legs] == [None, None]
    legs = read("Chicago to Tokyo Narita on March 9, back March 20.").legs
    assert beyond_trip("business class for flights over 10 hours", legs) is False  # ORD-NRT is longer


@pytest.mark.parametrize(
    ("sent", "after", "limits"),
    [
        (
            "We cannot get to the airport before 11am, the kids have a recital.",
            "",
            [("depart_after", "11:00")],
        ),
        ("I won't make it to the airport until 3 at the earliest.", "", [("depart_after", "15:00")]),
        ("The earliest we can be at the airport is 8:30.", "", [("depart_after", "08:30")]),
        (
            "The venue's doors shut at 9pm and it's a 90 minute ride from the airport.",
            "So the flight needs to work with that.",
            [("arrive_before", "19:30")],
        ),
        (
            "My shift ends at 4 and the airport is 20 minutes away, so no flights before then.",
            "",
            [("depart_after", "16:20")],
        ),
        # reaching the airport by an hour bounds nothing; a hedge sets nothing; a distance with no flight
        ("I can get to the airport by 7am easily.", "", []),
        ("If we could avoid being at the airport before 9 that would be nice.", "", []),
        ("The museum closes at 5 and it's 20 minutes from the airport.", "", []),
    ],
)
def test_reason_limits(sent: str, after: str, limits: list[tuple[str, str]]) -> None:
    got = [(k, t.strftime("%H:%M")) for k, t, _, _ in reason_limits(sent, after)]
    assert got == limits


def test_reaching_the_airport_bounds_the_departure_not_the_landing() -> None:
    x = read(
        "Chicago to Denver, one way, March 9. We can't be at the airport before 11 because of the movers."
    )
    assert (x.legs[0].depart_after, x.legs[0].arrive_after) == (dt.time(11), None)


def test_an_airport_named_by_its_own_name_picks_its_flight() -> None:
    x = read("Chicago to Boston March 9, home March 12. I can't reach Logan before 5pm that Friday.")
    assert (x.legs[0].depart_after, x.legs[1].depart_after) == (None, dt.time(17))


def test_a_closing_hour_less_the_drive_bounds_the_landing() -> None:
    x = read(
        "Chicago to Denver one way March 9. The rental desk closes at 10pm and it's 40 minutes from the airport, so plan the flight for that."
    )
    assert x.legs[0].arrive_before == dt.time(21, 20)


def test_a_dawn_flight_refused_is_a_wish_for_a_later_start() -> None:
    x = read("Chicago to Denver one way March 9. No dawn flight for me please.")
    assert [(w.kind, w.start) for w in x.wishes] == [("depart_window", dt.time(8))]
    assert x.legs[0].depart_after is None


@dataclass
class Flight:
    depart: dt.datetime
    arrive: dt.datetime
    airline: str = "AX"
    airline_name: str = "Aurora Air"
    stops: int = 0
    refundable: bool = True


def test_the_planner_holds_the_flights_to_the_policy_and_the_reasons() -> None:
    x = read(
        "Chicago to Denver one way March 9. The rental desk shuts at 10pm and it's 40 minutes from the "
        "airport, and we can't be at the airport before 11 either.\n\nTravel policy: refundable fares "
        "only. Boreal Airways is not an approved carrier."
    )
    lim = Limits(x.legs, x.stays)
    day = dt.datetime(2027, 3, 9)
    ok = Flight(day.replace(hour=12), day.replace(hour=14))
    assert lim.flight(ok, 0) is None
    assert lim.flight(replace(ok, depart=day.replace(hour=9)), 0) == "leaves before 11:00"
    late = replace(ok, depart=day.replace(hour=19), arrive=day.replace(hour=21, minute=40))
    assert lim.flight(late, 0) == "lands after 21:20"
    assert lim.flight(replace(ok, refundable=False), 0) == "a non-refundable fare"
    boreal = replace(ok, airline="BQ", airline_name="Boreal Airways")
    assert lim.flight(boreal, 0) == "you asked to avoid Boreal Airways"


def test_a_stated_landing_hour_earlier_than_the_reason_stays() -> None:
    x = read(
        "Chicago to Denver one way March 9. The gallery shuts at 6pm and it's about an hour from the "
        "airport, so I have to land by 2pm at the latest."
    )
    assert x.legs[0].arrive_before == dt.time(14)


def test_no_need_for_a_dawn_flight_sets_no_limit() -> None:
    x = read(
        "Chicago to Denver one way March 9. The meeting moved to the afternoon, so there's no need for a dawn flight."
    )
    assert x.legs[0].depart_after is None
