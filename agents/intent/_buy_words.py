"""What is not to be bought, in words: a hotel someone else gives or the traveller takes on, flights
already handled, only the hotel asked of the agent, where the traveller says they will be, a hotel in
the home city alone. ``_read`` joins these to its own lists of no-hotel and no-flight words."""

from __future__ import annotations

import re

from agents.intent._area import apply_areas, required_areas, without_areas
from agents.intent._gazetteer import Place
from agents.intent._listed_nights import event_nights, listed_nights
from agents.intent._mention import Mention
from agents.intent._model import TripIntent
from agents.intent._shape import Roles

#: Someone else arranges it ("the organisers are handling", "my manager is arranging", "the client is
#: booking"): never "you", the traveller ("I", "we") or a request ("please book"); the object follows.
_SOMEONE_ARRANGES = (
    r"\b(?!(?:you|i|we|please|can|could|would|pls|to|me|us)\b)\w+\s+(?:(?:is|are|will be|'s|'re|’s)\s+)?"
    r"(?:arrang(?:es|ing)|handl(?:es|ing)|book(?:s|ing)|sort(?:s|ing)(?: out)?|organi[sz](?:es|ing)|tak(?:es|ing) care of"
    r"|will (?:arrange|handle|book|sort(?: out)?|organi[sz]e|take care of))\s+(?:(?:the|our|my|all|his|her|their)\s+)?"
)
#: The object said first, then the traveller takes it on: "Hotel I'll sort out myself", "flights we'll book".
_FRONTED_MINE = (
    r"\s+(?:i'll|i will|we'll|we will|i can|we can|i'm going to|we're going to)\s+(?:just\s+)?"
    r"(?:book|sort|arrange|handle|organi[sz]e|take care of|deal with)\b(?:\s+out)?"
)
_HOTEL = r"(?:hotels?|accommodation|lodging|rooms?)"
_FLIGHT = r"(?:flights?|air(?:fare|line tickets)?|plane tickets?|tickets?)"
#: Words for ``_hotel_words._NO_HOTEL`` (no group names, lower-case words, ``re.I``).
NOT_BOUGHT_HOTEL = (
    r"\b(?:no need for (?:a |any )?(?:hotels?|rooms?|accommodation|lodging)|"
    # "the hotel has already been booked by my assistant", "lodging is included", "the room is paid"
    r"(?:hotels?|accommodation|lodging|rooms?)(?: (?!(?:until|till|while|whilst|when|once|because|since|as|so|and|but|"
    r"before|after)\b)[\w-]+){0,4}?(?: has already been| have already been|'s|’s| is| are| was| were| has been| have been)"
    r" (?:already |all )?(?:paid|provided|included)\b|"
    r"(?:hotels?|accommodation|lodging|rooms?)(?: [\w-]+){0,3}? (?:has|have) already been (?:booked|sorted|covered|handled|"
    r"arranged|organi[sz]ed|taken care of|reserved)|"
    # "hotel's on the company", "Accommodation: not needed" (a form's field)
    r"(?:hotels?|rooms?|accommodation|lodging)(?:'s|’s| is| are) on (?:the company|the client|the house|us|them|my \w+|our \w+)|"
    r"(?:hotels?|rooms?|accommodation|lodging)\s*:\s*(?:not needed|not required|none|n/?a|no\b|sorted|covered|booked)|"
    # someone else gives the beds: "the conference provides rooms", "the client is covering the hotel"
    r"\b(?!you\b|(?:please|can|could|would|pls)\b)\w+ (?:provides?|is providing|will provide|covers?|is covering|will cover|"
    r"pays? for|is paying for|will pay for) (?:the |our |my |all )?(?:hotels?|rooms?|accommodation|lodging)|"
    # the traveller takes the hotel on: "I'll sort out the hotel myself", "we'll book our own rooms"
    r"(?:i'll|i will|we'll|we will|i'm going to|we're going to|i can|we can|i'd rather)\s+(?:just\s+)?"
    r"(?:book|sort|arrange|handle|organi[sz]e|find|take care of|deal with)\s+(?:out\s+)?(?:(?:my|our|the|a)\s+)?(?:own\s+)?"
    r"(?:hotels?|accommodation|lodging|rooms?|place to stay|somewhere to stay|somewhere to sleep)"
    r"(?:\s+(?!myself|ourselves|on my own)[\w-]+){0,3}?\s+(?:myself|ourselves|on (?:my|our) own|separately|directly)|"
    r"(?:i'll|i will|we'll|we will|i'm going to|we're going to)\s+(?:book|sort|arrange|handle|organi[sz]e)\s+(?:out\s+)?"
    r"(?:my|our)\s+own\s+(?:hotels?|accommodation|lodging|rooms?)|"
    + _SOMEONE_ARRANGES
    + _HOTEL
    + "|"
    + _HOTEL
    + _FRONTED_MINE
    + r")\b"
)
#: Alternations for ``_read._NO_FLY``.
NOT_BOUGHT_FLIGHT = (
    r"\b(?:(?:i'm|i am|we're|we are) already (?:flying|booked on|ticketed)|"
    r"(?:travel|airfare|flights?|tickets?) (?:is|are|has been|have been) (?:already )?(?:booked|sorted|covered|arranged|done)|"
    # "she'll handle her own flights", "I'll book my own flights"
    r"(?:i'll|i will|we'll|we will|she'll|she will|he'll|he will|they'll|they will)\s+(?:book|handle|sort|arrange|"
    r"organi[sz]e|take care of|deal with)\s+(?:out\s+)?(?:my|our|her|his|their)\s+own\s+(?:flights?|travel|tickets?|airfare)|"
    # only the hotel is asked of the agent: "all I need from you is the hotel", "just the hotel, please"
    r"(?:all (?:i|we) need(?: from you)? is|(?:i|we) (?:just|only) need|just|only) (?:the|a) (?:hotel|room)"
    r"(?!\s+(?:and|plus|as well|too|with)\b)(?:\s+(?:side|part|booking|bit))?"
    r"(?=\s*(?:[.,;:!)—–-]|$|from you|please|this time|for now))|"
    # a flight said to be held after the fact: "I fly into Denver April 5 (already booked)", "flight's booked already"
    r"(?:fly|flying|flights?|land\w*|arriv\w*)\b[^.;!?()]{0,60}?\(\s*(?:(?:it's|it is|flights?(?:'s| is)?)\s+)?(?:already\s+)?"
    r"(?:booked|sorted|ticketed|paid|covered|arranged)\b(?:\s+[\w-]+){0,4}?\s*\)|"
    r"(?:flights?|tickets?)(?:'s|’s| is| are|'re) (?:all )?(?:booked|sorted|covered|arranged|paid for|taken care of) already|"
    # a form's field or a list's item: "Flights: not needed", "- Flights not needed", "air n/a"
    r"(?:flights?|airfare|air)\s*(?::\s*|\s+(?:are\s+|is\s+)?)(?:not needed|not required|none|n/a)(?![\w/])|"
    + _SOMEONE_ARRANGES
    + _FLIGHT
    + "|"
    + _FLIGHT
    + _FRONTED_MINE
    + r")"
)
#: Someone else's arrival, said of the guest a room is for ("a client who's flying in", "she flies in
#: Monday"): their flight is no request for one (``not_asked``).
THEIR_FLIGHT = re.compile(
    r"\b(?:who|she|he|they)(?:'s|’s|'re|’re| is| are| will be| will)?\s+(?:flying|fly|flies|landing|lands)\s+in\b",
    re.I,
)
#: The traveller says where they will be ("I'll be in Denver", "while I'm there"): no journey asked for.
WILL_BE_IN = re.compile(
    r"\b(?:i'll|i will|we'll|we will|i'm going to|we're going to|i'm gonna|i am going to|we are going to|"
    r"while (?:i'm|i am|we're|we are))\s+(?:already\s+)?be\s+in\b",
    re.I,
)


def hotel_at_home(places: list[Place], text: str, home: str | None) -> bool:
    """The only city the words name is the traveller's home, said as where to stay ("a hotel in
    Portland"), never as where to leave from ("a flight from Portland")."""
    if not home or not places or any(p.code != home for p in places):
        return False
    return all(
        not re.search(r"\b(?:from|leaving|out of)\s+$", text[max(0, p.start - 12) : p.start], re.I)
        for p in places
    ) and any(
        re.search(r"\b(?:in|at|near|around)\s+$", text[max(0, p.start - 6) : p.start], re.I) for p in places
    )


def no_hotel(pattern: str, flags: int) -> re.Pattern[str]:
    """``_read``'s no-hotel words (``pattern``) and these."""
    return re.compile(NOT_BOUGHT_HOTEL + "|" + pattern, flags)


def no_flight(pattern: str, flags: int) -> re.Pattern[str]:
    """``_read``'s no-flight words (``pattern``) and these."""
    return re.compile(NOT_BOUGHT_FLIGHT + "|" + pattern, flags)


def not_asked(asked: str, hotel: bool) -> str:
    """``asked`` without words that name a place but ask no journey: a hotel's required area ("it has
    to be in LoDo") and, when a hotel is asked, where the traveller will be ("I'll be in Denver") and a
    guest's own arrival ("for a client who's flying in")."""
    asked = without_areas(asked)
    return THEIR_FLIGHT.sub(" ", WILL_BE_IN.sub(" ", asked)) if hotel else asked


def outside_areas(places: list[Place], text: str) -> list[Place]:
    """``places`` without the names inside a required area ("has to be in LoDo", which the gazetteer
    may know as Denver's): the area names where to stay, not another stop of the journey."""
    spans = [(a, b) for a, b, _ in required_areas(text)]
    return [p for p in places if not any(a <= p.start < b for a, b in spans)]


def nights(text: str, mentions: list[Mention], roles: Roles, hotel_only: bool) -> None:
    """A hotel-only stay's nights from days listed ("Thursday and Friday") or one dated event."""
    if hotel_only:
        listed_nights(text, mentions, roles)
        event_nights(mentions, roles)


def areas(intent: TripIntent, text: str) -> None:
    """Each area a stay is required to be in (``_area``)."""
    apply_areas(intent, text)
