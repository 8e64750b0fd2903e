"""A traveller who changes their mind mid-request: the later word wins.

A place can be denied ("not Seattle", "instead of Dallas", "rather than Boston"), dropped ("skip
Chicago"), or put in another's stead ("make that Portland", "I meant Austin", "fly me to Austin
instead", "so from Portland"): the place said in its stead takes the earlier one's part, at its
place in the words, so the route reads as if it had been said right the first time; one said before
the place it rules out ("to Austin rather than Seattle") keeps its own place. The way back
can be withdrawn ("no wait, I'll drive back, so just the flight there") or added ("oh actually,
book the return too"); a party count can be restated ("correction: it's just two").
"""

from __future__ import annotations

import re
from dataclasses import replace

from agents.intent._gazetteer import Place

# words that take back what came before: a correction follows
CUE = re.compile(
    r"\b(?:actually|i mean|i meant|make (?:that|it)|no wait|oh wait|wait,? no|sorry|scratch that|"
    r"change of plans?|on second thoughts?|hang on|hold on|correction|rather|instead)\b|\bno\b\s*[,.!]",
    re.I,
)
_DENIED = re.compile(
    r"\b(?:not|instead of|rather than|skip|skipping|drop|forget|scratch|without|no longer|not going to)\s+"
    r"(?:(?:to|in|into|at|for)\s+)?(?:the\s+)?$"  # "to Austin rather than to Seattle"
    r"|\b(?:swap|switch|trade|exchange)\s+(?:out\s+)?$",  # "swap Phoenix for Denver": Phoenix goes
    re.I,
)
_INSTEAD_AFTER = re.compile(r"^\s*(?:instead\b|,?\s*(?:not|instead of|rather than)\s)", re.I)
_NAMING = re.compile(
    r"^\s*(?:hotels?|flights?|trip|part|leg|bookings?|reservations?|stay|one|thing|office)\b", re.I
)
#: The traveller says where they are ("I'm at my sister's in", "we'll be staying in"): a place then said
#: is no correction of the trip's stops, even after a cue.
_WHERE_I_AM = re.compile(
    r"\b(?:i'm|i am|we're|we are|i'll be|we'll be|i will be|we will be)\s+(?:\w+\s+){0,2}?(?:at|in|with)\b",
    re.I,
)
_FROM = re.compile(r"\b(?:from|out of|leaving|departing)\s+(?:the\s+)?$", re.I)


def _role(text: str, p: Place, places: list[Place]) -> str:
    """Origin when said as one ("from Seattle", "Denver to Chicago"), else destination."""
    if _FROM.search(text[max(0, p.start - 25) : p.start]):
        return "origin"
    nxt = next((q for q in places if q.start >= p.end), None)
    if nxt is not None and re.fullmatch(r"\s*(?:to|->|→|-)\s*", text[p.end : nxt.start]):
        return "origin"
    return "destination"


def _cue_before(text: str, p: Place) -> int | None:
    """Where the correction that ``p`` belongs to starts: a cue shortly before it, or the place itself
    when "instead" / "not X" follows it."""
    if _INSTEAD_AFTER.match(text[p.end : p.end + 14]):
        return p.start
    if _NAMING.match(text[p.end :]):
        return None  # "leave the London hotel": a place naming something, not where to go
    cues = [
        m
        for m in CUE.finditer(text, max(0, p.start - 80), p.start)
        if not re.search(r"[.!?;]", text[m.end() : p.start])
    ]
    if not cues:
        return None
    said = text[cues[-1].end() : p.start]
    if _WHERE_I_AM.search(re.split(r"[,:]", said)[-1]):
        return None  # "sorry, I'm at my sister's in Portland that week": where one is, not a new stop
    if not re.search(
        r"^[\s,:]*(?:(?:just|only|the|it's|it|its|it is)\s+)?$|\b(?:to|into|from|in|for|via|at|out of)\s+(?:the\s+)?$",
        said,
        re.I,
    ):
        return None
    return cues[-1].start()


def corrected_places(places: list[Place], text: str) -> list[Place]:
    """The places as finally meant: denied ones dropped, a correcting place in the stead of the one
    it corrects ("Flights to Seattle... wait, not Seattle, Portland" -> Portland where Seattle was)."""
    denied = [
        p
        for p in places
        if _DENIED.search(text[max(0, p.start - 16) : p.start]) and not _NAMING.match(text[p.end :])
    ]
    gone = {p.code for p in denied}
    out: list[Place] = []
    for p in places:
        cue = None if p.code in gone else _cue_before(text, p)
        if cue is None:
            out.append(p)
            continue
        near = [d for d in denied if abs(d.start - p.end) < 20 or abs(p.start - d.end) < 20]
        role = _role(text, p, places)
        earlier = [
            q
            for q in out
            if q.start < cue and q.code != p.code and q.code not in gone and _role(text, q, places) == role
        ]
        if not near and not earlier:
            out.append(p)
            continue
        target = near[0].code if near else earlier[-1].code
        took = any(q.code == target and q.start < p.start for q in out)
        out = [replace(q, code=p.code) if q.code == target and q.start < p.start else q for q in out]
        if not took:  # "to Austin instead of Seattle": the place denied comes after; this one stands
            out.append(p)
        gone.add(target)  # said again later, it is still the place taken back
    last_denied = {d.code: d.start for d in denied}
    return [p for p in out if p.code not in gone or _back_to_after(text, p, last_denied.get(p.code))]


#: "Coming back I'm going straight home to Seattle": the way back's end, said after a denial of the same
#: place as the way out's start ("leave from Portland, not Seattle"), still stands.
_BACK_TO = re.compile(r"\b(?:home|back|return(?:ing)?)\s+(?:to|into)\s+$", re.I)


def _back_to_after(text: str, p: Place, denied_at: int | None) -> bool:
    return (
        denied_at is not None
        and p.start > denied_at
        and _role(text, p, [p]) == "destination"
        and bool(_BACK_TO.search(text[max(0, p.start - 20) : p.start]))
    )


_ONE_LEG = re.compile(
    r"\b(?:just|only)\s+(?:the\s+)?(?:flight|one)\s+(?:there|out)\b|\b(?:drive|driving|train|bus|ride)\s+(?:back|home)\b|"
    r"\b(?:no|skip the|drop the|forget the)\s+(?:return|flight back|way back)\b",
    re.I,
)
_BOTH_LEGS = re.compile(
    r"\b(?:book|add|get|want|need)\s+(?:me\s+)?(?:the|a)\s+(?:return|flight back|way back)(?:\s+(?:too|as well))?\b"
    r"|\b(?:return|flight back|way back)\s+(?:too|as well)\b",
    re.I,
)


def way_back(text: str) -> bool | None:
    """After a correction, whether the traveller still flies back: False when the way back is taken
    back, True when it is added, None when no correction says."""
    cue = [m.end() for m in CUE.finditer(text)]
    if not cue:
        return None
    after = text[cue[0] :]
    last: tuple[int, bool] | None = None
    for rx, wanted in ((_ONE_LEG, False), (_BOTH_LEGS, True)):
        for m in rx.finditer(after):
            if last is None or m.start() > last[0]:
                last = (m.start(), wanted)
    return None if last is None else last[1]


_COUNT = re.compile(
    r"\b(?:(?:it's|it is|that's|make it|now|so)\s+)?(?:just|only)\s+(?:the\s+)?(?P<n>\d)\b(?!\s*(?:nights?|days?|rooms?|am|pm|:|\$))"
    r"|\bmake it\s+(?P<m>\d)\b(?:\s+(?:people|of us|travell?ers|passengers|tickets|seats))",
    re.I,
)


def restated_party(digits: str) -> int | None:
    """A party count said again after a correction ("Correction: my brother can't come, so it's just
    two"); ``digits`` is the text with number words as digits."""
    cue = [m.end() for m in CUE.finditer(digits)]
    if not cue:
        return None
    found = [m for m in _COUNT.finditer(digits) if m.start() >= cue[0]]
    if not found:
        return None
    n = int(found[-1].group("n") or found[-1].group("m"))
    return n if 1 <= n <= 9 else None
