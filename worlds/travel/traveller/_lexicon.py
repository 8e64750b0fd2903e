"""What the simulated traveller recognises: the topics, the words of each, and the built-in defaults.

A question's topics are read from these entries (``_match``); an old-format fact's topic is inferred
from its ``match`` words with the same table. An entry is a word or a phrase of several words, written
as the tokens are normalised (lower case, accents and apostrophes dropped: "don't" -> "dont", "non-stop"
-> "non stop"). Every entry belongs to exactly one topic; a phrase wins over the single words inside it
("business trip" is purpose, "business" alone is flights). ``other`` has no words: a fact about
something else is found by its own ``match`` words only.
"""

from __future__ import annotations

from typing import Literal, get_args

Topic = Literal[
    "dates",
    "destination",
    "origin",
    "travelers",
    "rooms",
    "budget",
    "hotel",
    "flights",
    "airline",
    "preferences",
    "purpose",
    "other",
]
TOPICS: tuple[Topic, ...] = get_args(Topic)


def _entries(text: str) -> tuple[str, ...]:
    """``"date, dates, which day"`` -> ``("date", "dates", "which day")``."""
    return tuple(e.strip() for e in text.split(",") if e.strip())


#: The words and phrases of each topic (a phrase's tokens separated by single spaces).
LEXICON: dict[Topic, tuple[str, ...]] = {
    "dates": _entries(
        "date, dates, when, day, days, which day, what day, leave, leaving, depart, departing, "
        "return, returning, back, fly back, come back, coming back, get back, go back, fly home, "
        "come home, coming home, go home, get home, how long, nights, week, weeks, weekend, month, "
        "months, tomorrow, tonight, earlier, later, earliest, latest, flexible, schedule, "
        "length of stay, until, monday, tuesday, wednesday, thursday, friday, saturday, sunday, "
        "weekday, weekdays, january, february, march, april, may, june, july, august, september, "
        "october, november, december"
    ),
    "destination": _entries(
        "where, where to, destination, destinations, city, cities, which city, country, "
        "countries, place, places, visit, visiting, somewhere, abroad, where are you going, "
        "where would you like to go, where do you want to go"
    ),
    "origin": _entries(
        "origin, from where, where from, fly from, flying from, leave from, leaving from, "
        "depart from, departing from, travel from, travelling from, traveling from, start from, "
        "starting from, airport, airports, which airport, home airport, home"
    ),
    "travelers": _entries(
        "who, people, person, persons, passenger, passengers, traveller, travellers, traveler, "
        "travelers, travelling, traveling, adult, adults, child, children, kid, kids, baby, "
        "babies, infant, infants, age, ages, how old, party, family, companion, companions, "
        "partner, spouse, wife, husband, alone, solo, anyone, anybody, coming with, with you, "
        "join, joining, group, how many of you"
    ),
    "rooms": _entries(
        "room, rooms, bed, beds, bedroom, bedrooms, double, twin, single, share, sharing, king, "
        "queen, cot, crib"
    ),
    "budget": _entries(
        "budget, budgets, spend, spending, spent, cost, costs, price, prices, pricing, money, afford, "
        "limit, cap, maximum, max, expensive, cheap, cheaper, cheapest, dollar, dollars, total, "
        "allowance, how much, pay, pays, paying, fare, fares, stretch, per night, a night, "
        "price range"
    ),
    "hotel": _entries(
        "hotel, hotels, accommodation, accommodations, lodging, stay, staying, where to stay, "
        "where will you stay, where are you staying, where do you want to stay, "
        "where would you like to stay, place to stay, night, neighbourhood, neighbourhoods, "
        "neighborhood, neighborhoods, area, areas, location, near, nearby, close to, central, "
        "district, star, stars, quiet, noise, noisy, breakfast, gym, pool, spa, amenities, "
        "amenity, wifi, parking, resort, suite, suites, address, walk, walking"
    ),
    "flights": _entries(
        "flight, flights, fly, flying, plane, cabin, class, economy, business, premium, "
        "first class, seat, seats, aisle, window, nonstop, non stop, direct, stop, stops, "
        "stopover, connection, connections, connecting, layover, layovers, overnight, red eye, "
        "redeye, morning, afternoon, evening, early, late, time, times, what time, arrive, "
        "arrival, arriving, land, landing, baggage, bag, bags, luggage"
    ),
    "airline": _entries("airline, airlines, carrier, carriers, loyalty, frequent flyer, miles, alliance"),
    "preferences": _entries(
        "prefer, preferred, preference, preferences, favourite, favorite, priority, priorities, "
        "important, matter, matters, care, rather, wish, wishes, requirement, requirements, "
        "must have, avoid, refund, refunds, refundable, cancel, cancelled, canceled, cancellation, "
        "cancellable, free cancellation"
    ),
    "purpose": _entries(
        "purpose, why, reason, occasion, what for, meeting, meetings, conference, for work, "
        "work trip, business trip, holiday, vacation, leisure, wedding, event"
    ),
    "other": (),
}

#: What the traveller says when asked about a topic none of their facts covers (``traveler.defaults``
#: overrides each). Written for a traveller who has not decided, never "use your judgement" for the
#: trip's dates or destination. ``travelers`` is worked out from the party (``travelers_default``);
#: ``other`` has none: the scenario's ``unknown_answer`` is the last resort.
BUILTIN_DEFAULTS: dict[Topic, str] = {
    "dates": "I'm not sure yet; what would you suggest?",
    "destination": "I haven't decided where yet; what would you suggest?",
    "origin": "From my home airport.",
    "rooms": "I haven't thought about the rooms; what would you suggest?",
    "budget": "I haven't set a figure beyond what I told you; please keep it reasonable.",
    "hotel": "Nothing special about the hotel; somewhere comfortable and well placed.",
    "flights": "No particular wishes about the flights beyond what I said.",
    "airline": "I don't mind which airline.",
    "preferences": "Nothing more than what I told you.",
    "purpose": "I'd rather not go into that; it shouldn't change the booking.",
}


def travelers_default(party: list[str]) -> str:
    """The built-in answer to "who is travelling?": the party from the traveller's profile."""
    if not party:
        return "Just me."
    people = ["me", *party]
    return f"The {len(people)} of us: {', '.join(people[:-1])} and {people[-1]}."
