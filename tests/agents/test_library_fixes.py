"""The development library's last failures, fixed in general (issue 12, r10-lib): each test names the
class of request it stands for and fails on the code before the fix."""

from __future__ import annotations

import datetime as dt

import pytest

from agents.intent import ReadContext, read_request

NOW = dt.datetime(2027, 1, 5, 9, 0, tzinfo=dt.timezone(dt.timedelta(hours=-8)))
CTX = ReadContext(now=NOW, home="LAX")
ROUTE = "LA to Chicago on March 4, back March 7. "


# --- an airline the trip must fly, said as a rule (_airline_rule) ---------------------------------
@pytest.mark.parametrize(
    "rule",
    [
        "We have a corporate deal with Kestrel Airlines so it needs to be Kestrel both ways.",
        "Has to be Kestrel Airlines.",
        "Kestrel or nothing.",
        "Airline: Kestrel Airlines (corporate contract, mandatory).",
        "The company only reimburses Kestrel Airlines tickets, so don't book anything else.",
        "We're supposed to use Kestrel for everything, so stick to them please.",
        "All flights are to be booked with Kestrel under our preferred carrier agreement.",
        "company has a deal w/ kestrel airlines so it needs to be kestrel both ways",
    ],
)
def test_an_airline_said_as_a_rule_is_every_legs_requirement(rule: str) -> None:
    legs = read_request(ROUTE + rule, CTX).legs
    assert len(legs) == 2
    assert all([n.split()[0].lower() for n in leg.airlines_only] == ["kestrel"] for leg in legs), legs


def test_an_airline_required_on_the_way_out_only_leaves_the_way_home_open() -> None:
    text = ROUTE + "I want Kestrel on the way out, but coming home any airline is fine."
    out, back = read_request(text, CTX).legs
    assert [n.split()[0] for n in out.airlines_only] == ["Kestrel"] and back.airlines_only == []


@pytest.mark.parametrize(
    "mention",
    [
        "I have status with Kestrel so I'd lean that way if the times work.",
        "Last time I flew Kestrel and the seats were great, but I'm not fussy about the airline.",
        "Our deal with Kestrel gives us a discount, so use them if it makes sense, otherwise any carrier.",
        "Not Kestrel, anyone else.",
        "My Kestrel miles are about to expire, so if there's a Kestrel flight that'd be a nice way to use them.",
        "I need to be in Chicago by the 4th, nobody else is coming, book the cheapest.",
    ],
)
def test_an_airline_only_mentioned_is_no_requirement(mention: str) -> None:
    assert all(leg.airlines_only == [] for leg in read_request(ROUTE + mention, CTX).legs)


# --- a window of travel days is searched day by day (_scripted_intent.window_days) ---------------
def test_each_day_of_a_window_is_a_day_the_leg_may_fly() -> None:
    from agents.models._scripted_intent import legs_and_stays

    text = "Toronto to New York on Thursday the 4th of February, or Friday the 5th if Thursday doesn't work."
    intent = read_request(text, ReadContext(now=NOW, home="YYZ"))
    legs, _ = legs_and_stays(intent, "YYZ", [], None)
    assert [d.isoformat() for d in legs[0].days] == ["2027-02-04", "2027-02-05"]


# --- a priority between two wishes said without "than" (_scripted_priority) ----------------------
@pytest.mark.parametrize(
    ("text", "more", "less"),
    [
        ("Lincoln Park would be lovely, but good reviews matter more to me.", "rating", "location"),
        ("Good reviews are nice too but being close matters more.", "location", "rating"),
        ("A gym would be a plus but being in Chelsea is more important.", "location", "amenity:gym"),
        ("A pool please. The Mission District would be fun but that's secondary.", None, "location"),
        ("Reviews count for more than stars.", None, None),  # a "than" names both: _scripted_tradeoffs'
    ],
)
def test_the_wish_said_to_matter_more_weighs_double_and_the_other_half(
    text: str, more: str | None, less: str | None
) -> None:
    from agents.models._scripted_priority import priorities

    got = priorities(text)
    assert (more is None or got.get(more) == 2.0) and (less is None or got.get(less) == 0.5), got
    assert set(got) == {t for t in (more, less) if t}, got


def test_a_priority_moves_the_ranking_not_only_the_words() -> None:
    from agents.models._scripted_prefs import Prefs
    from agents.models._scripted_priority import weigh_priorities

    p = Prefs(amenities={"gym": 1.0})
    weigh_priorities(p, "A gym would be a plus but being in Chelsea is more important.")
    assert (p.hood_scale, p.amenities["gym"]) == (2.0, 0.5)


# --- rooms open for a group of colleagues (_group_rooms, _scripted_rooms) ------------------------
@pytest.mark.parametrize(
    ("text", "open_"),
    [
        ("Me and three colleagues, LA to Chicago March 4-7, hotel for the three nights.", True),
        ("Hotel in Chicago for the sales team, 5 of us, March 4 to March 7.", True),
        ("Two of us from the office, LA to Chicago March 4-7, hotel, we'll share a twin room.", False),
        ("Me, my wife and our two kids, LA to Chicago March 4-7, and a hotel.", False),
        ("Me and three colleagues, LA to Chicago March 4-7, hotel with 4 rooms.", False),
        ("Me and three colleagues, LA to Chicago March 4-7, flights only.", False),
    ],
)
def test_colleagues_who_say_nothing_of_rooms_leave_them_open(text: str, open_: bool) -> None:
    assert ("rooms" in read_request(text, CTX).unknown) is open_


def test_open_rooms_are_asked_once_and_never_block() -> None:
    from agents.models._scripted_rooms import ROOMS_QUESTION, rooms_question

    intent = read_request(
        "Me and three colleagues, LA to Chicago March 4-7, hotel for the three nights.", CTX
    )
    assert rooms_question(intent, [], 1) == ROOMS_QUESTION
    assert rooms_question(intent, [ROOMS_QUESTION], 1) is None  # asked: the plan goes on with one room
    assert rooms_question(intent, [], 0) is None  # no question left: no refusal either


# --- an area a later correction replaces (_scripted_superseded) ----------------------------------
@pytest.mark.parametrize(
    ("text", "gone"),
    [
        (
            "Hotel in Buckhead near the client's office. P.S. Correction: they moved their office to Midtown, "
            "so stay as close to Midtown as you can.",
            {"buckhead"},
        ),
        ("A hotel near Fisherman's Wharf. Actually scratch that, put me in SoMa.", {"fisherman's wharf"}),
        ("Somewhere in Yorkville.\n\nUpdate: the venue is now down in Harbourfront.", {"yorkville"}),
        ("A hotel in Midtown please. P.S. I land in Terminal B.", set()),  # no place moved, no new stay
        ("A hotel in Chelsea, or actually near Chelsea Market is fine too.", set()),  # the same area again
        ("Hotel in the Loop near our office, budget $1,200.", set()),  # no correction
    ],
)
def test_an_area_a_later_correction_replaces_is_dropped(text: str, gone: set[str]) -> None:
    from agents.models._scripted_superseded import drop_superseded, superseded_areas

    assert superseded_areas(text) == gone
    kept = drop_superseded(text).lower()
    assert all(name not in kept.split("p.s.")[0].split("actually")[0].split("update")[0] for name in gone)
