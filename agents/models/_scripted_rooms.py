"""Rooms the words leave open are asked about, never a reason to give up.

The reader marks the rooms open (``unknown: [rooms]``) when the words leave them to the agent
("however many rooms makes sense") or when colleagues travel together and say nothing of rooms
(``agents.intent._group_rooms``). Unlike a destination or a date, rooms have a default a booking can
proceed on, so they are asked only once everything that blocks is settled and a question is left
(at most ``MAX_ASKS`` in all); unanswered, the plan keeps one room and its assumptions say so.
"""

from __future__ import annotations

from agents.intent import TripIntent

ROOMS_QUESTION = (
    "Before I book the hotel, could you tell me how many rooms you need (will anyone share a room, or"
    " does everyone get their own)?"
)


def rooms_question(intent: TripIntent, asked: list[str], asks_left: int) -> str | None:
    """The question about the rooms, when they are open, not asked yet and a question is left."""
    if asks_left <= 0 or "rooms" not in intent.unknown or intent.rooms is not None or not intent.stays:
        return None
    return None if ROOMS_QUESTION in asked else ROOMS_QUESTION
