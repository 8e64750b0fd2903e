"""The regressions an independent review found in the r10-lib grammars (stop 24): a past or third
person's airline read as a rule, a priority read the wrong way round, an area dropped by a "P.S." that
moves nothing, and a sports fan's brothers taken for colleagues. Each case failed before its fix."""

from __future__ import annotations

import datetime as dt

import pytest

from agents.intent import ReadContext, read_request

NOW = dt.datetime(2027, 1, 5, 9, 0, tzinfo=dt.timezone(dt.timedelta(hours=-8)))
CTX = ReadContext(now=NOW, home="LAX")
ROUTE = "LA to Chicago on March 4, back March 7. "


# --- an airline said, but no rule (_airline_rule) -------------------------------------------------
@pytest.mark.parametrize(
    "mention",
    [
        "I got to fly Delta last time and it was great.",
        "My boss only flies United herself, but I'm easy.",
        "I want United, I'm collecting their miles.",
        "I flew with Delta last month and nothing else went wrong.",
        "Last year they made us book with Frontier, no exceptions, which was awful; this year any airline.",
        "We have to use Concur for the booking.",
        "My manager Anna Smith is required to sign off.",
        "Kestrel would be nice, but any airline is fine.",
    ],
)
def test_a_past_third_person_or_non_carrier_name_is_no_airline_rule(mention: str) -> None:
    assert all(leg.airlines_only == [] for leg in read_request(ROUTE + mention, CTX).legs)


@pytest.mark.parametrize(
    "rule",
    [
        "We only fly Kestrel.",
        "The company only flies Kestrel Airlines.",
        "Kestrel Airlines is required.",
        "We have to use Kestrel.",
        "Policy says we book with Kestrel.",
    ],
)
def test_a_present_rule_of_the_traveller_or_company_still_requires_the_airline(rule: str) -> None:
    legs = read_request(ROUTE + rule, CTX).legs
    assert all([n.split()[0] for n in leg.airlines_only] == ["Kestrel"] for leg in legs), legs


# --- which wish matters more (_scripted_priority) --------------------------------------------------
@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("I want a 4 star hotel; my comfort is more important these days, so not the cheapest.", {}),
        (
            "The gym is secondary, the location near the stadium matters more.",
            {"amenity:gym": 0.5, "location": 2.0},
        ),
        ("Location is secondary, good reviews matter more.", {"location": 0.5, "rating": 2.0}),
    ],
)
def test_a_priority_weighs_the_wish_its_words_name_and_no_other(text: str, want: dict[str, float]) -> None:
    from agents.models._scripted_priority import priorities

    assert priorities(text) == want


# --- an area a later correction replaces (_scripted_superseded) -----------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "Hotel in LoDo. Actually, I'd also like to be near the Union Station office.",
        "A hotel in Buckhead please. P.S. my colleague is staying in Midtown.",
        "A hotel in Wynwood please. PS - I stayed in Brickell last time and hated it.",
        "A hotel in Wynwood please. PS: the office moved to Brickell, but I still prefer Wynwood.",
    ],
)
def test_a_postscript_that_moves_no_stay_drops_no_area(text: str) -> None:
    from agents.models._scripted_superseded import superseded_areas

    assert superseded_areas(text) == set()


# --- rooms open only for colleagues (_group_rooms) -------------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "Me and my two brothers going to watch our team play, LA to Chicago March 4-7, need a hotel.",
        "My buddy and I are fans of the team, LA to Chicago March 4-7, need a hotel.",
    ],
)
def test_a_fans_team_leaves_no_rooms_open(text: str) -> None:
    assert "rooms" not in read_request(text, CTX).unknown


def test_a_work_team_still_leaves_the_rooms_open() -> None:
    text = "Me and two people from our sales team, LA to Chicago March 4-7, need a hotel."
    assert "rooms" in read_request(text, CTX).unknown


# --- second review ---------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "Atlanta, hotel in Buckhead. Actually, the dinner moved to Midtown, but keep the hotel.",
        "Atlanta, hotel in Buckhead. Update: my meeting moved to Midtown, hotel stays as is.",
        "Atlanta, hotel in Buckhead. Actually, the client dinner is in Midtown now.",
    ],
)
def test_a_correction_that_keeps_the_hotel_or_moves_a_meal_drops_no_area(text: str) -> None:
    from agents.models._scripted_superseded import superseded_areas

    assert superseded_areas(text) == set()


@pytest.mark.parametrize(
    "text",
    [
        "Price is secondary for my boss, but for me it matters more.",
        "Reviews matter more to my wife than to me.",
    ],
)
def test_a_priority_said_of_someone_else_weighs_nothing(text: str) -> None:
    from agents.models._scripted_priority import priorities

    assert priorities(text) == {}
