"""How the scripted model weighs stay wishes and caps (r11-gate): a bonus weighs half a plain wish,
so a plain wish wins a tie against it; stays capped at their own rates share no trip-wide cap (before,
a bonus weighed like a plain wish and every stay was held to the lowest cap)."""

from __future__ import annotations

import pytest

from agents.intent import StayIntent
from agents.models._scripted_limits import trip_nightly_cap
from agents.models._scripted_prefs import parse_prefs


@pytest.mark.parametrize(
    "said",
    [
        "A gym would be a bonus.",
        "Nice to have: a gym.",
        "A gym would make my daughter's week.",
        "The kids would love a gym.",
    ],
)
def test_a_bonus_weighs_half_a_plain_wish(said: str) -> None:
    plain = parse_prefs("Hotel in Miami. A gym would be nice.", ("ATL", ["MIA"]))
    bonus = parse_prefs(f"Hotel in Miami. {said}", ("ATL", ["MIA"]))
    assert plain.amenities["gym"] == 1.0
    assert bonus.amenities["gym"] == 0.5


def test_stays_capped_at_their_own_rates_share_no_trip_wide_cap() -> None:
    own = [StayIntent(city="DEN", max_nightly=240), StayIntent(city="SEA", max_nightly=310)]
    assert trip_nightly_cap(own) is None  # each held to its own (Limits.hotel), not both to $240
    assert (
        trip_nightly_cap([StayIntent(city="DEN", max_nightly=200), StayIntent(city="SEA", max_nightly=200)])
        == 200
    )
    assert trip_nightly_cap([StayIntent(city="DEN")]) is None


def test_of_two_star_levels_either_of_which_will_do_the_scorer_wishes_for_the_lower() -> None:
    assert parse_prefs("Hotel in Miami, a three or four star place.", ("ATL", ["MIA"])).stars == 3
    assert parse_prefs("Hotel in Miami, four stars would be nice.", ("ATL", ["MIA"])).stars == 4
