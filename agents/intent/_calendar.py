"""Days read from the traveller's calendar: "the day after my dentist appointment", "fly in the day it
starts, out the day after it ends", "two days before the offsite starts", "the Friday before it",
"until it ends", "back once it's over", "Friday's board meeting". A date rule (an event, which end of it, an offset in days
or a weekday) is resolved against the calendar entries the agent has (``ReadContext.calendar``);
"it" is the event a rule named before, else the entry the words name best, leaving out where it is
written ("the workshop on my calendar"); an event named only by its kind ("my meeting there", "the
thing in New York") is the one entry held in a city the request names."""

from __future__ import annotations

import datetime as dt
import re

from rapidfuzz import fuzz, utils

from agents.intent._dates import Mention
from agents.intent._model import CalendarEntry, ReadContext

_WDS = r"monday|tuesday|wednesday|thursday|friday|saturday|sunday"
_RULE = re.compile(
    r"\b(?:(?P<off>(?P<n>\d+|a|one|two|three|four|five|six|seven|a couple of)\s+days?\s+(?P<dir>before|after|prior to)"
    r"|the (?:day|night|morning|evening) (?P<dir1>before|after)|the (?P<wd>"
    + _WDS
    + r") (?P<dir2>before|after))"
    r"|(?P<on>the day|the morning|the evening|the night|from the day|for the whole of|in time for|until|till"
    r"|for the duration of|for|during|throughout"
    r"|when|once|as soon as|(?:straight |right |just )?after(?=\s+it\b)"
    r"|(?:" + _WDS + r")'s))\s+"
    r"(?:of\s+)?(?:(?:my|the|our|her|his|this|that)\s+)?(?P<what>[\w'&\- ]{2,40}?)\s*"
    r"(?P<edge>starts|begins|opens|kicks off|gets going|commences|ends|finishes up|finishes|wraps up|wraps"
    r"|winds up|winds down|concludes|closes|breaks up|is over|'s over|is done|'s done|is finished|'s finished)?\b"
    r"(?=[,.;:!?]|\s*[(\u2014\u2013]|\s+-\s|\s+(?:and|then|back|home|out|one|,|plus|for|with|i|so|please|to|checking|returning|coming|until|till|on)\b|$)",
    re.I,
)
_START_EDGE = ("starts", "begins", "opens", "kicks off", "gets going", "commences")
#: "the Friday before and ...", "back the day after.": a day counted from an event left unsaid, the one
#: the request names (see ``_named_event``); only when nothing follows that could be the event's name
_ELLIPTIC = re.compile(
    r"\bthe (?:(?:day|night|morning|evening)|(?P<wd>" + _WDS + r")) (?P<dir>before|after)"
    r"(?=\s*(?:[,.;!?()]|$)|\s+(?:and|then|so|to|as|but|plus|or|too|please|if)\b)",
    re.I,
)
#: A hotel "for" or "during" an event covers its nights; flights "for" it name no day.
_SPAN = ("for the whole of", "for the duration of", "for", "during", "throughout")
_STAY = re.compile(r"\b(hotels?|stay|rooms?|accommodation|crash|sleep|bed|lodging|put (?:me|us) up)\b", re.I)
_COUNT = {
    "a": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "a couple of": 2,
}
_IT = re.compile(r"^(it|that|this|the event|the conference|the offsite|the workshop)$", re.I)
_WHEN = (
    "when",
    "once",
    "as soon as",
    "after",
    "straight after",
    "right after",
    "just after",
)  # "back when it ends": a day only with an edge of the event
# where the event is written down, not what it is: "on my calendar", "that's in my diary", "per my schedule"
_WHERE_WRITTEN = re.compile(
    r"\b(?:(?:that's|that is|which is|as|it's)\s+)?(?:on|in|per|from)\s+(?:my|the|our)\s+(?:calendar|diary|schedule|agenda)\b",
    re.I,
)
# an event named by what kind of thing it is, not by its title ("my meeting there", "the thing in New York")
_GENERIC = re.compile(
    r"\b(meeting|event|session|thing|appointment|workshop|conference|visit|offsite|off-site|summit|training"
    r"|course|class|talk|presentation|review|demo|show|gig)s?\b",
    re.I,
)


def _shared(words: str, title: str) -> int:
    """How many words of four letters or more the words and a calendar title share ("workshop")."""
    mine = set(re.findall(r"[a-z]{4,}", words.lower())) - {"with", "that", "this", "from", "there", "thing"}
    theirs = set(re.findall(r"[a-z]{4,}", title.lower()))
    # a word inside a title's word counts too: "the expo" is "PackExpo South"
    return len(mine & theirs) + sum(1 for w in mine - theirs if any(w in t for t in theirs))


def _at_destination(what: str, ctx: ReadContext, text: str) -> CalendarEntry | None:
    """ "The day before my meeting there", "the thing in New York": an event named only by its kind is
    the one calendar entry held in a city the request names (not the traveller's home), when exactly one is."""
    if not _GENERIC.search(what):
        return None
    from agents.intent._places import find_places

    named = {p.code for p in find_places(text)} - {ctx.home}
    here = [e for e in ctx.calendar if {p.code for p in find_places(e.title)} & named]
    return here[0] if len(here) == 1 else None


def _event(what: str, ctx: ReadContext, text: str) -> CalendarEntry | None:
    entries = ctx.calendar
    if not entries:
        return None
    what = _WHERE_WRITTEN.sub(" ", what).strip()
    words = re.sub(r"\b(it|starts|ends|last|first|my|the|appointment|'s)\b", " ", what, flags=re.I).strip()
    if _IT.match(what.strip()) or not words:
        scored = [
            (max(fuzz.partial_ratio(e.title.lower(), tok) for tok in text.lower().split() if len(tok) > 3), e)
            for e in entries
        ]
        return max(scored, key=lambda x: x[0])[1] if len(entries) > 1 else entries[0]
    best = max(
        entries,
        key=lambda e: (
            _shared(words, e.title),
            fuzz.token_set_ratio(words.lower(), e.title.lower(), processor=utils.default_process),
        ),
    )
    if fuzz.token_set_ratio(
        words.lower(), best.title.lower(), processor=utils.default_process
    ) < 50 and not _shared(words, best.title):
        if re.search(r"\blast\b", what, re.I):
            return max(entries, key=lambda e: e.end)
        return _at_destination(what, ctx, text)
    if re.search(r"\blast\b", what, re.I):
        same = [
            e
            for e in entries
            if fuzz.token_set_ratio(words.lower(), e.title.lower(), processor=utils.default_process) >= 50
        ]
        return max(same, key=lambda e: e.end)
    return best


def last_day(event: CalendarEntry) -> dt.date:
    """The last day an event takes up: one that ends at midnight ends the day before."""
    end = event.end.date()
    if event.end.time() == dt.time(0) and end > event.start.date():
        end -= dt.timedelta(days=1)
    return end


def calendar_mentions(text: str, ctx: ReadContext) -> list[Mention]:
    """A day for each date rule whose event is on the calendar: an offset in days ("two days before
    it starts", "the night before the hackathon"), a weekday ("the Friday before it", "the Monday
    after"), the day itself ("the day it opens", "until it ends"), or all of it ("for the whole of")."""
    out = []
    last: CalendarEntry | None = None
    for m in _RULE.finditer(text):
        what = m.group("what")
        edge = (m.group("edge") or "").lower()
        if (m.group("on") or "").lower() in _WHEN and not edge:
            continue  # "once my workshop" is no day; "back once it's over" is the day it ends
        if (m.group("on") or "").lower().endswith("after") and not (
            last is not None and _IT.match(what.strip())
        ):
            continue  # "after it closes" is a day only of the event a rule named before ("the evening before the expo")
        ev = last if last is not None and _IT.match(what.strip()) else _event(what, ctx, text)
        if ev is None:
            continue
        last = ev
        start, end = ev.start.date(), last_day(ev)
        on = (m.group("on") or "").lower()
        if on in _SPAN[1:] and (edge or not _STAY.search(text[max(0, m.start() - 40) : m.start()])):
            continue  # "flights for the offsite" names no days; "a hotel for the offsite" its nights
        if on in _SPAN:
            if _provided(text, m.start()):
                continue  # "the organisers are putting me up ... for the conference nights": dates no trip
            out.append(Mention(m.start(), m.end(), "calendar", [start, end + dt.timedelta(days=1)]))
            continue
        direction = (m.group("dir") or m.group("dir1") or m.group("dir2") or "").lower()
        after = direction == "after" or on in ("until", "till")
        base = (start if edge in _START_EDGE else end) if edge else end if after else start
        if m.group("wd"):
            wd = _WDS.split("|").index(m.group("wd").lower())
            step = 1 if after else -1
            day = base + dt.timedelta(days=step)
            while day.weekday() != wd:
                day += dt.timedelta(days=step)
        elif direction:
            n = m.group("n")
            shift = 1 if n is None else int(n) if n.isdigit() else _COUNT[n.lower()]
            day = base + dt.timedelta(days=shift if after else -shift)
        else:
            day = base
        out.append(Mention(m.start(), m.end(), "calendar", [day]))
    return _nights_of(text, ctx, out + _elliptic(text, ctx, out, last))


def _provided(text: str, at: int) -> bool:
    """The sentence of a span ("for the conference nights") says someone else houses the traveller for it
    ("the organisers are putting me up at the conference hotel"): its nights are no stay to buy, and
    its days are no flight's."""
    from agents.intent._hotel_words import _NO_HOTEL

    sentence = re.split(r"[.;!?]", text[max(0, at - 160) : at])[-1]
    return _NO_HOTEL.search(sentence) is not None


def _named_event(text: str, ctx: ReadContext) -> CalendarEntry | None:
    """The one calendar entry whose title shares the most words with the request ("my Denver trip for
    the offsite" -> "Platform team offsite (Denver)"), when the request names it and no other ties it."""
    scored = sorted(((_shared(text, e.title), e) for e in ctx.calendar), key=lambda x: -x[0])
    if not scored or scored[0][0] == 0 or (len(scored) > 1 and scored[1][0] == scored[0][0]):
        return None
    return scored[0][1]


#: a sentence that says an event exists, not when to travel
_THERE_IS = re.compile(r"\b(?:there'?s|there is|there are|I've got|I have got|I have an?|I've an?)\b", re.I)


def _elliptic(text: str, ctx: ReadContext, out: list[Mention], last: CalendarEntry | None) -> list[Mention]:
    """Days counted from an event the clause leaves unsaid ("out the Friday before, back the day after"):
    the event is the one a rule named before, else the one the request names by its title's words."""
    found: list[Mention] = []
    for m in _ELLIPTIC.finditer(text):
        if any(o.start <= m.start() < o.end for o in out):
            continue
        if _THERE_IS.search(re.split(r"[.;!?]", text[: m.start()])[-1]):
            continue  # "there's a team dinner on my calendar the night before": when the event is, no travel day
        ev = last or _named_event(text, ctx)
        if ev is None:
            return found
        start, end = ev.start.date(), last_day(ev)
        after = m.group("dir").lower() == "after"
        day = end + dt.timedelta(days=1) if after else start - dt.timedelta(days=1)
        if m.group("wd"):
            wd = _WDS.split("|").index(m.group("wd").lower())
            while day.weekday() != wd:
                day += dt.timedelta(days=1 if after else -1)
        found.append(Mention(m.start(), m.end(), "calendar", [day]))
    return found


#: "the nights of the dinner and the board meeting", "each night of the summit", "the night of the gala"
_NIGHTS_OF = re.compile(
    r"\b(?:(?:the|each|every|all)\s+)?nights?\s+of\s+(?P<what>(?:(?!\bnights?\s+of\b)[^,.;:!?()\n]|,(?!\s*(?:so|but)\b)){2,90})",
    re.I,
)
#: "the launch and the signing, both nights please": the nights of the events the request names
_BOTH_NIGHTS = re.compile(r"\b(?:both|all (?:the |three |of the )?)\s*nights\b", re.I)
#: where a list of events ends: "the gala, so I only need ...", "the summit in my diary. Rail is ..."
_LIST_END = re.compile(
    r"\b(?:so|but|because|as|since|while|though|if|when|I|I'm|I'll|we|we're|please|pls|thanks|thank)\b.*",
    re.I,
)
_PARTS = re.compile(r"\s*(?:,|&|\band\b)\s*", re.I)
_THEM = re.compile(
    r"^(?:the\s+)?(?:both|them|them both|both of them|all of them|these|those|each|all)$", re.I
)
#: the night said is where a stay of its own length starts ("for three nights starting the night of the gala")
_FROM = re.compile(
    r"\b(?:starting|start|from|beginning|begin|arriving|checking in|check in)\s+(?:on\s+|with\s+)?(?:the\s+)?$",
    re.I,
)
#: the clause says someone else houses the traveller that night ("the organisers put me up on the night of the gala")
_HOUSED = re.compile(
    r"\b(?:put(?:s|ting)? (?:me|us) up|(?:is|are) covered|(?:is|are) provided|comped)\b", re.I
)


def _strong(part: str, ctx: ReadContext) -> CalendarEntry | None:
    """The calendar entry a few words name outright ("the partner dinner"), or none."""
    words = _WHERE_WRITTEN.sub(" ", part)
    words = re.sub(
        r"\b(?:the|my|our|his|her|their|day|night|event|please|pls)\b", " ", words, flags=re.I
    ).strip()
    if not words or not ctx.calendar:
        return None
    scored = [
        (
            _shared(words, e.title),
            fuzz.token_set_ratio(words.lower(), e.title.lower(), processor=utils.default_process),
            e,
        )
        for e in ctx.calendar
    ]
    best = max(scored, key=lambda x: (x[0], x[1]))
    return best[2] if best[0] or best[1] >= 70 else None


def _named_events(text: str, ctx: ReadContext) -> list[CalendarEntry]:
    """The calendar entries a request names by a word of their titles ("the bbq and the brunch")."""
    return [e for e in ctx.calendar if _shared(text, e.title)]


#: "the rehearsal night", "the launch night": an event's night said by the event's own words
_EVENT_NIGHT = re.compile(
    r"\b(?:the\s+)?(?P<what>(?:(?!(?:from|in|to|at|for|until|till|on|by|the|a|an|of|and|or)\b)[\w'&-]+\s+){1,3}?)"
    r"nights?\b(?!\s+(?:before|after|of)\b)",
    re.I,
)


def _event_nights(text: str, ctx: ReadContext) -> list[tuple[int, int, str]]:
    """Runs of "the <event> night" joined by "and" ("the rehearsal night and the recital night"), as one
    list of events each: (start, end, the events' words joined by "and")."""
    runs: list[tuple[int, int, str]] = []
    for m in _EVENT_NIGHT.finditer(text):
        what = m.group("what").strip()
        if re.match(rf"^(?:{_WDS}|to|last|this|next|one|a|each|every|that|first|second|third)\b", what, re.I):
            continue  # "Friday night", "last night", "a night": no event
        if _strong(what, ctx) is None:
            continue
        if runs and re.fullmatch(r"[\s,]*(?:and|&)?\s*", text[runs[-1][1] : m.start()]):
            runs[-1] = (runs[-1][0], m.end(), runs[-1][2] + " and " + what)
        else:
            runs.append((m.start(), m.end(), what))
    return runs


def _nights_of(text: str, ctx: ReadContext, out: list[Mention]) -> list[Mention]:
    """A hotel's nights said as the nights of calendar events ("the nights of the dinner and the board
    meeting", "each night of the summit", "I need the nights of both"): from the first event's day to
    the morning after the last one ends. A night someone else houses the traveller is none."""
    found: list[Mention] = []
    spans = [(m.start(), m.end(), m.group("what")) for m in _NIGHTS_OF.finditer(text)]
    spans += [(m.start(), m.end(), "both") for m in _BOTH_NIGHTS.finditer(text)]
    spans += _event_nights(text, ctx)
    for start, end, what in spans:
        what = _LIST_END.sub("", what).strip(" ,")
        end = min(end, text.find(what, start) + len(what))
        clause = re.split(r"[,.;!?]|\bso\b|\bbut\b", text[:start])[-1]
        if _FROM.search(clause):
            continue  # "three nights starting the night of the gala": where the stay starts, not its nights
        if _HOUSED.search(clause):
            out = [o for o in out if not (o.start < end and start < o.end)]
            continue
        if _THEM.match(what):
            events = _named_events(text, ctx)
            if len(events) < 2:
                continue
        else:
            picked = [_strong(p, ctx) for p in _PARTS.split(what) if p.strip()]
            if not picked or any(e is None for e in picked):
                continue
            events = [e for e in picked if e is not None]
        first = min(e.start.date() for e in events)
        last = max(last_day(e) for e in events)
        found.append(Mention(start, end, "calendar", [first, last + dt.timedelta(days=1)]))
    kept = [o for o in out if not any(o.start < f.end and f.start < o.end for f in found)]
    return sorted(kept + found, key=lambda m: m.start)
