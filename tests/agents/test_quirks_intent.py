"""Planted mistakes as perturbations of the intent (the scripted model's quirks) and of an observation
(the noisy model's ``misread_price``): unit tests on ``TripIntent`` and one run end to end."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from langchain_core.messages import AIMessage, HumanMessage, ToolMessage

from agents.intent import LegIntent, StayIntent, TripIntent, Wish
from agents.models._scripted_quirks import Quirks, near_city, off_by_one, perturb_intent
from agents.models.noisy import fired_quirks, make, misread_price
from sandbox.runner import RunOptions, run
from sandbox.scenarios import load_scenario
from sandbox.scoring import planted_mistakes
from sandbox.spi import ModelSpec

SCENARIOS = Path(__file__).resolve().parents[2] / "scenarios"
DAY = dt.date(2027, 3, 10)
KEY = "Fly me from Boston to Paris on 10 March, back on the 14th."


def _intent() -> TripIntent:
    return TripIntent(
        shape="round_trip",
        legs=[
            LegIntent(origin="BOS", destination="CDG", date=DAY, nonstop=True),
            LegIntent(origin="CDG", destination="BOS", date=DAY + dt.timedelta(days=4)),
        ],
        stays=[StayIntent(city="CDG", check_in=DAY, check_out=DAY + dt.timedelta(days=4), amenities=["gym"])],
        travelers=2,
        rooms=1,
        budget=2500.0,
        wishes=[Wish(kind="cheaper"), Wish(kind="quiet")],
    )


def _perturbed(kind: str) -> TripIntent:
    return perturb_intent(_intent(), Quirks(**{kind: 1.0}), KEY)  # type: ignore[arg-type]


def test_no_quirk_leaves_the_intent_as_read():
    assert perturb_intent(_intent(), Quirks(), KEY) == _intent()


def test_wrong_date_reads_the_first_travel_day_as_the_day_after():
    got = _perturbed("wrong_date")
    assert got.legs[0].date == DAY + dt.timedelta(days=1) and got.legs[1].date == _intent().legs[1].date
    hotel = TripIntent(shape="hotel_only", stays=[StayIntent(city="CDG", check_in=DAY, nights=2)])
    assert perturb_intent(hotel, Quirks(wrong_date=1.0), KEY).stays[0].check_in == DAY + dt.timedelta(days=1)


def test_drop_preference_forgets_one_wish():
    got = _perturbed("drop_preference")
    assert len(got.wishes) == 1 and got.wishes[0] in _intent().wishes


def test_overspend_drops_the_budget_and_the_stated_assumptions_follow():
    got = _perturbed("overspend")
    assert got.budget is None and got.legs == _intent().legs
    assert not any("budget" in a for a in got.assumptions)


def test_limit_as_wish_turns_one_hard_limit_into_a_wish():
    got = _perturbed("limit_as_wish")
    before = _intent()
    gone_nonstop = got.legs[0].nonstop is None and Wish(kind="nonstop", leg=0) in got.wishes
    gone_gym = got.stays[0].amenities == [] and Wish(kind="amenity", value="gym") in got.wishes
    assert gone_nonstop != gone_gym  # exactly one of the two limits moved
    assert len(got.wishes) == len(before.wishes) + 1
    no_limits = TripIntent(legs=[LegIntent(origin="BOS", destination="CDG", date=DAY)])
    assert perturb_intent(no_limits.model_copy(deep=True), Quirks(limit_as_wish=1.0), KEY) == no_limits


def test_wrong_party_is_one_off():
    got = _perturbed("wrong_party")
    diffs = {abs((got.travelers or 0) - 2), abs((got.rooms or 0) - 1)}
    assert diffs == {0, 1}
    assert off_by_one(1, "a") == 2 and off_by_one(9, "a") == 8
    assert {off_by_one(3, k) for k in "abcdefgh"} == {2, 4}


def test_wrong_city_is_a_near_name_everywhere_it_was_read():
    got = _perturbed("wrong_city")
    other = near_city("CDG")
    assert other not in (None, "CDG")
    assert (got.legs[0].destination, got.legs[1].origin, got.stays[0].city) == (other, other, other)
    assert got.legs[0].origin == "BOS"
    assert near_city("ATL") != "ATL" and near_city("XXX") is None


def test_quirks_are_seeded_per_seed_kind_and_key():
    quirks = [Quirks(wrong_party=0.5, seed=s) for s in range(40)]
    hits = [perturb_intent(_intent(), q, KEY).travelers != 2 or perturb_intent(_intent(), q, KEY).rooms != 1
            for q in quirks]  # fmt: skip
    assert any(hits) and not all(hits)
    assert hits == [perturb_intent(_intent(), q, KEY) != _intent() for q in quirks]  # stable


def test_misread_price_reads_the_dearest_option_at_the_cheapest_price():
    hotels = [
        {"hotel_id": "H1", "available": True, "price": 100.0, "total_price": 300.0},
        {"hotel_id": "H3", "available": True, "price": 400.0, "total_price": 1200.0},
    ]
    body = {"ok": True, "result": {"hotels": hotels}}
    call = AIMessage(
        content="", tool_calls=[{"name": "search_hotels", "args": {}, "id": "c0", "type": "tool_call"}]
    )
    messages = [
        HumanMessage("a hotel"),
        call,
        ToolMessage(json.dumps(body), tool_call_id="c0", name="search_hotels"),
    ]
    got = misread_price(messages)
    assert got is not None
    seen, j, detail = got
    read = json.loads(str(seen[j].content))["result"]["hotels"]
    assert read[1] == {**hotels[1], "price": 100.0, "total_price": 300.0} and read[0] == hotels[0]
    assert "H3" in detail and "1,200.00" in detail
    assert json.loads(str(messages[j].content)) == body  # the conversation itself is untouched
    same = {"ok": True, "result": {"hotels": [hotels[0]]}}
    assert misread_price([ToolMessage(json.dumps(same), tool_call_id="c0", name="search_hotels")]) is None


def test_an_intent_quirk_is_recorded_and_takes_effect_in_a_run():
    """A run where ``wrong_party`` fires: the trace records it, the party booked is one off, and the
    answer key says which check caught it."""
    scenario = load_scenario(SCENARIOS / "family-of-four.yaml")
    spec = {"scenario_id": scenario.id, "seed": scenario.world.seed, "temperature": 1.0}
    trial = next(
        t
        for t in range(400)
        if fired_quirks(
            make(ModelSpec(name="noisy", trial=t, **spec)).inner, [HumanMessage(scenario.request)]
        )
        == ["wrong_party"]
    )
    opts = RunOptions(model="noisy", temperature=1.0, trial=trial, model_options={"error_rate": 0.0})
    result = run(scenario, opts)
    planted = planted_mistakes(result)
    assert [(m.kind, m.source) for m in planted] == [("wrong_party", "quirk")]
    assert result.scores is not None and not result.scores.passed
    assert planted[0].fate == "caught" and planted[0].caught_by in ("leg.party", "stay.rooms")


def test_a_misread_price_is_recorded_once_in_a_run():
    """A run where only ``misread_price`` strikes: the trace records it once, on the first reply after
    the search result that was misread, and the answer key gives it a fate."""
    scenario = load_scenario(SCENARIOS / "hotel-only-paris-cap.yaml")
    spec = {"scenario_id": scenario.id, "seed": scenario.world.seed, "temperature": 1.0}
    request = [HumanMessage(scenario.request)]
    models = ((t, make(ModelSpec(name="noisy", trial=t, **spec))) for t in range(400))
    trial = next(t for t, m in models if m.misreads and not fired_quirks(m.inner, request))
    opts = RunOptions(model="noisy", temperature=1.0, trial=trial, model_options={"error_rate": 0.0})
    result = run(scenario, opts)
    planted = planted_mistakes(result)
    assert [(m.kind, m.source) for m in planted] == [("misread_price", "quirk")]
    assert planted[0].fate in ("caught", "stopped", "slipped")
