"""When a flight must land or may leave: Recognizers-Text reads the time, our grammar the rest.

A time limit on a flight is a time expression with a bound ("prior to 15:00", "no later than half past
two in the afternoon", "after 6 pm", "from 2pm", "by noon Friday") said of a flight's movement
(landing: "land", "arrive", "get in", "be there", "on the ground", "wheels down"; leaving: "leave",
"depart", "fly out", "take off", "wheels up", "a flight"). The library (``_recognizers``, Microsoft's
Recognizers-Text) finds the expressions and their bound (``Mod``); this module gives each one the
movement said nearest to it, turns the bound round where the words negate it ("no earlier than
10", "can't leave before 7am", "nothing departing earlier than 8:30": the library reads "earlier
than 8:30" as *before*), and reads a plain time as a bound when the words around it make it one
("the earliest I can leave is 11:30am", "8pm or later", "landing 18:00 at the latest").

What the library gets wrong or does not read, our own grammar (``_words.grammar_limits``, with
``_deadlines`` and ``_fronted_times`` behind it) still reads:

- a bare hour after a bound ("land by 2", "nothing before 8", "by 5 o'clock"): the library finds
  nothing, or 2am/5am first; our grammar reads 1-7 as the afternoon;
- an event said with its time that the traveller must make ("my 3pm talk, can't be late"), and
  "make it 11": the library finds a time with no bound, or nothing;
- "18.30", "17h", "1430 hrs" (the library finds nothing, or a duration of 1430 hours), a day between
  a refusal and its bound ("nothing on Friday before 4pm"), a deadline corrected ("by 4 - sorry, by 3");
- a part of the day said for a range ("between 7 and 10 in the morning": the library reads the
  whole morning) and any stretch that is not two clock times.
"""

from __future__ import annotations

import datetime as dt
import re

from agents.intent._recognizers import Found, datetimes
from agents.intent._words import grammar_limits

Limit = tuple[str, dt.time]
#: the day the library resolves clock times against: only the time of day is used here
_REF = dt.datetime(2027, 1, 4, 9, 0)

_ARRIVE = re.compile(
    r"\b(?:land\w*|arriv\w*|touch\w*\s+down|wheels[\s-]+down|on the ground|be\s+down|(?:be|get)\s+landed"
    r"|get(?:s|ting)?\s+(?:me\s+|us\s+|him\s+|her\s+|them\s+)?(?:in|there|home|back)\b"
    r"|(?:be|am|'m|are|'re|is)\s+(?:there|home|back)\b|(?:be|am|'m|are|'re|is)\s+in\s+(?-i:[A-Z])\w+"
    r"|get(?:s|ting)?\s+(?:me\s+|us\s+|him\s+|her\s+|them\s+)?(?:to|into)\s+(?-i:[A-Z])\w+|arrival)",
    re.I,
)
_DEPART = re.compile(
    r"\b(?:leav\w*|depart\w*|fly(?:ing)?\s+(?:out|home|back)|take\s*-?\s*off|taking\s+off|wheels[\s-]+up"
    r"|airborne|in the air|off the ground|flights?|fly|flying|planes?|outbound|go|going|board\w*"
    r"|way (?:back|out|home)|return\w*|inbound)\b",
    re.I,
)
#: a negation of the movement just before it ("can't leave", "nothing departing", "no flights")
_NEG_MOVE = re.compile(
    r"\b(?:can'?t|cannot|can not|won'?t|will not|not|don'?t|do not|never|mustn'?t|nothing|no|none of us"
    r"|no one|nobody)\b(?:\s+[\w']+){0,5}?\s*$",
    re.I,
)
#: a negation just before the bound ("no earlier than", "not later than", "not before")
_NEG_BOUND = re.compile(r"\b(?:no|not|nothing)\s*$", re.I)
_AFTER_WORDS = re.compile(r"^\s*,?\s*(?:or later|or after|onwards|and later|at the earliest)\b", re.I)
_BEFORE_WORDS = re.compile(
    r"^\s*,?\s*(?:or earlier|or before|at the (?:very )?latest|latest|tops|max)\b", re.I
)
_EARLIEST = re.compile(r"\b(?:earliest|first)\b(?:\s+[\w']+){0,6}?\s+(?:is|be|at|would be)\s*$", re.I)
_LATEST = re.compile(
    r"\b(?:latest|last)\b(?:\s+[\w']+){0,6}?\s+(?:is|be|at|would be)\s*$|\blatest\s+\w+\s*$", re.I
)
#: words between a movement and its time that belong to something else: the time is not the flight's
_OTHER = re.compile(
    r"\b(?:hotel|check-?in|check-?out|office|meeting|dinner|lunch|show|talk|class|shift)\b", re.I
)


#: a clock time in a resolution's timex ("T15", "XXXX-WXX-5T18:30"); a part of the day ("TMO": "by
#: late morning") names no clock time, and the library's hours for it are its own convention
_CLOCK_TIMEX = re.compile(r"T\d")


#: words that say a clock time; "by mid-afternoon" says none (the library makes it 14:00)
_NAMES_CLOCK = re.compile(
    r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|noon|midday|mid-day|midnight)\b",
    re.I,
)


def _clocks(f: Found) -> list[dt.time]:
    """The clock times an expression may mean: one, or an am and a pm reading."""
    out: list[dt.time] = []
    if not _NAMES_CLOCK.search(f.text):
        return out
    for v in f.values:
        if not _CLOCK_TIMEX.search(v.get("timex", "")):
            continue
        raw = (
            v.get("value")
            if f.mod is None
            else (v.get("end") if f.mod in ("before", "until") else v.get("start"))
        )
        if raw and ":" in raw:
            try:
                out.append(dt.time.fromisoformat(raw.rsplit(" ", 1)[-1]))
            except ValueError:
                continue
    return list(dict.fromkeys(out))


def _pick(clocks: list[dt.time], kind: str) -> dt.time:
    """One clock time of an am/pm pair, as ``_words`` reads a bare hour: 1-7 in the afternoon, but an
    earliest departure of 6 or 7 in the morning (flights leave from early morning on); 8-11 the morning."""
    if len(clocks) == 1:
        return clocks[0]
    am = min(clocks)
    if am.hour == 0:
        return max(clocks)  # "before 12:30": half past noon, not half past midnight
    if 1 <= am.hour <= 7 and not (kind == "depart_after" and am.hour in (6, 7)):
        return max(clocks)
    return am


#: words that end what an expression is said of before a movement said after it
_BREAK = re.compile(r"[,;:(]|\b(?:so|and|but|because|then|which|that)\b", re.I)


def _movement(clause: str, start: int, end: int) -> tuple[str, bool] | None:
    """The movement said nearest before the expression (else the nearest after it) and whether it
    is negated: ("arrive" | "depart", negated)."""
    before = clause[:start]
    best: tuple[int, str, re.Match[str]] | None = None
    for rx, side in ((_ARRIVE, "arrive"), (_DEPART, "depart")):
        for m in rx.finditer(before):
            if best is None or m.end() > best[0] or (m.end() == best[0] and side == "arrive"):
                best = (m.end(), side, m)
    if best is not None and not _OTHER.search(before[best[0] :]):
        m = best[2]
        return best[1], bool(_NEG_MOVE.search(before[max(0, m.start() - 30) : m.start()]))
    after = clause[end:]
    found = [
        (m.start(), side, m)
        for rx, side in ((_ARRIVE, "arrive"), (_DEPART, "depart"))
        for m in rx.finditer(after)
    ]
    if not found:
        return None
    at, side, m = min(found, key=lambda x: x[0])
    if at > 40 or _OTHER.search(after[:at]) or _BREAK.search(after[:at]):
        return None  # "a call until 11:30, so it can't leave before 12:30": the call's time, not the flight's
    return side, bool(_NEG_MOVE.search((before + after[:at])[-30:]))


def _bound(clause: str, f: Found) -> str | None:
    """Which way an expression bounds its movement, from the library's ``Mod`` or the words around
    a plain time: "before" | "after" | None."""
    if f.mod in ("before", "until"):
        side = "before"
    elif f.mod in ("after", "since"):
        side = "after"
    elif f.kind == "time" or f.kind == "datetime":
        rest, lead = clause[f.end :], clause[: f.start]
        if _AFTER_WORDS.match(rest) or _EARLIEST.search(lead):
            return "after"
        if _BEFORE_WORDS.match(rest) or _LATEST.search(lead):
            return "before"
        return None
    else:
        return None
    if _NEG_BOUND.search(clause[: f.start]) and re.match(
        r"(?:earlier|later|sooner|before|after)\b", f.text, re.I
    ):
        side = "after" if side == "before" else "before"  # "no earlier than 10": after 10
    return side


_RANGE = re.compile(r"^\(T\d")
#: "not leaving until after 4pm": the negation is the "until"'s, the bound stays "after"
_UNTIL = re.compile(r"\b(?:until|till|til|'til)\s*$", re.I)


def _expressions(clause: str) -> list[Found]:
    """The library's time expressions in a clause; one it runs across a comma and cannot resolve
    ("March 11 one way, on the ground no later than half past two") read again from after the comma,
    where it starts in the clause."""
    out: list[Found] = []
    for f in _recognize(clause):
        cut = max(f.text.rfind(","), f.text.rfind(";"))
        if f.values or cut < 0:
            out.append(f)
            continue
        at = f.start + cut + 1
        out += [
            Found(g.start + at, g.end + at, g.text, g.kind, g.mod, g.values) for g in _recognize(clause[at:])
        ]
    return out


def _recognize(text: str) -> list[Found]:
    """``datetimes`` of a text that may start with spaces (the library then misreads the first
    expression: " on the ground no later than half past two" resolves to nothing)."""
    at = len(text) - len(text.lstrip())
    return [
        Found(f.start + at, f.end + at, f.text, f.kind, f.mod, f.values) for f in datetimes(text[at:], _REF)
    ]


#: what makes a time the library finds in a clause the traveller's requirement of this trip's flight,
#: as our grammar requires of a limit: a need ("must", "need to", "can't", "has to", "should"), a
#: refusal or a bound said as one ("no earlier than", "nothing before", "at the latest", "the earliest
#: I can leave"), a wish ("please", "I'd like", "only"), a label ("departure window 10am to 2pm")
_NEED = re.compile(
    r"\b(?:must|mustn'?t|need\w*|ha(?:ve|s|d) to|got to|gotta|can'?t|cannot|can not|couldn'?t|won'?t"
    r"|will not|should\w*|require\w*|not|no|never|nothing|none|nobody|don'?t|do not|earliest|latest"
    r"|only|please|want\w*|(?:would|'d) (?:like|prefer|rather)|prefer\w*|ideally|window)\b|:",
    re.I,
)
#: a clause that starts with a bare verb asks for it ("Land before 3pm", "Get me there by noon")
_IMPERATIVE = re.compile(
    r"^\W*(?:and\s+|then\s+|also\s+|just\s+)?(?:land|arrive|leave|depart|fly|get|be|make|book|find"
    r"|keep|take|have|put|avoid|schedule|aim)\b",
    re.I,
)
#: a habit, a description or a remark about flights, not a requirement ("usually", "some days", "right?")
_REMARK = re.compile(
    r"\b(?:usually|typically|generally|normally|often|sometimes|some days|most days|been flying|used to)\b"
    r"|\b(?:right|correct|isn'?t it|aren'?t they|don'?t they|no)\s*\?\s*$",
    re.I,
)


#: a clause about another trip or about the booking, not about this trip's flights: a past trip ("last
#: time the flight left before 7am", "I departed at 6am once") or a deadline for booking, approving or
#: holding ("flights must be booked by 5pm today"); the library's times there are no flight limits
_NOT_THIS_FLIGHT = re.compile(
    r"\b(?:last\s+(?:time|trip|week|month|year)|once|ago|landed|departed|arrived|flew|took\s+off"
    r"|book(?:ed|ing)?|ticket(?:ed|ing)?|approv\w*|hold|held|confirm\w*|paid|pay|today)\b",
    re.I,
)


def _required(clause: str) -> bool:
    """Whether a clause says a time as the traveller's requirement of their flight (not a habit, a
    description, a question, another trip, a booking deadline or what the traveller does meanwhile:
    "I'll work until 6pm")."""
    if _REMARK.search(clause) or _NOT_THIS_FLIGHT.search(clause):
        return False
    return bool(_NEED.search(clause) or _IMPERATIVE.match(clause))


def library_limits(clause: str) -> list[Limit]:
    """The time limits a clause says, read from the library's time expressions where the clause says
    them as a requirement (``_required``); our grammar reads the rest as it always did."""
    out: list[Limit] = []
    if not _required(clause):
        return out
    for f in _expressions(clause):
        values = f.values
        if f.mod is None and f.kind == "timerange" and values and _RANGE.match(values[0].get("timex", "")):
            move = _movement(clause, f.start, f.end)  # "land between 1pm and 5pm": both bounds
            a, b = values[0].get("start", ""), values[0].get("end", "")
            if move and not move[1] and a and b:
                out += [
                    (f"{move[0]}_after", dt.time.fromisoformat(a)),
                    (f"{move[0]}_before", dt.time.fromisoformat(b)),
                ]
            continue
        side = _bound(clause, f)
        clocks = _clocks(f)
        move = _movement(clause, f.start, f.end) if side and clocks else None
        if side is None or move is None:
            continue
        if move[1] and not (side == "after" and _UNTIL.search(clause[: f.start])):
            side = "after" if side == "before" else "before"  # "can't leave before 7am": leave after 7
        kind = f"{move[0]}_{side}"
        when = _pick(clocks, kind)
        if when == dt.time(0) and side == "before":
            when = dt.time(23, 59)  # "home before midnight": by the end of that day
        out.append((kind, when))
    return list(dict.fromkeys(out))


def time_limits(clause: str) -> list[Limit]:
    """("depart_after" | "depart_before" | "arrive_after" | "arrive_before", time) said in a clause: the
    library's readings first, our grammar's for what the library does not read."""
    if _REMARK.search(clause) and not _NEED.search(clause):
        return []  # "flights after 9pm are cheaper, right?", "usually from 6 to 11 pm": no requirement
    ours = grammar_limits(clause)  # "I usually need to leave after 3pm": a need, said with a habit word
    lib = library_limits(clause)
    if not lib:
        return ours
    kinds = {k for k, _ in lib}
    times = {t for _, t in lib}
    last: dict[str, dt.time] = {}
    for k, t in lib:  # a bound said twice ("by 4pm - make that by 2pm"): the one said last
        last.pop(k, None)
        last[k] = t
    return list(last.items()) + [(k, t) for k, t in ours if k not in kinds and t not in times]
