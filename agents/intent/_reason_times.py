"""Time limits given as reasons: the traveller says what bounds the flight, not the bound itself.

Two ways of saying it:

- when the traveller can reach the airport they leave from: "we won't be at the airport before 9am",
  "I can't get to the airport until 2pm at the earliest", "we shan't be able to reach Schiphol before
  4pm", "the earliest I can be at the airport is 10". The flight leaves after that hour
  (``depart_after``). Reaching the airport *by* an hour bounds nothing.
- an hour the traveller is held to and the travel time between it and the airport: "the front desk
  closes at 11pm and it's an hour from the airport" (the flight lands by 10pm: ``arrive_before`` the
  hour less the travel time); "I'm working till 5 and the airport is a 30 minute drive" (it leaves
  from 5:30: ``depart_after`` the hour plus the travel time). An hour with a distance and no word of
  the flight ("the museum closes at 5 and it's 20 minutes from the airport") bounds nothing unless the
  next sentence ties it to a flight ("Plan the outbound around that").

An airport named by its own name ("Schiphol", "Logan") is the one ``airportsdata`` gives that name;
it says which flight: the one leaving it, or the one landing there. A hedged sentence ("if I could")
sets no limit here. The hour is read by ``_deadlines.times_in`` (bare 1-7 in the afternoon).
"""

from __future__ import annotations

import datetime as dt
import functools
import re

from text_to_num import text2num

from agents.intent._deadlines import times_in
from agents.intent._limits import BACK_CUE, OUT_CUE
from agents.intent._model import LegIntent, TripIntent
from agents.intent._nearby import airports
from agents.intent._text import soft

__all__ = ["add_reason_times", "reason_limits"]

_PLACE = r"(?:the\s+)?(?:airport|terminal|(?P<w>[A-Z][a-z]{3,})(?:\s+(?:airport|Airport|International))?)"
_REACH = r"(?:be\s+at|get\s+(?:to|into)|reach|make\s+it\s+to|arrive\s+at|show\s+up\s+at)"
#: "won't be at the airport before 9", "can't get to the airport until 2pm", "shan't be able to reach X"
_NOT_BEFORE = re.compile(
    r"\b(?:can'?t|cannot|won'?t|shan'?t|will\s+not|not|unable\s+to|no\s+way\s+(?:I|we)\s+can)\b(?:\s+[\w']+){0,3}?\s+"
    + _REACH
    + r"\s+"
    + _PLACE
    + r"\s+(?:(?:any\s+)?(?:earlier|sooner)\s+than|before|until|till|til|prior\s+to)\s+(?P<rest>.*)",
    re.S,
)
#: "the earliest I can be at the airport is 10"
_EARLIEST = re.compile(
    r"\bearliest\s+(?:I|we)\s+(?:can|could)\s+"
    + _REACH
    + r"\s+"
    + _PLACE
    + r"\s+(?:is|would\s+be)\s+(?P<rest>.*)",
    re.S | re.I,
)
_NUM = r"(?:an?|one|half\s+an?|\d+(?:\.\d+)?|(?:twenty|thirty|forty|fifty|ten|fifteen|ninety)(?:[\s-]five)?)"
_DURATION = re.compile(
    rf"\b(?P<n>{_NUM})(?:\s+and\s+a\s+half)?\s*[\s-]?(?P<u>hours?|hrs?|minutes?|mins?)(?:'s)?\b"
    r"(?:\s+(?:\w+\s+){0,2}?(?:drive|ride|away|by\s+\w+|taxi|cab))?",
    re.I,
)
#: the travel time is between the airport and the place of the hour
_AIRPORT_NEAR = re.compile(r"\b(?:from|to|of)\s+" + _PLACE + r"|\bairport\b", re.I)
#: an hour the traveller is busy until: "working till 5", "my shift ends at 6", "done at 4"
_BUSY_UNTIL = re.compile(
    r"(?:\b(?:work\w*|shift|class\w*|school|meeting\w*|busy|stuck|office|tied\s+up|teach\w*)\b[^.;]{0,20}?"
    r"\b(?:till|until|til|to)|\b(?:finish\w*|done|off|free|end\w*|wrap\w*|over|out)\s+(?:work\s+)?(?:at|by|around))\s*$",
    re.I,
)
#: an hour the traveller must be somewhere by: "closes at 11pm", "shuts 5pm", "dinner at 7pm", "by 9"
_HELD_TO = re.compile(r"\b(?:clos\w*|shut\w*|at|by|starts?|begins?|before)\s*$", re.I)
_FLIGHT = re.compile(
    r"\b(?:flights?|fly\w*|land\w*|arriv\w*|get\s+in|outbound|inbound|return\w*|leav\w*|depart\w*|plan|"
    r"in\s+time|late|early|need|must|have\s+to|has\s+to|so|can.?t|cannot|won.?t)\b",
    re.I,
)
_SENTENCES = re.compile(r"(?<=[.!?])\s+|\n+")


def _minutes(m: re.Match[str]) -> int | None:
    n = m["n"].lower()
    if n in ("a", "an", "one"):
        v = 1.0
    elif n.startswith("half"):
        v = 0.5
    elif n[0].isdigit():
        v = float(n)
    else:
        try:
            v = float(text2num(n.replace("-", " "), "en"))
        except ValueError:
            return None
    v += 0.5 if "and a half" in m.group().lower() else 0
    return round(v * (60 if m["u"].lower().startswith("h") else 1))


def _shift(t: dt.time, minutes: int) -> dt.time | None:
    total = t.hour * 60 + t.minute + minutes
    return dt.time(total // 60, total % 60) if 0 <= total < 24 * 60 else None


def _first_time(rest: str) -> tuple[int, dt.time] | None:
    """Where in ``rest`` and which the clock time said first, right at its start."""
    found = times_in(rest[:30])
    return (found[0][0], found[0][2]) if found and found[0][0] <= 3 else None


def reason_limits(sent: str, after: str = "") -> list[tuple[str, dt.time, str | None, dt.time]]:
    """(kind, time, airport word or None, the hour said) of the limits ``sent`` gives as reasons;
    ``after`` is the next sentence (it may tie an hour and a distance to a flight)."""
    if soft(sent):
        return []
    out: list[tuple[str, dt.time, str | None, dt.time]] = []
    used: set[int] = set()  # where the hours read here are said
    for rx in (_NOT_BEFORE, _EARLIEST):
        for m in rx.finditer(sent):
            if (said := _first_time(m["rest"])) is not None:
                out.append(("depart_after", said[1], m["w"], said[1]))
                used.add(m.start("rest") + said[0])
    durations = [d for d in _DURATION.finditer(sent) if _AIRPORT_NEAR.search(sent[d.start() : d.end() + 30])
                 or _AIRPORT_NEAR.search(sent[max(0, d.start() - 30) : d.start()])]  # fmt: skip
    if len(durations) != 1 or not (_FLIGHT.search(sent) or _FLIGHT.search(after)):
        return out
    d = durations[0]
    gap = _minutes(d)
    near = _AIRPORT_NEAR.search(sent[d.start() : d.end() + 30]) or _AIRPORT_NEAR.search(
        sent[max(0, d.start() - 30) :]
    )
    word = near["w"] if near else None
    for start, _end, when, _ in times_in(sent):
        if gap is None or d.start() <= start < d.end() or start in used:
            continue
        lead = sent[max(0, start - 40) : start]
        if _BUSY_UNTIL.search(lead) and (t := _shift(when, gap)):
            return [*out, ("depart_after", t, word, when)]
        if _HELD_TO.search(lead) and (t := _shift(when, -gap)):
            return [*out, ("arrive_before", t, word, when)]
    return out


@functools.cache
def _airport_names() -> dict[str, str]:
    return {code: f"{a.get('name', '')} {a.get('city', '')}" for code, a in airports().items()}


def _leg_for(kind: str, word: str | None, sent: str, legs: list[LegIntent]) -> LegIntent:
    if word:
        for leg in legs:
            code = leg.origin if kind.startswith("depart") else leg.destination
            if code and re.search(rf"\b{re.escape(word)}\b", _airport_names().get(code, "")):
                return leg
    if len(legs) > 1 and BACK_CUE.search(sent) and not OUT_CUE.search(sent):
        return legs[-1]
    return legs[0]


def add_reason_times(intent: TripIntent, text: str) -> None:
    """Set the limits the words give as reasons on the flight each is about; a reading of the same
    words as another limit ("be at the airport" read as a landing) gives way."""
    if not intent.legs:
        return
    sents = [s for s in _SENTENCES.split(text) if s.strip()]
    for i, sent in enumerate(sents):
        for kind, when, word, hour in reason_limits(sent, sents[i + 1] if i + 1 < len(sents) else ""):
            leg = _leg_for(kind, word, sent, intent.legs)
            if kind == "depart_after":
                if leg.arrive_after == when:
                    leg.arrive_after = None  # "won't be at the airport before 9": no landing after 9
                leg.depart_after = max(when, leg.depart_after or when)
            elif leg.arrive_before == hour:
                leg.arrive_before = when  # "dinner at 7pm ... get in in time": not by 7, by 7 less the drive
            else:
                leg.arrive_before = min(when, leg.arrive_before or when)
