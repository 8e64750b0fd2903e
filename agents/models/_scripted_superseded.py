"""An area a later correction replaces is no wish any more: "a hotel in Buckhead near the client's
office ... P.S. Correction: they moved their office to Midtown", "near Fisherman's Wharf. Actually
scratch that, put me in SoMa", "Update: the venue is now down in Harbourfront".

The scorer weighs a neighbourhood by its name in the traveller's words (``name_weight``), so an area
said first and corrected later would still weigh as much as the one that replaced it, and the cheaper
of the two would win. Here the words are cut at the first **correction** ("P.S.", "correction",
"actually", "scratch that", "change of plan", "update", "no wait") whose own clause (up to the
sentence's end or a "but") names a new **area** (a proper name after "in", "to", "near", "around",
"close to", that is no city, airport, month or weekday) and moves a place or puts the stay there
("moved", "now", "instead", "put me", "stay"), and adds nothing, tells of no one else's stay and no
past one ("also", "too", "my colleague", "last time", "stayed", "still prefer"); areas named only
before it are dropped from the text the scorer reads. An area named again after it stays ("the office
moved to Brickell, but I still prefer Wynwood").
"""

from __future__ import annotations

import re

from agents.intent._hood_wish import named_areas
from agents.intent._places import find_places

_CORRECTION = re.compile(
    r"\bp\.?\s?s\b\.?|\bcorrection\b|\bactually\b|\bscratch that\b|\bchange of plans?\b|\bupdate\b|\bno wait\b",
    re.I,
)
_AREA = re.compile(
    r"\b(?:in|into|to|near|around|close to|next to|by)\s+(?:the\s+)?"
    r"(?P<h>[A-Z][\w'&-]*(?:\s+[A-Z][\w'&-]*){0,2})"
)
#: The tail of a correction is about where to stay: the place moved, or the stay is put there anew.
_RELOCATE = re.compile(
    r"\b(?:moved|moving|changed|relocated|now|instead|put me|stay\w*|hotel|look there|be near|be in|"
    r"venue|office)\b",
    re.I,
)
#: The correction's clause ends at a sentence's end or a "but": "the office moved to Brickell, but I
#: still prefer Wynwood" moves the office, not the stay.
_CLAUSE_END = re.compile(r"(?<=[.!?;])\s|\n|\bbut\b", re.I)
#: A postscript that adds to the stay or tells of another's or a past one moves nothing: "I'd also like
#: to be near", "my colleague is staying in Midtown", "I stayed in Brickell last time".
_VETO = re.compile(
    r"\b(?:also|too|as\s+well|colleagues?|coworkers?|co-workers?|friends?|boss|wife|husband|partner|"
    r"last\s+(?:time|year|trip)|stayed|used\s+to|still\s+prefer|keep\s+the\s+hotel|hotel\s+stays|as\s+is"
    r"|same\s+hotel|dinner|lunch|drinks)\b",
    re.I,
)
_NOT_AREA = re.compile(
    r"^(?:i|a|an|my|our|your|the|it|this|that|we|please|hotel|hotels|flight|flights|"
    r"jan\w*|feb\w*|mar\w*|apr\w*|may|jun\w*|jul\w*|aug\w*|sep\w*|oct\w*|nov\w*|dec\w*|"
    r"mon\w*|tue\w*|wed\w*|thu\w*|fri\w*|sat\w*|sun\w*)$",
    re.I,
)


def _areas(text: str) -> set[str]:
    """The areas ``text`` places a stay in or moves a place to, by name, in lower case."""
    out = {name for _, _, name in named_areas(text)}
    for m in _AREA.finditer(text):
        name = m.group("h")
        if _NOT_AREA.match(name.split()[0]) or name.isupper() or find_places(name):
            continue
        out.add(name.lower())
    return out


def _correction(text: str) -> tuple[re.Match[str], set[str]] | None:
    """The first correction that moves the stay, and the areas (lower case) it replaces."""
    for m in _CORRECTION.finditer(text):
        before, after = text[: m.start()], text[m.end() :]
        clause = _CLAUSE_END.split(after, maxsplit=1)[0]
        new = _areas(clause)
        if not new or not _RELOCATE.search(clause) or _VETO.search(clause):
            continue
        gone = {
            a
            for a in _areas(before)
            if a not in new
            and not any(a in n or n in a for n in new)
            and not re.search(rf"\b{re.escape(a)}\b", after, re.I)
        }
        return m, gone
    return None


def superseded_areas(text: str) -> set[str]:
    """The areas (lower case) a later correction replaces (see the module's docstring)."""
    found = _correction(text)
    return found[1] if found else set()


def drop_superseded(text: str) -> str:
    """``text`` without the names of the areas a later correction replaced (where they were said)."""
    found = _correction(text)
    if not found or not found[1]:
        return text
    m, gone = found
    head = text[: m.start()]
    for name in sorted(gone, key=len, reverse=True):
        head = re.sub(rf"\b{re.escape(name)}\b", "", head, flags=re.I)
    return head + text[m.start() :]
