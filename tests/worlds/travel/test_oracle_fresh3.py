"""Pins the oracle's verdict on the third batch of fresh requests (``scenarios/fresh3-*.yaml``).

scenarios/README.md quotes these figures ("Library: fresh requests, third batch"); a change to the
catalog generator or the oracle that alters one of these scenarios is noticed here. Kept apart from
``test_oracle.py`` so parallel batches of scenarios do not edit the same table.
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
PINNED_FRESH3 = {
    "fresh3-calendar-atlanta-dallas-between-site-visits": (4, 68_400),
    "fresh3-calendar-student-midterm-then-san-francisco": (4, 97_800),
    "fresh3-calendar-washington-kickoff-hotel-by-train": (5, 133_900),
    "fresh3-casual-austin-voice-note-cook-off": (12, 207_100),
    "fresh3-casual-grandma-toronto-los-angeles-email": (4, 179_800),
    "fresh3-casual-mlk-weekend-chicago-la-buddies": (6, 228_400),
    "fresh3-casual-vegas-roommates-after-work": (2, 184_900),
    "fresh3-hotel-only-miami-terse-pool-refundable": (2, 89_200),
    "fresh3-hotel-only-washington-wedding-two-couples": (3, 175_800),
    "fresh3-mind-change-boston-dinner-moved": (8, 139_400),
    "fresh3-mind-change-chicago-colleague-joins": (4, 238_400),
    "fresh3-mind-change-orlando-not-miami-kids-vote": (4, 468_200),
    "fresh3-mind-change-seattle-hotel-third-night": (3, 70_100),
    "fresh3-party-book-club-five-portland-three-rooms": (4, 407_500),
    "fresh3-party-seattle-toddler-crib-kitchen": (4, 422_000),
    "fresh3-relative-last-weekend-of-month-denver-couple": (21, 119_100),
    "fresh3-relative-phoenix-night-before-surgery-hotel": (2, 106_700),
    "fresh3-relative-week-from-tomorrow-new-york": (6, 392_000),
    "fresh3-time-windows-nurse-night-shift-denver-wedding": (8, 87_000),
    "fresh3-time-windows-professor-miami-keynote-forwarded": (4, 169_800),
}


def test_every_fresh3_file_is_pinned() -> None:
    assert sorted(p.stem for p in LIBRARY.glob("fresh3-*.yaml")) == sorted(PINNED_FRESH3)


@pytest.mark.parametrize("scenario_id", sorted(PINNED_FRESH3))
def test_fresh3_scenario_has_the_expected_oracle_result(scenario_id: str) -> None:
    s = load_scenario(LIBRARY / f"{scenario_id}.yaml")
    assert isinstance(s, TravelScenario)
    assert {"fresh", "fresh3"} <= set(s.tags)
    view = WORLD.view(s)
    findings = check(s, view)
    assert [f.message for f in findings if f.severity in ("error", "warning")] == []
    result = solve(s, view)
    assert (result.feasible, result.best.total_cents if result.best else None) == PINNED_FRESH3[scenario_id]
    assert result.ties == 1  # a unique best
