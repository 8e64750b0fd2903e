"""The acts the words do to held bookings (cancel, change, keep, book anew), the verbs that say them,
and the ``Reading`` of a request they make up: read by ``_bookings``, used by ``_rebook`` to book
what a change asks for anew.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from agents.intent._held_refs import Ref

CANCEL, CHANGE, KEEP, NEW, EXCEPT, NONE = "cancel", "change", "keep", "new", "except", "none"


@dataclass
class Verb:
    start: int
    end: int
    act: str
    post: bool = False  # said after what it acts on ("the trip is off", "the flights don't change")


@dataclass
class Reading:
    """What the words do to each held booking (the last act wins) and where they said it."""

    act: dict[str, str] = field(default_factory=dict)
    by: dict[str, tuple[Ref, Verb | None]] = field(default_factory=dict)
    rest: str | None = None
    refs: list[Ref] = field(default_factory=list)
    orphans: list[Ref] = field(default_factory=list)  # references no verb governs
    asked: list[Ref] = field(
        default_factory=list
    )  # references a verb asks for anew ("find me a flight home")
    verbs: list[Verb] = field(default_factory=list)
    text: str = ""
    governing: list[tuple[Verb, list[str]]] = field(default_factory=list)  # verbs that act, and on what
