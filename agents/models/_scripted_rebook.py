"""The order in which the scripted model carries out an approved change to held bookings.

A careful agent books the replacement before it cancels what it replaces, so that a replacement that
cannot be had (sold out, blocked, a fault) never leaves the traveller with less than they had: new
flights first, then the held flights the plan cancels, then new hotels (their nights then follow the
flights as they will be), then the held hotels it cancels. A cancellation goes first only when the
replacement cannot be booked while it is held: the account's budget has no room for the new items
until its refund comes back, or it holds the same hotel on overlapping nights (the world refuses a
second booking of it).
"""

from __future__ import annotations

from typing import Any

from agents.models._scripted_flow import Ledger, item_key


def _overlaps_new_hotel(bid: str, items: list[dict[str, Any]], ledger: Ledger) -> bool:
    """Whether the held hotel ``bid`` is the same hotel as a new hotel item, on overlapping nights."""
    bk = ledger.bookings.get(bid)
    if bk is None or bk.kind != "hotel" or not bk.check_in or not bk.check_out:
        return False
    for it in items:
        d = it.get("details") or {}
        if it.get("kind") != "hotel" or str(it.get("id")) != bk.item_id:
            continue
        ci, co = str(d.get("check_in") or ""), str(d.get("check_out") or "")
        if ci and co and str(bk.check_in) < co and ci < str(bk.check_out):
            return True
    return False


def booking_order(
    items: list[dict[str, Any]], ledger: Ledger, prices: dict[str, float]
) -> list[dict[str, Any]]:
    """The approved ``items`` (cancellations, flights, hotels) in the order to carry them out."""
    cancels = [i for i in items if i.get("kind") == "cancellation"]
    flights = [i for i in items if i.get("kind") == "flight"]
    hotels = [i for i in items if i.get("kind") == "hotel"]
    new_cost = sum(
        prices.get(str(it.get("id")), float(it.get("price") or 0.0))
        for it in flights + hotels
        if item_key(str(it["kind"]), it) not in ledger.made
    )
    room = None if ledger.budget is None else float(ledger.budget) - ledger.spent
    if room is not None and new_cost > room + 0.005:
        return cancels + flights + hotels  # the money the cancellations give back is needed first
    first = [c for c in cancels if _overlaps_new_hotel(str(c["id"]), hotels, ledger)]
    rest = [c for c in cancels if c not in first]
    kind = {
        str(c["id"]): (ledger.bookings[str(c["id"])].kind if str(c["id"]) in ledger.bookings else "")
        for c in rest
    }
    flight_cancels = [c for c in rest if kind[str(c["id"])] == "flight"]
    other_cancels = [c for c in rest if kind[str(c["id"])] != "flight"]
    return first + flights + flight_cancels + hotels + other_cancels
