"""What the traveller already holds, for a partial change (``expect.keep`` / ``expect.change``).

The oracle plans only the new legs and stays; the held bookings are fixed context: the kept ones are
already paid (at what was paid: ``price``, else the fare on the scenario's clock, as the run's ledger
has it), the cancelled ones cost what cancelling them loses (a non-refundable fare, a late hotel fee,
computed by the run's own ``cancel_outcome``), and the kept flights occupy the traveller's time and
fix the hotel nights in their cities. Scenarios without ``keep``/``change`` hold nothing here: their
held bookings are assumed cancelled at no cost, as they always were.
"""

from __future__ import annotations

from dataclasses import dataclass

from worlds.travel.catalog import CatalogView
from worlds.travel.records import Flight
from worlds.travel.run import cancel_outcome, new_env
from worlds.travel.scenario import TravelScenario

__all__ = ["Held", "held_context"]


@dataclass(frozen=True)
class Held:
    """The spend already committed once the change is made, and the flights the traveller keeps."""

    spent_cents: int = 0
    flights: tuple[Flight, ...] = ()
    cancel_fees_cents: int = 0


def held_context(scenario: TravelScenario, view: CatalogView) -> Held:
    """The held bookings' weight on the new plan (nothing for a scenario that declares no change)."""
    expect = scenario.expect
    if not expect.partial:
        return Held()
    env = new_env(scenario, view)
    spent, fees = env.state.spent_cents, 0
    for bid in expect.change.cancel if expect.change else []:
        booking = env.state.bookings.get(bid)
        if booking is None:
            continue  # validate reports it
        refund, fee, _ = cancel_outcome(env, booking)
        spent += fee - refund
        fees += fee
    flights = []
    for bid in expect.keep:
        booking = env.state.bookings.get(bid)
        f = env.view.flight(booking.item_id) if booking is not None and booking.kind == "flight" else None
        if f is not None:
            flights.append(f)
    return Held(spent, tuple(flights), fees)
