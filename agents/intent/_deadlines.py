"""When a flight must land or may leave, read as one grammar over word classes.

A time limit on a flight is three things said together, in any order people say them:

- a **time expression**: a clock time in any of the ways it is written ("2", "2pm", "14:30",
  "18.00", "15h", "1430 hrs", "seven thirty", "eleven o'clock in the morning"), a named time
  ("noon", "midday", "lunchtime", "midnight"), or an **event said with its time** ("my 4pm
  presentation", "dinner with the client at 7", "the meeting wraps at 3");
- a **marker** that makes it a bound: a deadline ("by", "before", "no later than", "not later
  than", "at the latest", "in time for", "with time to spare for", "to make") or a floor ("after",
  "not before", "no earlier than");
- the flight's **movement**: landing ("arrive", "land", "get in", "be there", "be in", "on the
  ground", "wheels down") or leaving ("leave", "depart", "fly out", "take off", "wheels up").

An event the trip is for bounds the flight there at its start and the flight home at its end, with
no margin the words do not give, when the words say the traveller must be there for it ("need to
make it", "can't miss it", "in time for", "get in before that", "not leaving before it's over"); an
event only mentioned ("I have dinner with a friend at 7 that night") sets no limit. An event whose
flight is said to be the day before sets no time on that flight.

``deadline_limits`` reads what the older phrase readers of ``_words.grammar_limits`` miss;
``repaired_limits`` keeps the one said last of two deadlines a traveller corrects ("by 4 - sorry, by 3").
The calendar's events are ``_event_calendar``'s.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

from agents.intent._fronted_times import DAY

Limit = tuple[str, dt.time]

# --- time expressions -----------------------------------------------------------------------------
_HOUR_WORDS = "one two three four five six seven eight nine ten eleven twelve".split()
_MINUTE_WORDS = {"fifteen": 15, "thirty": 30, "forty-five": 45, "forty five": 45, "o'clock": 0, "oclock": 0}
_AP = r"a\.?m\.?|p\.?m\.?"
#: one clock time, as written: digits with am/pm, minutes ("14:30", "18.00", "9h15"), "15h",
#: "1430 hrs", hour words with their minutes, or a named time of day.
TIME = (
    r"(?:(?P<h>\d{1,2})(?:[:.h](?P<m>[0-5]\d))?(?:\s*(?P<ap>" + _AP + r"|h(?:rs?)?\b|o'?clock))?"
    r"|(?P<hhmm>[01]\d|2[0-3])(?P<mm>[0-5]\d)\s*(?:hrs?|h)\b"
    r"|(?P<hw>" + "|".join(_HOUR_WORDS) + r")(?:[\s-]+(?P<mw>" + "|".join(_MINUTE_WORDS) + r"))?"
    r"|(?P<named>noon|midday|mid-day|lunch\s?time|lunch|midnight))"
    r"(?:\s+(?P<half>(?:in the|that|this) (?:morning|afternoon|evening)|at night|tonight|that night))?"
)
_TIME_RX = re.compile(r"\b" + TIME + r"(?![\d:])", re.I)
#: words after a number that make it a count or a date, not a time of day
_NOT_CLOCK = re.compile(
    r"\s*(?:(?:st|nd|rd|th)\b|nights?|days?|weeks?|months?|hours?|minutes?|mins?|stops?|people|of\b|/|-\d"
    r"|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\w*)",
    re.I,
)


#: what may follow an hour said as a bare word and leave it a time of day: the clause ends, or a small
#: word goes on ("by two, please", "by seven at the latest", "land by one so I can"); before a noun or
#: a pronoun it counts something ("a two-day conference", "the one I can't miss", "my one meeting")
_WORD_HOUR_NEXT = re.compile(
    r"\s*(?:[,.;:!?)]|$|(?:and|or|so|at|on|in|for|to|then|but|if|because|please|sharp|latest|tops|the|that|this"
    r"|local|their|your|my|our|pm|am)\b)",
    re.I,
)


def _a_count(m: re.Match[str], text: str) -> bool:
    """A match that is a count or a day, not a time: a bare number before a noun of counting ("3
    nights", "the 10th"), or a bare hour word before anything but the end of its clause or a small word."""
    rest = text[m.end() :]
    if m.group("h") and not m.group("ap"):
        return _NOT_CLOCK.match(rest) is not None
    if m.group("hw") and not m.group("mw") and not m.group("half"):
        return _WORD_HOUR_NEXT.match(rest) is None
    return False


def clock_of(m: re.Match[str]) -> dt.time | None:
    """The time a ``TIME`` match says; a bare hour from 1 to 7 is the afternoon ("land by 2")."""
    if m.group("named"):
        return dt.time(0) if m.group("named").lower() == "midnight" else dt.time(12)
    if m.group("hhmm"):
        return dt.time(int(m.group("hhmm")), int(m.group("mm")))
    if m.group("hw"):
        h = _HOUR_WORDS.index(m.group("hw").lower()) + 1
        mins = _MINUTE_WORDS.get((m.group("mw") or "o'clock").lower(), 0)
        ap = ""
    else:
        h, mins = int(m.group("h")), int(m.group("m") or 0)
        ap = (m.group("ap") or "").lower().replace(".", "")
    half = (m.group("half") or "").lower()
    if h > 23:
        return None
    if ap in ("h", "hr", "hrs", "oclock", "o'clock"):
        ap = ""
    if ap == "pm" or (not ap and half and "morning" not in half):
        h = h + 12 if h < 12 else h
    elif ap == "am" or "morning" in half:
        h = 0 if h == 12 else h
    elif 1 <= h <= 7:
        h += 12
    return dt.time(h, mins)


def _explicit(m: re.Match[str]) -> bool:
    """Whether a time is plainly a time of day: am/pm, minutes, "15h", a word or a named time."""
    return bool(
        m.group("ap")
        or m.group("m")
        or m.group("hhmm")
        or m.group("hw")
        or m.group("named")
        or m.group("half")
    )


def times_in(text: str) -> list[tuple[int, int, dt.time, bool]]:
    """(start, end, time, explicit) of every clock time said in ``text``."""
    out = []
    for m in _TIME_RX.finditer(text):
        if _a_count(m, text):
            continue  # "the 10th", "3 nights", "4/12", "a two-day conference": a day or a count
        if (when := clock_of(m)) is not None:
            out.append((m.start(), m.end(), when, _explicit(m)))
    return out


# --- movements and markers ------------------------------------------------------------------------
_ARRIVE = (
    r"(?:land\w*|arriv\w*|touch\w* down|wheels[\s-]+down|on the ground|get(?:s|ting)?\s+(?:me\s+|us\s+)?(?:in|there|home|back)"
    r"|(?:be|am|'m|are|'re|is)\s+(?:there|in|home|back|at\s+(?:the\s+)?\w+)|^\s*in"
    r"|get(?:s|ting)?\s+(?:me\s+|us\s+)?(?:to|into)\s+(?!the\b|my\b|our\b|work\b)\w+)"
)
_DEPART = (
    r"(?:leav\w*|depart\w*|fly(?:ing)?\s+out|take\s+off|taking\s+off|wheels[\s-]+up|airborne|in the air)"
)
_DEADLINE = r"(?:by|before|no later than|not later than|latest|at the latest)"
_GAP = r"(?:\s+(?!by\b|before\b|after\b|no\b|not\b)[\w'.-]+){0,4}?"
#: a day said between the marker and the time: "by Thursday at noon", "before Fri 5 Feb, 3pm"
_DAY_FIRST = r"(?:" + DAY + r"\s*,?\s+)?"
_ARRIVE_BY = re.compile(
    r"\b" + _ARRIVE + _GAP + r"\s+" + _DEADLINE + r"\s+" + _DAY_FIRST + r"(?:at\s+)?(?=\S)", re.I
)
#: what a traveller leaves that is no airport ("leave the hotel by 11", "leave work by 5")
_GROUND = r"(?!(?:\s+[\w'.-]+){0,3}?\s+(?:hotel|room|office|work|house|apartment|flat|place|meeting)\b)"
_DEPART_BY = re.compile(
    r"\b" + _DEPART + _GROUND + _GAP + r"\s+(?:by|before|no later than|not later than)\s+(?:at\s+)?(?=\S)",
    re.I,
)
#: a negation just before the movement ("can't leave before", "won't be landing by")
_NEGATED = re.compile(
    r"\b(?:can'?t|cannot|can not|won'?t|will not|not|don'?t|do not|never|mustn'?t)\b(?:\s+\w+){0,2}\s*$", re.I
)
_TIME_LATEST = re.compile(r"^\s*,?\s*(?:at the latest|latest|tops|or earlier|max)\b", re.I)


def _time_at(text: str, at: int) -> tuple[dt.time, bool, int] | None:
    """The clock time said right at ``at`` (time, explicit, its end)."""
    m = _TIME_RX.match(text, at)
    if not m or _a_count(m, text):
        return None
    when = clock_of(m)
    return (when, _explicit(m), m.end()) if when is not None else None


#: a deadline said by the marker alone: "in time for 2pm", "with time to spare before 4"
_IN_TIME_FOR = re.compile(
    r"\b(?:in time for|with time to spare (?:for|before))\s+(?:(?:a|an|my|the|our|his|her|their)\s+)?(?=\d|noon)",
    re.I,
)


#: the deadline said first: "By Friday 5 Feb at 3pm I need to be back home", "by 6pm Sunday we have to be home"
_FRONTED = re.compile(
    r"\b(?:by|before|no later than)\s+" + _DAY_FIRST + r"(?:at\s+)?(?=\d|noon|midnight)", re.I
)
_FRONTED_REST = re.compile(
    r"(?:\s+(?:on\s+)?"
    + DAY
    + r")?\s*,?\s+(?:I|we)\s+(?:\w+\s+){0,3}?(?:be|get|land|arrive)\s+(?:back|home|there|in)\b",
    re.I,
)


def _movement_limits(clause: str) -> list[tuple[str, dt.time]]:
    out: list[tuple[str, dt.time]] = []
    for m in _FRONTED.finditer(clause):
        said = _time_at(clause, m.end())
        if said is not None and said[1] and _FRONTED_REST.match(clause, said[2]):
            out.append(("arrive_before", said[0]))
    for m in _IN_TIME_FOR.finditer(clause):
        if (said := _time_at(clause, m.end())) is not None and said[1]:
            out.append(("arrive_before", said[0]))
    for rx, kind in ((_ARRIVE_BY, "arrive_before"), (_DEPART_BY, "depart_before")):
        for m in rx.finditer(clause):
            if (said := _time_at(clause, m.end())) is None:
                continue
            if _NEGATED.search(clause[max(0, m.start() - 25) : m.start()]):
                # "I can't leave before 4pm": the bound turns round; "won't land by 9": no bound said
                if re.search(r"\bbefore\b", m.group(0), re.I):
                    out.append((kind.replace("before", "after"), said[0]))
                continue
            out.append((kind, said[0]))
    # "landing 18.00 at the latest": a movement, then a time and an open end
    for m in re.finditer(r"\b" + _ARRIVE + r"(?:\s+[\w']+){0,3}?\s+(?=\d)", clause, re.I):
        said = _time_at(clause, m.end())
        if said and said[1] and _TIME_LATEST.match(clause[said[2] :]):
            out.append(("arrive_before", said[0]))
    return out


# --- events said with their time ------------------------------------------------------------------
_EVENT = (
    r"(?:meeting|presentation|talk|keynote|panel|interview|appointment|kick-?off|workshop|dinner|lunch|"
    r"breakfast|wedding|rehearsal|ceremony|conference|offsite|off-site|summit|session|class|demo|pitch|"
    r"reception|party|show|game|concert|recital|briefing|review|training|exam|event|service|funeral|"
    r"standup|stand-up|seminar|lecture|hearing|surgery|check-?up|shift|call)s?"
)
_START_VERB = r"(?:starts?|begins?|kicks? off|is|'s|at|from|opens?)"
_END_VERB = r"(?:wraps?(?:\s+up)?|ends?|finish(?:es)?|is over|'s over|runs? (?:until|till|to)|goes (?:until|till)|lets out)"
#: "my 4pm presentation", "a 10am interview", "a 2 pm sharp appointment", "I have a 10am"
_TIMED_EVENT = re.compile(
    r"\b(?:my|a|an|the|our|his|her|their|that)\s+(?=\d|noon|" + "|".join(_HOUR_WORDS) + r")", re.I
)
_EVENT_THEN_TIME = re.compile(
    r"\b"
    + _EVENT
    + r"\b(?P<mid>(?:\s+(?!by\b|before\b|after\b)[\w'.,-]+){0,6}?)\s+(?P<verb>"
    + _START_VERB
    + r"|"
    + _END_VERB
    + r")"
    r"\s+(?:at\s+)?(?:(?:like|around|about|roughly|approx\.?)\s+)?(?=\d|noon|midday|"
    + "|".join(_HOUR_WORDS)
    + r")",
    re.I,
)
_PRESENTING = re.compile(
    r"\b(?:presenting|speaking|on stage|performing|teaching|testifying|pitching)\s+(?:at\s+)?(?=\d)", re.I
)


def event_times(clause: str) -> list[tuple[str, dt.time]]:
    """("start" | "end", time) of each event said with its time in a clause."""
    out: list[tuple[str, dt.time]] = []
    for m in _TIMED_EVENT.finditer(clause):
        said = _time_at(clause, m.end())
        if said is None or not said[1]:
            continue
        after = clause[said[2] : said[2] + 40]
        if re.match(r"\s*(?:sharp\s+)?(?:[\w-]+\s+){0,2}?" + _EVENT + r"\b", after, re.I) or re.match(
            r"\s*(?:sharp)?\s*(?:[,.;)!?]|$)", after
        ):
            out.append(("start", said[0]))
    for m in _EVENT_THEN_TIME.finditer(clause):
        said = _time_at(clause, m.end())
        if said is None:
            continue
        verb = m.group("verb").lower()
        out.append(("end" if re.match(_END_VERB, verb, re.I) else "start", said[0]))
    for m in _PRESENTING.finditer(clause):
        if (said := _time_at(clause, m.end())) is not None:
            out.append(("start", said[0]))
    return out


#: words that the traveller must be there for the event: the flight there lands before it starts
MUST_MAKE = re.compile(
    r"\b(?:in time(?: for)?|with time to spare|(?:need|have|got|has|must|want)\s+to\s+make|to make it"
    r"|make it(?=\s+(?:to|for|there|in time|on time|back)\b|\s*(?:[,.;!?]|$))"
    r"|can'?t miss|cannot miss|can not miss|mustn'?t miss|must not miss|don'?t make me late|not be late|can'?t be late"
    r"|(?:be|get|gets|getting|arrive|land)\s+(?:\w+\s+)?(?:there|in)\s+(?:\w+\s+)?(?:for it|before (?:that|then|it))"
    r"|before (?:that|then|it starts|it begins)|(?:need|have|must)\s+to\s+be\s+there\s+for"
    r"|(?:be|get|gets)\s+(?:me\s+)?there for)\b",
    re.I,
)
#: words that the traveller stays to its end: the flight home leaves after it ends
_STAY_TO_END = re.compile(
    r"\b(?:(?:can'?t|cannot|can not|won'?t|not|don'?t|no|nothing)\s+(?:\w+\s+){0,2}?(?:leav\w*|go\w*|fly\w*|depart\w*|flights?)"
    r"(?:\s+\w+)?\s+(?:before|until|till)|(?:leav\w*|depart\w*|fly\w*)\s+(?:\w+\s+)?after)\b",
    re.I,
)
#: the flight to the event is said to be on another day: no time on it
_OTHER_DAY = re.compile(
    r"\b(?:the\s+)?(?:day|night|evening|afternoon|morning)\s+before\b|\bthe previous (?:day|night|evening)\b|\bthe eve\b",
    re.I,
)


def _event_limits(clause: str) -> list[tuple[str, dt.time]]:
    events = event_times(clause)
    if not events:
        return []
    out: list[tuple[str, dt.time]] = []
    starts = [t for e, t in events if e == "start"]
    ends = [t for e, t in events if e == "end"]
    if ends and _STAY_TO_END.search(clause):
        out.append(("depart_after", ends[0]))
    elif starts and MUST_MAKE.search(clause) and not _OTHER_DAY.search(clause):
        out.append(("arrive_before", starts[0]))
    return out


def deadline_limits(clause: str) -> list[tuple[str, dt.time]]:
    """The time limits a clause says by the grammar above: a movement with a marker and a time, or
    an event said with its time that the traveller must make (or stay to the end of)."""
    return list(dict.fromkeys(_movement_limits(clause))) or _event_limits(clause)


_REPAIR = re.compile(
    r"(?:\bsorry\b|\bno\b,|\bactually\b|\bI mean\b|\bmake (?:that|it)\b|\bcorrection\b|\bscratch that\b)"
    r"[\s,:-]*(?:\w+\s+){0,3}?(?P<m>not before|no earlier than|no later than|by|before|after)\s+(?:at\s+)?(?=\S)",
    re.I,
)


def repaired_limits(clause: str, said: list[tuple[str, dt.time]]) -> list[tuple[str, dt.time]]:
    """The limits of a clause with a deadline the traveller corrects ("land by 4 - sorry, by 3"):
    the bound said after the repair replaces the one of the same side said before it."""
    if not said:
        return said
    repairs = list(_REPAIR.finditer(clause))
    if not repairs:
        return said
    m = repairs[-1]
    new = _time_at(clause, m.end())
    if new is None:
        return said
    side = "after" if m.group("m").lower() in ("after", "not before", "no earlier than") else "before"
    hits = [k for k, _ in said if k.endswith(side)]
    if len(set(hits)) != 1:
        return said
    return [(k, new[0] if k.endswith(side) else t) for k, t in said]


def event_said_before(before: str, clause: str, limits: Callable[[str], list[Limit]]) -> str:
    """``clause`` read with the clause ``before`` it when it says the traveller must make an event it
    does not time and that clause times one ("a 2 pm appointment in Atlanta on May 11; I must get
    there for it"), and neither says a time limit of its own (``limits``: ``_time_reader.time_limits``, which
    falls back on this module); else ``clause``."""
    if not MUST_MAKE.search(clause) or event_times(clause) or not event_times(before):
        return clause
    return clause if limits(clause) or limits(before) else f"{before} {clause}"
