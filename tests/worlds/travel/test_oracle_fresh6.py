"""The sixth fresh batch (w10, business travel): each file's oracle verdict, pinned.

scenarios/README.md ("Library: fresh requests, fresh6 (w10)") quotes these numbers; a catalog or
oracle change that alters one of these scenarios is noticed here. Kept apart from test_oracle.py so
batches written in parallel do not edit the same table.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from sandbox.scenarios import load_scenario
from worlds.travel.judge import check, solve
from worlds.travel.scenario import TravelScenario
from worlds.travel.world import WORLD

LIBRARY = Path(__file__).resolve().parents[3] / "scenarios"
#: id -> (feasible itineraries, best total in cents)
PINNED = {
    "fresh6-calendar-interview-phoenix-seattle-voice-note": (7, 79_600),
    "fresh6-calendar-open-jaw-dallas-atlanta-qbr-then-boston": (12, 104_900),
    "fresh6-calendar-party-toronto-new-york-design-sprint": (4, 252_600),
    "fresh6-mind-change-seattle-sf-workshop-slips-a-day": (4, 70_200),
    "fresh6-multi-city-consultant-london-frankfurt-amsterdam-dictated": (12, 189_900),
    "fresh6-multi-city-party-founders-sf-new-york-chicago-raise": (15, 368_800),
    "fresh6-multi-city-roadshow-denver-dallas-atlanta-assistant-bullets": (10, 170_000),
    "fresh6-one-way-field-engineer-austin-orlando-kitchen-worth-30": (3, 118_300),
    "fresh6-one-way-party-two-associates-atlanta-washington-chat": (4, 221_600),
    "fresh6-one-way-sales-rep-dallas-phoenix-calendar-text": (3, 19_600),
    "fresh6-party-four-consultants-london-paris-twin-rooms": (2, 291_800),
    "fresh6-party-three-engineers-boston-austin-conference-ticket": (2, 500_700),
    "fresh6-round-trip-assistant-boston-chicago-client-dinner": (8, 113_100),
    "fresh6-round-trip-dallas-austin-day-trip-home-for-the-game": (4, 21_100),
    "fresh6-trade-off-miami-portland-pearl-over-nonstop": (3, 213_800),
    "fresh6-trade-off-tokyo-distributor-premium-if-600": (8, 469_600),
}
#: the categories the batch weighs most, each at least twice
WEIGHTED = ("round-trip", "one-way", "calendar-dates", "time-windows", "party", "multi-city", "trade-off")


@pytest.mark.parametrize("scenario_id", sorted(PINNED))
def test_fresh6_scenarios_have_the_expected_oracle_result(scenario_id: str) -> None:
    s = load_scenario(LIBRARY / f"{scenario_id}.yaml")
    assert isinstance(s, TravelScenario)
    view = WORLD.view(s)
    findings = check(s, view)
    assert [f for f in findings if f.severity in ("error", "warning")] == []
    result = solve(s, view)
    assert (result.feasible, result.best.total_cents if result.best else None) == PINNED[scenario_id]
    assert result.ties == 1  # a unique best


def test_every_fresh6_file_is_pinned_and_tagged() -> None:
    files = sorted(LIBRARY.glob("fresh6-*.yaml"))
    assert {p.stem for p in files} == set(PINNED)
    tags: list[str] = []
    for p in files:
        s = load_scenario(p)
        assert {"fresh", "fresh6"} <= set(s.tags), p.name
        tags.extend(s.tags)
    assert {t: tags.count(t) for t in WEIGHTED} == {t: max(2, tags.count(t)) for t in WEIGHTED}
