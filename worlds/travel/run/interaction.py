"""The travel world's interaction tools: how a traveller is asked a question, and what an itinerary
proposal looks like (``propose_itinerary``: flights and hotels as ``ProposedItem``; a ``flight`` item
is the ``flight_id`` argument of ``book_flight``, a ``hotel`` item the ``hotel_id`` of ``book_hotel``).

The harness answers both (``sandbox.spi.question_tool`` / ``proposal_tool``); these are their words.
"""

from __future__ import annotations

from typing import Any

from pydantic import Field

from sandbox.spi import ProposalItem, proposal_tool, question_tool


class ProposedItem(ProposalItem):
    kind: str = Field(description="What the item is, e.g. 'flight' or 'hotel'.")
    id: str = Field(description="The item's id, as returned by a search.")
    details: dict[str, Any] = Field(default_factory=dict, description="Dates, cabin, travellers, rooms, ...")
    price: float | None = Field(None, description="Total price of this item in dollars.")


ASK_USER = question_tool(
    """Ask the traveller a clarifying question and get their answer.

    Use it when the request leaves something you need open (dates, destination, who travels).
    """
)

PROPOSE_ITINERARY = proposal_tool(
    "propose_itinerary",
    """Present the plan you intend to book, for the traveller's approval, before booking it.

    items: what you will book; total: the total price in dollars; rationale: why this plan;
    confidence: 0..1, how sure you are it is what the traveller wants; alternatives: the other
    options you weighed. The answer says whether the plan was approved, rejected (with a reason)
    or changed to one of the alternatives.
    """,
    item=ProposedItem,
    item_arg="{kind}_id",
)

INTERACTION_TOOLS = (ASK_USER, PROPOSE_ITINERARY)
