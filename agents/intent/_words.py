"""Words that are not days or places: the party, rooms, money, hard limits and soft wishes.

The readers live in their own modules (``_text``: number words and hedges; ``_party``: who travels
and the rooms; ``_money``: what the trip may cost); this module keeps the times a flight must keep
("land by 6pm", "depart between 6 and 9am") and the amenities a hotel should have, and gives every
reader of words one place to import them from.
"""

from __future__ import annotations

import datetime as dt
import re

from agents.intent._money import Money, money
from agents.intent._party import Party, party
from agents.intent._rooms import rooms
from agents.intent._text import digits, soft

__all__ = [
    "AMENITIES",
    "AMENITY_RX",
    "Money",
    "Party",
    "clock",
    "digits",
    "money",
    "party",
    "rooms",
    "soft",
    "grammar_limits",
]


# --- times ----------------------------------------------------------------------------------------
_TIME = re.compile(
    r"\b(?P<h>\d{1,2})(?:[:.](?P<m>[0-5]\d))?\s*(?P<ap>a\.?m\.?|p\.?m\.?)?(?!\d)|\b(?P<word>noon|midnight)\b",
    re.I,
)


def clock(m: re.Match[str], pm_default: bool = False) -> dt.time | None:
    if m.group("word"):
        return dt.time(12) if m.group("word").lower() == "noon" else dt.time(0)
    h, mins = int(m.group("h")), int(m.group("m") or 0)
    ap = (m.group("ap") or "").lower().replace(".", "")
    if h > 23 or mins > 59:
        return None
    if ap == "pm" and h < 12:
        h += 12
    elif ap == "am" and h == 12:
        h = 0
    elif not ap and pm_default and 1 <= h <= 7:
        h += 12
    return dt.time(h, mins)


_NEG = r"(?:can't|cannot|can not|won't|not|don't want to|don't|do not|no|nothing|never|mustn't|nobody|no one|none of us)"
_GO = r"(?:leav\w*|go|going|depart\w*|fly|flying|flights?|take off|taking off|out|(?:get\w* on|board\w*(?: on)?) (?:a|the|any) planes?)"
_ARRIVE = r"(?:land\w*|arriv\w*|get(?:s|ting)? (?:(?:me|us) )?(?:in|there|home|back)|be (?:back|home)|touch\w* down|on the ground)"
_LIMIT = re.compile(
    # a negated departure "before" ("can't take anything leaving before 9", "nothing before 10am")
    r"(?P<da>"
    + _NEG
    + r"\s+(?:\w+\s+){0,3}?"
    + _GO
    + r"(?:\s+\w+)?\s+(?:before|earlier than|(?:until|till|til) after|until|till)"
    r"|nothing\s+(?:before|earlier than)|no earlier than|not (?:before|earlier than)|leav\w+ after|depart\w* after|must leave after|after"
    r"|earliest (?:I|we) (?:can|could) (?:leave|fly|go|depart|get away)(?:\s+(?:is|would be|will be))?(?:\s+(?:at|around))?"
    r"|(?:earliest|first)\s+(?:departure|take-?off)(?:\s+(?:time|is|at|of))*)\b"
    # a negated "after" is a bound the other way ("can't land after 9pm" = land by 9pm)
    r"|(?P<ab>" + _NEG + r"\s+(?:\w+\s+){0,3}?" + _ARRIVE + r"(?:\s+\w+)?\s+(?:after|later than)"
    r"|(?:gets?|getting) (?:me|us) (?:in|there|home)(?:\s+\w+)?\s+(?:by|before|no later than)|be on the ground\s+(?:by|before)"
    r"|(?:land(?:s|ed|ing)?|arriv(?:e|ed|es|ing|al)|be (?:home|back|there|in \w+|at (?:the|my|our) (?!airport)\w+)|gets? (?:in|there|home))"
    r"(?:\s+(?:in|at|into)\s+\w+(?:\s+[A-Z]\w+)?)?(?:\s+(?:on|this|next)\s+\w+(?:\s+(?:the\s+)?\d{1,2}(?:st|nd|rd|th)?)?)?"
    r"\s+(?:by|before|no later than)|no later than|(?:latest|last)\s+(?:arrival|landing)(?:\s+(?:time|is|at|of))*)"
    r"|(?P<db>" + _NEG + r"\s+(?:\w+\s+){0,3}?" + _GO + r"(?:\s+\w+)?\s+(?:after|later than)"
    r"|(?:leav(?:e|es|ing)|depart\w*)\s+(?:by|before|no later than)|nothing\s+(?:after|later than)"
    r"|(?:in the air|airborne|wheels up|off the ground)\s+(?:by|before|no later than)|(?:latest|last)\s+(?:departure|take-?off)(?:\s+(?:time|is|at|of))*)"
    r"|(?P<aa>(?:land|arrive)\s+after|(?:earliest|first)\s+(?:arrival|landing)(?:\s+(?:time|is|at|of))*)",
    re.I,
)
_BETWEEN = re.compile(
    r"\b(?:(?P<arr>"
    + _ARRIVE
    + r")\s+|"
    + _GO
    + r"\s+)?(?:\w+\s+)?between\s+(?P<a>[\w:.]+(?:\s*[ap]\.?m\.?)?)\s+and\s+"
    r"(?P<b>[\w:.]+(?:\s*[ap]\.?m\.?)?)(?P<half>\s+in the (?:morning|afternoon|evening))?",
    re.I,
)


_HOURS = {
    w: i for i, w in enumerate("one two three four five six seven eight nine ten eleven twelve".split(), 1)
}
_HOUR_WORD = re.compile(
    r"\b(?P<p>by|before|after|than|at) ("
    + "|".join(_HOURS)
    + r")\b(?=\s*(?:o'clock|am|pm|a\.m\.|p\.m\.|in the|at night|[,.;!?)]|$|\s+(?:and|or|but|so|please|latest|sharp|tops)\b))",
    re.I,
)


#: A negation right before a bare "after" ("..., not after 9", "never after midnight").
_NEG_BEFORE = re.compile(r"\b(?:not|never|no|nothing)\s*$", re.I)


#: Words after a number that make it a count, not a time of day ("after 2 nights", "before 3 days").
_NOT_CLOCK = re.compile(
    r"\s*(?:nights?|days?|weeks?|months?|hours?|hrs?|minutes?|mins?|stops?|connections?|people|persons?|"
    r"travell?ers?|passengers?|adults?|kids?|children|rooms?|bags?|dollars|bucks|usd|k\b|%)",
    re.I,
)


def grammar_limits(clause: str) -> list[tuple[str, dt.time]]:
    """("depart_after" | "arrive_before" | ..., time) said in a clause, by our own grammar (the reader's
    time limits are ``_time_reader.time_limits``: the library first, this for what it misses)."""
    out = _between(clause)
    if out:
        return out
    clause = _HOUR_WORD.sub(
        lambda h: f"{h.group('p')} {_HOURS[h.group(2).lower()]}", clause
    )  # "land by six" -> "land by 6"
    if _FLIGHT_WORDS.search(clause):  # "can't leave until after lunch", "land by midday": noon
        clause = _MEAL.sub(lambda h: f"{h.group(1)} noon", clause)
    for m in _LIMIT.finditer(clause):
        rest = clause[m.end() : m.end() + 40].lstrip()
        tm = _TIME.match(rest)
        if tm and _NOT_CLOCK.match(rest[tm.end() :]):
            continue  # "flying home after 2 nights": a count, not a time of day
        said = bool(tm and (tm.group("ap") or tm.group("m") or tm.group("word")))
        part = (
            re.match(
                r"\s*(?:o'clock\s+)?(in the morning|in the afternoon|in the evening|at night)\b",
                rest[tm.end() :],
                re.I,
            )
            if tm
            else None
        )
        if tm and part and not said and tm.group("h"):  # "3 in the afternoon" is 15:00
            half = "am" if "morning" in part.group(1).lower() else "pm"
            tm, said = _TIME.match(f"{tm.group('h')}:00{half}"), True
        if not tm or not (
            said
            or m.group("da")
            or (m.group("ab") and tm.group("h") and re.search(_ARRIVE + r"|\bbe\b", m.group(0), re.I))
        ):
            continue  # a bare hour is a time after "leave after" or "land by" ("must land by 6"), not after "by" alone
        if m.group("da") and m.group("da").lower() == "after" and not tm.group("ap") and not tm.group("word"):
            if not re.search(
                r"\b(leav|depart|fly|flight|anything|something)\w*\b|\bhome\s*$",  # "something home after 6"
                clause[max(0, m.start() - 30) : m.start()],
                re.I,
            ):
                continue
        kind = next(k for k in ("da", "ab", "db", "aa") if m.group(k))
        kind = _bound_of_pair(kind, m, clause, out)
        if kind == "da" and m.group(0).lower() == "after" and _NEG_BEFORE.search(clause[: m.start()]):
            # "be home Sunday night, not after midnight": a negated "after" is a deadline, on the
            # landing when the clause is about arriving
            kind = "ab" if re.search(_ARRIVE, clause[: m.start()], re.I) else "db"
        # a bare hour is the afternoon ("land by 6"), but an earliest departure of 6 or 7 is the
        # morning ("nothing leaving before 7:30"): flights leave from early morning on
        morning = kind == "da" and tm.group("h") and int(tm.group("h")) in (6, 7)
        when = clock(
            tm, pm_default=not morning or bool(re.search(r"\b(tonight|evening|night)\b", clause, re.I))
        )
        if when is None:
            continue
        if when == dt.time(0) and kind in ("ab", "db"):
            when = dt.time(23, 59)  # "land before midnight": by the end of that day, not before it starts
        out.append(
            (
                {"da": "depart_after", "ab": "arrive_before", "db": "depart_before", "aa": "arrive_after"}[
                    kind
                ],
                when,
            )
        )
    from agents.intent._deadlines import deadline_limits, repaired_limits  # one grammar of deadlines

    if out:
        return repaired_limits(clause, out)
    from agents.intent._fronted_times import fronted_limits  # it reads the words of this module's times

    return fronted_limits(clause) or deadline_limits(clause)


_MEAL = re.compile(r"\b(by|before|after|until|till|than)\s+(?:midday|mid-day|lunch\s?time|lunch)\b", re.I)


def _bound_of_pair(kind: str, m: re.Match[str], clause: str, said: list[tuple[str, dt.time]]) -> str:
    """The bound a second limit of a pair sets: "can't leave before 10 or after 3" (the refusal holds
    for both: leave by 3), "leaving no earlier than 10 and no later than 3pm" (a departure's latest,
    not a landing's)."""
    words, before = m.group(0).lower(), clause[: m.start()]
    if (
        kind == "da"
        and words == "after"
        and re.search(r"\bor\s*$", before)
        and any(k == "depart_after" for k, _ in said)
    ):
        return "db"
    verbs = re.findall(r"\b(leav|depart|land|arriv)\w*", before, re.I)
    if kind == "ab" and words == "no later than" and verbs and verbs[-1].lower() in ("leav", "depart"):
        return "db"
    return kind


_FLIGHT_WORDS = re.compile(
    r"\b(?:fly\w*|flights?|leav\w*|depart\w*|land\w*|arriv\w*|out|back|home|return\w*|take ?off)\b", re.I
)


def _between(clause: str) -> list[tuple[str, dt.time]]:
    """ "depart between 6 and 9am", "land between noon and 3pm": both bounds; the second's am/pm holds
    for the first when the first has none."""
    m = _BETWEEN.search(clause)
    if not m:
        return []
    b_text = m.group("b").strip().removesuffix(".")
    if m.group("half") and not re.search(r"[ap]\.?m", b_text, re.I):  # "between 7 and 10 in the morning"
        b_text += "am" if "morning" in m.group("half").lower() else "pm"
    a, b = _TIME.fullmatch(m.group("a").strip()), _TIME.fullmatch(b_text)
    if not a or not b or not (b.group("ap") or b.group("word") or b.group("m")):
        return []
    end = clock(b, pm_default=True)
    start = clock(a) if a.group("ap") or a.group("word") else None
    if start is None and end is not None and a.group("h"):
        start = clock(_TIME.fullmatch(a.group("h") + (b.group("ap") or "")) or a, pm_default=True)
        if start is not None and start > end:  # "between 11 and 2pm": 11 in the morning
            start = dt.time(start.hour - 12, start.minute) if start.hour >= 12 else start
    if start is None or end is None:
        return []
    side = "arrive" if m.group("arr") else "depart"
    return [(f"{side}_after", start), (f"{side}_before", end)]


AMENITIES: dict[str, str] = {
    "gym": r"gym|fitness|workout", "pool": r"pool|swimming", "spa": r"spa", "breakfast": r"(?<!client )(?<!working )(?<!business )(?<!team )(?<!power )breakfast(?!\s+(?:meeting|meet-?up|briefing|with))",
    "wifi": r"wi-?fi|internet", "parking": r"parking|park the car|(?:somewhere|place|space|spot) to park|garage", "airport-shuttle": r"airport shuttle|shuttle",
    "business-centre": r"business cent(?:re|er)", "restaurant": r"restaurant", "bar": r"bar",
    "pet-friendly": r"(?:pet|dog)[\s-]?friendly|(?:pets?|dogs?|cats?) (?:are |must be |need to be |should be )?(?:allowed|welcome)|allows? (?:dogs?|pets?|cats?)|(?:the|my|our) dog|(?:the|my|our) cat", "kitchen": r"kitchen\w*",
    "crib": r"crib|cot", "accessible": r"accessible|wheelchair|step-free",
}  # fmt: skip
AMENITY_RX = {k: re.compile(r"\b(?:" + v + r")\b", re.I) for k, v in AMENITIES.items()}
